"""`ektp-sched print-list` and `lookup`: a validated plan read back for the office floor."""

from __future__ import annotations

import click

from scheduler.commands.common import guarded
from scheduler.i18n import say


@click.command("print-list")
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.argument("solution_path", metavar="SOLUTION", type=click.Path(dir_okay=False))
@click.option("--date", "day_text", metavar="YYYY-MM-DD", default=None,
              help="The day to list (default: every day of the horizon).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="OUT.xlsx (a sheet per printer, ready to print), OUT.pdf (the same pages) "
                   "or OUT.csv (one table); written atomically.")
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
    from scheduler import read_instance, read_solution
    from scheduler.files.guard import check_files, inputs_of
    from scheduler.simulate.progress import RunsProgress
    from scheduler.supervisor.print_list import horizon_day, print_lists
    from scheduler.supervisor.print_list_files import list_format, write_print_lists

    list_format(output)
    instance = read_instance(instance_path)
    check_files({**inputs_of(instance.inputs), "the plan": solution_path}, {"-o": output})
    day = None if day_text is None else horizon_day(instance, day_text)
    planned = read_solution(instance, solution_path)
    lists = print_lists(planned.calendar, planned.result, planned.runs, day)
    cards = sum(d.cards for p in lists for d in p.days)
    with RunsProgress("print-list", cards) as progress:  # on a terminal only
        write_print_lists(output, lists, progress.update)
    click.echo(say("wrote {cards} card(s) on {printers} printer(s) to {path}", cards=cards,
                   printers=len(lists), path=output))


@click.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.argument("solution_path", metavar="SOLUTION", type=click.Path(dir_okay=False))
@click.argument("applicant_ids", metavar="APPLICANT_ID...", nargs=-1, required=True)
@click.option("--show-ids", is_flag=True, help="Show ids whole (default: NIKs masked).")
@guarded
def lookup(instance_path: str, solution_path: str, applicant_ids: tuple[str, ...],
           show_ids: bool) -> None:
    """Say when each applicant's card is printed, where, and when it is home.

    An applicant without a card within the plan is told how many of the same
    queue are still ahead; after a re-plan, one printed before its date is told
    when and where. Ids of inline cohorts are cohort-<index>-<position>. Each id
    is its own line: exit 0 when any is answered, 2 when none is.

    \b
    Example:
      ektp-sched lookup instances/pelalawan-2017.json solutions/pelalawan-2017.json \\
          cohort-0-0 cohort-8-1800
    """
    import sys
    from datetime import date

    from scheduler import read_instance, read_solution
    from scheduler.commands.common import EXIT_BAD_INPUT
    from scheduler.replan.printed import read_printed, recorded_file
    from scheduler.supervisor.lookup import CardIndex, NotInQueue, answer_line

    planned = read_solution(read_instance(instance_path), solution_path)
    index = CardIndex(planned.calendar, planned.runs)
    record = recorded_file(planned.document, solution_path)
    printed = None if record is None else read_printed(record)
    as_of = (planned.document.get("solver") or {}).get("replan", {}).get("as_of")
    answers = index.look_up(list(applicant_ids), printed,
                            date.fromisoformat(as_of) if isinstance(as_of, str) else None)
    for answer in answers:
        click.echo(answer_line(answer, show_ids=show_ids, instance=planned.instance))
    if all(isinstance(answer, NotInQueue) for answer in answers):
        sys.exit(EXIT_BAD_INPUT)
