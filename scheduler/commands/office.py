"""`ektp-sched office ...`: the office's day on a ledger (scheduler/office/ does the work).

Each command parses, calls one library function (the same the web page will
call) and prints; every command is one database transaction. Ids on screen
are masked unless --show-ids; files for printing and notices carry full ids.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import click

from scheduler.commands.common import EXIT_BAD_INPUT
from scheduler.commands.ledger_options import (
    db_option,
    engine_options,
    ledger_command,
    show_columns_option,
    show_ids_option,
)
from scheduler.commands.ledger_options import ledger_engine as _engine
from scheduler.commands.working import working
from scheduler.i18n import _


def _check_output(db: str | None, output: str | None, inputs: dict[str, str] | None = None
                  ) -> None:
    """The output may be neither the ledger's own files nor an input (files/guard.py)."""
    from scheduler.files.guard import check_files
    from scheduler.office.db import ledger_files, ledger_url

    check_files({**ledger_files(ledger_url(db, typed=False)), **(inputs or {})}, {"-o": output})


def _columns(text: str | None) -> list[str] | None:
    return None if text is None else [c.strip() for c in text.split(",") if c.strip()]


def _day(text: str, source: str) -> date:
    from scheduler.errors import InputError
    from scheduler.office import words

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(source, "", words.NOT_A_DATE.format(text=text)) from None


def _echo(lines: list[str]) -> None:
    for line in lines:
        click.echo(line)


def _with(options: list[Callable[..., Any]]) -> Callable[..., Any]:
    def apply(function: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            function = option(function)
        return function

    return apply


@click.group()
def office() -> None:
    """The office's day on a ledger (SQLite file or PostgreSQL): init, import, plan, today,
    done, event, replan, lookup, changes, history, backup, check, upgrade.

    \b
    Example (a day):
      ektp-sched office init --instance instances/pelalawan-2017.json
      ektp-sched office plan
      ektp-sched office today --date 2017-05-22 --district 1405 -o today.xlsx
      ektp-sched office done --date 2017-05-22 today.xlsx
    """


@office.command()
@click.option("--instance", "instance_path", required=True, type=click.Path(dir_okay=False),
              help="The ektp-instance/1 file to start the ledger from.")
@db_option
@ledger_command
def init(instance_path: str, db: str | None) -> None:
    """Start a ledger from an instance: districts, printers, links, calendar, stock, queue.

    Inline cohorts get their permanent ids cohort-<index>-<position> here.
    """
    from scheduler.office import words
    from scheduler.office.db import shown_url
    from scheduler.office.load import init_ledger

    engine = _engine(db, create=True)
    done = init_ledger(engine, instance_path)
    click.echo(words.SAID_INIT.format(url=shown_url(engine.url), **done.__dict__))


@office.command()
@db_option
@ledger_command
def upgrade(db: str | None) -> None:
    """Migrate the ledger's schema in place to this program's (one transaction)."""
    from scheduler.office import words
    from scheduler.office.db import shown_url, writing
    from scheduler.office.migrate import upgrade as migrate

    engine = _engine(db)
    with writing(engine) as connection:
        before, after = migrate(connection)
    click.echo(words.SAID_UPGRADE.format(url=shown_url(engine.url), before=before, after=after))


@office.command("import")
@click.argument("path", metavar="QUEUE.csv|.xlsx|.parquet", type=click.Path(dir_okay=False))
@click.option("--columns", default=None, metavar="COLUMN=field,...",
              help="Map the file's columns to applicant_id, district, ready, class "
                   "(remembered for the next import).")
@db_option
@ledger_command
def import_(path: str, columns: str | None, db: str | None) -> None:
    """Import an office's SIAK export; other columns (nama, alamat...) are kept.

    \b
    Example:
      ektp-sched office import siak.xlsx \\
          --columns NIK=applicant_id,KODE_WIL=district,TGL_REKAM=ready
    """
    from scheduler.office import words
    from scheduler.office.importing import import_queue, parse_mapping

    with working(_("Importing…")):
        result = import_queue(_engine(db), path,
                              None if columns is None else parse_mapping(columns))
    mapping = ",".join(f"{k}={v}" for k, v in result.mapping.items()) or words.MAPPING_AS_NAMED
    click.echo(words.SAID_IMPORT.format(file=result.file, rows=result.rows, added=result.added,
                                        updated=result.updated, unchanged=result.unchanged,
                                        mapping=mapping))


@office.command()
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD",
              help="The plan's first day (default: the day after the last recorded prints).")
