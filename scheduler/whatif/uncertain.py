"""Scenarios under uncertainty: every scenario simulated on the same drawn futures.

Run r of every scenario (the baseline included) lives through
`draw_future(scenario instance, seed, r)`. The draw keys each printer's and
each delivery's stream by (seed, run, its id), so what a scenario leaves
alone is drawn alike in every scenario: common random numbers. A printer the
scenario repairs draws the same per-day numbers, only the days it is free to
fail differ; one made `reliable` draws nothing. Each (scenario, run) pair is
one task of `scheduler.pool.tasks.TaskPool`, so the rows depend only on the
scenarios, the seed, the policy (and CP-SAT's workers), never on the jobs or
the cluster.

Figures per run: those of `simulate` (printed, waiting days, deadline misses,
transfer cost, days to clear per district with applicants), plus the region's
days to clear: days until every district's backlog has first reached zero
(None when one never does). Each is summarised per scenario (simulate's
statistics) and as the paired change against a reference scenario (paired.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from scheduler.errors import InputError
from scheduler.instance.model import Instance
from scheduler.pool.tasks import TaskPool
from scheduler.simulate.draw import draw_future
from scheduler.simulate.runs import FutureMaker, RunRow, applicant_districts, simulate_one
from scheduler.simulate.summary import Stats, describe
from scheduler.simulate.table import OUTCOMES, clear_column, figure_values
from scheduler.whatif.paired import Change, paired_change
from scheduler.whatif.scenarios import Scenario

REGION_CLEAR = "days_to_clear"  # every district with applicants has been empty once


@dataclass(frozen=True)
class ScenarioRuns:
    """A scenario's runs 0 … N−1 in order; `districts`: those with applicants, in file order."""

    name: str
    cost_rupiah: int | None
    districts: tuple[str, ...]
    rows: tuple[RunRow, ...]


@dataclass(frozen=True)
class ScenarioFigure:
    """One figure of one scenario over the runs; `change` None for the reference itself."""

    scenario: str
    cost_rupiah: int | None
    figure: str
    stats: Stats
    change: Change | None


def reference_index(scenarios: Sequence[Scenario], name: str | None, *, source: str) -> int:
    """The position of the scenario named `name` (None: the baseline, first)."""
    if name is None:
        return 0
    names = [s.name for s in scenarios]
    if name not in names:
        raise InputError(source, "", f"--against: no scenario named {name!r} (choose one "
                         f"of {', '.join(repr(n) for n in names)})")
    return names.index(name)


def run_jobs(jobs: int | None) -> int:
    """Processes for the runs: as asked, else one per core."""
    return jobs or os.cpu_count() or 1


def simulate_scenarios(
    scenarios: Sequence[Scenario], runs: int, *, seed: int, policy: str = "replan",
    jobs: int = 1, dask_address: str | None = None, workers: int = 1,
    time_limit: float | None = None, make_future: FutureMaker = draw_future,
    on_done: Callable[[int, int], None] | None = None,
) -> list[ScenarioRuns]:
    """Every scenario's runs under `policy`, scenarios in their order; `on_done(finished, total)`.

    `make_future(instance, seed, run)` gives run `run`'s future of a scenario's
    instance (tests pass futures built by hand; it must be picklable for jobs > 1).
    """
    items = [(s, run) for s in range(len(scenarios)) for run in range(runs)]
    task = partial(_scenario_run, instances=tuple(s.instance for s in scenarios),
                   policy=policy, seed=seed, workers=workers, time_limit=time_limit,
                   make_future=make_future)

    def progress(_: int, __: RunRow, finished: int) -> None:
        if on_done is not None:
            on_done(finished, len(items))

    with TaskPool[tuple[int, int], RunRow](jobs=jobs, dask_address=dask_address) as pool:
        done = pool.run_in_order(task, items, on_done=progress)
    return [ScenarioRuns(s.name, s.cost_rupiah, applicant_districts(s.instance),
                         tuple(done[k * runs:(k + 1) * runs]))
            for k, s in enumerate(scenarios)]


def _scenario_run(item: tuple[int, int], *, instances: tuple[Instance, ...], policy: str,
                  seed: int, workers: int, time_limit: float | None,
                  make_future: FutureMaker) -> RunRow:
    scenario, run = item
    return simulate_one((run, policy), instance=instances[scenario], seed=seed,
                        workers=workers, time_limit=time_limit, make_future=make_future)


def figures(runs: ScenarioRuns, districts: Sequence[str]) -> dict[str, list[float | None]]:
    """Each figure's value per run: the outcomes, the region's and each district's days to clear."""
    per_figure = figure_values(runs.rows, districts)
    region: list[float | None] = [_region_clear(r, runs.districts) for r in runs.rows]
    return {**{f: per_figure[f] for f in OUTCOMES}, REGION_CLEAR: region,
            **{clear_column(d): per_figure[clear_column(d)] for d in districts}}


def _region_clear(row: RunRow, districts: Sequence[str]) -> int | None:
    """The last district's days to clear; None when one never clears (or none has applicants)."""
    clear = dict(row.days_to_clear)
    days = [clear.get(d) for d in districts]
    known = [d for d in days if d is not None]
    return max(known) if known and len(known) == len(days) else None


def summarise_scenarios(results: Sequence[ScenarioRuns], reference: int = 0
                        ) -> list[ScenarioFigure]:
    """Per figure, per scenario (in order): statistics, and the paired change against
    `results[reference]` (the baseline unless told)."""
    districts = list(dict.fromkeys(d for r in results for d in r.districts))
    values = [figures(r, districts) for r in results]
    base = values[reference]
    return [
        ScenarioFigure(r.name, r.cost_rupiah, figure, describe(v[figure]),
                       None if k == reference else paired_change(v[figure], base[figure]))
        for figure in base for k, (r, v) in enumerate(zip(results, values, strict=True))
    ]
