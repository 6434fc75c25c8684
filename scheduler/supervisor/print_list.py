"""The supervisor's print lists: for every printer and day, which cards in which order.

The cards of a printer-day are the applicants the SPEC's first-come rule gives
them (`assignment.assign_first_come`). Within a printer-day the queues come in
a fixed order: the printer's own district's queues first (cards that stay),
then the other home districts' queues in the instance's district order (cards
to pack and send); within one home district, classes in the instance's class
order. Within a queue, applicants keep their first-come order, so the list is
also the order in which residents came.

A list also says how many blanks its district keeps after the day (SPEC
constraint 4's balance), so the supervisor sees the stock run down.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from scheduler.errors import InputError
from scheduler.i18n import say
from scheduler.instance.calendar import Calendar
from scheduler.instance.fields import date_value
from scheduler.instance.model import Instance
from scheduler.plan.assignment import AssignedRun, applicant_ids
from scheduler.plan.result import EngineResult
from scheduler.plan.stock import blank_stock

LIST_COLUMNS = ("position", "applicant_id", "district", "class", "ready", "dispatch")


Card = tuple[int, str, str, str, str, str]  # a row in LIST_COLUMNS order, dates as ISO text


@dataclass(frozen=True)
class CardRun:
    """Cards in a row on a day's list: applicants of one queue, in first-come order.

    `dispatch` is empty for cards that stay in the printer's district, else
    e.g. "to 14.05 (home 2017-06-02)": where they go and the day they arrive.
    """

    run: AssignedRun
    district: str
    service_class: str
    ready: date
    dispatch: str
    class_label: str = ""  # what people call the class (sheets show it; the CSV the id)


@dataclass(frozen=True)
class DayList:
    """The cards of one printer on one day, and the district's blanks left after that day.

    The cards are made when read (`rows`), one at a time: a list of millions of
    cards is never held in memory.
    """

    date: date
    blanks_left: int
    runs: tuple[CardRun, ...]
    calendar: Calendar = field(repr=False, compare=False)

    @property
    def cards(self) -> int:
        return sum(card.run.count for card in self.runs)

    def rows(self, *, labels: bool = False) -> Iterator[Card]:
        """The cards in print order, numbered from 1; with `labels`, the class as people
        call it (a sheet), else its id (the CSV)."""
        position = 0
        for card in self.runs:
            ready = card.ready.isoformat()
            shown = (card.class_label or card.service_class) if labels else card.service_class
            for applicant in applicant_ids(self.calendar, card.run):
                position += 1
                yield position, applicant, card.district, shown, ready, card.dispatch

    def id_width(self) -> int:
        """The length of the longest applicant id on the list."""
        return max((id_width(self.calendar, card.run) for card in self.runs), default=0)


@dataclass(frozen=True)
class PrinterList:
    """One printer's lists; `office` is its district's id and name, as a heading shows it."""

    printer: str
    district: str
    office: str
    days: tuple[DayList, ...]


def horizon_day(instance: Instance, text: str, source: str = "--date") -> int:
    """The day index of an ISO date given on the command line (InputError outside the horizon)."""
    when = date_value(text, source, "")
    t = instance.day_index(when)
    if not 0 <= t < instance.days:
        raise InputError(
            source, "", say("{day} is outside the horizon {start} .. {end}", day=when,
                             start=instance.start, end=instance.end)
        )
    return t


def print_lists(
    calendar: Calendar, result: EngineResult, runs: list[AssignedRun], day: int | None = None
) -> list[PrinterList]:
    """Every printer's lists, in the instance's printer order.

    With `day`, each printer gets exactly that day's list (possibly empty: a
    broken or closed printer is news too); without, one list per day on which
    the printer prints at least one card.
    """
    instance = calendar.instance
    k_of = {d: i for i, d in enumerate(calendar.district_ids)}
    c_of = {c: i for i, c in enumerate(calendar.class_ids)}
    by_printer_day: dict[tuple[int, int], list[tuple[tuple[bool, int, int], AssignedRun]]] = {}
    for run in runs:  # queue by queue, applicants in first-come order
        if run.printer is None or run.print_day is None:
            continue
        if day is not None and run.print_day != day:
            continue
        cohort = instance.cohorts[run.cohort]
        home = k_of[cohort.district]
        own = int(calendar.printer_district[run.printer])
        queue_order = (home != own, home, c_of[cohort.service_class])
        by_printer_day.setdefault((run.printer, run.print_day), []).append((queue_order, run))

    left = blank_stock(calendar, result)
    lists = []
    for p, printer_id in enumerate(calendar.printer_ids):
        k = int(calendar.printer_district[p])
        days = [day] if day is not None else sorted(t for (i, t) in by_printer_day if i == p)
        day_lists = []
        for t in days:
            ordered = sorted(by_printer_day.get((p, t), []), key=lambda item: item[0])  # stable
            day_lists.append(DayList(instance.date_of(t), int(left[k, t]),
                                     _card_runs(calendar, k, [run for _, run in ordered]),
                                     calendar))
        district = instance.districts[k]
        office = f"{district.id} {district.name}" if district.name else district.id
        lists.append(PrinterList(printer_id, district.id, office, tuple(day_lists)))
    return lists


def _card_runs(calendar: Calendar, printing_district: int, runs: list[AssignedRun]
               ) -> tuple[CardRun, ...]:
    """The runs with what their cards' rows show."""
    instance = calendar.instance
    out = []
    for run in runs:
        cohort = instance.cohorts[run.cohort]
        dispatch = ""
        if cohort.district != calendar.district_ids[printing_district] and run.home_day is not None:
            dispatch = say("to {district} (home {day})", district=cohort.district,
                           day=instance.date_of(run.home_day))
        out.append(CardRun(run, cohort.district, cohort.service_class, cohort.ready, dispatch,
                           instance.class_label(cohort.service_class)))
    return tuple(out)


def id_width(calendar: Calendar, run: AssignedRun) -> int:
    """The length of the run's longest applicant id, without listing inline cohorts' ids."""
    ids = calendar.instance.applicant_ids
    if ids is not None:
        return max(map(len, ids[run.cohort][run.offset:run.offset + run.count]), default=0)
    cohort = calendar.instance.cohorts[run.cohort]
    return len(f"cohort-{cohort.index}-{cohort.first + run.offset + run.count - 1}")
