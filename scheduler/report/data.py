"""The figures and day-by-day series the HTML report shows, computed from a plan.

Everything here is counts per district, printer, class and day: no applicant is
named, so the page can be shown to anyone (no NIKs). Backlogs count by print
day, as the summary does; deadline progress counts cards by their home day, as
the objective does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from scheduler.diagnose.blanks_short import BlanksShort
from scheduler.instance.calendar import Calendar, IntArray
from scheduler.plan.assignment import home_lead
from scheduler.plan.figures import DistrictFigures, backlog_by_day
from scheduler.plan.result import EngineResult
from scheduler.plan.stock import blank_stock


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
class DistrictSeries:
    """Backlog and blank stock at the end of each day, and the deliveries within the horizon."""

    district: str
    name: str
    backlog: IntArray
    stock: IntArray
    deliveries: tuple[tuple[int, int], ...]  # (day, blanks)


@dataclass(frozen=True)
class PrinterSeries:
    """Cards a day against the day's capacity; `outage` marks days an outage covers it."""

    printer: str
    district: str
    printed: IntArray
    capacity: IntArray
    outage: np.ndarray


@dataclass(frozen=True)
class DeadlineSeries:
    """A class with a deadline: its cards home by each day against those who must be."""

    service_class: str
    deadline: date
    deadline_day: int
    eligible: int
    home: IntArray  # cumulative cards of the class home by the end of each day
    ready: IntArray  # cumulative applicants of the class ready by each day


@dataclass(frozen=True)
class ReportData:
    """Everything the page shows, in the instance's orders."""

    name: str
    description: str
    dates: tuple[date, ...]
    status: str
    engine: str
    headline: Headline
    figures: tuple[DistrictFigures, ...]
    shortages: tuple[BlanksShort, ...]
    districts: tuple[DistrictSeries, ...]
    printers: tuple[PrinterSeries, ...]
    deadlines: tuple[DeadlineSeries, ...]


def report_data(calendar: Calendar, result: EngineResult, figures: list[DistrictFigures],
                shortages: list[BlanksShort]) -> ReportData:
    """Compute every series of the page from a (validated) plan."""
    instance = calendar.instance
    days = calendar.days
    cleared = [f.cleared for f in figures if f.applicants > 0]
    last = None if any(c is None for c in cleared) or not cleared else max(
        c for c in cleared if c is not None)
    printed = sum(f.printed for f in figures)
    applicants = sum(f.applicants for f in figures)
    headline = Headline(
        applicants=applicants,
        printed=printed,
        waiting=applicants - printed,
        days_to_clear=None if last is None else instance.day_index(last) + 1,
        cleared_on=last,
        deadline_misses=result.objective.deadline_misses,
        waiting_days=result.objective.waiting_days,
        transfer_cost=result.objective.transfer_cost,
        blanks_short=sum(s.blanks for s in shortages),
    )
    return ReportData(
        name=instance.name,
        description=instance.description,
        dates=tuple(instance.date_of(t) for t in range(days)),
        status=result.status,
        engine=result.engine,
        headline=headline,
        figures=tuple(figures),
        shortages=tuple(shortages),
        districts=_districts(calendar, result),
        printers=_printers(calendar, result),
        deadlines=_deadlines(calendar, result),
    )


def _districts(calendar: Calendar, result: EngineResult) -> tuple[DistrictSeries, ...]:
    backlog = backlog_by_day(calendar, result)
    stock = blank_stock(calendar, result)
    instance = calendar.instance
    series = []
    for k, district in enumerate(instance.districts):
        arrivals: dict[int, int] = {}
        for dl in instance.deliveries:
            t = instance.day_index(dl.date)
            if dl.district == district.id and 0 <= t < calendar.days:
                arrivals[t] = arrivals.get(t, 0) + dl.blanks
        series.append(DistrictSeries(district.id, district.name, backlog[k], stock[k],
                                     tuple(sorted(arrivals.items()))))
    return tuple(series)


def _printers(calendar: Calendar, result: EngineResult) -> tuple[PrinterSeries, ...]:
    instance = calendar.instance
    days = calendar.days
    printed = np.zeros((len(calendar.printer_ids), days), dtype=np.int64)
    for pp in result.prints:
        printed[pp.printer, pp.day] += pp.count
    series = []
    for p, printer in enumerate(instance.printers):
        outage = np.zeros(days, dtype=np.bool_)
        for o in instance.outages:
            if o.printer == printer.id or (o.printer is None and o.district == printer.district):
                lo = max(instance.day_index(o.start), 0)
                hi = min(instance.day_index(o.end), days - 1)
                outage[lo:hi + 1] = True
        series.append(PrinterSeries(printer.id, printer.district, printed[p],
                                    calendar.printer_capacity[p], outage))
    return tuple(series)


def _deadlines(calendar: Calendar, result: EngineResult) -> tuple[DeadlineSeries, ...]:
    instance = calendar.instance
    days = calendar.days
    lead = home_lead(calendar)
    series = []
    for c, cls in enumerate(instance.classes):
        if cls.deadline is None:
            continue
        queues = [q for q, queue in enumerate(calendar.queues) if queue.service_class == c]
        if not queues:
            continue
        home = np.zeros(days, dtype=np.int64)
        for pp in result.prints:
            if pp.queue in queues:
                home_queue = calendar.queues[pp.queue].home
                day = pp.day + lead[(home_queue, int(calendar.printer_district[pp.printer]))]
                if day < days:
                    home[day] += pp.count
        ready = calendar.ready[queues].sum(axis=0)
        series.append(DeadlineSeries(
            service_class=cls.shown,  # as people call it (the label, else the id)
            deadline=cls.deadline,
            deadline_day=instance.day_index(cls.deadline),
            eligible=int(calendar.eligible[queues].sum()),
            home=np.cumsum(home),
            ready=np.cumsum(ready),
        ))
    return tuple(series)
