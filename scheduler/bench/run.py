"""Solving a set of instances in separate processes or on a Dask cluster, measuring each one.

Locally every instance runs in a fresh worker process (scheduler/pool/tasks.py,
`fresh_process`), so one instance's leak cannot touch another's figures. Workers
come from a `forkserver`: a `spawn`ed child would report this (possibly large)
process's peak as its own, since Linux carries the peak across fork and exec.
On Dask the task runs in a long-lived worker, so the peak is reset when the task
starts (`/proc/self/clear_refs`). Results come back in completion order and are
put in path order; progress is reported as they finish. A plan is checked by
the independent validator (scheduler/validator), never by the engine that made it.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from scheduler.diagnose.ceiling import throughput_ceiling
from scheduler.engines.greedy import greedy_plan
from scheduler.errors import EngineError, InputError
from scheduler.files.json_files import write_json_file
from scheduler.instance.calendar import build_calendar
from scheduler.instance.model import Instance
from scheduler.instance.reader import read_instance
from scheduler.plan.document import lexicographic_gap
from scheduler.plan.make import NoPlanFound, make_plan
from scheduler.plan.planned import Planned
from scheduler.plan.result import EngineResult
from scheduler.pool.tasks import TaskPool

SKIPPED_FOLDERS = frozenset({"scenarios"})  # what-if change lists, not instances
ERROR = "ERROR"


@dataclass(frozen=True)
class BenchRow:
    """One instance's figures; plan figures are None without a plan, all None on ERROR.

    `validated` is True for a plan (every plan passed the validator: one that does
    not is an ERROR row) and None without one. `peak_mb` is the worker process's
    peak resident memory (interpreter and imports included). The greedy figures
    are the first-come baseline's (engines/greedy.py), what the plan improves on.
    """

    instance: str
    status: str
    engine: str | None = None
    objective: tuple[int, int, int] | None = None
    bound: tuple[int | None, int | None, int | None] | None = None
    gap_figure: str | None = None
    gap: int | None = None
    validated: bool | None = None
    seconds: float = 0.0
    peak_mb: float = 0.0
    ceiling: int | None = None
    printed: int | None = None
    greedy_misses: int | None = None
    greedy_waiting: int | None = None
    greedy_printed: int | None = None
    error: str | None = None

    @property
    def failed(self) -> bool:
        """An error (a plan the validator refused among them)."""
        return self.status == ERROR

    @property
    def improvement(self) -> tuple[int, int, int] | None:
        """What the plan gains over the greedy: (misses saved, waiting days saved, extra cards).

        Positive is better for the plan; None without a plan.
        """
        if self.objective is None or self.printed is None or self.greedy_waiting is None:
            return None
        assert self.greedy_misses is not None and self.greedy_printed is not None
        return (self.greedy_misses - self.objective[0], self.greedy_waiting - self.objective[1],
                self.printed - self.greedy_printed)


@dataclass(frozen=True)
class BenchTask:
    """What a worker is sent: the file it reads and the name rows and solutions use."""

    path: Path
    label: str


@dataclass(frozen=True)
class Solved:
    """A worker's answer: the row, and the validated plan's document when it was asked for."""

    row: BenchRow
    solution: dict[str, Any] | None = None


def find_instances(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders searched for `*.json` and `*.json.gz`, sorted, once each.

    Folders named `scenarios` are skipped (what-if files live there).
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            found.append(path)
            continue
        inside = [p for p in path.rglob("*") if p.is_file()
                  and (p.name.endswith(".json") or p.name.endswith(".json.gz"))
                  and not SKIPPED_FOLDERS & set(p.relative_to(path).parts[:-1])]
        found += sorted(inside)
    return list(dict.fromkeys(found))


def solution_paths(paths: list[Path], folder: Path) -> list[Path]:
    """`folder/<file name without .json or .json.gz>.json` for each instance, all distinct."""
    chosen: dict[Path, Path] = {}
    for path in paths:
        stem = path.name.removesuffix(".gz").removesuffix(".json")
        target = folder / f"{stem}.json"
        if target in chosen:
            raise InputError(str(path), "", f"its solution would overwrite that of "
                             f"{chosen[target]} ({target}); bench them separately")
        chosen[target] = path
    return list(chosen)


def _reset_peak() -> None:
    """Start this process's peak memory afresh (Linux ≥ 4.0); a no-op where refused."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
    except OSError:
        pass


