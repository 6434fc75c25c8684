"""`ektp-sched report`: one self-contained HTML page (or its PDF) about a validated plan."""

from __future__ import annotations

import click

from scheduler.commands.common import guarded
from scheduler.commands.working import working
from scheduler.i18n import _, say


@click.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.argument("solution_path", metavar="SOLUTION", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="REPORT.html: one self-contained page (charts inline); REPORT.pdf: the same "
                   "page printed by headless Chromium (A4). Written atomically.")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=None,
              help="Seconds for the ample-blank solve behind 'blanks short' (CP-SAT only; "
                   "default: no limit).")
@guarded
def report(instance_path: str, solution_path: str, output: str,
           time_limit: float | None) -> None:
    """Write one page about a validated SOLUTION: what holds it back, figures, charts, no ids.

    A first line saying what holds the plan back (capacity, an outage, blanks,
    a deadline), the headline figures, the blanks to ask for, backlog, cards
    per day against capacity (outage and no-blank days shaded), blank stock,
    the deadline classes' progress, help between neighbours and the districts'
    table. Beyond 8 districts the charts show the 7 with the most waiting days
    and the rest summed. `-o X.pdf` prints the page to PDF with Chromium.

    \b
    Example:
      ektp-sched report instances/sampang-2018.json solutions/sampang-2018.json \\
          -o report.html
    """
    from pathlib import Path

    from scheduler import read_instance, read_solution
    from scheduler.files.guard import check_files, inputs_of
    from scheduler.report.make import make_report, write_report_file
    from scheduler.report.pdf import find_chromium

    instance = read_instance(instance_path)
    check_files({**inputs_of(instance.inputs), "the plan": solution_path}, {"-o": output})
    if Path(output).suffix.lower() == ".pdf":
        find_chromium(output)  # before the work, not after it
    planned = read_solution(instance, solution_path)
    with working(_("Drawing the report…")):
        page, shortages = make_report(planned, time_limit=time_limit)
    write_report_file(output, page)
    click.echo(say("wrote {path} ({instance}: {cards:,} card(s), {short:,} blank(s) short)",
                   path=output, instance=planned.instance.name, cards=planned.result.cards,
                   short=sum(s.blanks for s in shortages)))
