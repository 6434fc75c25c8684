"""`ektp-sched explain`: why a plan is not better, and what each purchase is worth."""

from __future__ import annotations

import click

from scheduler.commands.common import guarded


@click.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.argument("solution_path", metavar="[SOLUTION]", required=False,
                type=click.Path(dir_okay=False))
@click.option("--top", type=click.IntRange(min=0), default=3, show_default=True,
              help="Re-solve with each of the N best purchases to check its predicted saving.")
@guarded
def explain(instance_path: str, solution_path: str | None, top: int) -> None:
    """Why not better: what held each district back, what each purchase would save, checked.

    Per district, the days its printers ran full (`capacity`, `outage` when an
    outage had cut them) or stood idle without blanks (`blanks`) while
    applicants waited, and the links at their daily limit (of the validated
    SOLUTION, else of the flow engine's plan). Then per district what a
    coordinator can buy: a printer-day (one more printer as big as its largest,
    for a day: the best day), a thousand blanks (the best day to have them by),
    each outage repaired a day sooner; and one more card a day along a link.
    "Up to": the flow's shadow price times the units, a bound the purchase
    never beats (pure networks only); "(re-solved)": measured, for repairs of
    outages that stop a district (the first 10). The top N purchases are
    re-solved to compare predicted and actual. On a terminal, progress shows
    on stderr.

    \b
    Example:
      ektp-sched explain instances/pelalawan-2017.json --top 5
    """
    from scheduler import read_instance, read_solution
    from scheduler.diagnose.explain.progress import TerminalProgress
    from scheduler.diagnose.explain.run import explain_plan
    from scheduler.diagnose.explain.text import binding_lines, check_lines, lever_lines
    from scheduler.instance.calendar import build_calendar

    instance = read_instance(instance_path)
    planned = None if solution_path is None else read_solution(instance, solution_path)
    calendar = build_calendar(instance) if planned is None else planned.calendar
    said = explain_plan(calendar, None if planned is None else planned.result, top,
                        TerminalProgress())
    for line in (binding_lines(calendar, said.days, said.links)
                 + lever_lines(calendar, said.offers, said.unmeasured)
                 + check_lines(calendar, said.checks)):
        click.echo(line)
