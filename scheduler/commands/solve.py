"""`ektp-sched solve`: an optimal (or first-come) plan, validated, written and summed up."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from scheduler.commands.common import EXIT_BAD_INPUT, EXIT_NO_PLAN, fail, guarded

# solve's options that steer the optimiser: given with --method greedy they are an error.
_OPTIMISER_OPTIONS = {"engine": "--engine", "time_limit": "--time-limit",
                      "workers": "--workers", "seed": "--seed",
                      "strict_deadlines": "--strict-deadlines"}


@click.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Where to write the ektp-solution/1 plan (written atomically).")
@click.option("--method", type=click.Choice(["optimal", "greedy"]), default="optimal",
              show_default=True,
              help="optimal: the proven lexicographic optimum; greedy: the first-come plan an "
                   "office makes by hand (home printers only, no lending; FEASIBLE, no bound).")
@click.option("--engine", type=click.Choice(["auto", "flow", "cpsat"]), default="auto",
              show_default=True,
              help="auto: min-cost flow for pure networks, CP-SAT when side constraints bind.")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=None,
              help="Seconds for the whole solve; the best plan found is returned (FEASIBLE).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
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
@click.option("--strict-deadlines", is_flag=True,
              help="Every eligible applicant must be home by its deadline; if no plan can do "
                   "that, say which queues cannot and why (exit 3, nothing written).")
@guarded
def solve(instance_path: str, output: str, method: str, engine: str, time_limit: float | None,
          workers: int | None, seed: int, assignments: str | None, show_log: bool,
          with_blanks_short: bool, no_reroute: bool, no_blank_transfers: bool,
          strict_deadlines: bool) -> None:
    """Solve INSTANCE and write a proven-optimal (or best found) plan.

    \b
    Example:
      ektp-sched solve instances/pelalawan-2017.json -o plan.json --assignments cards.csv
      ektp-sched solve instances/riau-2017.json -o closed.json --no-reroute
      ektp-sched solve instances/riau-2017.json -o by-hand.json --method greedy
    """
    from scheduler.diagnose.blanks_short import blanks_short
    from scheduler.diagnose.ceiling import throughput_ceiling
    from scheduler.engines.dispatch import DEFAULT_WORKERS, solve_instance
    from scheduler.files.atomic import write_atomic
    from scheduler.instance.calendar import build_calendar
    from scheduler.instance.levers import close_levers
    from scheduler.instance.reader import read_instance
    from scheduler.plan.assignment import assign_first_come, assignments_frame
    from scheduler.plan.document import solution_document, write_solution
    from scheduler.plan.figures import district_figures
    from scheduler.report.plan_summary import print_summary
    from scheduler.validate import validate_solution

    greedy = method == "greedy"
    if greedy:
        source = click.get_current_context().get_parameter_source
        for name, option in _OPTIMISER_OPTIONS.items():
            if source(name) is not click.core.ParameterSource.DEFAULT:
                fail(f"{option} applies to --method optimal only, not to --method greedy",
                     EXIT_BAD_INPUT)
    started = time.perf_counter()
    # A closed lever is a stricter instance (levers.py): engines and validator see only it.
    instance = close_levers(read_instance(instance_path), reroute=not no_reroute,
                            blank_transfers=not no_blank_transfers)
    calendar = build_calendar(instance)
    chosen_workers = workers or DEFAULT_WORKERS

    def log(message: str) -> None:
        click.echo(f"[{time.perf_counter() - started:7.2f}s] {message}", err=True)

    if greedy:
        from scheduler.engines.greedy import greedy_plan

        result = greedy_plan(calendar)
    else:
        result = solve_instance(
            calendar, engine=engine, time_limit=time_limit, workers=chosen_workers, seed=seed,
            log=log if show_log else None,
        )
    if not result.has_plan:
        fail(f"no feasible plan found ({result.status}) for {instance_path}", EXIT_NO_PLAN)
    if strict_deadlines and result.objective is not None and result.objective.deadline_misses:
        from scheduler.diagnose.strict_deadlines import deadline_verdicts

        misses = result.objective.deadline_misses
        if result.bound.deadline_misses == misses:
            click.echo(f"no plan meets every deadline: every plan misses at least {misses:,} "
                       "eligible applicant(s)", err=True)
        else:
            click.echo(f"no plan meeting every deadline found within the limit: the best "
                       f"misses {misses:,} (fewer may be possible)", err=True)
        for verdict in deadline_verdicts(calendar, result, workers=chosen_workers, seed=seed):
            click.echo(f"  {verdict.reason()}", err=True)
        sys.exit(EXIT_NO_PLAN)
    document = solution_document(
        calendar, result,
        settings={"method": "greedy"} if greedy else
        {"time_limit": time_limit, "workers": chosen_workers, "seed": seed},
    )
    report = validate_solution(instance, document, source=output)
    if not report.valid:
        first = report.violations[0].message
        raise RuntimeError(f"internal error: the plan fails validation ({first})")
    runs = assign_first_come(calendar, result)
    frame = assignments_frame(calendar, runs) if assignments else None
    write_solution(output, document)
    if frame is not None and assignments is not None:
        write_atomic(assignments, lambda tmp: frame.to_csv(tmp, index=False))
    seconds = time.perf_counter() - started
    # Whether blanks hold the plan back takes a second solve (blanks_short.py) unless the
    # stock never runs out; it shares the time limit and can be switched off.
    shortages = None
    left = None if time_limit is None else time_limit - seconds
    if greedy and with_blanks_short:
        from scheduler.diagnose.blanks_short import first_come_blanks_short

        shortages = first_come_blanks_short(calendar)  # the greedy's own needs
    elif with_blanks_short and (left is None or left >= 1.0):
        shortages = blanks_short(calendar, engine=engine, time_limit=left,
                                 workers=chosen_workers, seed=seed, plan=result)
    ceiling = throughput_ceiling(calendar)
    print_summary(
        instance, result, district_figures(calendar, result, runs),
        seconds=seconds, output=Path(output), shortages=shortages,
        # The ceiling's reasons for a gap describe an optimum, not the first-come plan.
        ceiling=None if greedy else ceiling,
    )
    if greedy:
        printed = sum(pp.count for pp in result.prints)
        click.echo(f"  {ceiling.sentence(printed)} (first-come: home printers only, "
                   "no rerouting, no lending)")
    if with_blanks_short and shortages is None:
        click.echo("  blanks short: not computed, the time limit is used up "
                   "(`ektp-sched report` computes it)")
