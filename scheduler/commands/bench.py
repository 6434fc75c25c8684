"""`ektp-sched bench`: every instance solved, validated and measured, locally or on Dask."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from scheduler.commands.common import EXIT_BAD_INPUT, EXIT_INVALID, capped_to_cores, fail, guarded
from scheduler.i18n import _, say

if TYPE_CHECKING:
    from scheduler.bench.protocol import BenchSettings, BenchShape
    from scheduler.bench.run import BenchRow


@click.command()
@click.argument("paths", metavar="[PATHS]...", nargs=-1, type=click.Path())
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=300.0, show_default=True,
              help="Seconds for each instance's solve (CP-SAT stops there with its best plan "
                   "and bound; the flow engine always finishes exactly).")
@click.option("--workers", type=click.IntRange(min=1), callback=capped_to_cores, default=None,
              help="CP-SAT search workers per solve (default: cores / jobs, at least 1; "
                   "1 on Dask).")
@click.option("--jobs", type=click.IntRange(min=1), callback=capped_to_cores, default=None,
              help="Instances solved at once, each in its own local process (default: one "
                   "per core the workers leave, at most one per instance).")
@click.option("--seed", type=int, default=0, show_default=True, help="CP-SAT random seed.")
@click.option("--dask-address", default=None, metavar="ADDR",
              help="Run each instance as a task on this Dask scheduler (e.g. "
                   "tcp://host:8786); workers read the instances at their absolute paths.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the table as CSV (atomically), and as markdown with the run's "
                   "protocol beside it (same name, .md).")
@click.option("--markdown", type=click.Path(dir_okay=False), default=None,
              help="Where to write the markdown results (default: beside -o).")
@click.option("--solutions", type=click.Path(file_okay=False), default=None,
              help="Write each validated plan to this folder as <instance file name>.json.")
@guarded
def bench(paths: tuple[str, ...], time_limit: float | None, workers: int | None,
          jobs: int | None, seed: int, dask_address: str | None, output: str | None,
          markdown: str | None, solutions: str | None) -> None:
    """Solve, validate and measure every instance in PATHS (files or folders; default instances/).

    Folders are searched for *.json and *.json.gz (scenarios/ folders skipped). One
    row per instance in path order: status, engine, objective, bound and gap,
    validated by the independent validator, seconds, the worker's peak memory, the
    throughput ceiling, cards printed, the first-come greedy's figures and the plan's
    gain over them. Locally each instance runs in a fresh process; with --dask-address
    each is a task on the cluster (a lost worker's instance is retried once). A live
    progress bar shows on stderr when it is a terminal. An unreadable instance is an
    ERROR row and the others still run. Exit 1 if any plan fails validation or any
    row is an ERROR, 2 on bad input (an unreachable Dask scheduler), else 0.

    \b
    Example:
      ektp-sched bench instances --jobs 2 --time-limit 60 -o results.csv
      ektp-sched bench instances --dask-address tcp://10.0.0.5:8786 -o results.csv \\
          --solutions solutions-bench
    """
    from scheduler.bench.protocol import bench_shape
    from scheduler.bench.run import solution_paths
    from scheduler.bench.table import markdown_path, print_bench, write_results
    from scheduler.files.guard import check_files

    started = time.perf_counter()
    given = paths or ("instances",)
    found, solutions_dir = _checked_inputs(given, jobs, dask_address, solutions)
    check_files({f"the instance {p}": p for p in found},
                {"-o": output, "--markdown": markdown_path(output, markdown),
                 **({} if solutions_dir is None else {
                     f"the plan of {p}": t for p, t in
                     zip(found, solution_paths(found, solutions_dir), strict=True)})},
                new_folder=solutions_dir)
    shape = bench_shape(len(found), jobs, workers, dask_address)
    if shape.oversubscribed:
        click.echo(say("warning: {jobs} job(s) x {workers} worker(s) > {cores} core(s); the "
                       "solves compete for cores and time limits", jobs=shape.jobs,
                       workers=shape.workers, cores=shape.cores), err=True)
    rows, settings, where = _run(found, given, shape, time_limit=time_limit, seed=seed,
                                 dask_address=dask_address, solutions=solutions_dir)
    seconds = time.perf_counter() - started
    print_bench(rows)
    failed = sum(row.failed for row in rows)
    written = write_results(rows, settings, seconds=seconds, output=output,
                            markdown=markdown_path(output, markdown))
    if solutions_dir is not None:
        plans = sum(row.validated is True for row in rows)
        written.append(say("{plans} plan(s) to {path}", plans=plans, path=solutions_dir))
    click.echo(say("{count} instance(s) in {seconds:.2f} s with {where} x {workers} worker(s); "
                   "{failed} failed", count=len(rows), seconds=seconds, where=where,
                   workers=shape.workers, failed=failed)
               + (say("; wrote {paths}", paths=", ".join(written)) if written else ""))
    if failed:
        sys.exit(EXIT_INVALID)


def _checked_inputs(given: tuple[str, ...], jobs: int | None, dask_address: str | None,
                    solutions: str | None) -> tuple[list[Path], Path | None]:
    """The instances found and the solutions folder; bad input stops here, before solving."""
    from scheduler.bench.run import find_instances, solution_paths

    found = find_instances(given)
    if not found:
        fail(say("no *.json or *.json.gz instances in {paths}", paths=", ".join(given)),
             EXIT_BAD_INPUT)
    if dask_address is not None and jobs is not None:
        fail(_("--jobs counts local processes; with --dask-address the cluster's threads "
               "decide how many instances run at once"), EXIT_BAD_INPUT)
    solutions_dir = None if solutions is None else Path(solutions)
    if solutions_dir is not None:
        solution_paths(found, solutions_dir)  # refuse clashing names before solving
    return found, solutions_dir


def _run(found: list[Path], given: tuple[str, ...], shape: BenchShape, *,
         time_limit: float | None, seed: int, dask_address: str | None,
         solutions: Path | None) -> tuple[list[BenchRow], BenchSettings, str]:
    """Every instance's row with a live progress bar, the run's settings, and where it ran."""
    from scheduler.bench.progress import BenchProgress
    from scheduler.bench.protocol import BenchSettings
    from scheduler.bench.run import BenchTask, Solved, run_bench
    from scheduler.pool.tasks import TaskPool

    with TaskPool[BenchTask, Solved](jobs=shape.jobs, dask_address=dask_address,
                                     fresh_process=True) as pool:
        settings = BenchSettings(given, time_limit, seed, shape.workers, shape.jobs,
                                 dask_address, pool.cluster())
        if settings.cluster.get("workers") == 0:
            click.echo(say("warning: {address} has no workers yet; the instances wait for one",
                           address=dask_address), err=True)
        with BenchProgress(len(found), pool.slots) as progress:
            rows = run_bench(found, time_limit=time_limit, workers=shape.workers, seed=seed,
                             solutions=solutions, pool=pool, on_done=progress.done)
        where = (say("{jobs} job(s)", jobs=shape.jobs) if dask_address is None
                 else say("{address} ({threads} thread(s))", address=dask_address,
                          threads=pool.slots))
    return rows, settings, where
