"""One entry point over both engines: pick the engine, share the time limit, return a result.

`auto` takes the min-cost flow when the instance is a pure network (exact and
fast, NETWORK.md) and CP-SAT when a side constraint (SPEC 6–8) can bind; CP-SAT
then starts from the relaxed network's flow as a complete hint and uses its
optimum as a lexicographic lower bound. `mip` solves the same model with HiGHS
and the same help from the flow (engines/mip/); `auto` does not take it: on the
side-constraint cases measured it is level with CP-SAT (docs/performance.md).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from scheduler.engines.network.engine import side_constraints_refused, solve_flow
from scheduler.errors import EngineError
from scheduler.instance.calendar import Calendar
from scheduler.plan.result import Outcome, PlanCounts

ENGINES = ("auto", "flow", "cpsat", "mip")
DEFAULT_WORKERS = max(1, min(8, os.cpu_count() or 1))


def choose_engine(calendar: Calendar, engine: str) -> str:
    """Resolve `auto` and refuse the flow engine for an instance it cannot solve exactly."""
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    used = calendar.instance.side_constraints_used()
    if engine == "auto":
        return "cpsat" if used else "flow"
    if engine == "flow" and used:
        raise side_constraints_refused(used)
    return engine


def solve_instance(
    calendar: Calendar,
    *,
    engine: str = "auto",
    time_limit: float | None = None,
    workers: int = DEFAULT_WORKERS,
    seed: int = 0,
    log: Callable[[str], None] | None = None,
    hint: PlanCounts | None = None,
) -> Outcome:
    """Solve with the chosen engine; the relaxed flow's time counts against the limit.

    CP-SAT starts from `hint` when given (a previous plan: re-planning keeps close
    to it), else from the relaxed flow; the flow engine needs no start.
    """
    chosen = choose_engine(calendar, engine)
    started = time.perf_counter()
    if chosen == "flow":
        return solve_flow(calendar, log=log)
    # CP-SAT and the MIP load only when they are used.
    from scheduler.engines.cpsat.variables import relaxed_calendar

    # The relaxation folds what a network can express of operators and min_batch into
    # the capacities (still a relaxation, so its optimum stays a lower bound) and drops
    # the rest; its flow is CP-SAT's first plan and its figures the lexicographic bound.
    relaxed = solve_flow(relaxed_calendar(calendar), relax_side_constraints=True, log=log)
    remaining = None
    if time_limit is not None:
        remaining = max(0.1, time_limit - (time.perf_counter() - started))
    if chosen == "mip":
        from scheduler.engines.mip.engine import solve_mip_engine

        return solve_mip_engine(calendar, time_limit=remaining, seed=seed, hint=hint,
                                relaxation=relaxed, log=log)
    from scheduler.engines.cpsat.engine import solve_cpsat

    return solve_cpsat(
        calendar,
        time_limit=remaining,
        workers=workers,
        seed=seed,
        hint=relaxed.counts if hint is None else hint,
        relaxation=relaxed,
        log=log is not None,
    )
