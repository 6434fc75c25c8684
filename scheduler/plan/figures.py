"""The figures a plan reports beside its objective, per district (SPEC, last section).

Cards printed and not printed for each home district's residents, the day its
ready backlog first reaches zero, blanks left at the end, and the longest wait
in days from an applicant's ready date (before the horizon too) to its card's
home day, or to the horizon's end for one still waiting then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from scheduler.instance.calendar import Calendar
from scheduler.plan.assignment import AssignedRun
from scheduler.plan.result import EngineResult
from scheduler.plan.stock import blank_stock


@dataclass(frozen=True)
class DistrictFigures:
    """One district's figures; `cleared` is None when the backlog never empties."""

    district: str
    name: str
    applicants: int
    printed: int
    not_printed: int
    cleared: date | None
    blanks_left: int
    longest_wait: int
    longest_wait_unfinished: bool


def backlog_by_day(calendar: Calendar, result: EngineResult) -> npt.NDArray[np.int64]:
    """`backlog[k, t]`: k's residents ready by day t and not yet printed by then (anywhere)."""
    n_districts, days = len(calendar.district_ids), calendar.days
    ready = np.zeros((n_districts, days), dtype=np.int64)
    for q, queue in enumerate(calendar.queues):
        ready[queue.home] += calendar.ready[q]
    printed = np.zeros((n_districts, days), dtype=np.int64)
    for pp in result.prints:
        printed[calendar.queues[pp.queue].home, pp.day] += pp.count
    return np.asarray(np.cumsum(ready, axis=1) - np.cumsum(printed, axis=1), dtype=np.int64)


def district_figures(
    calendar: Calendar, result: EngineResult, runs: list[AssignedRun]
) -> list[DistrictFigures]:
    """Compute each district's figures from the plan and its first-come pairing."""
    n_districts = len(calendar.district_ids)
    days = calendar.days
    ready = np.zeros((n_districts, days), dtype=np.int64)
    for q, queue in enumerate(calendar.queues):
        ready[queue.home] += calendar.ready[q]
    blanks = blank_stock(calendar, result)[:, -1]
    backlog = backlog_by_day(calendar, result)

    longest = np.zeros(n_districts, dtype=np.int64)
    unfinished = np.zeros(n_districts, dtype=np.bool_)
    instance = calendar.instance
    k_of = {d: i for i, d in enumerate(calendar.district_ids)}
    for run in runs:
        cohort = instance.cohorts[run.cohort]
        k = k_of[cohort.district]
        # A person's wait counts from the real ready date (waiting_days clamps it to day 0).
        ready_day = instance.day_index(cohort.ready)
        end = days if run.home_day is None else min(run.home_day, days)
        wait = end - ready_day
        if wait > longest[k] or (wait == longest[k] and run.home_day is None):
            longest[k] = wait
            unfinished[k] = run.home_day is None or run.home_day >= days

    figures = []
    for k, district in enumerate(instance.districts):
        total = int(ready[k].sum())
        printed = total - int(backlog[k, -1])
        cleared_days = np.flatnonzero((backlog[k] == 0) & (np.cumsum(ready[k]) > 0))
        cleared = instance.date_of(int(cleared_days[0])) if cleared_days.size else None
        figures.append(
            DistrictFigures(
                district=district.id,
                name=district.name,
                applicants=total,
                printed=printed,
                not_printed=total - printed,
                cleared=cleared,
                blanks_left=int(blanks[k]),
                longest_wait=int(longest[k]),
                longest_wait_unfinished=bool(unfinished[k]),
            )
        )
    return figures
