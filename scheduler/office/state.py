"""The ledger as an instance on a morning: what was printed taken out, events in, real stock.

The ledger's `instance_as_of`, built from the records the way the file-based
re-plan (`replan/rebase.py`) builds its JSON and the simulation
(`simulate/asof.py`) its records: the horizon runs from the date to the
instance's end; each district's blanks are its stock that morning (initial
blanks and deliveries before the date, less the cards recorded printed and the
blanks recorded sent, plus those that arrived); blanks still on their way are
deliveries on their arrival day; the queue is every applicant not recorded
printed, as cohorts (district, class, ready) in first-come order with their
ids, so the plan's pairing names real applicants. The JSON is re-read by the
instance reader, so every record (events included) is checked as in a file.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, String, exists, func, select, type_coerce

from scheduler.errors import InputError
from scheduler.instance.model import Instance
from scheduler.instance.reader import parse_instance
from scheduler.office import meta, words
from scheduler.office.schema import applicants, printed, printers, sent
from scheduler.office.versions import iso_text

SOURCE = "ledger"


@dataclass(frozen=True)
class LedgerState:
    """The instance from `as_of` on; `document` is its JSON (the queue as inline cohorts)."""

    as_of: date
    instance: Instance
    document: dict[str, Any]
    inputs_sha256: str
    revision: int


def frame(doc: dict[str, Any], start: date, end: date) -> Instance:
    """The instance's records without a queue (districts, printers, links...), checked."""
    skeleton = {**doc, "horizon": {"start": start.isoformat(), "days": (end - start).days + 1},
                "queue": {"cohorts": []}}
    return parse_instance(skeleton, SOURCE)


def parse_day(text: str, source: str, connection: Connection) -> date:
    """A date given by a person, which must lie within the ledger's horizon."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InputError(source, "", words.NOT_A_DATE.format(text=text)) from None
    start, end = meta.horizon(connection)
    if not start <= day <= end:
        raise InputError(source, "", words.OUTSIDE_HORIZON.format(day=day, start=start, end=end))
    return day


def ledger_state(connection: Connection, as_of: date) -> LedgerState:
    """The instance as the ledger sees it on the morning of `as_of` (module docstring)."""
    start, end = meta.horizon(connection)
    latest = connection.execute(select(func.max(printed.c.print_date))).scalar()
    if latest is not None and latest >= as_of:
        raise InputError(SOURCE, "", words.PRINTED_ON_OR_AFTER.format(day=latest, as_of=as_of))
    doc = meta.instance_doc(connection)
    base = frame(doc, start, end)
    stock, arriving = stock_on_morning(connection, base, as_of)
    cohorts, ids = _waiting(connection, base, end)
    data = dict(doc)
    data["name"] = f"{base.name}-ledger-{as_of.isoformat()}"
    data["horizon"] = {"start": as_of.isoformat(), "days": (end - as_of).days + 1}
    data["districts"] = [{**d, "blanks": stock[d["id"]]} for d in doc["districts"]]
    data["deliveries"] = [d for d in doc.get("deliveries", []) if d["date"] >= as_of.isoformat()]
    data["deliveries"] += arriving
    data["queue"] = {"cohorts": cohorts}
    instance = parse_instance(data, SOURCE)
    instance = replace(instance, applicant_ids=tuple(ids[c.index] for c in instance.cohorts))
    return LedgerState(as_of, instance, data, inputs_sha256(data, ids), meta.revision(connection))


def inputs_sha256(document: dict[str, Any], ids: list[tuple[str, ...]]) -> str:
    """The SHA-256 of what a plan is made from: the instance JSON and the applicants' ids."""
    digest = hashlib.sha256(json.dumps(document, sort_keys=True, ensure_ascii=False).encode())
    for group in ids:
        digest.update(b"\n")
        digest.update("\t".join(group).encode())
    return digest.hexdigest()


def stock_on_morning(connection: Connection, base: Instance, as_of: date
           ) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Blanks per district on the morning of `as_of`, and blanks on their way as deliveries."""
    stock = {d.id: d.blanks for d in base.districts}
    for delivery in base.deliveries:
        if delivery.date < as_of:
            stock[delivery.district] += delivery.blanks
    used = connection.execute(
        select(printers.c.district, func.count())
        .select_from(printed.join(printers, printed.c.printer == printers.c.id))
        .where(printed.c.print_date < as_of).group_by(printers.c.district))
    for district, count in used:
        stock[district] -= int(count)
    lead = {(lk.source, lk.target): lk.lead_days for lk in base.links}
    arriving: dict[tuple[str, str], int] = defaultdict(int)
    for day, source, target, count in connection.execute(
            select(sent.c.date, sent.c.source, sent.c.target, sent.c.count)
            .where(sent.c.date < as_of)):
        stock[source] -= count
        arrival = day + timedelta(days=lead.get((source, target), 0))
        if arrival < as_of:
            stock[target] += count
        else:
            arriving[arrival.isoformat(), target] += count
    for district, blanks in stock.items():
        if blanks < 0:
            raise InputError(SOURCE, "", words.NEGATIVE_STOCK.format(
                district=district, stock=blanks, day=as_of))
    deliveries = [{"district": k, "date": when, "blanks": n}
                  for (when, k), n in sorted(arriving.items())]
    return stock, deliveries


def _waiting(connection: Connection, base: Instance, end: date
             ) -> tuple[list[dict[str, Any]], list[tuple[str, ...]]]:
    """Cohorts of the applicants not printed (ready by the end), first-come, with their ids."""
    not_printed = ~exists().where(printed.c.applicant_id == applicants.c.id)
    text = iso_text()  # read as text: a ledger holds 100,000s of applicants
    rows = [(r[0], r[1], text(r[2]), r[3], r[4]) for r in connection.execute(
        select(applicants.c.district, applicants.c["class"],
               type_coerce(applicants.c.ready, String), applicants.c.tiebreak, applicants.c.id)
        .where(not_printed, applicants.c.ready <= end))]
    district_rank = {d.id: k for k, d in enumerate(base.districts)}
    class_rank = {c.id: i for i, c in enumerate(base.classes)}
    rows.sort(key=lambda r: (district_rank[r[0]], class_rank.get(r[1], len(class_rank)),
                             r[2], r[3]))
    cohorts: list[dict[str, Any]] = []
    ids: list[tuple[str, ...]] = []
    group: list[str] = []
    key: tuple[str, str, str | None] | None = None
    for district, service_class, ready, _, applicant in rows:
        if (district, service_class, ready) != key:
            if group:
                ids.append(tuple(group))
            group = []
            key = (district, service_class, ready)
            cohorts.append({"district": district, "class": service_class,
                            "ready": ready, "count": 0})
        group.append(applicant)
        cohorts[-1]["count"] += 1
    if group:
        ids.append(tuple(group))
    return cohorts, ids
