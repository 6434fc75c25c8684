"""`ektp-sched explain`: why a plan is not better, and what each lever is worth."""

from __future__ import annotations

import click

from scheduler.commands.common import guarded


@click.command()
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
    from scheduler import read_instance, read_solution
    from scheduler.diagnose.explain.binding import binding_constraints
    from scheduler.diagnose.explain.check import check_levers, outage_levers
    from scheduler.diagnose.explain.prices import lever_prices
    from scheduler.diagnose.explain.text import explain_lines
    from scheduler.engines.network.engine import solve_flow
    from scheduler.instance.calendar import build_calendar

    instance = read_instance(instance_path)
    planned = None if solution_path is None else read_solution(instance, solution_path)
    calendar = build_calendar(instance) if planned is None else planned.calendar
    flow = solve_flow(calendar)
    plan = flow if planned is None else planned.result
    days, links = binding_constraints(calendar, plan)
    levers = sorted(lever_prices(calendar, flow.graph, flow.staged)
                    + outage_levers(calendar, days), key=lambda lever: lever.key)
    checks = check_levers(calendar, levers, top)
    for line in explain_lines(calendar, days, links, levers, checks):
        click.echo(line)
