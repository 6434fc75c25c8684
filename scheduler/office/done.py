"""`office done`: what was really printed on a day, recorded once, or not at all.

From the plan (`--as-planned`, for one printer or all) or from the ticked work
order read back (`ticks.py`). Every row is checked before anything is written:
the list's day, a known applicant not recorded before and ticked once, on the
list of the printer and version the sheet names, the printer's capacity that
day and the office's blanks (SPEC constraints 1 and 4 on the recorded day).
A contradiction is refused with its row; then nothing is recorded. The blanks
the plan sends that day from the offices concerned are recorded as sent.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Connection, Engine, and_, func, select

from scheduler.errors import InputError
from scheduler.instance.model import Instance
from scheduler.office import meta, words
from scheduler.office.db import bulk_insert, writing
from scheduler.office.ids import shown_id
from scheduler.office.migrate import require_current
from scheduler.office.schema import applicants, plan_assignments, printed, printers, sent
from scheduler.office.state import SOURCE, frame, stock_on_morning
from scheduler.office.ticks import Tick, read_ticks
from scheduler.office.versions import stored_plan
from scheduler.office.workorder import version_for_day

PRINTED_COLUMNS = ("applicant_id", "printer", "print_date", "home_date", "recorded_at", "source")
SENT_COLUMNS = ("date", "source", "target", "count", "recorded_at")


@dataclass(frozen=True)
class Recorded:
    """What `done` recorded: cards per printer, cards listed but not printed, blanks sent."""

    day: date
    printed: dict[str, int]
    not_printed: int
    blanks_sent: int

    @property
    def cards(self) -> int:
        return sum(self.printed.values())


def record_done(engine: Engine, day: date, *, as_planned: bool = False,
                printer: str | None = None, path: str | Path | None = None) -> Recorded:
    """Record the day's prints (from the plan, or from the file at `path`)."""
    with writing(engine) as connection:
        require_current(connection, SOURCE)
        start, end = meta.horizon(connection)
        if not start <= day <= end:
            raise InputError("--date", "", words.OUTSIDE_HORIZON.format(day=day, start=start,
                                                                        end=end))
        base = frame(meta.instance_doc(connection), start, end)
        if path is None:
            source, ticks = "plan", _planned_ticks(connection, day, printer, base)
        else:
            source, ticks = str(path), read_ticks(path)
        cards = _checked(connection, day, ticks, source)
        _check_capacity(connection, base, day, cards, source)
        districts = {p.district for p in base.printers if p.id in {c[1] for c in cards}}
        if path is None:
            districts |= {p.district for p in base.printers if printer in (None, p.id)}
        sends = _sends(connection, day, districts)
        _check_blanks(connection, base, day, cards, sends, source)
        stamp = meta.now_stamp()
        lead = {(lk.source, lk.target): lk.lead_days for lk in base.links}
        home = {row[0]: row[1] for row in connection.execute(
            select(applicants.c.id, applicants.c.district)
            .where(applicants.c.id.in_([c[0] for c in cards])))} if cards else {}
        office = {p.id: p.district for p in base.printers}
        bulk_insert(connection, "printed", PRINTED_COLUMNS, [
            (a, p, day.isoformat(),
             (day + timedelta(days=lead.get((home[a], office[p]), 0))).isoformat(), stamp, source)
            for a, p, _ in cards])
        bulk_insert(connection, "sent", SENT_COLUMNS,
                    [(day.isoformat(), a, b, n, stamp) for a, b, n in sends])
        meta.bump_revision(connection)
    per_printer: dict[str, int] = defaultdict(int)
    for _, p, _ in cards:
        per_printer[p] += 1
    return Recorded(day, dict(per_printer), sum(1 for t in ticks if not t.printed),
                    sum(n for _, _, n in sends))


def _planned_ticks(connection: Connection, day: date, printer: str | None, base: Instance
                   ) -> list[Tick]:
    """The plan's cards of the day (one printer's or all), each taken as printed."""
    if printer is not None and printer not in {p.id for p in base.printers}:
        raise InputError("--printer", "", words.UNKNOWN_PRINTER.format(printer=printer))
    number = version_for_day(connection, day)
    a = plan_assignments
    query = select(a.c.applicant_id, a.c.printer).where(
        and_(a.c.version == number, a.c.print_date == day))
    if printer is not None:
        query = query.where(a.c.printer == printer)
    return [Tick("plan", applicant, p, day.isoformat(), number, True)
            for applicant, p in connection.execute(query.order_by(a.c.applicant_id))]


