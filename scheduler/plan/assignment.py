"""Who gets which card: the SPEC's first-come rule applied to a plan's counts.

Within a queue, applicants in first-come order (the instance keeps cohorts in
that order) are paired with the queue's cards ordered by (print day, home day,
printer id): the k-th applicant gets the k-th card. Pairing runs of equal
applicants with runs of equal cards keeps this linear in the number of runs,
not applicants, so 3,000,000 applicants pair in a blink.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from scheduler.files.cells import write_csv_frame
from scheduler.instance.calendar import Calendar
from scheduler.instance.model import Instance
from scheduler.plan.result import EngineResult

if TYPE_CHECKING:
    import pandas as pd

    from scheduler.plan.planned import Planned


@dataclass(frozen=True)
class AssignedRun:
    """`count` consecutive applicants of cohort `cohort`, from position `offset` on.

    `printer`, `print_day` and `home_day` are None for applicants without a card.
    """

    cohort: int
    offset: int
    count: int
    printer: int | None
    print_day: int | None
    home_day: int | None


def home_lead(calendar: Calendar) -> dict[tuple[int, int], int]:
    """Lead days from home district h to printing district k (0 at home)."""
    leads = {(k, k): 0 for k in range(len(calendar.district_ids))}
    for src, dst, lead in zip(
        calendar.link_source.tolist(), calendar.link_target.tolist(), calendar.link_lead.tolist(),
        strict=True,
    ):
        leads[(src, dst)] = lead
    return leads


def assign_first_come(calendar: Calendar, result: EngineResult) -> list[AssignedRun]:
    """Pair every queue's applicants with its cards by the SPEC's first-come rule."""
    leads = home_lead(calendar)
    cards: dict[int, list[tuple[int, int, str, int, int]]] = {}
    for pp in result.prints:
        home = calendar.queues[pp.queue].home
        k = int(calendar.printer_district[pp.printer])
        home_day = pp.day + leads[(home, k)]
        cards.setdefault(pp.queue, []).append(
            (pp.day, home_day, calendar.printer_ids[pp.printer], pp.printer, pp.count)
        )
    cohorts_of: dict[int, list[int]] = {}
    for j, q in enumerate(calendar.cohort_queue.tolist()):
        cohorts_of.setdefault(q, []).append(j)

    runs: list[AssignedRun] = []
    for q, cohort_list in cohorts_of.items():
        queue_cards = sorted(cards.get(q, []))
        ci = 0
        card_left = queue_cards[0][4] if queue_cards else 0
        for j in cohort_list:
            size = calendar.instance.cohorts[j].count
            offset = 0
            while offset < size:
                while ci < len(queue_cards) and card_left == 0:
                    ci += 1
                    card_left = queue_cards[ci][4] if ci < len(queue_cards) else 0
                if ci == len(queue_cards):
                    runs.append(AssignedRun(j, offset, size - offset, None, None, None))
                    break
                day, home_day, _, printer, _ = queue_cards[ci]
                take = min(card_left, size - offset)
                runs.append(AssignedRun(j, offset, take, printer, day, home_day))
                card_left -= take
                offset += take
    return runs


def applicant_ids(calendar: Calendar, run: AssignedRun) -> list[str]:
    """The ids of a run: the file's ids, or `cohort-<index>-<position>` for inline cohorts.

    `index` is the cohort's position in the instance file or its label, `position`
    counts from the cohort's `first` (`Cohort.index`, `Cohort.first`).
    """
    ids = calendar.instance.applicant_ids
    if ids is not None:
        return list(ids[run.cohort][run.offset : run.offset + run.count])
    cohort = calendar.instance.cohorts[run.cohort]
    first = cohort.first + run.offset
    return [f"cohort-{cohort.index}-{i}" for i in range(first, first + run.count)]


COHORT_ID = re.compile(r"cohort-(0|[1-9][0-9]*)-(0|[1-9][0-9]*)")


def applicant_locator(instance: Instance) -> Callable[[str], tuple[int, int] | None]:
    """Applicant id -> (cohort, offset within it), or None: the file's ids, or an inline
    cohort's `cohort-<index>-<position>` (position counted from the cohort's `first`)."""
    if instance.applicant_ids is not None:
        table = {a: (j, i) for j, ids in enumerate(instance.applicant_ids)
                 for i, a in enumerate(ids)}
        return table.get
    by_label: dict[int, list[tuple[int, int]]] = {}
    for j, cohort in enumerate(instance.cohorts):
        by_label.setdefault(cohort.index, []).append((cohort.first, j))

    def inline(applicant: str) -> tuple[int, int] | None:
        match = COHORT_ID.fullmatch(applicant)
        if match is None:
            return None
        position = int(match[2])
        for first, j in by_label.get(int(match[1]), ()):
            if first <= position < first + instance.cohorts[j].count:
                return j, position - first
        return None

    return inline


ASSIGNMENT_COLUMNS = (
    "applicant_id", "district", "class", "ready", "printer", "print_date", "home_date",
)


def assignments_frame(calendar: Calendar, runs: list[AssignedRun]) -> pd.DataFrame:
    """One row per applicant: id, home district, class, ready, printer, print and home date."""
    import pandas as pd  # only this output needs pandas; a plain solve starts faster

    instance = calendar.instance
    horizon_dates = [instance.date_of(t).isoformat() for t in range(calendar.days + 60)]

    def date_text(day: int | None) -> str:
        if day is None:
            return ""
        return horizon_dates[day] if day < len(horizon_dates) else instance.date_of(day).isoformat()

    counts = np.array([r.count for r in runs], dtype=np.int64)
    columns: dict[str, object] = {
        "applicant_id": [i for r in runs for i in applicant_ids(calendar, r)],
    }
    per_run = {
        "district": [instance.cohorts[r.cohort].district for r in runs],
        "class": [instance.cohorts[r.cohort].service_class for r in runs],
        "ready": [instance.cohorts[r.cohort].ready.isoformat() for r in runs],
        "printer": ["" if r.printer is None else calendar.printer_ids[r.printer] for r in runs],
        "print_date": [date_text(r.print_day) for r in runs],
        "home_date": [date_text(r.home_day) for r in runs],
    }
    for name, values in per_run.items():
        columns[name] = np.repeat(np.array(values, dtype=object), counts)
    return pd.DataFrame(columns, columns=list(ASSIGNMENT_COLUMNS))


def write_assignments(planned: Planned, path: str | Path) -> None:
    """Write one CSV row per applicant (`ASSIGNMENT_COLUMNS`) atomically."""
    write_csv_frame(path, assignments_frame(planned.calendar, planned.runs))
