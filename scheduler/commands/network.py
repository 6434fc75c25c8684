"""`ektp-sched network`: each district's load and what a plan moved, as a table and a map."""

from __future__ import annotations

import click

from scheduler.commands.common import guarded
from scheduler.i18n import _


@click.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.argument("solution_path", metavar="[SOLUTION]", required=False,
                type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Also draw the map to this .png, .svg or .pdf (written atomically).")
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
    from scheduler import read_instance, read_solution
    from scheduler.files.guard import check_files, inputs_of
    from scheduler.instance.calendar import build_calendar
    from scheduler.report.network_map import draw_map, map_format, print_view
    from scheduler.report.network_table import network_view, rerouted_cards

    if output is not None:
        map_format(output)
    instance = read_instance(instance_path)
    check_files({**inputs_of(instance.inputs), "the plan": solution_path}, {"-o": output})
    planned = None if solution_path is None else read_solution(instance, solution_path)
    calendar = build_calendar(instance) if planned is None else planned.calendar
    result = None if planned is None else planned.result
    views = network_view(calendar, result)
    print_view(views)
    if output is not None:
        draw_map(output, calendar, views,
                 None if result is None else rerouted_cards(calendar, result))
        click.echo(_("wrote {path}").format(path=output))
