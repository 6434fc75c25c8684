"""`ektp-sched simulate`: policies walked day by day through random futures."""

from __future__ import annotations

import os
import time

import click

from scheduler.commands.common import capped_to_cores, guarded
from scheduler.i18n import ngettext, say
from scheduler.i18n.message import FORMATTER


@click.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.option("--runs", type=click.IntRange(min=1), default=100, show_default=True,
              help="Futures to draw; run r lives through the same future under every policy.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Seed of the futures (and of CP-SAT); the same seed gives the same runs.")
@click.option("--policy", "policies", multiple=True, default=("replan",), show_default=True,
              type=click.Choice(["replan", "fixed", "greedy", "all"]),
              help="replan: re-solve each morning with news; fixed: follow the first plan, "
                   "skip what cannot be printed; greedy: first-come by hand. Repeat it (or "
                   "'all') to compare policies on the same futures.")
@click.option("--jobs", type=click.IntRange(min=1), callback=capped_to_cores, default=None,
              help="Runs at once, in local processes (default: one per core, as whatif "
                   "--runs and bench; the runs are the same whatever the jobs).")
@click.option("--dask-address", default=None, metavar="ADDR",
              help="Run on this Dask scheduler (e.g. tcp://10.0.0.5:8786) instead.")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=None,
              help="Seconds for each solve (CP-SAT, for instances with side constraints; "
                   "default: no limit).")
@click.option("--workers", type=click.IntRange(min=1), callback=capped_to_cores, default=1,
              show_default=True,
              help="CP-SAT search workers per solve.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write one CSV row per run and policy (atomically).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), default=None,
              help="Write a self-contained HTML page: figures and their distributions.")
@guarded
def simulate(instance_path: str, runs: int, seed: int, policies: tuple[str, ...],
             jobs: int | None, dask_address: str | None, time_limit: float | None, workers: int,
             output: str | None, report_path: str | None) -> None:
    """Walk the horizon day by day through random outages and late deliveries.

    Each run draws one future from the instance's outage_model and
    delivery_delay; each morning the policy decides the day's prints knowing
    only what has happened so far, then the day's real capacity and blanks
    apply. Prints a summary per figure and policy: mean with a 95% interval,
    median, 10th and 90th percentiles.

    \b
    Example:
      ektp-sched simulate instances/pelalawan-2017.json --runs 200 --policy all \\
          --jobs 2 -o runs.csv --report sim.html
    """
    from scheduler.files.guard import check_files, inputs_of
    from scheduler.instance.reader import read_instance
    from scheduler.simulate.files import write_simulation
    from scheduler.simulate.progress import RunsProgress
    from scheduler.simulate.runs import (
        applicant_districts,
        chosen_policies,
        deterministic_warning,
        simulate_runs,
    )
    from scheduler.simulate.table import print_summary, summarise

    started = time.perf_counter()
    instance = read_instance(instance_path)
    check_files(inputs_of(instance.inputs), {"-o": output, "--report": report_path})
    chosen = chosen_policies(policies)
    jobs = jobs or min(os.cpu_count() or 1, runs * len(chosen))
    warning = deterministic_warning(instance, instance_path)
    if warning is not None:
        click.echo(warning, err=True)
    with RunsProgress("simulate", runs * len(chosen)) as progress:
        rows = simulate_runs(instance, chosen, runs, seed=seed, jobs=jobs,
                             dask_address=dask_address, workers=workers, time_limit=time_limit,
                             on_done=lambda _row, finished, _total: progress.update(finished))
    districts = applicant_districts(instance)
    summaries = summarise(rows, chosen, districts)
    print_summary(summaries)
    written = write_simulation(instance, rows, chosen, districts, summaries, seed,
                               output=output, report=report_path)
    where = say("{jobs} job(s)", jobs=jobs) if dask_address is None else dask_address
    said = ngettext("{runs} run(s) x {count} policy in {seconds:.2f} s with {where}",
                    "{runs} run(s) x {count} policies in {seconds:.2f} s with {where}",
                    len(chosen))
    click.echo(FORMATTER.format(said, runs=runs, count=len(chosen),
                                seconds=time.perf_counter() - started, where=where)
               + (say("; wrote {paths}", paths=", ".join(written)) if written else ""))
