"""The new instance as of the re-planning date: same end, the done work taken out.

Built from the old instance file's own JSON (names, links as written, extra
fields kept) with: the horizon starting at the date and ending where it did;
each district's blanks set to its stock at the date (initial + deliveries
dated before it + blanks arrived before it − blanks sent − cards printed);
deliveries dated before it dropped (they are in the stock), blanks still on
their way added as deliveries on their arrival day; outages and holidays that
ended before it dropped; the printed applicants taken out of the queue (cards
printed at a neighbour and still on their way home are printed: they are out
of the queue as well).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from scheduler.instance.calendar import Calendar, IntArray
from scheduler.replan.done import Done

QUEUE_COLUMNS = ("applicant_id", "district", "class", "ready")


@dataclass(frozen=True)
class Rebased:
    """The new instance dict; for a file queue also the rows of its new queue file."""

    data: dict[str, Any]
    stock: dict[str, int]
    queue_rows: list[tuple[str, str, str, str]] | None


def stock_at(calendar: Calendar, done: Done) -> IntArray:
    """Blanks per district usable at the re-planning date (blanks in transit excluded)."""
    instance = calendar.instance
    as_of = instance.date_of(done.as_of)
    k_of = {k: i for i, k in enumerate(calendar.district_ids)}
    stock = np.array([d.blanks for d in instance.districts], dtype=np.int64)
    for delivery in instance.deliveries:
        if delivery.date < as_of:
            stock[k_of[delivery.district]] += delivery.blanks
    for tr in done.transfers:
        stock[int(calendar.link_source[tr.link])] -= tr.count
        if tr.day + int(calendar.link_lead[tr.link]) < done.as_of:
            stock[int(calendar.link_target[tr.link])] += tr.count
    for pp in done.prints:
        stock[int(calendar.printer_district[pp.printer])] -= pp.count
    if (stock < 0).any():
        raise ValueError("the done work uses more blanks than there were (a bug: it was checked)")
    return stock


def rebase(raw: dict[str, Any], calendar: Calendar, done: Done, queue_file: str | None
           ) -> Rebased:
    """The new instance's JSON (see the module docstring); `queue_file` names a new queue file."""
    instance = calendar.instance
    as_of = instance.date_of(done.as_of).isoformat()
    stock = stock_at(calendar, done)
    data = dict(raw)
    data["name"] = f"{instance.name}-replan-{as_of}"
    data["description"] = (
        f"{instance.name} re-planned as of {as_of}: {done.printed} card(s) printed before "
        f"({done.in_transit} of them still on their way home) per {done.source}. "
        + str(raw.get("description", ""))
    ).strip()
    data["horizon"] = {"start": as_of, "days": instance.days - done.as_of}
    if "holidays" in raw:
        data["holidays"] = [h for h in raw["holidays"] if h >= as_of]
    data["districts"] = [
        {**d, "blanks": int(stock[k]),
         **({"holidays": [h for h in d["holidays"] if h >= as_of]} if "holidays" in d else {})}
        for k, d in enumerate(raw["districts"])
    ]
    data["outages"] = [o for o in raw.get("outages", []) if o["end"] >= as_of]
    data["deliveries"] = [dl for dl in raw.get("deliveries", []) if dl["date"] >= as_of]
    data["deliveries"] += _in_transit_blanks(calendar, done)
    if queue_file is None:
        data["queue"] = {"cohorts": _cohorts(calendar, done)}
        rows = None
    else:
        data["queue"] = {"file": queue_file}
        rows = _queue_rows(calendar, done)
    return Rebased(data, dict(zip(calendar.district_ids, stock.tolist(), strict=True)), rows)


def _in_transit_blanks(calendar: Calendar, done: Done) -> list[dict[str, Any]]:
    """Blanks sent before the date that arrive on or after it, as deliveries on arrival."""
    arriving: dict[tuple[int, int], int] = {}
    for tr in done.transfers:
        arrival = tr.day + int(calendar.link_lead[tr.link])
        if arrival >= done.as_of:
            key = (arrival, int(calendar.link_target[tr.link]))
            arriving[key] = arriving.get(key, 0) + tr.count
    return [
        {"district": calendar.district_ids[k], "date": calendar.instance.date_of(t).isoformat(),
         "blanks": n}
        for (t, k), n in sorted(arriving.items())
    ]


def _cohorts(calendar: Calendar, done: Done) -> list[dict[str, Any]]:
    """The queue's cohorts in first-come order, each less its printed applicants.

    What is left of a cohort keeps its applicants' ids: each run of consecutive
    positions still waiting is a record with the cohort's `label` and the `first`
    position of the run, so `cohort-<label>-<position>` names the same applicant
    in the new instance as in the old one.
    """
    out: list[dict[str, Any]] = []
    for j, cohort in enumerate(calendar.instance.cohorts):
        removed = done.removed.get(j, ())
        start = None
        for position in range(cohort.count + 1):
            waiting = position < cohort.count and position not in removed
            if waiting and start is None:
                start = position
            elif not waiting and start is not None:
                out.append({"district": cohort.district, "class": cohort.service_class,
                            "ready": cohort.ready.isoformat(), "count": position - start,
                            "label": cohort.index, "first": cohort.first + start})
                start = None
    return out


def _queue_rows(calendar: Calendar, done: Done) -> list[tuple[str, str, str, str]]:
    """The applicants still waiting, one row each (a file queue keeps their ids)."""
    instance = calendar.instance
    assert instance.applicant_ids is not None
    rows: list[tuple[str, str, str, str]] = []
    for j, cohort in enumerate(instance.cohorts):
        removed = done.removed.get(j, ())
        ready = cohort.ready.isoformat()
        rows += [(a, cohort.district, cohort.service_class, ready)
                 for i, a in enumerate(instance.applicant_ids[j]) if i not in removed]
    return rows


def write_queue_rows(path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    """A queue file (CSV) with the waiting applicants."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(QUEUE_COLUMNS)
        writer.writerows(rows)
