"""Solving a set of instances in separate processes or on a Dask cluster, measuring each one.

Locally every instance runs in a fresh worker process (scheduler/pool/tasks.py,
`fresh_process`), so one instance's leak cannot touch another's figures. Workers
come from a `forkserver`: a `spawn`ed child would report this (possibly large)
process's peak as its own, since Linux carries the peak across fork and exec.
On Dask the task runs in a long-lived worker, so the peak is reset when the task
starts (`/proc/self/clear_refs`). Results come back in completion order and are
put in path order; progress is reported as they finish. A plan is checked by
the independent validator (scheduler/validate), never by the engine that made it.
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
from scheduler.engines.dispatch import solve_instance
from scheduler.engines.greedy import greedy_plan
from scheduler.errors import EngineError, InputError
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import read_instance
from scheduler.plan.document import lexicographic_gap, solution_document, write_solution
from scheduler.pool.tasks import TaskPool
from scheduler.validate import validate_solution

SKIPPED_FOLDERS = frozenset({"scenarios"})  # what-if change lists, not instances
ERROR = "ERROR"


@dataclass(frozen=True)
class BenchRow:
    """One instance's figures; plan figures are None without a plan, all None on ERROR.

    `validated` is None when there was no plan to check. `peak_mb` is the worker
    process's peak resident memory (interpreter and imports included). The greedy
    figures are the first-come baseline's (bench/greedy.py), what the plan improves on.
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
        """An error, or a plan the validator refused."""
        return self.status == ERROR or self.validated is False

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
    """Read, solve (`auto` engine), validate and measure one instance; errors become a row.

    With `keep_solution` a validated plan's document comes back with the row.
    """
    _reset_peak()
    started = time.perf_counter()
    name = task.label
    try:
        instance = read_instance(task.path)
        calendar = build_calendar(instance)
        result = solve_instance(calendar, time_limit=time_limit, workers=workers, seed=seed)
        ceiling = throughput_ceiling(calendar).cards
        greedy = greedy_plan(calendar)
    except (InputError, EngineError) as error:
        message = " ".join(str(error).split())
        return Solved(BenchRow(name, ERROR, error=message, seconds=time.perf_counter() - started,
                               peak_mb=_peak_mb()))
    assert greedy.objective is not None  # the greedy always has a plan
    baseline = BenchRow(name, result.status, result.engine,
                        greedy_misses=greedy.objective.deadline_misses,
                        greedy_waiting=greedy.objective.waiting_days,
                        greedy_printed=sum(p.count for p in greedy.prints))
    bound = result.bound
    figures = (bound.deadline_misses, bound.waiting_days, bound.transfer_cost)
    if not result.has_plan or result.objective is None:
        return Solved(replace(baseline, bound=figures, ceiling=ceiling,
                              seconds=time.perf_counter() - started, peak_mb=_peak_mb()))
    document = solution_document(calendar, result)
    report = validate_solution(instance, document, source=name)
    gap = lexicographic_gap(result.objective, bound)
    row = replace(
        baseline, objective=result.objective.as_tuple(), bound=figures,
        gap_figure=gap["figure"], gap=gap["absolute"], validated=report.valid, ceiling=ceiling,
        printed=sum(p.count for p in result.prints), seconds=time.perf_counter() - started,
        peak_mb=_peak_mb(),
    )
    return Solved(row, document if keep_solution and report.valid else None)


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
    remote = pool.dask_address is not None
    tasks = [BenchTask(p.resolve() if remote else p, str(p)) for p in paths]
    solve = partial(bench_instance, time_limit=time_limit, workers=workers, seed=seed,
                    keep_solution=targets is not None)

    def done(i: int, solved: Solved, finished: int) -> None:
        if targets is not None and solved.solution is not None:
            write_solution(targets[i], solved.solution)
        if on_done is not None:
            on_done(solved.row, finished, len(paths))

    return [solved.row for solved in pool.run_in_order(solve, tasks, on_lost=_lost_row,
                                                       on_done=done)]
