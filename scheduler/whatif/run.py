"""Solving the baseline and every scenario in parallel processes, and the figures compared.

Each scenario is an independent exact solve (`make_plan`, `auto` engine),
so they run in a process pool; `ProcessPoolExecutor.map` keeps the scenario
order whatever the number of jobs. CP-SAT's search workers per solve are fixed
by the caller, not by the jobs, so a run with one job gives the same plans as
a run with many (CP-SAT is deterministic for a given seed and worker count).
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial

from scheduler.plan.make import NoPlanFound, make_plan
from scheduler.whatif.scenarios import Scenario


@dataclass(frozen=True)
class ScenarioResult:
    """One scenario's figures; the plan's figures are None when no plan was found."""

    name: str
    cost_rupiah: int | None
    status: str
    printed: int | None
    waiting_days: int | None
    deadline_misses: int | None
    transfer_cost: int | None
    days_to_clear: tuple[tuple[str, int | None], ...]  # (district, days; None: never)
    seconds: float


def default_jobs(scenarios: int) -> int:
    """One process per scenario, at most one per core."""
    return max(1, min(os.cpu_count() or 1, scenarios))


def solve_scenario(scenario: Scenario, *, time_limit: float | None = None,
                   workers: int = 1, seed: int = 0) -> ScenarioResult:
    """Solve one scenario and reduce the plan to the figures compared."""
    started = time.perf_counter()
    try:
        planned = make_plan(scenario.instance, time_limit=time_limit, workers=workers, seed=seed,
                            blanks_short=False)
    except NoPlanFound as none:
        return ScenarioResult(scenario.name, scenario.cost_rupiah, none.result.status, None,
                              None, None, None, (), time.perf_counter() - started)
    result, figures = planned.result, planned.figures
    start = scenario.instance.start
    # Days to clear as `network` counts them: horizon days up to the first empty backlog.
    clear = tuple((f.district, None if f.cleared is None else (f.cleared - start).days + 1)
                  for f in figures)
    objective = result.objective
    return ScenarioResult(
        scenario.name, scenario.cost_rupiah, result.status, sum(f.printed for f in figures),
        objective.waiting_days, objective.deadline_misses, objective.transfer_cost, clear,
        time.perf_counter() - started,
    )


def run_scenarios(scenarios: list[Scenario], *, jobs: int, time_limit: float | None = None,
                  workers: int = 1, seed: int = 0) -> list[ScenarioResult]:
    """Every scenario's result, in the scenarios' order; `jobs` processes (1: in this one)."""
    solve = partial(solve_scenario, time_limit=time_limit, workers=workers, seed=seed)
    if jobs <= 1:
        return [solve(s) for s in scenarios]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(solve, scenarios))