def _checked(connection: Connection, day: date, ticks: list[Tick], source: str
             ) -> list[tuple[str, str, Tick]]:
    """The ticked rows as (applicant, printer, tick), every contradiction refused."""
    ticked = [t for t in ticks if t.printed]
    for tick in ticks:
        if tick.day != day.isoformat():
            raise InputError(source, tick.where, words.WRONG_DAY.format(listed=tick.day, day=day))
    known_printers = set(connection.execute(select(printers.c.id)).scalars())
    wanted = [t.applicant_id for t in ticked]
    known = set(connection.execute(select(applicants.c.id).where(
        applicants.c.id.in_(wanted))).scalars()) if wanted else set()
    before = {row[0]: row for row in connection.execute(
        select(printed.c.applicant_id, printed.c.print_date, printed.c.printer)
        .where(printed.c.applicant_id.in_(wanted)))} if wanted else {}
    listed = _listed(connection, day, ticked)
    seen: dict[str, str] = {}
    for tick in ticked:
        who = shown_id(tick.applicant_id)
        if tick.printer not in known_printers:
            raise InputError(source, tick.where, words.UNKNOWN_PRINTER.format(printer=tick.printer))
        if tick.applicant_id not in known:
            raise InputError(source, tick.where, words.UNKNOWN_APPLICANT.format(who=who))
        if tick.applicant_id in before:
            _, when, at = before[tick.applicant_id]
            raise InputError(source, tick.where, words.ALREADY_PRINTED.format(
                who=who, day=when, printer=at))
        if tick.applicant_id in seen:
            raise InputError(source, tick.where, words.TICKED_TWICE.format(
                who=who, other=seen[tick.applicant_id]))
        seen[tick.applicant_id] = tick.where
        if tick.version is not None and listed.get(
                (tick.version, tick.applicant_id)) != tick.printer:
            raise InputError(source, tick.where, words.NOT_ON_LIST.format(
                who=who, printer=tick.printer, day=day, version=tick.version))
    return [(t.applicant_id, t.printer, t) for t in ticked]


def _listed(connection: Connection, day: date, ticks: list[Tick]) -> dict[tuple[int, str], str]:
    """(version, applicant) -> printer, for the versions the rows name, on the day."""
    versions = {t.version for t in ticks if t.version is not None}
    if not versions:
        return {}
    a = plan_assignments
    rows = connection.execute(select(a.c.version, a.c.applicant_id, a.c.printer).where(
        and_(a.c.version.in_(versions), a.c.print_date == day)))
    return {(v, applicant): p for v, applicant, p in rows}


def capacity_on(base: Instance, printer: str, day: date) -> int:
    """A printer's capacity on a day: 0 when its office is closed, outage caps applied."""
    record = next(p for p in base.printers if p.id == printer)
    district = next(d for d in base.districts if d.id == record.district)
    if day < base.start or not base.is_open(district, base.day_index(day)):
        return 0
    capacity = record.capacity
    for outage in base.outages:
        if outage.start <= day <= outage.end and (
                outage.printer == printer or outage.district == record.district):
            capacity = min(capacity, outage.capacity)
    return capacity


def _check_capacity(connection: Connection, base: Instance, day: date,
                    cards: list[tuple[str, str, Tick]], source: str) -> None:
    """No printer prints more than its capacity that day, counting what is recorded already."""
    counts: dict[str, int] = defaultdict(int)
    for printer, count in connection.execute(
            select(printed.c.printer, func.count()).where(printed.c.print_date == day)
            .group_by(printed.c.printer)):
        counts[printer] = int(count)
    for _, printer, tick in cards:
        counts[printer] += 1
        capacity = capacity_on(base, printer, day)
        if counts[printer] > capacity:
            raise InputError(source, tick.where, words.OVER_CAPACITY.format(
                printer=printer, capacity=capacity, day=day, count=counts[printer]))


def _sends(connection: Connection, day: date, districts: set[str]
           ) -> list[tuple[str, str, int]]:
    """The plan's blanks sent on the day from these offices, not recorded yet."""
    if not districts:
        return []
    _, document = stored_plan(connection, version_for_day(connection, day))
    recorded = {(a, b) for a, b in connection.execute(
        select(sent.c.source, sent.c.target).where(sent.c.date == day))}
    return [(row["from"], row["to"], int(row["count"])) for row in document["transfers"]
            if row["date"] == day.isoformat() and row["from"] in districts
            and (row["from"], row["to"]) not in recorded]


def _check_blanks(connection: Connection, base: Instance, day: date,
                  cards: list[tuple[str, str, Tick]], sends: list[tuple[str, str, int]],
                  source: str) -> None:
    """Every office ends the day with a blank for each card it printed (SPEC 4)."""
    stock, arriving = stock_on_morning(connection, base, day)
    for delivery in base.deliveries:
        if delivery.date == day:
            stock[delivery.district] += delivery.blanks
    for record in arriving:
        if record["date"] == day.isoformat():
            stock[record["district"]] += record["blanks"]
    office = {p.id: p.district for p in base.printers}
    already = connection.execute(
        select(printers.c.district, func.count())
        .select_from(printed.join(printers, printers.c.id == printed.c.printer))
        .where(printed.c.print_date == day).group_by(printers.c.district))
    for district, count in already:
        stock[district] -= int(count)
    for district, _, count in sends:
        stock[district] -= count
    counts: dict[str, int] = defaultdict(int)
    for _, printer, tick in cards:
        district = office[printer]
        counts[district] += 1
        if counts[district] > stock[district]:
            raise InputError(source, tick.where, words.NO_BLANKS.format(
                district=district, stock=stock[district], day=day, count=counts[district]))
