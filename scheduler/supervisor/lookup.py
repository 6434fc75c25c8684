"""Answering a resident: when is my card ready, and where?

`CardIndex` is built once from a plan's first-come pairing: a dict from each
file id to its (cohort, position), and each cohort's runs of equal cards, so
an answer costs one dict look-up and one bisection, whatever the queue's
size. Ids of inline cohorts are `cohort-<index>-<position>` (as the
`--assignments` file names them) and are parsed instead of stored. Every id
gets its own answer: an id the plan does not know is one, and after a re-plan
an applicant printed before its date is found in the re-plan's printed record.

An applicant without a card within the plan learns how many of the same queue
are still ahead of them at the plan's end: the first-come rule gives the
queue's cards to its first applicants, so those without a card are the
queue's last ones, and the ones ahead are those of them who came earlier.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from scheduler.files.privacy import masked
from scheduler.i18n import say
from scheduler.instance.calendar import Calendar
from scheduler.instance.model import Instance
from scheduler.plan.assignment import COHORT_ID, AssignedRun, applicant_locator


@dataclass(frozen=True)
class CardStatus:
    """One applicant's card: printer, print and home date, or the queue still ahead.

    `printer`, `print_date` and `home_date` are None without a card within the
    plan; `ahead` is then the number of the same queue ahead still without a
    card (None for an applicant with a card). The home date may lie after the
    horizon for a card printed at a neighbour near its end.
    """

    applicant_id: str
    district: str
    service_class: str
    ready: date
    printer: str | None
    printer_district: str | None
    print_date: date | None
    home_date: date | None
    ahead: int | None


@dataclass(frozen=True)
class PrintedBefore:
    """An applicant printed before the re-planning date `as_of` (on `print_date` at `printer`)."""

    applicant_id: str
    printer: str
    print_date: date
    as_of: date | None


@dataclass(frozen=True)
class NotInQueue:
    """An id that is not in the plan's queue (nor printed before it)."""

    applicant_id: str
    instance: str


Answer = CardStatus | PrintedBefore | NotInQueue


class CardIndex:
    """Where every applicant's card is, built once for any number of look-ups."""

    def __init__(self, calendar: Calendar, runs: list[AssignedRun]) -> None:
        self.calendar = calendar
        instance = calendar.instance
        self._locate = applicant_locator(instance)
        self._runs: dict[int, list[AssignedRun]] = {}
        for run in runs:  # runs of one cohort come in increasing offset
            self._runs.setdefault(run.cohort, []).append(run)
        self._offsets = {j: [r.offset for r in rs] for j, rs in self._runs.items()}
        # Each cohort's first-come rank within its queue, and each queue's cards.
        self._rank: list[int] = []
        seen: dict[int, int] = {}
        for j, q in enumerate(calendar.cohort_queue.tolist()):
            self._rank.append(seen.get(q, 0))
            seen[q] = seen.get(q, 0) + instance.cohorts[j].count
        self._printed: dict[int, int] = {}
        for run in runs:
            if run.printer is not None:
                q = int(calendar.cohort_queue[run.cohort])
                self._printed[q] = self._printed.get(q, 0) + run.count

    def locate(self, applicant_id: str) -> tuple[int, int] | None:
        """(cohort, position) of an applicant, or None when it is not in the instance."""
        return self._locate(applicant_id)

    def status(self, applicant_id: str, cohort: int, position: int) -> CardStatus:
        """The card of the applicant at `position` in `cohort`."""
        calendar = self.calendar
        instance = calendar.instance
        record = instance.cohorts[cohort]
        run = self._runs[cohort][bisect.bisect_right(self._offsets[cohort], position) - 1]
        if run.printer is None or run.print_day is None or run.home_day is None:
            q = int(calendar.cohort_queue[cohort])
            ahead = self._rank[cohort] + position - self._printed.get(q, 0)
            return CardStatus(applicant_id, record.district, record.service_class, record.ready,
                              None, None, None, None, ahead)
        return CardStatus(
            applicant_id, record.district, record.service_class, record.ready,
            calendar.printer_ids[run.printer],
            calendar.district_ids[int(calendar.printer_district[run.printer])],
            instance.date_of(run.print_day), instance.date_of(run.home_day), None,
        )

    def look_up(self, applicant_ids: list[str],
                printed: Mapping[str, tuple[str, date]] | None = None,
                as_of: date | None = None) -> list[Answer]:
        """An answer per id, in the order given: its card, or that it was printed before
        the re-planning date `as_of` (`printed`: the re-plan's record), or not known."""
        answers: list[Answer] = []
        name = self.calendar.instance.name
        for applicant in applicant_ids:
            where = self.locate(applicant)
            if where is not None:
                answers.append(self.status(applicant, *where))
            elif printed is not None and applicant in printed:
                printer, when = printed[applicant]
                answers.append(PrintedBefore(applicant, printer, when, as_of))
            else:
                answers.append(NotInQueue(applicant, name))
        return answers


def shown_id(applicant_id: str, show_ids: bool) -> str:
    """An id as a screen shows it: masked, unless asked for or an inline cohort's position."""
    if show_ids or COHORT_ID.fullmatch(applicant_id):
        return applicant_id
    return masked(applicant_id)


def answer_line(status: Answer, show_ids: bool = False,
                instance: Instance | None = None) -> str:
    """One line for the screen, e.g. `3527**********42: printer 1401-1 (Kampar) prints it on
    2017-05-23, home 2017-05-25`; with the `instance`, districts and classes are named as
    people know them (name, label), else by their ids."""
    who = shown_id(status.applicant_id, show_ids)
    district, place, service_class = (
        (instance.district_label, instance.district_name, instance.class_label)
        if instance is not None else (str, str, str))
    if isinstance(status, NotInQueue):
        return say("applicant {who}: not in the queue of {instance!r} (ready within its "
                   "horizon)", who=who, instance=status.instance)
    if isinstance(status, PrintedBefore):
        return say("{who}: printed on {day} at printer {printer}, before the re-plan date "
                   "{as_of}", who=who, day=status.print_date, printer=status.printer,
                   as_of=status.as_of)
    if status.printer is None:
        queue = f"{district(status.district)}/{service_class(status.service_class)}"
        return say("{who}: not within the plan; {ahead} of queue {queue} ahead still waiting",
                   who=who, ahead=status.ahead, queue=queue)
    return say("{who}: printer {printer} ({district}) prints it on {day}, home {home}",
               who=who, printer=status.printer, district=place(status.printer_district or ""),
               day=status.print_date, home=status.home_date)
