"""Exhaustive search over every plan of a tiny instance: an independent optimum.

It shares nothing with the engines or the validator: it enumerates prints and
transfers day by day straight from the instance dictionary (SPEC constraints
1–5 checked inline), then scores each complete plan per applicant by the SPEC's
first-come rule. Only for instances of a few days and a handful of applicants.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _day(doc: dict[str, Any], when: str) -> int:
    start = date.fromisoformat(doc["horizon"]["start"])
    return (date.fromisoformat(when) - start).days


def _open(doc: dict[str, Any], district: dict[str, Any], t: int) -> bool:
    when = date.fromisoformat(doc["horizon"]["start"]) + timedelta(days=t)
    workdays = district.get("workdays", ["Mon", "Tue", "Wed", "Thu", "Fri"])
    holidays = set(doc.get("holidays", [])) | set(district.get("holidays", []))
    return WEEKDAY[when.weekday()] in workdays and when.isoformat() not in holidays


def _capacity(doc: dict[str, Any], printer: dict[str, Any], t: int) -> int:
    district = next(d for d in doc["districts"] if d["id"] == printer["district"])
    if not _open(doc, district, t):
        return 0
    cap = printer["capacity"]
    for o in doc.get("outages", []):
        covers = o.get("printer") == printer["id"] or o.get("district") == printer["district"]
        if covers and _day(doc, o["start"]) <= t <= _day(doc, o["end"]):
            cap = min(cap, o.get("capacity", 0))
    return cap


def _links(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    links = {}
    for lk in doc.get("links", []):
        links[(lk["from"], lk["to"])] = lk
        if lk.get("bidirectional"):
            links[(lk["to"], lk["from"])] = lk
    return links


def score(doc: dict[str, Any], prints: list[tuple[int, str, str, str, int]],
          transfers: list[tuple[int, str, str, int]]) -> tuple[int, int, int]:
    """(misses, waiting, transfer) of a plan, applicant by applicant (SPEC first-come rule)."""
    days = doc["horizon"]["days"]
    classes = {c["id"]: c for c in doc.get("classes", [{"id": "regular", "weight": 1}])}
    links = _links(doc)
    printer_district = {p["id"]: p["district"] for p in doc["printers"]}
    misses = waiting = transfer = 0
    queues: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for i, c in enumerate(doc["queue"]["cohorts"]):
        if _day(doc, c["ready"]) < days:
            key = (c["district"], c.get("class", "regular"))
            queues.setdefault(key, []).extend([(_day(doc, c["ready"]), i)] * c["count"])
    for (home, cls), applicants in queues.items():
        applicants.sort()
        cards = []
        for t, printer, h, c, n in prints:
            if (h, c) == (home, cls):
                k = printer_district[printer]
                lead = 0 if k == home else links[(home, k)].get("lead_days", 0)
                cards.extend([(t, t + lead, printer)] * n)
                if k != home:
                    transfer += n * links[(home, k)].get("cost", 0)
        cards.sort()
        weight = classes[cls].get("weight", 1)
        deadline = classes[cls].get("deadline")
        for j, (ready, _) in enumerate(applicants):
            home_day = cards[j][1] if j < len(cards) else None
            end = days if home_day is None or home_day >= days else home_day
            waiting += weight * (end - max(ready, 0))
            if deadline is not None and ready <= _day(doc, deadline):
                if home_day is None or home_day > _day(doc, deadline):
                    misses += 1
    for _, a, b, n in transfers:  # one entry per link and day: a trip
        transfer += n * links[(a, b)].get("cost", 0) + links[(a, b)].get("trip_cost", 0)
    return misses, waiting, transfer


def optimum(doc: dict[str, Any]) -> tuple[int, int, int]:
    """The lexicographic optimum over every feasible plan (one printer per district).

    Side constraints 7 (min_batch) and 8 (box, trip_cost) are honoured too.
    """
    days = doc["horizon"]["days"]
    links = _links(doc)
    districts = {d["id"]: d for d in doc["districts"]}
    printers = {p["district"]: p for p in doc["printers"]}
    assert len(printers) == len(doc["printers"]), "one printer per district"
    queue_keys = sorted({(c["district"], c.get("class", "regular"))
                         for c in doc["queue"]["cohorts"]})
    ready_by = {q: [0] * days for q in queue_keys}
    for c in doc["queue"]["cohorts"]:
        t = _day(doc, c["ready"])
        if t < days:
            for s in range(max(t, 0), days):
                ready_by[(c["district"], c.get("class", "regular"))][s] += c["count"]
    supply = {k: [0] * days for k in districts}
    for k, d in districts.items():
        supply[k][0] += d.get("blanks", 0)
    for dl in doc.get("deliveries", []):
        t = _day(doc, dl["date"])
        if t < days:
            supply[dl["district"]][max(t, 0)] += dl["blanks"]

    best: list[tuple[int, int, int]] = []

    def options_at(k: str) -> list[tuple[str, str]]:
        return [q for q in queue_keys if q[0] == k or (q[0], k) in links]

    def day_plans(t: int, printed: dict[tuple[str, str], int]) -> list[list[tuple[str, str, int]]]:
        per_district = []
        for k in sorted(districts):
            printer = printers.get(k)
            cap = _capacity(doc, printer, t) if printer else 0
            opts = options_at(k)
            choices = []
            batch = printer.get("min_batch", 0) if printer else 0
            for counts in itertools.product(range(cap + 1), repeat=len(opts)):
                if sum(counts) <= cap and (sum(counts) == 0 or sum(counts) >= batch):
                    choices.append([(k, q, n) for q, n in zip(opts, counts, strict=True) if n])
            per_district.append(choices)
        return [sum(combo, []) for combo in itertools.product(*per_district)]

    def walk(t: int, printed: dict, stock: dict, arriving: dict, prints: list, transfers: list
             ) -> None:
        if t == days:
            best.append(score(doc, prints, transfers))
            return
        for plan in day_plans(t, printed):
            now = dict(printed)
            ok = True
            per_link: dict[tuple[str, str], int] = {}
            for k, q, n in plan:
                now[q] = now.get(q, 0) + n
                if k != q[0]:
                    per_link[(q[0], k)] = per_link.get((q[0], k), 0) + n
            if any(now.get(q, 0) > ready_by[q][t] for q in queue_keys):
                continue
            for pair, n in per_link.items():
                limit = links[pair].get("daily_limit")
                if limit is not None and n > limit:
                    ok = False
            if not ok:
                continue
            avail = {k: stock[k] + supply[k][t] + arriving.get((k, t), 0) for k in districts}
            used = {k: sum(n for kk, _, n in plan if kk == k) for k in districts}
            senders = [pair for pair in sorted(links)
                       if _open(doc, districts[pair[0]], t)]
            ranges = [range(0, max(avail[a], 0) + 1) for a, _ in senders]
            for sends in itertools.product(*ranges):
                sent = list(zip(senders, sends, strict=True))
                if any(n % links[pair].get("box", 1) for pair, n in sent):
                    continue
                left = dict(avail)
                new_arriving = dict(arriving)
                for (a, b), n in sent:
                    left[a] -= n
                    lead = links[(a, b)].get("lead_days", 0)
                    new_arriving[(b, t + lead)] = new_arriving.get((b, t + lead), 0) + n
                # lead 0 arrivals are usable the same day
                for (a, b), n in sent:
                    if links[(a, b)].get("lead_days", 0) == 0:
                        left[b] += n
                        new_arriving[(b, t)] -= n
                if any(left[k] - used[k] < 0 for k in districts):
                    continue
                walk(t + 1, now, {k: left[k] - used[k] for k in districts}, new_arriving,
                     prints + [(t, printers[k]["id"], q[0], q[1], n) for k, q, n in plan],
                     transfers + [(t, a, b, n) for (a, b), n in sent if n])

    walk(0, {}, {k: 0 for k in districts}, {}, [], [])
    return min(best)
