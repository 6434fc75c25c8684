"""`office today`: an office's work order for a day, from the plan version in force that day.

Per printer the cards in print order (the printer's own district's queues
first, then the other home districts' in the instance's order, classes in
order, applicants first-come, as `print-list` orders them), with the columns
an import kept (nama...); the blanks to pack and send (in boxes where the link
has boxes); the cards printed here for other offices to dispatch; the cards
printed elsewhere that arrive here for pickup; a closed day, outage or holiday
in words; and the blanks expected at the end of the day under the plan.
The version in force on a day is the newest one made as of that day or before.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, and_, select

from scheduler.errors import InputError
from scheduler.i18n import weekday_name
from scheduler.instance.model import Instance
from scheduler.office import meta, words
from scheduler.office.schema import applicants, plan_assignments, plan_versions, printed, printers
from scheduler.office.state import SOURCE, frame
from scheduler.office.versions import stored_plan


@dataclass(frozen=True)
class CardRow:
    """One card of a printer's day; `shown` holds the chosen extra columns' values.

    `home_date` is the day the card is home: the print day, or later for a card
    printed here for another office (`dispatched` True), to be sent there.
    """

    position: int
    applicant_id: str
    shown: tuple[str, ...]
    district: str
    service_class: str
    ready: date
    home_date: date
    dispatched: bool
    class_label: str = ""  # what people call the class (the instance's label, else its id)

    @property
    def dispatch(self) -> str:
        """Where the card goes, in words ('' for a card that stays)."""
        if not self.dispatched:
            return ""
        return words.DISPATCH_TO.format(district=self.district, home=self.home_date)


@dataclass(frozen=True)
class PrinterDay:
    printer: str
    district: str
    notices: tuple[str, ...]
    rows: tuple[CardRow, ...]


@dataclass(frozen=True)
class Movement:
    """Blanks to send or cards to dispatch: to whom, how many, arriving when (boxes: blanks)."""

    district: str
    count: int
    arrives: date
    boxes: int | None = None
    box: int = 1


@dataclass(frozen=True)
class Arrival:
    """A card printed elsewhere, home here on the day for pickup."""

    applicant_id: str
    shown: tuple[str, ...]
    printed_at: str
    print_date: date


@dataclass(frozen=True)
class OfficeDay:
    district: str
    name: str
    notices: tuple[str, ...]
    printers: tuple[PrinterDay, ...]
    blanks_to_send: tuple[Movement, ...]
    cards_to_dispatch: tuple[Movement, ...]
    arrivals: tuple[Arrival, ...]
    stock_at_end: int


@dataclass(frozen=True)
class WorkOrder:
    day: date
    version: int
    show_columns: tuple[str, ...]
    offices: tuple[OfficeDay, ...]


def version_for_day(connection: Connection, day: date) -> int:
    """The plan version in force on `day`: the newest made as of that day or before."""
    number = connection.execute(
        select(plan_versions.c.number).where(plan_versions.c.as_of <= day)
        .order_by(plan_versions.c.number.desc()).limit(1)).scalar()
    if number is None:
        first = connection.execute(select(plan_versions.c.as_of)
                                   .order_by(plan_versions.c.number).limit(1)).scalar()
        if first is None:
            raise InputError(SOURCE, "", words.NO_PLAN_YET)
        raise InputError(SOURCE, "", words.NO_VERSION_FOR_DAY.format(day=day, first=first))
    return int(number)


def work_order(connection: Connection, day: date, district: str | None = None,
               show_columns: Sequence[str] | None = None) -> WorkOrder:
    """The work order of `district` (every office when None) on `day`."""
    start, end = meta.horizon(connection)
    base = frame(meta.instance_doc(connection), start, end)
    offices = [d for d in base.districts if district is None or d.id == district]
    if not offices:
        raise InputError("--district", "", words.UNKNOWN_DISTRICT.format(district=district))
    number = version_for_day(connection, day)
    shown = tuple(show_columns) if show_columns is not None else extra_columns(connection)
    cards = _cards(connection, number, day, base, shown)
    plan_instance, document = stored_plan(connection, number)
    arrivals = _arrivals(connection, number, day, shown)
    result = []
    for office in offices:
        printer_days = tuple(
            PrinterDay(p.id, p.district, _printer_notices(base, p.id, day),
                       tuple(cards.get(p.id, ())))
            for p in base.printers if p.district == office.id)
        result.append(OfficeDay(
            office.id, office.name, _office_notices(base, office.id, day), printer_days,
            _blanks_to_send(base, document, office.id, day),
            _dispatch(printer_days), tuple(arrivals.get(office.id, ())),
            _stock_at_end(base, plan_instance, document, office.id, day)))
    return WorkOrder(day, number, shown, tuple(result))


def extra_columns(connection: Connection) -> tuple[str, ...]:
    """The extra columns the imports kept, in the order first seen (the default to show)."""
    return tuple(json.loads(meta.get_meta(connection, meta.EXTRA_COLUMNS, "[]")))


def shown_values(extra: str | None, shown: Sequence[str]) -> tuple[str, ...]:
    values = json.loads(extra) if extra else {}
    return tuple(str(values.get(name, "")) for name in shown)


def _cards(connection: Connection, number: int, day: date, base: Instance,
           shown: Sequence[str]) -> dict[str, list[CardRow]]:
    """Each printer's cards of the day, in print order, numbered."""
    a = plan_assignments
    rows = connection.execute(
        select(a.c.printer, a.c.applicant_id, a.c.home_date, applicants.c.district,
               applicants.c["class"], applicants.c.ready, applicants.c.tiebreak,
               applicants.c.extra)
        .select_from(a.join(applicants, applicants.c.id == a.c.applicant_id))
        .where(and_(a.c.version == number, a.c.print_date == day))).all()
    district_rank = {d.id: k for k, d in enumerate(base.districts)}
    class_rank = {c.id: i for i, c in enumerate(base.classes)}
    printer_district = {p.id: p.district for p in base.printers}

    def order(row: Any) -> tuple[Any, ...]:
        home = row.district
        return (row.printer, home != printer_district[row.printer], district_rank[home],
                class_rank.get(row[4], 0), row.ready, row.tiebreak)

    out: dict[str, list[CardRow]] = defaultdict(list)
    for row in sorted(rows, key=order):
        listed = out[row.printer]
        listed.append(CardRow(len(listed) + 1, row.applicant_id, shown_values(row.extra, shown),
                              row.district, row[4], row.ready, row.home_date,
                              row.district != printer_district[row.printer],
                              base.class_label(row[4])))
    return out


