"""`ektp-sched report`: one self-contained HTML page about a validated plan."""

from __future__ import annotations

import click

from scheduler.commands.common import guarded
from scheduler.i18n import say


@click.command()
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
    from scheduler import read_instance, read_solution
    from scheduler.diagnose.blanks_short import blanks_short
    from scheduler.files.guard import check_files, inputs_of
    from scheduler.report.html import build_report, write_report

    instance = read_instance(instance_path)
    check_files({**inputs_of(instance.inputs), "the plan": solution_path}, {"-o": output})
    planned = read_solution(instance, solution_path)
    # The plan read back is not known to be optimal: blanks short solves afresh.
    shortages = blanks_short(planned.calendar, time_limit=time_limit)
    write_report(output, build_report(planned.calendar, planned.result, planned.figures,
                                      shortages))
    click.echo(say("wrote {path} ({instance}: {cards:,} card(s), {short:,} blank(s) short)",
                   path=output, instance=planned.instance.name, cards=planned.result.cards,
                   short=sum(s.blanks for s in shortages)))