@_with(engine_options)
@db_option
@ledger_command
def plan(as_of: str | None, time_limit: float | None, workers: int | None, seed: int,
         db: str | None) -> None:
    """An optimal plan from the ledger's state, stored as the next version (as `solve`)."""
    from scheduler.office.planning import EngineSettings
    from scheduler.office.planning import plan as make
    from scheduler.office.screen import version_lines

    day = None if as_of is None else _day(as_of, "--as-of")
    with working(_("Planning…")):
        version = make(_engine(db), day, EngineSettings(time_limit, workers, seed))
    _echo(version_lines(version))


@office.command()
@click.option("--as-of", "as_of", required=True, metavar="YYYY-MM-DD",
              help="The new plan's first day.")
@_with(engine_options)
@db_option
@ledger_command
def replan(as_of: str, time_limit: float | None, workers: int | None, seed: int,
           db: str | None) -> None:
    """A new version from what was done and what happened, as close to the last as can be."""
    from scheduler.office.planning import EngineSettings
    from scheduler.office.planning import replan as make
    from scheduler.office.screen import version_lines

    with working(_("Re-planning…")):
        version = make(_engine(db), _day(as_of, "--as-of"),
                       EngineSettings(time_limit, workers, seed))
    _echo(version_lines(version))


@office.command()
@click.option("--date", "day_text", required=True, metavar="YYYY-MM-DD")
@click.option("--district", default=None, help="One office (default: every office).")
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="FILE.xlsx (a summary sheet and a sheet per printer to tick and sign), "
                   "FILE.pdf (the same pages) or FILE.csv.")
@show_columns_option
@show_ids_option
@db_option
@ledger_command
def today(day_text: str, district: str | None, output: str | None, show_columns: str | None,
          show_ids: bool, db: str | None) -> None:
    """The office's work order for a day: cards per printer in print order, blanks to send,
    cards to dispatch and arriving, closed days and outages, blanks at the day's end."""
    from scheduler.office import words
    from scheduler.office.db import reading
    from scheduler.office.screen import work_order_lines
    from scheduler.office.workorder import work_order
    from scheduler.office.workorder_file import order_format, write_work_order

    if output is not None:
        order_format(output)
        _check_output(db, output)
    with reading(_engine(db)) as connection:
        order = work_order(connection, _day(day_text, "--date"), district, _columns(show_columns))
    if output is not None:
        write_work_order(output, order)
    _echo(work_order_lines(order, show_ids))
    if output is not None:
        click.echo(words.SAID_WROTE.format(path=output))


@office.command()
@click.option("--date", "day_text", required=True, metavar="YYYY-MM-DD")
@click.option("--as-planned", is_flag=True, help="Record the plan's cards of the day as printed.")
@click.option("--printer", default=None, help="With --as-planned: one printer's cards only.")
@click.argument("path", metavar="[FILE]", required=False, type=click.Path(dir_okay=False))
@db_option
@ledger_command
def done(day_text: str, as_planned: bool, printer: str | None, path: str | None,
         db: str | None) -> None:
    """Record what was really printed: the ticked work order (.xlsx or .csv) or --as-planned.

    A tick is x, ✓, 1, ya or yes; blank: not printed. A contradiction is refused
    with its row and nothing is recorded.
    """
    from scheduler.errors import InputError
    from scheduler.office import words
    from scheduler.office.done import record_done

    if as_planned == (path is not None) or (printer is not None and not as_planned):
        raise InputError("office done", "", "give either --as-planned [--printer P] or FILE")
    recorded = record_done(_engine(db), _day(day_text, "--date"), as_planned=as_planned,
                           printer=printer, path=path)
    per_printer = (", ".join(f"{p} {n}" for p, n in sorted(recorded.printed.items()))
                   or words.CHANGE_NONE)
    click.echo(words.SAID_DONE.format(day=recorded.day, cards=recorded.cards,
                                      per_printer=per_printer,
                                      not_printed=recorded.not_printed,
                                      sent=recorded.blanks_sent))


