"""`ektp-sched replan`: a new plan from a date, done work out and new facts in."""

from __future__ import annotations

import time
from pathlib import Path

import click

from scheduler.commands.common import capped_to_cores, guarded
from scheduler.commands.working import working
from scheduler.i18n import _, say


@click.command()
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
              help="Seconds for the whole re-plan (default: no limit).")
@click.option("--workers", type=click.IntRange(min=1), callback=capped_to_cores, default=None,
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
    from scheduler.engines.dispatch import DEFAULT_WORKERS
    from scheduler.replan.replan import replan as run_replan
    from scheduler.report.plan_summary import print_summary

    started = time.perf_counter()
    with working(_("Re-planning…")):
        done = run_replan(
            instance_path, previous_path, as_of, output=output, instance_out=instance_out,
            done_path=done_path, events_path=events_path, time_limit=time_limit,
            workers=workers or DEFAULT_WORKERS, seed=seed,
        )
    print_summary(done.planned, seconds=time.perf_counter() - started, output=Path(output))
    click.echo("  " + say("printed before {as_of}: {printed:,} card(s) ({in_transit:,} still on "
                          "their way home); new instance {path}", as_of=as_of,
                          printed=done.done.printed, in_transit=done.done.in_transit,
                          path=instance_out))
    click.echo("  " + say("moved: {moved:,} of the previous plan's {cards:,} card(s) from this "
                          "date on are on another queue, printer or day", moved=done.moved,
                          cards=done.previous_cards))
