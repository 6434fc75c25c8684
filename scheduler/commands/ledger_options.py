"""What the `office` commands share: the ledger option, its engine, one-line database
refusals and the solve options (commands/office.py and the web server's command use them)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from scheduler.commands.common import EXIT_BAD_INPUT, capped_to_cores, fail, guarded

if TYPE_CHECKING:
    from sqlalchemy import Engine


def ledger_command(command: Callable[..., None]) -> Callable[..., None]:
    """`guarded`, and a database's refusal (cannot connect, locked too long) as one line."""
    inner = guarded(command)

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        from sqlalchemy.exc import DBAPIError

        from scheduler.office import words

        try:
            inner(*args, **kwargs)
        except DBAPIError as error:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            why = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
            fail(words.DB_ERROR.format(why=why), EXIT_BAD_INPUT)

    return run


db_option = click.option(
    "--db", "db", metavar="URL", default=None,
    help="The ledger: sqlite:///FILE (default sqlite:///ektp-office.db, or EKTP_DB) or "
         "postgresql://USER@HOST/DB (password from PGPASSWORD or ~/.pgpass, never here).")
show_ids_option = click.option("--show-ids", is_flag=True,
                               help="Show ids whole on screen (default: NIKs masked).")
show_columns_option = click.option(
    "--show-columns", metavar="NAME,...", default=None,
    help="The imported columns to show (default: every one the imports kept; '' for none).")
engine_options = [
    click.option("--time-limit", type=click.FloatRange(min=0.1), default=None,
                 help="Seconds for the solve (default: no limit)."),
    click.option("--workers", type=click.IntRange(min=1), callback=capped_to_cores,
                 default=None,
                 help="CP-SAT search workers (default: cores, at most 8)."),
    click.option("--seed", type=int, default=0, show_default=True, help="CP-SAT random seed."),
]


def ledger_engine(db: str | None, create: bool = False) -> Engine:
    from scheduler.office.db import ledger_url, open_ledger

    typed = click.get_current_context().get_parameter_source("db") == ParameterSource.COMMANDLINE
    return open_ledger(ledger_url(db, typed=typed and db is not None), create=create)
