"""`solve --method greedy`: the first-come plan an office makes by hand, and its blank needs.

The plan itself is the benchmark's baseline (`scheduler/bench/greedy.py`): each
district prints its own oldest ready applicants at home, within capacity, blanks,
min_batch and operators, with no rerouting and no lending. It is a valid plan
(status FEASIBLE) with no bound: nothing here proves how far from optimal it is.

Its blanks short are the greedy's own, not the optimum's (`blanks_short.py`):
the same greedy run with blanks that never run out prints at least as much each
day, and a district given max(0, max over s ≤ t of (its cards printed by s in
that run − its stock and deliveries by s)) more blanks by each day t prints
exactly that run's cards (by induction over the days: same backlog, and the
blank stock no longer binds). Zero exactly when blanks never hold the greedy back.
"""

from __future__ import annotations

import dataclasses
import time

from scheduler.bench.greedy import greedy_plan
from scheduler.blanks_short import BlanksShort, shortfall_steps
from scheduler.instance.calendar import Calendar, build_calendar
from scheduler.plan import EngineResult


def solve_first_come(calendar: Calendar) -> EngineResult:
    """The first-come plan, with the seconds it took."""
    started = time.perf_counter()
    result = greedy_plan(calendar)
    return dataclasses.replace(result, seconds=time.perf_counter() - started)


def first_come_blanks_short(calendar: Calendar) -> list[BlanksShort]:
    """Each district's extra blanks (and by when) that would let the greedy print as if
    blanks never ran out; empty when they never hold it back."""
    instance = calendar.instance
    plenty = instance.applicant_count + 1
    ample = dataclasses.replace(
        instance, districts=tuple(dataclasses.replace(d, blanks=plenty)
                                  for d in instance.districts))
    ample_calendar = build_calendar(ample)
    return shortfall_steps(calendar, ample_calendar, greedy_plan(ample_calendar))
