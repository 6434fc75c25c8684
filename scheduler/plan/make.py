"""Making a plan, in one place for every interface: engine, document, validator, diagnoses.

`solve`, `replan`, `bench`, `simulate` and `whatif` (and the office ledger and
web page after them) all plan through `make_plan`, so every plan any of them
shows has passed the independent validator, which shares no code with the
engines: a plan the validator refuses is a bug, raised, never returned.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from scheduler.diagnose.blanks_short import blanks_short as ample_blanks_short
from scheduler.diagnose.blanks_short import first_come_blanks_short
from scheduler.diagnose.strict_deadlines import DeadlineVerdict, deadline_verdicts
from scheduler.engines.dispatch import DEFAULT_WORKERS, solve_instance
from scheduler.engines.greedy import greedy_plan
from scheduler.errors import EngineError
from scheduler.instance.calendar import Calendar, build_calendar
from scheduler.instance.levers import close_levers
from scheduler.instance.model import Instance
from scheduler.plan.document import solution_document
from scheduler.plan.planned import Lever, Method, Planned, PlanSettings
from scheduler.plan.result import EngineResult, NoPlan, PlanCounts
from scheduler.validator import validate_solution

MIN_BLANKS_SHORT_SECONDS = 1.0  # below this much time left, blanks short is not attempted


@dataclass(frozen=True)
class Decomposition:
    """Plan province by province: `jobs` local processes, or the Dask scheduler's tasks."""

    jobs: int = 1
    dask_address: str | None = None


class NoPlanFound(Exception):
    """The engine found no plan: proven infeasible, or none within the time limit."""

    def __init__(self, result: NoPlan) -> None:
        self.result = result
        super().__init__(f"no feasible plan found ({result.status})")


class DeadlinesMissed(Exception):
    """Strict deadlines asked for, and the best plan misses some: which queues, and why.

    `proven` says the engine proved that every plan misses at least `misses`.
    """

    def __init__(self, misses: int, proven: bool, verdicts: list[DeadlineVerdict]) -> None:
        self.misses = misses
        self.proven = proven
        self.verdicts = verdicts
        super().__init__(f"{misses:,} eligible applicant(s) miss their deadline")


def make_plan(
    instance: Instance,
    *,
    method: Method | str = Method.OPTIMAL,
    engine: str = "auto",
    time_limit: float | None = None,
    workers: int | None = None,
    seed: int = 0,
    levers: Iterable[Lever | str] = (),
    blanks_short: bool = True,
    hint: PlanCounts | None = None,
    strict_deadlines: bool = False,
    log: Callable[[str], None] | None = None,
    decompose: Decomposition | None = None,
) -> Planned:
    """Plan `instance` and return the validated plan (NoPlanFound when there is none).

    `method` "optimal" proves the lexicographic optimum (or, within `time_limit`
    seconds, returns the best plan found with its bound); "greedy" is the
    first-come plan an office makes by hand, which takes no engine settings.
    `levers` closes rerouting or blank lending first. `hint` is a previous
    plan for CP-SAT to start from. `blanks_short` says how many blanks each
    district lacks (a second solve, within what is left of the limit).
    `strict_deadlines` raises DeadlinesMissed when the best plan misses any.
    `decompose` plans province by province along the national relaxed flow
    (engines/decompose/: `engine` plans each province; a FEASIBLE plan with the
    relaxed flow's bound unless it meets it), on local processes or Dask.
    """
    started = time.perf_counter()
    settings = _settings(method, engine, time_limit, workers, seed, hint)
    closed = {Lever(lever) for lever in levers}
    instance = close_levers(instance, reroute=Lever.NO_REROUTE not in closed,
                            blank_transfers=Lever.NO_BLANK_TRANSFERS not in closed)
    calendar = build_calendar(instance)
    if settings.method == Method.GREEDY:
        outcome: EngineResult | NoPlan = greedy_plan(calendar)
    elif decompose is not None:
        from scheduler.engines.decompose.engine import solve_by_provinces

        outcome = solve_by_provinces(calendar, engine=engine, time_limit=time_limit,
                                     workers=settings.workers, seed=seed, jobs=decompose.jobs,
                                     dask_address=decompose.dask_address, log=log)
    else:
        outcome = solve_instance(calendar, engine=engine, time_limit=time_limit,
                                 workers=settings.workers, seed=seed, log=log, hint=hint)
    if isinstance(outcome, NoPlan):
        raise NoPlanFound(outcome)
    if strict_deadlines and outcome.objective.deadline_misses:
        misses = outcome.objective.deadline_misses
        raise DeadlinesMissed(misses, outcome.bound.deadline_misses == misses,
                              deadline_verdicts(calendar, outcome, workers=settings.workers,
                                                seed=seed))
    planned = planned_from_result(instance, calendar, outcome, settings,
                                  seconds=time.perf_counter() - started)
    if not blanks_short:
        return planned
    left = None if time_limit is None else time_limit - (time.perf_counter() - started)
    return _with_shortages(planned, left)


def planned_from_result(
    instance: Instance,
    calendar: Calendar,
    result: EngineResult,
    settings: PlanSettings | None,
    *,
    seconds: float,
    solver_extra: Mapping[str, Any] | None = None,
) -> Planned:
    """The result as a validated `Planned` (RuntimeError if the validator refuses it).

    `solver_extra` adds entries to the document's `solver` block (a re-plan's
    `moved` and `replan`); the validator ignores them.
    """
    document = solution_document(
        calendar, result, settings=None if settings is None else settings.as_document())
    document["solver"].update(solver_extra or {})
    report = validate_solution(instance, document, source=instance.name)
    if not report.valid:
        first = report.violations[0].message
        raise RuntimeError(f"internal error: the plan fails validation ({first})")
    return Planned(instance, calendar, result, document, settings, seconds)


def _settings(method: Method | str, engine: str, time_limit: float | None,
              workers: int | None, seed: int, hint: PlanCounts | None) -> PlanSettings:
    """The settings, checked: the first-come plan takes none of the optimiser's."""
    chosen = Method(method)
    if chosen == Method.GREEDY:
        steering = {"engine": engine != "auto", "time_limit": time_limit is not None,
                    "workers": workers is not None, "seed": seed != 0, "hint": hint is not None}
        given = [name for name, set_ in steering.items() if set_]
        if given:
            raise EngineError(f"{', '.join(given)} applies to the optimal method only, "
                              "not to the greedy one")
        return PlanSettings(method=chosen)
    return PlanSettings(chosen, engine, time_limit, workers or DEFAULT_WORKERS, seed)


def _with_shortages(planned: Planned, left: float | None) -> Planned:
    """The plan with its blanks to ask for, or as it is when too little time is left.

    The greedy's are its own needs; the optimum's are a property of the instance
    (diagnose/blanks_short.py), found by a second solve with the same settings.
    """
    settings = planned.settings
    assert settings is not None  # made here, not read from a file
    if settings.method == Method.GREEDY:
        shortages = first_come_blanks_short(planned.calendar)
    elif left is None or left >= MIN_BLANKS_SHORT_SECONDS:
        shortages = ample_blanks_short(planned.calendar, engine=settings.engine, time_limit=left,
                                       workers=settings.workers, seed=settings.seed,
                                       plan=planned.result)
    else:
        return planned
    return replace(planned, shortages=tuple(shortages))