def _arrivals(connection: Connection, number: int, day: date, shown: Sequence[str]
              ) -> dict[str, list[Arrival]]:
    """Cards home on `day` printed at another office: recorded prints, then the plan's."""
    found: dict[str, tuple[str, str, str, date, str | None]] = {}
    recorded = connection.execute(
        select(printed.c.applicant_id, applicants.c.district, printers.c.district,
               printed.c.print_date, applicants.c.extra)
        .select_from(printed.join(applicants, applicants.c.id == printed.c.applicant_id)
                     .join(printers, printers.c.id == printed.c.printer))
        .where(printed.c.home_date == day))
    planned = connection.execute(
        select(plan_assignments.c.applicant_id, applicants.c.district, printers.c.district,
               plan_assignments.c.print_date, applicants.c.extra)
        .select_from(plan_assignments
                     .join(applicants, applicants.c.id == plan_assignments.c.applicant_id)
                     .join(printers, printers.c.id == plan_assignments.c.printer))
        .where(and_(plan_assignments.c.version == number, plan_assignments.c.home_date == day)))
    for applicant, home, at, when, extra in [*recorded, *planned]:
        if home != at and applicant not in found:
            found[applicant] = (applicant, home, at, when, extra)
    out: dict[str, list[Arrival]] = defaultdict(list)
    for applicant, home, at, when, extra in sorted(found.values(), key=lambda r: (r[2], r[0])):
        out[home].append(Arrival(applicant, shown_values(extra, shown), at, when))
    return out


def _office_notices(base: Instance, district: str, day: date) -> tuple[str, ...]:
    record = next(d for d in base.districts if d.id == district)
    if day in base.holidays or day in record.holidays:
        return (words.CLOSED_HOLIDAY,)
    if day.weekday() not in record.workdays:
        return (words.CLOSED_WEEKDAY.format(weekday=weekday_name(day)),)
    return ()


def _printer_notices(base: Instance, printer: str, day: date) -> tuple[str, ...]:
    district = next(p.district for p in base.printers if p.id == printer)
    notices = []
    for outage in base.outages:
        if outage.start <= day <= outage.end and (
                outage.printer == printer or outage.district == district):
            template = words.PRINTER_DOWN if outage.capacity == 0 else words.PRINTER_SLOW
            notices.append(template.format(printer=printer, start=outage.start, end=outage.end,
                                           capacity=outage.capacity))
    return tuple(notices)


def _blanks_to_send(base: Instance, document: dict[str, Any], district: str, day: date
                    ) -> tuple[Movement, ...]:
    links = {(lk.source, lk.target): lk for lk in base.links}
    out = []
    for row in document["transfers"]:
        if row["from"] == district and row["date"] == day.isoformat():
            link = links[row["from"], row["to"]]
            boxes = row["count"] // link.box if link.box > 1 else None
            out.append(Movement(row["to"], row["count"], day + timedelta(days=link.lead_days),
                                boxes, link.box))
    return tuple(out)


def _dispatch(printer_days: tuple[PrinterDay, ...]) -> tuple[Movement, ...]:
    """Cards printed here for other offices, per office and home day."""
    counts: dict[tuple[str, date], int] = defaultdict(int)
    for printer_day in printer_days:
        for row in printer_day.rows:
            if row.dispatched:
                counts[row.district, row.home_date] += 1
    return tuple(Movement(district, count, home) for (district, home), count
                 in sorted(counts.items()))


def _stock_at_end(base: Instance, plan_instance: dict[str, Any], document: dict[str, Any],
                  district: str, day: date) -> int:
    """Blanks at the end of `day` under the plan: its start stock and deliveries, less the
    cards printed and blanks sent, plus blanks arrived, from the version's date to `day`."""
    record = next(d for d in plan_instance["districts"] if d["id"] == district)
    stock = int(record.get("blanks", 0))
    last = day.isoformat()
    stock += sum(d["blanks"] for d in plan_instance.get("deliveries", [])
                 if d["district"] == district and d["date"] <= last)
    own = {p.id for p in base.printers if p.district == district}
    stock -= sum(r["count"] for r in document["prints"]
                 if r["printer"] in own and r["date"] <= last)
    lead = {(lk.source, lk.target): lk.lead_days for lk in base.links}
    for row in document["transfers"]:
        if row["from"] == district and row["date"] <= last:
            stock -= row["count"]
        arrival = date.fromisoformat(row["date"]) + timedelta(days=lead[row["from"], row["to"]])
        if row["to"] == district and arrival <= day:
            stock += row["count"]
    return stock
