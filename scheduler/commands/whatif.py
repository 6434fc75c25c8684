"""`ektp-sched whatif`: the instance and each scenario solved and compared."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import click

from scheduler.commands.common import EXIT_BAD_INPUT, capped_to_cores, fail, guarded
from scheduler.i18n import _, say

if TYPE_CHECKING:
    from scheduler.whatif.scenarios import Scenario


@click.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.argument("scenarios_path", metavar="SCENARIOS", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Also write the table as CSV (written atomically).")
@click.option("--jobs", type=click.IntRange(min=1), callback=capped_to_cores, default=None,
              help="Scenarios solved (with --runs: runs simulated) at once, in processes "
                   "(default: cores, at most one per scenario without --runs).")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=None,
              help="Seconds for each scenario's solve (with --runs: each solve of a run; "
                   "default: no limit).")
@click.option("--runs", type=click.IntRange(min=1), default=None,
              help="Simulate every scenario on the same N drawn futures of outages and late "
                   "deliveries (the instance's outage_model) instead of solving it once.")
@click.option("--seed", type=click.IntRange(min=0), default=None,
              help="With --runs: seed of the futures (default 0); the same seed gives the "
                   "same table.")
@click.option("--policy", type=click.Choice(["replan", "fixed", "greedy"]), default=None,
              help="With --runs: how each run plans its days (default replan; see simulate).")
@click.option("--against", "reference", default=None, metavar="SCENARIO",
              help="With --runs: the scenario the changes are measured against "
                   "(default baseline).")
@click.option("--dask-address", default=None, metavar="ADDR",
              help="With --runs: run on this Dask scheduler (e.g. tcp://10.0.0.5:8786).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), default=None,
              help="With --runs: write a self-contained HTML page (days to clear per "
                   "scenario, changes with their intervals).")
@guarded
def whatif(instance_path: str, scenarios_path: str, output: str | None, jobs: int | None,
           time_limit: float | None, runs: int | None, seed: int | None,
           policy: str | None, reference: str | None, dask_address: str | None,
           report_path: str | None) -> None:
    """Solve INSTANCE and each scenario of SCENARIOS (changes in the instance's field names).

    One row per scenario, the baseline first: cards printed, waiting days, deadline
    misses, transfer cost, days to clear per district, waiting saved against the
    baseline and saved per million rupiah of the scenario's cost.

    With --runs N every scenario is simulated on runs 0 … N-1 of the same seed
    (common random numbers): per figure, each scenario's mean with its 95%
    interval and its paired change against the baseline (mean of the per-run
    changes, 95% interval), beside the unpaired interval.

    \b
    Examples:
      ektp-sched whatif instances/pelalawan-2017.json \\
          instances/scenarios/pelalawan-2017.json -o whatif.csv
      ektp-sched whatif instances/pelalawan-2017.json \\
          instances/scenarios/pelalawan-2017.json --runs 100 --jobs 2 --report whatif.html
    """
    from scheduler.files.guard import check_files, inputs_of
    from scheduler.whatif.run import default_jobs, run_scenarios
    from scheduler.whatif.scenarios import read_scenarios
    from scheduler.whatif.table import comparison_frame, print_comparison, write_csv

    started = time.perf_counter()
    _check_options(runs, jobs, dask_address, {"--seed": seed, "--policy": policy,
                                              "--against": reference,
                                              "--dask-address": dask_address,
                                              "--report": report_path})
    scenarios = read_scenarios(instance_path, scenarios_path)
    check_files({**inputs_of(scenarios[0].instance.inputs), "the scenarios": scenarios_path},
                {"-o": output, "--report": report_path})
    if runs is not None:
        _simulated(scenarios, instance_path, scenarios_path, runs=runs, seed=seed or 0,
                   policy=policy or "replan", reference=reference, jobs=jobs,
                   dask_address=dask_address, time_limit=time_limit, output=output,
                   report_path=report_path, started=started)
        return
    chosen = jobs or default_jobs(len(scenarios))
    results = run_scenarios(scenarios, jobs=chosen, time_limit=time_limit)
    frame = comparison_frame(results)
    print_comparison(frame)
    if output is not None:
        write_csv(output, frame)
    click.echo(say("{scenarios} scenario(s) in {seconds:.2f} s with {jobs} job(s)",
                   scenarios=len(scenarios), seconds=time.perf_counter() - started, jobs=chosen)
               + ("" if output is None else say("; wrote {paths}", paths=output)))


def _check_options(runs: int | None, jobs: int | None, dask_address: str | None,
                   runs_only: dict[str, object]) -> None:
    """Options that mean something only with --runs, and --jobs with --dask-address, refused."""
    if runs is None:
        given = [name for name, value in runs_only.items() if value is not None]
        if given:
            fail(say("{options} only with --runs", options=", ".join(given)), EXIT_BAD_INPUT)
    elif jobs is not None and dask_address is not None:
        fail(_("--jobs and --dask-address exclude each other"), EXIT_BAD_INPUT)


def _simulated(scenarios: list[Scenario], instance_path: str, scenarios_path: str, *,
               runs: int, seed: int, policy: str, reference: str | None, jobs: int | None,
               dask_address: str | None, time_limit: float | None, output: str | None,
               report_path: str | None, started: float) -> None:
    """`whatif --runs`: every scenario on the same drawn futures, compared run by run."""
    from scheduler.simulate.progress import RunsProgress
    from scheduler.simulate.runs import deterministic_warning
    from scheduler.whatif.files import write_comparison
    from scheduler.whatif.uncertain import (
        reference_index,
        run_jobs,
        simulate_scenarios,
        summarise_scenarios,
    )
    from scheduler.whatif.uncertain_table import print_comparison

    against = reference_index(scenarios, reference, source=scenarios_path)
    baseline = scenarios[0].instance
    warning = deterministic_warning(baseline, instance_path)
    if warning is not None:
        click.echo(warning, err=True)
    chosen = run_jobs(jobs)
    with RunsProgress("whatif", runs * len(scenarios)) as progress:
        results = simulate_scenarios(
            scenarios, runs, seed=seed, policy=policy, jobs=chosen, dask_address=dask_address,
            time_limit=time_limit, on_done=lambda finished, _total: progress.update(finished))
    summary = summarise_scenarios(results, against)
    name = scenarios[against].name
    print_comparison(summary, name)
    written = write_comparison(baseline, results, summary, reference=name, seed=seed,
                               policy=policy, output=output, report=report_path)
    where = say("{jobs} job(s)", jobs=chosen) if dask_address is None else dask_address
    click.echo(say("{scenarios} scenario(s) x {runs} run(s) in {seconds:.2f} s with {where}",
                   scenarios=len(scenarios), runs=runs, seconds=time.perf_counter() - started,
                   where=where)
               + (say("; wrote {paths}", paths=", ".join(written)) if written else ""))
