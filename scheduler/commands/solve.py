"""`ektp-sched solve`: an optimal (or first-come) plan, validated, written and summed up."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from scheduler.commands.common import EXIT_BAD_INPUT, EXIT_NO_PLAN, capped_to_cores, fail, guarded
from scheduler.commands.working import working
from scheduler.i18n import _

if TYPE_CHECKING:
    from scheduler.plan.make import Decomposition

# solve's options that steer the optimiser: given with --method greedy they are an error.
_OPTIMISER_OPTIONS = {"engine": "--engine", "time_limit": "--time-limit",
                      "workers": "--workers", "seed": "--seed",
                      "strict_deadlines": "--strict-deadlines", "decompose": "--decompose"}


@click.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Where to write the ektp-solution/1 plan (written atomically).")
@click.option("--method", type=click.Choice(["optimal", "greedy"]), default="optimal",
              show_default=True,
              help="optimal: the proven lexicographic optimum; greedy: the first-come plan an "
                   "office makes by hand (home printers only, no lending; FEASIBLE, no bound).")
@click.option("--engine", type=click.Choice(["auto", "flow", "cpsat", "mip"]), default="auto",
              show_default=True,
              help="auto: min-cost flow for pure networks, CP-SAT when side constraints bind; "
                   "mip: HiGHS on the same model, from the relaxed flow.")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=None,
              help="Seconds for the whole solve; the best plan found is returned (FEASIBLE). "
                   "Default: no limit (the flow engine always finishes proven).")
@click.option("--workers", type=click.IntRange(min=1), callback=capped_to_cores, default=None,
              help="CP-SAT search workers (default: cores, at most 8).")
@click.option("--seed", type=int, default=0, show_default=True, help="CP-SAT random seed.")
@click.option("--assignments", type=click.Path(dir_okay=False), default=None,
              help="Also write one CSV row per applicant (first-come rule).")
@click.option("--log", "show_log", is_flag=True,
              help="Show solver progress on stderr (flow stages; CP-SAT search log).")
@click.option("--blanks-short/--no-blanks-short", "with_blanks_short", default=True,
              show_default=True,
              help="Say how many blanks each district lacks and by when (a second solve "
                   "when blanks run out).")
@click.option("--no-reroute", is_flag=True,
              help="Close rerouting: no card is printed outside its home district.")
@click.option("--no-blank-transfers", is_flag=True,
              help="Close blank lending: no blanks move between districts.")
@click.option("--decompose", is_flag=True,
              help="Plan province by province along the national relaxed flow (for the "
                   "nation with side constraints): FEASIBLE with the relaxed flow's bound "
                   "and the gap per figure.")
@click.option("--jobs", type=click.IntRange(min=1), callback=capped_to_cores, default=None,
              help="With --decompose: provinces planned at once, each in a local process "
                   "(default: 1, since each province's CP-SAT search already uses --workers).")
@click.option("--dask-address", default=None, metavar="ADDR",
              help="With --decompose: each province a task on this Dask scheduler (e.g. "
                   "tcp://host:8786).")
@click.option("--strict-deadlines", is_flag=True,
              help="Every eligible applicant must be home by its deadline; if no plan can do "
                   "that, say which queues cannot and why (exit 3, nothing written).")
@guarded
def solve(instance_path: str, output: str, method: str, engine: str, time_limit: float | None,
          workers: int | None, seed: int, assignments: str | None, show_log: bool,
          with_blanks_short: bool, no_reroute: bool, no_blank_transfers: bool,
          decompose: bool, jobs: int | None, dask_address: str | None,
          strict_deadlines: bool) -> None:
    """Solve INSTANCE and write a proven-optimal (or best found) plan.

    \b
    Example:
      ektp-sched solve instances/pelalawan-2017.json -o plan.json --assignments cards.csv
      ektp-sched solve instances/riau-2017.json -o closed.json --no-reroute
      ektp-sched solve instances/riau-2017.json -o by-hand.json --method greedy
    """
    from scheduler import DeadlinesMissed, NoPlanFound, make_plan, read_instance, write_solution
    from scheduler.files.guard import check_files, inputs_of
    from scheduler.plan.assignment import write_assignments
    from scheduler.report.plan_summary import print_solve_summary, strict_deadline_lines

    if method == "greedy":
        source = click.get_current_context().get_parameter_source
        for name, option in _OPTIMISER_OPTIONS.items():
            if source(name) is not click.core.ParameterSource.DEFAULT:
                fail(_("{option} applies to --method optimal only, not to --method "
                       "greedy").format(option=option), EXIT_BAD_INPUT)
    split = _decomposition(decompose, jobs, dask_address)
    started = time.perf_counter()

    def log(message: str) -> None:
        click.echo(f"[{time.perf_counter() - started:7.2f}s] {message}", err=True)

    levers = [name for name, closed in (("no-reroute", no_reroute),
                                        ("no-blank-transfers", no_blank_transfers)) if closed]
    instance = read_instance(instance_path)
    check_files(inputs_of(instance.inputs), {"-o": output, "--assignments": assignments})
    try:
        with working(_("Planning…"), quiet=show_log):
            planned = make_plan(
                instance, method=method, engine=engine, time_limit=time_limit,
                workers=workers, seed=seed, levers=levers, blanks_short=with_blanks_short,
                strict_deadlines=strict_deadlines, log=log if show_log else None,
                decompose=split)
    except NoPlanFound as error:
        fail(_("{error} for {path}").format(error=error, path=instance_path), EXIT_NO_PLAN)
    except DeadlinesMissed as missed:
        for line in strict_deadline_lines(missed):
            click.echo(line, err=True)
        sys.exit(EXIT_NO_PLAN)
    write_solution(planned, output)
    if assignments is not None:
        write_assignments(planned, assignments)
    print_solve_summary(planned, seconds=time.perf_counter() - started, output=Path(output),
                        asked_blanks_short=with_blanks_short)


def _decomposition(decompose: bool, jobs: int | None, dask_address: str | None
                   ) -> Decomposition | None:
    """--decompose with its --jobs or --dask-address (each only with it, not both)."""
    from scheduler.plan.make import Decomposition

    if not decompose:
        if jobs is not None or dask_address is not None:
            fail(_("--jobs and --dask-address apply to --decompose only"), EXIT_BAD_INPUT)
        return None
    if jobs is not None and dask_address is not None:
        fail(_("--jobs counts local processes; with --dask-address the cluster's threads "
               "decide how many provinces run at once"), EXIT_BAD_INPUT)
    return Decomposition(jobs or 1, dask_address)
