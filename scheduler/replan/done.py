"""What was really printed before the re-planning date, read and checked against the instance.

Two sources: a done file (CSV, one row per applicant `applicant_id,printer,date`
or per queue batch `district,class,count,printer,date`) or, without one, the
previous plan taken as done up to the date. Blanks sent before the date are
always the previous plan's (a done file records prints only). A done file that
contradicts the instance is refused at its first bad row (`InputError` naming
the line): unknown applicant, printer, district or class, a date not before
the re-planning date or before the horizon, an applicant printed twice or
before its ready date, more cards than a printer's capacity that day or a
link's daily limit, a print along no link, more cards of a queue than are
ready by that day, or more cards than the office had blanks.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from scheduler.errors import InputError
from scheduler.files.privacy import masked
from scheduler.instance.calendar import Calendar
from scheduler.instance.fields import parse_iso_date
from scheduler.plan.assignment import applicant_locator, assign_first_come, home_lead
from scheduler.plan.result import (
    Bound,
    EngineResult,
    Objective,
    PlannedPrint,
    PlannedTransfer,
    Status,
)

ID_COLUMNS = ("applicant_id", "printer", "date")
COUNT_COLUMNS = ("district", "class", "count", "printer", "date")


@dataclass(frozen=True)
class Done:
    """Prints and sends before day `as_of` (old calendar's indices) and who was printed.

    `removed[cohort]` holds the positions (in first-come order) of the cohort's
    applicants printed before the date; `in_transit` counts cards printed at a
    neighbour before the date whose home day is on or after it; `printed_at` gives
    each printed applicant's (cohort, position) its (printer, day).
    """

    as_of: int
    prints: tuple[PlannedPrint, ...]
    transfers: tuple[PlannedTransfer, ...]
    removed: dict[int, Collection[int]]
    in_transit: int
    source: str
    printed_at: dict[tuple[int, int], tuple[int, int]]

    @property
    def printed(self) -> int:
        return sum(pp.count for pp in self.prints)


def done_from_plan(calendar: Calendar, plan: EngineResult, as_of: int, source: str) -> Done:
    """The previous plan's prints and sends dated before `as_of`, taken as done.

    By SPEC's first-come rule a queue's cards before the date go to its first
    applicants, so each queue loses a prefix of its first-come order.
    """
    prints = tuple(pp for pp in plan.prints if pp.day < as_of and pp.count > 0)
    per_queue = np.zeros(len(calendar.queues), dtype=np.int64)
    for pp in prints:
        per_queue[pp.queue] += pp.count
    transfers = tuple(tr for tr in plan.transfers if tr.day < as_of and tr.count > 0)
    return Done(as_of, prints, transfers, _first_come(calendar, per_queue),
                _in_transit(calendar, prints, as_of), source, _paired(calendar, prints))


def read_done(calendar: Calendar, plan: EngineResult, as_of: int, path: str | Path) -> Done:
    """The done file's prints, checked row by row (InputError at the first bad row)."""
    source = str(path)
    rows = _Reader(calendar, as_of, source)
    transfers = tuple(tr for tr in plan.transfers if tr.day < as_of and tr.count > 0)
    header, lines = _csv_rows(path, source)
    printed_at: dict[tuple[int, int], tuple[int, int]] | None = None
    if set(header) == set(ID_COLUMNS) and len(header) == len(ID_COLUMNS):
        prints, removed, printed_at = rows.by_id(lines)
    elif set(header) == set(COUNT_COLUMNS) and len(header) == len(COUNT_COLUMNS):
        prints, per_queue = rows.by_count(lines)
        removed = _first_come(calendar, per_queue)
    else:
        raise InputError(
            source, "line 1", f"columns must be {','.join(ID_COLUMNS)} or "
            f"{','.join(COUNT_COLUMNS)}, got {','.join(header) or 'none'}"
        )
    rows.check_blanks(prints, transfers)
    planned = tuple(PlannedPrint(q, p, t, n) for (q, p, t), n in prints.items() if n > 0)
    if printed_at is None:
        printed_at = _paired(calendar, planned)
    return Done(as_of, planned, transfers, removed, _in_transit(calendar, planned, as_of), source,
                printed_at)


Lines = Iterator[tuple[int, dict[str, str]]]  # (line number, cells by column)


def _csv_rows(path: str | Path, source: str) -> tuple[list[str], Lines]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(source, "", f"cannot read the file: {exc}") from None
    reader = csv.reader(text.splitlines())
    header = [h.strip() for h in next(reader, [])]

    def rows() -> Lines:
        for line, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise InputError(source, f"line {line}",
                                 f"{len(cells)} cells, the header has {len(header)}")
            yield line, {h: c.strip() for h, c in zip(header, cells, strict=True)}

    return header, rows()


def _first_come(calendar: Calendar, per_queue: np.ndarray) -> dict[int, Collection[int]]:
    """Each queue's first `per_queue[q]` applicants, as position ranges per cohort."""
    left = per_queue.astype(np.int64).copy()
    removed: dict[int, Collection[int]] = {}
    for j, q in enumerate(calendar.cohort_queue.tolist()):
        take = min(int(left[q]), calendar.instance.cohorts[j].count)
        if take > 0:
            removed[j] = range(take)
            left[q] -= take
    return removed


def _paired(calendar: Calendar, prints: tuple[PlannedPrint, ...]
            ) -> dict[tuple[int, int], tuple[int, int]]:
    """Who got which of these cards by the first-come rule: (cohort, position) -> (printer,
    day). A queue's cards before the date go to its first applicants."""
    cards = EngineResult("done", Status.FEASIBLE, Objective(0, 0, 0), Bound(None), "", prints)
    return {(run.cohort, run.offset + i): (run.printer, run.print_day)
            for run in assign_first_come(calendar, cards)
            if run.printer is not None and run.print_day is not None
            for i in range(run.count)}


def _in_transit(calendar: Calendar, prints: tuple[PlannedPrint, ...], as_of: int) -> int:
    lead = home_lead(calendar)
    return sum(
        pp.count for pp in prints
        if pp.day + lead[calendar.queues[pp.queue].home, int(calendar.printer_district[pp.printer])]
        >= as_of
    )


PrintKey = tuple[int, int, int]  # (queue, printer, day)


class _Reader:
    """Checks done rows one at a time against the old instance's calendar."""

    def __init__(self, calendar: Calendar, as_of: int, source: str) -> None:
        self.calendar = calendar
        self.instance = calendar.instance
        self.as_of = as_of
        self.source = source
        self.printer_of = {p: i for i, p in enumerate(calendar.printer_ids)}
        self.queue_of = calendar.queue_index()
        self.link_of = calendar.link_index()
        self.used: dict[tuple[int, int], int] = defaultdict(int)  # printer-day
        self.along: dict[tuple[int, int], int] = defaultdict(int)  # link-day
        self.lines: dict[tuple[int, int], int] = {}  # (district, day) -> last line printing there

    def error(self, line: int, what: str) -> InputError:
        return InputError(self.source, f"line {line}", what)

    def _print(self, line: int, row: dict[str, str], queue: int, count: int) -> tuple[int, int]:
        """Check printer, date, route, capacity and link limit of one row; (printer, day)."""
        calendar = self.calendar
        printer = self.printer_of.get(row["printer"])
        if printer is None:
            raise self.error(line, f"unknown printer {row['printer']!r}")
        when = parse_iso_date(row["date"])
        if when is None:
            raise self.error(line, f"date: not an ISO date (YYYY-MM-DD): {row['date']!r}")
        day = self.instance.day_index(when)
        if day < 0:
            raise self.error(line, f"date {when} is before the horizon's start "
                                   f"{self.instance.start}")
        if day >= self.as_of:
            raise self.error(line, f"date {when} is not before the re-planning date "
                                   f"{self.instance.date_of(self.as_of)}")
        home = calendar.queues[queue].home
        k = int(calendar.printer_district[printer])
        if k != home and (home, k) not in self.link_of:
            raise self.error(line, f"printer {row['printer']} of district "
                                   f"{calendar.district_ids[k]} cannot print for "
                                   f"{calendar.district_ids[home]}: no link")
        self.used[printer, day] += count
        cap = int(calendar.printer_capacity[printer, day])
        if self.used[printer, day] > cap:
            raise self.error(line, f"more than capacity: printer {row['printer']} prints at most "
                                   f"{cap} card(s) on {when}, {self.used[printer, day]} listed")
        if k != home:
            link = self.link_of[home, k]
            self.along[link, day] += count
            limit = int(calendar.link_limit[link])
            if 0 <= limit < self.along[link, day]:
                raise self.error(line, f"more than the daily limit {limit} of link "
                                       f"{calendar.district_ids[home]} -> "
                                       f"{calendar.district_ids[k]} on {when}")
        self.lines[k, day] = line
        return printer, day

    def by_id(self, lines: Lines) -> tuple[dict[PrintKey, int], dict[int, Collection[int]],
                                           dict[tuple[int, int], tuple[int, int]]]:
        position_of = applicant_locator(self.instance)
        seen: dict[tuple[int, int], int] = {}
        prints: dict[PrintKey, int] = defaultdict(int)
        printed_at: dict[tuple[int, int], tuple[int, int]] = {}
        for line, row in lines:
            found = position_of(row["applicant_id"])
            if found is None:
                raise self.error(line, f"unknown applicant {masked(row['applicant_id'])}")
            if found in seen:
                raise self.error(line, f"applicant {masked(row['applicant_id'])} printed twice "
                                       f"(also on line {seen[found]})")
            seen[found] = line
            cohort = self.instance.cohorts[found[0]]
            queue = int(self.calendar.cohort_queue[found[0]])
            printer, day = self._print(line, row, queue, 1)
            if self.instance.date_of(day) < cohort.ready:
                raise self.error(line, f"printed on {self.instance.date_of(day)}, before the "
                                       f"applicant's ready date {cohort.ready}")
            prints[queue, printer, day] += 1
            printed_at[found] = (printer, day)
        removed: dict[int, set[int]] = defaultdict(set)
        for j, position in seen:
            removed[j].add(position)
        return dict(prints), dict(removed), printed_at

    def by_count(self, lines: Lines
                 ) -> tuple[dict[PrintKey, int], np.ndarray]:
        prints: dict[PrintKey, int] = defaultdict(int)
        rows: list[tuple[int, int, int, int]] = []  # (day, line, queue, count)
        for line, row in lines:
            queue = self.queue_of.get((row["district"], row["class"]))
            if queue is None:
                raise self.error(line, f"unknown queue {row['district']}/{row['class']} "
                                       "(no such district and class with applicants)")
            text = row["count"]
            if not text.isdigit():
                raise self.error(line, f"count must be a whole number >= 0, got {text!r}")
            count = int(text)
            printer, day = self._print(line, row, queue, count)
            prints[queue, printer, day] += count
            rows.append((day, line, queue, count))
        per_queue = np.zeros(len(self.calendar.queues), dtype=np.int64)
        ready = np.cumsum(self.calendar.ready, axis=1)
        for day, line, queue, count in sorted(rows):
            per_queue[queue] += count
            if per_queue[queue] > ready[queue, day]:
                q = self.calendar.queues[queue]
                raise self.error(line, f"{int(per_queue[queue])} card(s) of queue "
                                       f"{self.calendar.district_ids[q.home]}/"
                                       f"{self.calendar.class_ids[q.service_class]} by "
                                       f"{self.instance.date_of(day)}, but only "
                                       f"{int(ready[queue, day])} ready by then")
        return dict(prints), per_queue

    def check_blanks(self, prints: dict[PrintKey, int],
                     transfers: tuple[PlannedTransfer, ...]) -> None:
        """Every office had a blank for every card it printed (SPEC 4, days before the date)."""
        calendar = self.calendar
        net = calendar.supply[:, : self.as_of].copy()
        for (_, p, t), n in prints.items():
            net[int(calendar.printer_district[p]), t] -= n
        for tr in transfers:
            net[int(calendar.link_source[tr.link]), tr.day] -= tr.count
            arrival = tr.day + int(calendar.link_lead[tr.link])
            if arrival < self.as_of:
                net[int(calendar.link_target[tr.link]), arrival] += tr.count
        stock = np.cumsum(net, axis=1)
        short = np.argwhere(stock < 0)
        if short.size == 0:
            return
        k, t = (int(i) for i in short[np.argmin(short[:, 1])])
        line = self.lines.get((k, t))
        what = (f"district {calendar.district_ids[k]} has no blank left for it on "
                f"{self.instance.date_of(t)} (stock {int(stock[k, t])} after the day's prints "
                "and the previous plan's sends)")
        raise InputError(self.source, "" if line is None else f"line {line}", what)


def horizon_day(calendar: Calendar, text: str, source: str) -> int:
    """The day index of the re-planning date, which must lie within the horizon."""
    when: date | None = parse_iso_date(text)
    instance = calendar.instance
    if when is None:
        raise InputError(source, "", f"not an ISO date (YYYY-MM-DD): {text!r}")
    day = instance.day_index(when)
    if not 0 <= day < instance.days:
        raise InputError(source, "", f"{when} is outside the horizon "
                                     f"{instance.start} .. {instance.end}")
    return day
