"""`ektp-sched bench`: every instance solved, validated and measured, locally or on Dask."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from scheduler.commands.common import EXIT_BAD_INPUT, EXIT_INVALID, fail, guarded


@click.command()
@click.argument("paths", metavar="[PATHS]...", nargs=-1, type=click.Path())
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=300.0, show_default=True,
              help="Seconds for each instance's solve (CP-SAT stops there with its best plan "
                   "and bound; the flow engine always finishes exactly).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="CP-SAT search workers per solve (default: cores / jobs, at least 1; "
                   "1 on Dask).")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
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
    import os

    from scheduler.bench.progress import BenchProgress
    from scheduler.bench.protocol import BenchSettings, protocol_lines
    from scheduler.bench.run import BenchTask, Solved, find_instances, run_bench, solution_paths
    from scheduler.bench.table import (
        bench_frame,
        bench_markdown,
        print_bench,
        write_csv,
        write_markdown,
    )
    from scheduler.pool.tasks import TaskPool

    started = time.perf_counter()
    found = find_instances(paths or ["instances"])
    if not found:
        fail(f"no *.json or *.json.gz instances in {', '.join(paths or ['instances'])}",
             EXIT_BAD_INPUT)
    if dask_address is not None and jobs is not None:
        fail("--jobs counts local processes; with --dask-address the cluster's threads "
             "decide how many instances run at once", EXIT_BAD_INPUT)
    solutions_dir = None if solutions is None else Path(solutions)
    if solutions_dir is not None:
        solution_paths(found, solutions_dir)  # refuse clashing names before solving
    cores = os.cpu_count() or 1
    chosen_jobs = jobs or max(1, min(len(found), cores // (workers or 1)))
    chosen_workers = workers or (1 if dask_address else max(1, cores // chosen_jobs))
    if dask_address is None and chosen_jobs * chosen_workers > cores:
        click.echo(f"warning: {chosen_jobs} job(s) x {chosen_workers} worker(s) > {cores} "
                   "core(s); the solves compete for cores and time limits", err=True)
    markdown_path = markdown or (None if output is None else _beside(output, ".md"))

    with TaskPool[BenchTask, Solved](jobs=chosen_jobs, dask_address=dask_address,
                                     fresh_process=True) as pool:
        settings = BenchSettings(tuple(paths or ["instances"]), time_limit, seed,
                                 chosen_workers, chosen_jobs, dask_address, pool.cluster())
        if settings.cluster.get("workers") == 0:
            click.echo(f"warning: {dask_address} has no workers yet; the instances wait "
                       "for one", err=True)
        with BenchProgress(len(found), pool.slots) as progress:
            rows = run_bench(found, time_limit=time_limit, workers=chosen_workers, seed=seed,
                             solutions=solutions_dir, pool=pool, on_done=progress.done)
        where = (f"{chosen_jobs} job(s)" if dask_address is None
                 else f"{dask_address} ({pool.slots} thread(s))")
    seconds = time.perf_counter() - started
    print_bench(rows)
    failed = sum(row.failed for row in rows)
    written = []
    if output is not None:
        write_csv(output, bench_frame(rows))
        written.append(output)
    if markdown_path is not None:
        protocol = protocol_lines(settings, seconds=seconds, instances=len(rows), failed=failed)
        write_markdown(markdown_path, bench_markdown(rows, protocol))
        written.append(markdown_path)
    if solutions_dir is not None:
        plans = sum(row.validated is True for row in rows)
        written.append(f"{plans} plan(s) to {solutions_dir}")
    click.echo(f"{len(rows)} instance(s) in {seconds:.2f} s with {where} x {chosen_workers} "
               f"worker(s); {failed} failed" + (f"; wrote {', '.join(written)}" if written
                                                else ""))
    if failed:
        sys.exit(EXIT_INVALID)


def _beside(path: str, suffix: str) -> str:
    """`results.csv` -> `results.md`; never the path itself."""
    beside = Path(path).with_suffix(suffix)
    return str(beside if beside != Path(path) else Path(f"{path}{suffix}"))
