"""The figures and day-by-day series the HTML report shows, computed from a plan.

Everything here is counts per district, printer, class and day: no applicant is
named, so the page can be shown to anyone (no NIKs). Backlogs count by print
day, as the summary does; deadline progress counts cards by their home day, as
the objective does.

The page stays the same size at every scale: with more than `SMALL` districts
its charts show the `SHOWN` districts with the most waiting days and the rest
summed (scale.py), and with more than `SMALL` printers the capacity chart has a
panel per shown district, not per printer. Every series is a sum over arrays
of the plan's rows (daily.py), so the work grows linearly with the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from scheduler.diagnose.blanks_short import BlanksShort
from scheduler.instance.arrays import IntArray
from scheduler.instance.calendar import Calendar
from scheduler.plan.figures import DistrictFigures
from scheduler.plan.result import EngineResult
from scheduler.plan.stock import blank_stock
from scheduler.report.daily import DailyCounts, daily_counts
from scheduler.report.holdback import HoldBack, charge, hold_back
from scheduler.report.scale import (
    SMALL,
    CapacityPanel,
    DistrictSeries,
    district_panels,
    printer_panels,
)


@dataclass(frozen=True)
class Headline:
    """The page's top figures.

    `days_to_clear`: horizon days up to and including the day the last district's
    ready backlog first reaches zero (None when one never does within the horizon).
    """

    applicants: int
    printed: int
    waiting: int
    days_to_clear: int | None
    cleared_on: date | None
    deadline_misses: int
    waiting_days: int
    transfer_cost: int
    blanks_short: int


@dataclass(frozen=True)
class DeadlineSeries:
    """A class with a deadline: its cards home by each day against those who must be."""

    service_class: str
    deadline: date
    deadline_day: int
    eligible: int
    home: IntArray  # cumulative cards of the class home by the end of each day
    ready: IntArray  # cumulative applicants of the class ready by each day

    @property
    def missed(self) -> bool:
        """Some applicant due by a deadline within the horizon is not home by it."""
        return 0 <= self.deadline_day < self.home.size and bool(
            self.home[self.deadline_day] < self.eligible)


@dataclass(frozen=True)
class NeighbourHelp:
    """What a plan moved between one district and its neighbours over the horizon."""

    district: str
    name: str
    sent_out: int  # cards of its residents printed by other districts' printers
    taken_in: int  # cards its printers printed for other districts' residents
    blanks_lent: int
    blanks_borrowed: int


@dataclass(frozen=True)
class ReportData:
    """Everything the page shows; districts in the instance's order, `rank` worst first.

    `held` says what holds the plan back (the page's first line);
    `rank` orders district indices by waiting days, most first (instance order on ties).
    """

    name: str
    description: str
    dates: tuple[date, ...]
    status: str
    engine: str
    held: HoldBack
    headline: Headline
    figures: tuple[DistrictFigures, ...]
    shortages: tuple[BlanksShort, ...]
    help: tuple[NeighbourHelp, ...]
    has_links: bool
    rank: tuple[int, ...]
    districts: tuple[DistrictSeries, ...]
    panels: tuple[CapacityPanel, ...]
    panels_by_district: bool
    deadlines: tuple[DeadlineSeries, ...]


def report_data(calendar: Calendar, result: EngineResult, figures: list[DistrictFigures],
                shortages: list[BlanksShort]) -> ReportData:
    """Compute every series of the page from a (validated) plan."""
    instance = calendar.instance
    counts = daily_counts(calendar, result)
    backlog = _backlog(calendar, counts)
    stock = blank_stock(calendar, result)
    kind = charge(calendar, backlog, counts.printed_at, stock)
    no_blanks = calendar.open & (stock <= 0) & (backlog > 0)
    deadlines = _deadlines(calendar, result)
    missed = tuple((d.service_class, d.deadline) for d in deadlines if d.missed)
    held = hold_back(calendar, backlog, kind, result.objective.deadline_misses, missed)
    short = sum(s.blanks for s in shortages)
    rank = tuple(int(k) for k in np.argsort(-backlog.sum(axis=1), kind="stable"))
    by_district = len(instance.printers) > SMALL
    panels = (district_panels(calendar, counts.printed_at, no_blanks, rank) if by_district
              else printer_panels(calendar, result, no_blanks))
    return ReportData(
        name=instance.name,
        description=instance.description,
        dates=tuple(instance.date_of(t) for t in range(calendar.days)),
        status=result.status,
        engine=result.engine,
        held=held,
        headline=_headline(calendar, result, figures, short),
        figures=tuple(figures),
        shortages=tuple(shortages),
        help=_help(calendar, counts),
        has_links=bool(calendar.link_source.size),
        rank=rank,
        districts=_districts(calendar, backlog, stock),
        panels=panels,
        panels_by_district=by_district,
        deadlines=deadlines,
    )


def with_shortages(data: ReportData, shortages: list[BlanksShort]) -> ReportData:
    """The same page's data with the blanks to ask for (solved separately: make.py)."""
    headline = replace(data.headline, blanks_short=sum(s.blanks for s in shortages))
    return replace(data, shortages=tuple(shortages), headline=headline)


def _headline(calendar: Calendar, result: EngineResult, figures: list[DistrictFigures],
              short: int) -> Headline:
    cleared = [f.cleared for f in figures if f.applicants > 0]
    last = None if any(c is None for c in cleared) or not cleared else max(
        c for c in cleared if c is not None)
    printed = sum(f.printed for f in figures)
    applicants = sum(f.applicants for f in figures)
    return Headline(
        applicants=applicants,
        printed=printed,
        waiting=applicants - printed,
        days_to_clear=None if last is None else calendar.instance.day_index(last) + 1,
        cleared_on=last,
        deadline_misses=result.objective.deadline_misses,
        waiting_days=result.objective.waiting_days,
        transfer_cost=result.objective.transfer_cost,
        blanks_short=short,
    )


def _backlog(calendar: Calendar, counts: DailyCounts) -> IntArray:
    """`backlog[k, t]`: k's residents ready by day t and without a card at its end."""
    ready = np.zeros_like(counts.printed_for)
    np.add.at(ready, np.array([q.home for q in calendar.queues], dtype=np.int64),
              calendar.ready)
    return np.asarray(np.cumsum(ready - counts.printed_for, axis=1), dtype=np.int64)


def _help(calendar: Calendar, counts: DailyCounts) -> tuple[NeighbourHelp, ...]:
    return tuple(
        NeighbourHelp(d.id, d.name, int(counts.sent_out[k]), int(counts.taken_in[k]),
                      int(counts.lent[k]), int(counts.borrowed[k]))
        for k, d in enumerate(calendar.instance.districts))


def _districts(calendar: Calendar, backlog: IntArray,
               stock: IntArray) -> tuple[DistrictSeries, ...]:
    instance = calendar.instance
    arrivals: list[dict[int, int]] = [{} for _ in instance.districts]
    k_of = {d.id: k for k, d in enumerate(instance.districts)}
    for dl in instance.deliveries:
        t = instance.day_index(dl.date)
        if 0 <= t < calendar.days:
            k = k_of[dl.district]
            arrivals[k][t] = arrivals[k].get(t, 0) + dl.blanks
    return tuple(
        DistrictSeries(d.id, d.name, backlog[k], stock[k], tuple(sorted(arrivals[k].items())))
        for k, d in enumerate(instance.districts))


def _deadlines(calendar: Calendar, result: EngineResult) -> tuple[DeadlineSeries, ...]:
    """Per class with a deadline: cumulative cards home and applicants ready by each day."""
    instance = calendar.instance
    days = calendar.days
    districts = len(calendar.district_ids)
    lead = np.zeros((districts, districts), dtype=np.int64)
    lead[calendar.link_source, calendar.link_target] = calendar.link_lead
    np.fill_diagonal(lead, 0)
    rows = np.array([(pp.queue, pp.printer, pp.day, pp.count) for pp in result.prints],
                    dtype=np.int64).reshape(-1, 4)
    queue_class = np.array([q.service_class for q in calendar.queues], dtype=np.int64)
    queue_home = np.array([q.home for q in calendar.queues], dtype=np.int64)
    home_day = rows[:, 2] + lead[queue_home[rows[:, 0]], calendar.printer_district[rows[:, 1]]]
    series = []
    for c, cls in enumerate(instance.classes):
        queues = np.flatnonzero(queue_class == c)
        if cls.deadline is None or not queues.size:
            continue
        mine = (queue_class[rows[:, 0]] == c) & (home_day < days)
        home = np.zeros(days, dtype=np.int64)
        np.add.at(home, home_day[mine], rows[mine, 3])
        series.append(DeadlineSeries(
            service_class=cls.shown,  # as people call it (the label, else the id)
            deadline=cls.deadline,
            deadline_day=instance.day_index(cls.deadline),
            eligible=int(calendar.eligible[queues].sum()),
            home=np.cumsum(home),
            ready=np.cumsum(calendar.ready[queues].sum(axis=0)),
        ))
    return tuple(series)


