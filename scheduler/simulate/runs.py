"""Many runs: futures drawn by run number, each (run, policy) an independent task.

Run r lives through `draw_future(instance, seed, r)` whatever the policy, so
the policies are compared on the same futures (common random numbers). Each
(run, policy) pair is one task of `scheduler.pool.tasks.TaskPool`: in this
process (one job), in local processes, or on a Dask cluster. A task's result
depends only on the instance, the seed, its run and its policy (and CP-SAT's
workers, fixed by the caller), so the same seed gives the same rows whatever
the number of jobs; only the seconds differ. Rows come back in (run, policy)
order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from functools import partial

from scheduler.i18n import say
from scheduler.instance.model import Instance
from scheduler.pool.tasks import TaskPool
from scheduler.simulate.draw import draw_future
from scheduler.simulate.future import Future
from scheduler.simulate.walk import POLICIES, RunFigures, simulate_run

#: The future of run `run` of `seed` for an instance (draw_future, or one built by hand).
FutureMaker = Callable[[Instance, int, int], Future]


@dataclass(frozen=True)
class RunRow(RunFigures):
    """One run's figures under one policy: what a task sends back (no realised plan)."""

    run: int


def simulate_one(item: tuple[int, str], *, instance: Instance, seed: int, workers: int,
                 time_limit: float | None, make_future: FutureMaker = draw_future) -> RunRow:
    """Draw run `item[0]`'s future and walk it under policy `item[1]`.

    `make_future(instance, seed, run)`: a test may pass futures built by hand.
    """
    run, policy = item
    result = simulate_run(instance, make_future(instance, seed, run), policy, workers=workers,
                          seed=seed, time_limit=time_limit)
    figures = {f.name: getattr(result, f.name) for f in fields(RunFigures)}
    return RunRow(**figures, run=run)


def simulate_runs(instance: Instance, policies: Sequence[str], runs: int, *, seed: int,
                  jobs: int = 1, dask_address: str | None = None, workers: int = 1,
                  time_limit: float | None = None,
                  on_done: Callable[[RunRow, int, int], None] | None = None) -> list[RunRow]:
    """Every run under every policy, in (run, policy) order; `on_done(row, finished, total)`."""
    items = [(run, policy) for run in range(runs) for policy in policies]
    task = partial(simulate_one, instance=instance, seed=seed, workers=workers,
                   time_limit=time_limit)

    def done(_: int, row: RunRow, finished: int) -> None:
        if on_done is not None:
            on_done(row, finished, len(items))

    with TaskPool[tuple[int, str], RunRow](jobs=jobs, dask_address=dask_address) as pool:
        return pool.run_in_order(task, items, on_done=done)


def chosen_policies(given: Sequence[str]) -> tuple[str, ...]:
    """The policies asked for, in POLICIES order; 'all' is every one."""
    return POLICIES if "all" in given else tuple(p for p in POLICIES if p in given)


def applicant_districts(instance: Instance) -> tuple[str, ...]:
    """Districts with applicants, in the instance's order."""
    with_applicants = {c.district for c in instance.cohorts}
    return tuple(d.id for d in instance.districts if d.id in with_applicants)


def deterministic_warning(instance: Instance, shown: str) -> str | None:
    """The warning that every run would live the same future, or None when some is random."""
    if instance.outage_model or instance.delivery_delays:
        return None
    return say("warning: {instance} has no outage_model or delivery_delay: every run is the "
               "deterministic plan's world", instance=shown)
