"""The `ektp-sched` command: each subcommand parses, calls the library, prints.

Exit codes: 0 success, 1 an invalid plan (validate), 2 bad input, 3 no feasible
plan within the limit. Errors are one line on stderr; `--debug` shows tracebacks.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import click

from scheduler.errors import EngineError, InputError

EXIT_INVALID = 1
EXIT_BAD_INPUT = 2
EXIT_NO_PLAN = 3


def fail(message: str, code: int) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def guarded(command: Callable[..., None]) -> Callable[..., None]:
    """Turn library errors into one-line messages and exit codes (tracebacks with --debug)."""

    def run(*args: Any, **kwargs: Any) -> None:
        debug = bool(click.get_current_context().find_root().params.get("debug"))
        try:
            command(*args, **kwargs)
        except (InputError, EngineError) as error:
            if debug:
                raise
            fail(str(error), EXIT_BAD_INPUT)

    run.__name__ = command.__name__
    run.__doc__ = command.__doc__
    return run


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(package_name="ektp-sched")
def cli(debug: bool) -> None:
    """Exact print scheduling for e-KTP offices (SPEC: ektp-instance/1, ektp-solution/1)."""


# solve's options that steer the optimiser: given with --method greedy they are an error.
_OPTIMISER_OPTIONS = {"engine": "--engine", "time_limit": "--time-limit",
                      "workers": "--workers", "seed": "--seed",
                      "strict_deadlines": "--strict-deadlines"}


@cli.command()
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
    from scheduler.assignment import assign_first_come, assignments_frame
    from scheduler.atomic import write_atomic
    from scheduler.blanks_short import blanks_short
    from scheduler.instance.calendar import build_calendar
    from scheduler.instance.reader import read_instance
    from scheduler.levers import close_levers
    from scheduler.network.ceiling import throughput_ceiling
    from scheduler.solution import solution_document, write_solution
    from scheduler.solve import DEFAULT_WORKERS, solve_instance
    from scheduler.summary import district_figures
    from scheduler.summary_text import print_summary
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
        from scheduler.first_come import solve_first_come

        result = solve_first_come(calendar)
    else:
        result = solve_instance(
            calendar, engine=engine, time_limit=time_limit, workers=chosen_workers, seed=seed,
            log=log if show_log else None,
        )
    if not result.has_plan:
        fail(f"no feasible plan found ({result.status}) for {instance_path}", EXIT_NO_PLAN)
    if strict_deadlines and result.objective is not None and result.objective.deadline_misses:
        from scheduler.strict import deadline_verdicts

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
        from scheduler.first_come import first_come_blanks_short

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


@cli.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.argument("solution_path", metavar="SOLUTION", type=click.Path(dir_okay=False))
@guarded
def validate(instance_path: str, solution_path: str) -> None:
    """Check SOLUTION against INSTANCE independently of the engines.

    Recomputes every constraint day by day and the three objective figures from
    the prints and transfers alone. Exit 0 valid, 1 invalid, 2 bad input.

    \b
    Example:
      ektp-sched validate instances/pelalawan-2017.json solutions/pelalawan-2017.json
    """
    from scheduler.instance.reader import read_instance
    from scheduler.validate import read_solution_document, validate_solution

    instance = read_instance(instance_path)
    document = read_solution_document(solution_path)
    report = validate_solution(instance, document, source=solution_path)
    figures = ", ".join(f"{k}={v}" for k, v in report.objective.items())
    if report.valid:
        click.echo(f"valid: {solution_path} ({figures})")
        return
    for violation in report.violations:
        click.echo(f"{violation.rule}: {violation.message}")
    click.echo(f"invalid: {len(report.violations)} violation(s) in {solution_path}")
    sys.exit(EXIT_INVALID)


@cli.command("print-list")
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.argument("solution_path", metavar="SOLUTION", type=click.Path(dir_okay=False))
@click.option("--date", "day_text", metavar="YYYY-MM-DD", default=None,
              help="The day to list (default: every day of the horizon).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="OUT.xlsx (a sheet per printer) or OUT.csv (one table); written atomically.")
@guarded
def print_list(instance_path: str, solution_path: str, day_text: str | None,
               output: str) -> None:
    """Write each printer's cards in print order (first-come) from a validated SOLUTION.

    Per printer and day: position, applicant id, home district, class, ready
    date, and where a card goes when it is printed for another district. A
    plan that does not validate against INSTANCE is refused (exit 2).

    \b
    Example:
      ektp-sched print-list instances/pelalawan-2017.json solutions/pelalawan-2017.json \\
          --date 2017-05-22 -o lists.xlsx
    """
    from scheduler.assignment import assign_first_come
    from scheduler.instance.calendar import build_calendar
    from scheduler.instance.reader import read_instance
    from scheduler.plan_file import read_plan
    from scheduler.supervisor.print_list import horizon_day, print_lists
    from scheduler.supervisor.print_list_files import list_format, write_print_lists

    list_format(output)
    instance = read_instance(instance_path)
    day = None if day_text is None else horizon_day(instance, day_text)
    calendar = build_calendar(instance)
    result = read_plan(calendar, solution_path)
    lists = print_lists(calendar, result, assign_first_come(calendar, result), day)
    write_print_lists(output, lists)
    cards = sum(len(d.rows) for p in lists for d in p.days)
    click.echo(f"wrote {cards} card(s) on {len(lists)} printer(s) to {output}")


@cli.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.argument("solution_path", metavar="SOLUTION", type=click.Path(dir_okay=False))
@click.argument("applicant_ids", metavar="APPLICANT_ID...", nargs=-1, required=True)
@click.option("--show-ids", is_flag=True, help="Show ids whole (default: NIKs masked).")
@guarded
def lookup(instance_path: str, solution_path: str, applicant_ids: tuple[str, ...],
           show_ids: bool) -> None:
    """Say when each applicant's card is printed, where, and when it is home.

    An applicant without a card within the plan is told how many of the same
    queue are still ahead. Ids of inline cohorts are cohort-<index>-<position>.

    \b
    Example:
      ektp-sched lookup instances/pelalawan-2017.json solutions/pelalawan-2017.json \\
          cohort-0-0 cohort-8-1800
    """
    from scheduler.assignment import assign_first_come
    from scheduler.instance.calendar import build_calendar
    from scheduler.instance.reader import read_instance
    from scheduler.plan_file import read_plan
    from scheduler.supervisor.lookup import CardIndex, answer_line

    instance = read_instance(instance_path)
    calendar = build_calendar(instance)
    result = read_plan(calendar, solution_path)
    index = CardIndex(calendar, assign_first_come(calendar, result))
    for status in index.look_up(list(applicant_ids), show_ids=show_ids):
        click.echo(answer_line(status, show_ids=show_ids))


@cli.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.argument("previous_path", metavar="PREVIOUS_SOLUTION", type=click.Path(dir_okay=False))
@click.option("--as-of", "as_of", required=True, metavar="YYYY-MM-DD",
              help="The new plan starts on this day (within the horizon).")
@click.option("--done", "done_path", type=click.Path(dir_okay=False), default=None,
              help="CSV of what was printed before the date (default: the previous plan).")
@click.option("--events", "events_path", type=click.Path(dir_okay=False), default=None,
              help="JSON of new facts: outages, deliveries, printers, links, cohorts, repairs.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Where to write the new ektp-solution/1 plan.")
@click.option("--instance-out", required=True, type=click.Path(dir_okay=False),
              help="Where to write the new ektp-instance/1 (starting on the date).")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=None,
              help="Seconds for the whole re-plan.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="CP-SAT search workers (default: cores, at most 8).")
@click.option("--seed", type=int, default=0, show_default=True, help="CP-SAT random seed.")
@guarded
def replan(instance_path: str, previous_path: str, as_of: str, done_path: str | None,
           events_path: str | None, output: str, instance_out: str, time_limit: float | None,
           workers: int | None, seed: int) -> None:
    """Re-plan from a date: done work out, new facts in, an optimal plan close to the old one.

    \b
    Example:
      ektp-sched replan instances/pelalawan-2017.json solutions/pelalawan-2017.json \\
          --as-of 2017-06-12 --events repair.json -o new-plan.json --instance-out new.json
    """
    from scheduler.assignment import assign_first_come
    from scheduler.network.ceiling import throughput_ceiling
    from scheduler.replan.replan import replan as run_replan
    from scheduler.solve import DEFAULT_WORKERS
    from scheduler.summary import district_figures
    from scheduler.summary_text import print_summary

    started = time.perf_counter()
    done = run_replan(
        instance_path, previous_path, as_of, output=output, instance_out=instance_out,
        done_path=done_path, events_path=events_path, time_limit=time_limit,
        workers=workers or DEFAULT_WORKERS, seed=seed,
    )
    print_summary(
        done.instance, done.result,
        district_figures(done.calendar, done.result, assign_first_come(done.calendar, done.result)),
        seconds=time.perf_counter() - started, output=Path(output),
        ceiling=throughput_ceiling(done.calendar),
    )
    click.echo(f"  printed before {as_of}: {done.done.printed:,} card(s) "
               f"({done.done.in_transit:,} still on their way home); new instance {instance_out}")
    click.echo(f"  moved: {done.moved:,} of the previous plan's {done.previous_cards:,} card(s) "
               "from this date on are on another queue, printer or day")


@cli.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.argument("solution_path", metavar="SOLUTION", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="REPORT.html: one self-contained page (charts inline); written atomically.")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=None,
              help="Seconds for the ample-blank solve behind 'blanks short' (CP-SAT only).")
@guarded
def report(instance_path: str, solution_path: str, output: str,
           time_limit: float | None) -> None:
    """Write one HTML page about a validated SOLUTION: figures and charts, no ids.

    Headline figures (printed, waiting, days to clear, deadline misses, blanks
    short), the districts' table, backlog per district, cards per printer and
    day against capacity, blank stock, and the deadline classes' progress.

    \b
    Example:
      ektp-sched report instances/sampang-2018.json solutions/sampang-2018.json \\
          -o report.html
    """
    from scheduler.assignment import assign_first_come
    from scheduler.blanks_short import blanks_short
    from scheduler.instance.calendar import build_calendar
    from scheduler.instance.reader import read_instance
    from scheduler.plan_file import read_plan
    from scheduler.report.html import build_report, write_report
    from scheduler.summary import district_figures

    instance = read_instance(instance_path)
    calendar = build_calendar(instance)
    result = read_plan(calendar, solution_path)
    figures = district_figures(calendar, result, assign_first_come(calendar, result))
    shortages = blanks_short(calendar, time_limit=time_limit)
    write_report(output, build_report(calendar, result, figures, shortages))
    click.echo(f"wrote {output} ({instance.name}: {sum(f.printed for f in figures):,} card(s), "
               f"{sum(s.blanks for s in shortages):,} blank(s) short)")


@cli.group()
def generate() -> None:
    """Build instances from the district graph files."""


@generate.command("region")
@click.option("--province", default=None, help="A province's name, e.g. Riau.")
@click.option("--districts", "codes", default=None, metavar="CODE,...",
              help="District codes, e.g. 35.26,35.27.")
@click.option("--all", "every", is_flag=True,
              help="All districts of regencies.csv: the whole country, sea links included.")
@click.option("--graph", "graph", required=True, type=click.Path(file_okay=False),
              help="Folder with regencies.csv and adjacency.csv (e.g. ../shared/data).")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--days", type=click.IntRange(min=14), default=90, show_default=True)
@click.option("--start", "start_text", metavar="YYYY-MM-DD", default="2024-01-01",
              show_default=True)
@click.option("--applicants", type=click.IntRange(min=0), default=None,
              help="Applicants in all (default: 2% of the population over 90 days).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The instance file; gzip-compressed when it ends in .json.gz.")
@guarded
def generate_region(province: str | None, codes: str | None, every: bool, graph: str,
                    seed: int, days: int, start_text: str, applicants: int | None,
                    output: str) -> None:
    """Write an ektp-instance/1 over a province, a list of districts or the country (seeded).

    \b
    Example:
      ektp-sched generate region --province Riau --graph ../shared/data -o riau.json
      ektp-sched generate region --all --graph ../shared/data -o indonesia.json.gz
    """
    from scheduler.generate.region import region_document

    if sum((province is not None, codes is not None, every)) != 1:
        fail("give exactly one of --province, --districts and --all", EXIT_BAD_INPUT)
    listed = None if codes is None else [c.strip() for c in codes.split(",") if c.strip()]
    document = region_document(Path(graph), province=province, codes=listed, every=every,
                               seed=seed, days=days, start=_start_date(start_text),
                               applicants=applicants, name=_document_name(output))
    _write_generated(output, document)


def _start_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"--start: not a date (YYYY-MM-DD): {text!r}", EXIT_BAD_INPUT)


def _document_name(output: str) -> str:
    from scheduler.json_output import document_stem

    return document_stem(output)


def _write_generated(output: str, document: dict[str, Any]) -> None:
    from scheduler.json_output import write_json_file

    write_json_file(output, document)
    click.echo(f"wrote {output}: {len(document['districts'])} districts, "
               f"{len(document['links'])} links, "
               f"{sum(c['count'] for c in document['queue']['cohorts']):,} applicants")


@generate.command("stress")
@click.option("--family", required=True,
              type=click.Choice(["blank-starved", "outage-heavy", "election-deadline",
                                 "long-lead", "one-printer"]),
              help="What is pushed to its limit (scheduler/generate/stress.py).")
@click.option("--graph", "graph", required=True, type=click.Path(file_okay=False),
              help="Folder with regencies.csv and adjacency.csv (e.g. ../shared/data).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Draws the region (unless --around) and every figure.")
@click.option("--around", default=None, metavar="CODE",
              help="Grow the region from this district (one-printer: the hub).")
@click.option("--size", type=click.IntRange(min=2), default=None,
              help="Districts in the region (default 12; one-printer 9).")
@click.option("--days", type=click.IntRange(min=14), default=90, show_default=True)
@click.option("--start", "start_text", metavar="YYYY-MM-DD", default="2024-01-01",
              show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The instance file; gzip-compressed when it ends in .json.gz.")
@guarded
def generate_stress(family: str, graph: str, seed: int, around: str | None, size: int | None,
                    days: int, start_text: str, output: str) -> None:
    """Write a stress-family instance on real districts of the graph (seeded).

    \b
    Example:
      ektp-sched generate stress --family outage-heavy --graph ../shared/data \\
          --seed 1 -o outage-heavy.json
    """
    from scheduler.generate.stress import stress_document

    document = stress_document(Path(graph), family, seed=seed, around=around, size=size,
                               days=days, start=_start_date(start_text),
                               name=_document_name(output))
    _write_generated(output, document)


@cli.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.argument("solution_path", metavar="[SOLUTION]", required=False,
                type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Also draw the map to this PNG (written atomically).")
@guarded
def network(instance_path: str, solution_path: str | None, output: str | None) -> None:
    """Show each district's load and, with a validated SOLUTION, what it moved.

    Per district: ready queue, capacity over the horizon, load (queue ÷ capacity),
    outage days, blanks; with a plan also cards sent out and taken in, blanks
    lent and borrowed, days to clear. The map puts districts at their lat/lon.

    \b
    Example:
      ektp-sched network instances/pelalawan-2017.json solutions/pelalawan-2017.json \\
          -o network.png
    """
    from scheduler.instance.calendar import build_calendar
    from scheduler.instance.reader import read_instance
    from scheduler.network.view import network_view, rerouted_cards
    from scheduler.network.view_output import draw_map, print_view
    from scheduler.plan_file import read_plan

    calendar = build_calendar(read_instance(instance_path))
    result = None if solution_path is None else read_plan(calendar, solution_path)
    views = network_view(calendar, result)
    print_view(views)
    if output is not None:
        draw_map(output, calendar, views,
                 None if result is None else rerouted_cards(calendar, result))
        click.echo(f"wrote {output}")


@cli.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.argument("scenarios_path", metavar="SCENARIOS", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Also write the table as CSV (written atomically).")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Scenarios solved at once, in processes (default: cores, at most one "
                   "per scenario).")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=None,
              help="Seconds for each scenario's solve.")
@guarded
def whatif(instance_path: str, scenarios_path: str, output: str | None, jobs: int | None,
           time_limit: float | None) -> None:
    """Solve INSTANCE and each scenario of SCENARIOS (changes in the instance's field names).

    One row per scenario, the baseline first: cards printed, waiting days, deadline
    misses, transfer cost, days to clear per district, waiting saved against the
    baseline and saved per million rupiah of the scenario's cost.

    \b
    Example:
      ektp-sched whatif instances/pelalawan-2017.json \\
          instances/scenarios/pelalawan-2017.json -o whatif.csv
    """
    from scheduler.whatif.run import default_jobs, run_scenarios
    from scheduler.whatif.scenarios import read_scenarios
    from scheduler.whatif.table import comparison_frame, print_comparison, write_csv

    started = time.perf_counter()
    scenarios = read_scenarios(instance_path, scenarios_path)
    chosen = jobs or default_jobs(len(scenarios))
    results = run_scenarios(scenarios, jobs=chosen, time_limit=time_limit)
    frame = comparison_frame(results)
    print_comparison(frame)
    if output is not None:
        write_csv(output, frame)
    click.echo(f"{len(scenarios)} scenario(s) in {time.perf_counter() - started:.2f} s "
               f"with {chosen} job(s)" + ("" if output is None else f"; wrote {output}"))


@cli.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.argument("solution_path", metavar="[SOLUTION]", required=False,
                type=click.Path(dir_okay=False))
@click.option("--top", type=click.IntRange(min=0), default=3, show_default=True,
              help="Re-solve with each of the N best levers to check its price.")
@guarded
def explain(instance_path: str, solution_path: str | None, top: int) -> None:
    """Why not better: binding constraints, what each lever is worth, checked.

    Names the district-days that were capacity-, outage- or blank-bound and the
    links at their daily limit (of the validated SOLUTION, else of the flow
    engine's plan), ranks one more card of capacity, blank or card a day along a
    link by the flow's shadow prices (pure networks only), and re-solves with
    the top N to compare predicted and actual change. Binding days an outage
    took to 0 capacity have no price: +1 capacity there is measured by
    re-solving instead (the first 30 such days of each district), shown as
    "(re-solved)". Runs of consecutive open days with the same lever and
    change are one line.

    \b
    Example:
      ektp-sched explain instances/pelalawan-2017.json --top 5
    """
    from scheduler.explain.binding import binding_constraints
    from scheduler.explain.check import check_levers, outage_levers
    from scheduler.explain.prices import lever_prices
    from scheduler.explain.text import explain_lines
    from scheduler.instance.calendar import build_calendar
    from scheduler.instance.reader import read_instance
    from scheduler.network.graph import FlowGraph
    from scheduler.network.solve import solve_flow
    from scheduler.network.stages import StagedFlow
    from scheduler.plan_file import read_plan

    calendar = build_calendar(read_instance(instance_path))
    flow = solve_flow(calendar)
    plan = flow if solution_path is None else read_plan(calendar, solution_path)
    graph, staged = flow.extra["graph"], flow.extra["staged"]
    assert isinstance(graph, FlowGraph) and isinstance(staged, StagedFlow)
    days, links = binding_constraints(calendar, plan)
    levers = sorted(lever_prices(calendar, graph, staged) + outage_levers(calendar, days),
                    key=lambda lever: lever.key)
    checks = check_levers(calendar, levers, top)
    for line in explain_lines(calendar, days, links, levers, checks):
        click.echo(line)


@cli.command()
@click.argument("paths", metavar="[PATHS]...", nargs=-1, type=click.Path())
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=None,
              help="Seconds for each instance's solve.")
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
    from scheduler.parallel import TaskPool

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


@cli.command()
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
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Runs at once, in local processes.")
@click.option("--dask-address", default=None, metavar="ADDR",
              help="Run on this Dask scheduler (e.g. tcp://10.0.0.5:8786) instead.")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=None,
              help="Seconds for each solve (CP-SAT, for instances with side constraints).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="CP-SAT search workers per solve.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write one CSV row per run and policy (atomically).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), default=None,
              help="Write a self-contained HTML page: figures and their distributions.")
@guarded
def simulate(instance_path: str, runs: int, seed: int, policies: tuple[str, ...], jobs: int,
             dask_address: str | None, time_limit: float | None, workers: int,
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
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from scheduler.instance.reader import read_instance
    from scheduler.report.html import write_report
    from scheduler.simulate.report import simulation_page
    from scheduler.simulate.runs import simulate_runs
    from scheduler.simulate.table import print_summary, summarise, write_runs_csv
    from scheduler.simulate.walk import POLICIES

    started = time.perf_counter()
    instance = read_instance(instance_path)
    chosen = POLICIES if "all" in policies else tuple(p for p in POLICIES if p in policies)
    if not instance.outage_model and not instance.delivery_delays:
        click.echo(f"warning: {instance_path} has no outage_model or delivery_delay: every run "
                   "is the deterministic plan's world", err=True)
    console = Console(stderr=True)
    with Progress("simulate", BarColumn(bar_width=24), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, disable=not console.is_terminal,
                  transient=True) as bar:
        task = bar.add_task("simulate", total=runs * len(chosen))
        rows = simulate_runs(instance, chosen, runs, seed=seed, jobs=jobs,
                             dask_address=dask_address, workers=workers, time_limit=time_limit,
                             on_done=lambda _row, finished, _total: bar.update(
                                 task, completed=finished))
    with_applicants = sorted({c.district for c in instance.cohorts},
                             key=[d.id for d in instance.districts].index)
    summaries = summarise(rows, chosen, with_applicants)
    print_summary(summaries)
    written = []
    if output is not None:
        write_runs_csv(output, rows, [d.id for d in instance.districts])
        written.append(output)
    if report_path is not None:
        write_report(report_path, simulation_page(instance, rows, chosen, with_applicants,
                                                  summaries, seed))
        written.append(report_path)
    where = f"{jobs} job(s)" if dask_address is None else dask_address
    click.echo(f"{runs} run(s) x {len(chosen)} polic{'y' if len(chosen) == 1 else 'ies'} in "
               f"{time.perf_counter() - started:.2f} s with {where}"
               + (f"; wrote {', '.join(written)}" if written else ""))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="ektp-sched")