def _peak_mb() -> float:
    """This process's peak resident memory; Linux reports ru_maxrss in KiB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def bench_instance(task: BenchTask, *, time_limit: float | None = None, workers: int = 1,
                   seed: int = 0, keep_solution: bool = False) -> Solved:
    """Read, plan (`auto` engine, validated), and measure one instance; errors become a row.

    A plan the validator refuses is an ERROR row naming the violation (make_plan
    raises it as an internal error). With `keep_solution` the plan's document
    comes back with the row.
    """
    _reset_peak()
    started = time.perf_counter()
    try:
        instance = read_instance(task.path)
        planned = _plan_or_none(instance, time_limit, workers, seed)
        calendar = build_calendar(instance) if isinstance(planned, NoPlanFound) else (
            planned.calendar)
        greedy = greedy_plan(calendar)
        ceiling = (throughput_ceiling(calendar) if isinstance(planned, NoPlanFound)
                   else planned.ceiling).cards
    except (InputError, EngineError, RuntimeError) as error:
        message = " ".join(str(error).split())
        return Solved(BenchRow(task.label, ERROR, error=message,
                               seconds=time.perf_counter() - started, peak_mb=_peak_mb()))
    row = _plan_row(task.label, planned, greedy)
    row = replace(row, ceiling=ceiling, seconds=time.perf_counter() - started,
                  peak_mb=_peak_mb())
    keep = keep_solution and isinstance(planned, Planned)
    return Solved(row, planned.document if keep and isinstance(planned, Planned) else None)


def _plan_or_none(instance: Instance, time_limit: float | None, workers: int, seed: int
                  ) -> Planned | NoPlanFound:
    """The validated plan, or the engine's word that it found none."""
    try:
        return make_plan(instance, time_limit=time_limit, workers=workers, seed=seed,
                         blanks_short=False)
    except NoPlanFound as none:
        return none


def _plan_row(label: str, planned: Planned | NoPlanFound, greedy: EngineResult) -> BenchRow:
    """The row's plan and baseline figures (no measures yet)."""
    baseline = BenchRow(label, planned.result.status, planned.result.engine,
                        greedy_misses=greedy.objective.deadline_misses,
                        greedy_waiting=greedy.objective.waiting_days,
                        greedy_printed=greedy.cards)
    if isinstance(planned, NoPlanFound):
        return replace(baseline, bound=(None, None, None))
    result = planned.result
    gap = lexicographic_gap(result.objective, result.bound)
    return replace(baseline, objective=result.objective.as_tuple(),
                   bound=result.bound.as_tuple(), gap_figure=gap["figure"],
                   gap=gap["absolute"], validated=True, printed=result.cards)


def _lost_row(task: BenchTask, message: str) -> Solved:
    return Solved(BenchRow(task.label, ERROR, error=message))


def run_bench(paths: list[Path], *, jobs: int = 1, time_limit: float | None = None,
              workers: int = 1, seed: int = 0, solutions: Path | None = None,
              pool: TaskPool[BenchTask, Solved] | None = None,
              on_done: Callable[[BenchRow, int, int], None] | None = None) -> list[BenchRow]:
    """Every instance's row in `paths` order; `on_done(row, finished, total)` as each ends.

    `pool` is where the instances run (an entered TaskPool: local processes or
    Dask); without it, `jobs` fresh local processes. On Dask the worker reads the
    instance at its absolute path. CP-SAT's search workers per solve are
    `workers` whatever the jobs, so the plans do not depend on `jobs` or on where
    they ran. With `solutions`, each validated plan is written (atomically, here,
    not on the worker) to `solutions/<instance file name>.json`.
    """
    if pool is None:
        with TaskPool[BenchTask, Solved](jobs=jobs, fresh_process=True) as local:
            return run_bench(paths, time_limit=time_limit, workers=workers, seed=seed,
                             solutions=solutions, pool=local, on_done=on_done)
    targets = None if solutions is None else solution_paths(paths, solutions)
    if solutions is not None:
        # The folder the option names is made (not its parents: a typo stays an error).
        if not solutions.parent.is_dir():
            raise InputError(str(solutions), "", f"the folder {solutions.parent} does not exist")
        solutions.mkdir(exist_ok=True)
    remote = pool.dask_address is not None
    tasks = [BenchTask(p.resolve() if remote else p, str(p)) for p in paths]
    solve = partial(bench_instance, time_limit=time_limit, workers=workers, seed=seed,
                    keep_solution=targets is not None)

    def done(i: int, solved: Solved, finished: int) -> None:
        if targets is not None and solved.solution is not None:
            write_json_file(targets[i], solved.solution)
        if on_done is not None:
            on_done(solved.row, finished, len(paths))

    return [solved.row for solved in pool.run_in_order(solve, tasks, on_lost=_lost_row,
                                                       on_done=done)]
