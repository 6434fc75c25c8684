"""One simulated run: a policy walks the horizon day by day through one future.

Each morning the policy decides the day's prints and blank sends knowing only
what has happened so far (knowledge.py); then the day's real capacity and real
blank stock cut them (state.py), and what was made is recorded. Everything is
in memory: no files, no processes, one solve only on a morning with news.

`greedy` is first-come by hand (scheduler/engines/greedy.py): each office prints
its oldest ready applicants at home at the day's real capacity while its real
blanks last, with no rerouting and no lending. It never looks ahead, so its
day-by-day walk through the real world is exactly the greedy plan of the
realised instance, which is how it is computed.

The run's figures are the realised plan's, by the SPEC's objective on the
instance (the first-come rule pairs applicants with the cards really made);
the realised plan is valid for the realised instance (world.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from scheduler.engines.greedy import greedy_plan
from scheduler.instance.calendar import Calendar, build_calendar
from scheduler.instance.model import Instance
from scheduler.plan.assignment import assign_first_come
from scheduler.plan.figures import district_figures
from scheduler.plan.objective import objective_from_counts
from scheduler.plan.result import Bound, EngineResult, PlannedPrint, PlannedTransfer, Status
from scheduler.simulate.future import Future
from scheduler.simulate.policies import Planner
from scheduler.simulate.state import RunState
from scheduler.simulate.world import realised_instance

POLICIES = ("replan", "fixed", "greedy")


@dataclass(frozen=True)
class RunFigures:
    """A run's figures under one policy.

    `days_to_clear`: per district, horizon days up to and including the day its
    ready backlog first reaches zero (None: not within the horizon, or no
    residents), as `network` and `whatif` count them. `solves`: solves made
    (the first morning's included); `seconds`: the whole run, `solve_seconds`
    the solves alone.
    """

    policy: str
    printed: int
    waiting_days: int
    deadline_misses: int
    transfer_cost: int
    days_to_clear: tuple[tuple[str, int | None], ...]
    solves: int
    seconds: float
    solve_seconds: float


@dataclass(frozen=True)
class RunResult(RunFigures):
    """The figures and the realised plan: the prints and sends really made, with
    their objective, in the instance's indices."""

    realised: EngineResult


def simulate_run(instance: Instance, future: Future, policy: str, *, workers: int = 1,
                 seed: int = 0, time_limit: float | None = None) -> RunResult:
    """Walk the horizon under `policy` through `future`.

    `workers`, `seed`: CP-SAT's, for instances with side constraints (the same
    pair gives the same run); `time_limit`: seconds for each solve.
    """
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; choose one of {', '.join(POLICIES)}")
    started = time.perf_counter()
    calendar = build_calendar(instance)
    real = build_calendar(realised_instance(instance, future))
    if policy == "greedy":
        made = greedy_plan(real)
        prints, transfers = made.prints, made.transfers
        solves, solve_seconds = 0, 0.0
    else:
        planner = Planner(future, replan=policy == "replan", workers=workers, seed=seed,
                          time_limit=time_limit)
        state = RunState.start(calendar, real)
        for day in range(calendar.days):
            state.realise_day(day, *planner.decide(day, state))
        prints, transfers = tuple(state.prints), tuple(state.transfers)
        solves, solve_seconds = planner.solves, planner.solve_seconds
    realised = realised_plan(calendar, prints, transfers, policy)
    figures = district_figures(calendar, realised, assign_first_come(calendar, realised))
    return RunResult(
        policy=policy,
        printed=sum(f.printed for f in figures),
        waiting_days=realised.objective.waiting_days,
        deadline_misses=realised.objective.deadline_misses,
        transfer_cost=realised.objective.transfer_cost,
        days_to_clear=tuple(
            (f.district, None if f.cleared is None else (f.cleared - instance.start).days + 1)
            for f in figures),
        solves=solves,
        seconds=time.perf_counter() - started,
        solve_seconds=solve_seconds,
        realised=realised,
    )


def realised_plan(calendar: Calendar, prints: tuple[PlannedPrint, ...],
                  transfers: tuple[PlannedTransfer, ...], policy: str) -> EngineResult:
    """The prints and sends really made, with their objective (trips of constraint 8 included)."""
    links = calendar.instance.links
    trips = sum(links[link].trip_cost
                for link, _ in {(tr.link, tr.day) for tr in transfers if tr.count > 0})
    objective = objective_from_counts(calendar, prints, transfers, trips)
    return EngineResult(engine=f"simulate-{policy}", status=Status.FEASIBLE, objective=objective,
                        bound=Bound(None), proof="none: a simulated run's realised plan",
                        prints=prints, transfers=transfers)
