"""Solving a set of instances in separate processes and measuring each one.

Every instance runs in a fresh worker process (`max_tasks_per_child=1`), so
the peak memory the worker reports (`ru_maxrss`) is that instance's alone and
one instance's leak cannot touch another's figures. Workers come from a
`forkserver`: a `spawn`ed child would report this (possibly large) process's
peak as its own, since Linux carries the peak across fork and exec. Results come back
in path order whatever the number of jobs; progress is reported as they finish.
A plan is checked by the independent validator (scheduler/validate), never by
the engine that made it.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from scheduler.bench.greedy import greedy_plan
from scheduler.errors import EngineError, InputError
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import read_instance
from scheduler.network.ceiling import throughput_ceiling
from scheduler.solution import lexicographic_gap, solution_document
from scheduler.solve import solve_instance
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
    error: str | None = None

    @property
    def failed(self) -> bool:
        """An error, or a plan the validator refused."""
        return self.status == ERROR or self.validated is False


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


def _peak_mb() -> float:
    """This process's peak resident memory; Linux reports ru_maxrss in KiB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def bench_instance(path: Path, *, time_limit: float | None = None, workers: int = 1,
                   seed: int = 0) -> BenchRow:
    """Read, solve (`auto` engine), validate and measure one instance; errors become a row."""
    started = time.perf_counter()
    name = str(path)
    try:
        instance = read_instance(path)
        calendar = build_calendar(instance)
        result = solve_instance(calendar, time_limit=time_limit, workers=workers, seed=seed)
        ceiling = throughput_ceiling(calendar).cards
        greedy = greedy_plan(calendar).objective
    except (InputError, EngineError) as error:
        message = " ".join(str(error).split())
        return BenchRow(name, ERROR, error=message, seconds=time.perf_counter() - started,
                        peak_mb=_peak_mb())
    assert greedy is not None  # the greedy always has a plan
    bound = result.bound
    figures = (bound.deadline_misses, bound.waiting_days, bound.transfer_cost)
    if not result.has_plan or result.objective is None:
        return BenchRow(name, result.status, result.engine, bound=figures, ceiling=ceiling,
                        seconds=time.perf_counter() - started, peak_mb=_peak_mb(),
                        greedy_misses=greedy.deadline_misses,
                        greedy_waiting=greedy.waiting_days)
    document = solution_document(calendar, result)
    report = validate_solution(instance, document, source=name)
    gap = lexicographic_gap(result.objective, bound)
    return BenchRow(
        name, result.status, result.engine, objective=result.objective.as_tuple(),
        bound=figures, gap_figure=gap["figure"], gap=gap["absolute"], validated=report.valid,
        ceiling=ceiling, printed=sum(p.count for p in result.prints),
        seconds=time.perf_counter() - started, peak_mb=_peak_mb(),
        greedy_misses=greedy.deadline_misses, greedy_waiting=greedy.waiting_days,
    )


def run_bench(paths: list[Path], *, jobs: int = 1, time_limit: float | None = None,
              workers: int = 1, seed: int = 0,
              on_done: Callable[[BenchRow, int, int], None] | None = None) -> list[BenchRow]:
    """Every instance's row in `paths` order; `on_done(row, finished, total)` as each ends.

    Each instance gets its own worker process, `jobs` of them at a time. CP-SAT's
    search workers per solve are `workers` whatever the jobs, so the plans do not
    depend on `jobs`.
    """
    solve = partial(bench_instance, time_limit=time_limit, workers=workers, seed=seed)
    rows: list[BenchRow | None] = [None] * len(paths)
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context,
                             max_tasks_per_child=1) as pool:
        futures = {pool.submit(solve, path): i for i, path in enumerate(paths)}
        for finished, future in enumerate(as_completed(futures), start=1):
            row = future.result()
            rows[futures[future]] = row
            if on_done is not None:
                on_done(row, finished, len(paths))
    return [row for row in rows if row is not None]