@office.command()
@click.argument("path", metavar="EVENTS.json", type=click.Path(dir_okay=False))
@db_option
@ledger_command
def event(path: str, db: str | None) -> None:
    """Record outages, repairs, deliveries, printers, links or new arrivals (cohorts), in the
    instance's field names, as `replan --events` takes them."""
    from scheduler.office import words
    from scheduler.office.events import record_events

    recorded = record_events(_engine(db), path)
    appended = ", ".join(f"{n} {k}" for k, n in recorded.appended.items()) or words.NOTHING_APPENDED
    click.echo(words.SAID_EVENT.format(event=recorded.event, appended=appended,
                                       repairs=recorded.repairs, arrivals=recorded.arrivals))


@office.command()
@click.argument("applicant_ids", metavar="ID...", nargs=-1, required=True)
@show_columns_option
@show_ids_option
@db_option
@ledger_command
def lookup(applicant_ids: tuple[str, ...], show_columns: str | None, show_ids: bool,
           db: str | None) -> None:
    """One line per id: printed, planned (moved by which plan), or how many are ahead.

    Exit 0 when any id is answered, 2 when none is.
    """
    import sys

    from scheduler.office.db import reading
    from scheduler.office.lookup import answer_line, look_up

    with reading(_engine(db)) as connection:
        answers = look_up(connection, list(applicant_ids), _columns(show_columns))
    for answer in answers:
        click.echo(answer_line(answer, show_ids))
    if not any(a.answered for a in answers):
        sys.exit(EXIT_BAD_INPUT)


@office.command()
@click.option("--since", required=True, metavar="N|YYYY-MM-DD",
              help="A plan version, or a day: changes since the version in force before it.")
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="notify.csv: one row per applicant, full ids, for SMS or WhatsApp notices.")
@show_columns_option
@show_ids_option
@db_option
@ledger_command
def changes(since: str, output: str | None, show_columns: str | None, show_ids: bool,
            db: str | None) -> None:
    """Every applicant whose print date or printer moved, old and new date and office."""
    from scheduler.office import words
    from scheduler.office.changes import changes_since, write_notices
    from scheduler.office.db import reading
    from scheduler.office.screen import change_lines

    point: int | date = int(since) if since.isdigit() else _day(since, "--since")
    _check_output(db, output)
    with reading(_engine(db)) as connection:
        found = changes_since(connection, point, _columns(show_columns))
    if output is None:
        _echo(change_lines(found, show_ids))
        return
    write_notices(output, found)
    _echo(change_lines(found)[:1])
    click.echo(words.SAID_WROTE.format(path=output))


@office.command()
@db_option
@ledger_command
def history(db: str | None) -> None:
    """The plan versions: when, as of which day, why, their figures and who moved."""
    from scheduler.office.changes import history as versions
    from scheduler.office.db import reading
    from scheduler.office.screen import history_lines

    with reading(_engine(db)) as connection:
        _echo(history_lines(versions(connection)))


@office.command()
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The backup file (a SQLite database, mode 0600).")
@db_option
@ledger_command
def backup(output: str, db: str | None) -> None:
    """Copy a SQLite ledger while it is in use (PostgreSQL: pg_dump, see docs/office.md)."""
    from scheduler.office import words
    from scheduler.office.backup import backup as copy

    _check_output(db, output)
    size = copy(_engine(db), output)
    click.echo(words.SAID_BACKUP.format(path=output, size=size))


@office.command()
@db_option
@ledger_command
def check(db: str | None) -> None:
    """Verify the ledger: applicants and printed cards once, capacities, every plan version
    valid by the independent validator with its stored figures and inputs. Exit 1 on a problem."""
    import sys

    from scheduler.office import words
    from scheduler.office.check import check_ledger
    from scheduler.office.db import reading
    from scheduler.office.meta import NAME, get_meta

    with reading(_engine(db)) as connection:
        report = check_ledger(connection)
        name = get_meta(connection, NAME, "?")
    for problem in report.problems:
        click.echo(words.SAID_PROBLEM.format(problem=problem))
    if not report.ok:
        click.echo(words.SAID_CHECK_FAILED.format(count=len(report.problems)), err=True)
        sys.exit(1)
    click.echo(words.CHECK_OK.format(name=name, applicants=report.applicants,
                                     printed=report.printed, versions=report.versions))
