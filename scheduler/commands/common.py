"""Shared by the subcommands: exit codes, one-line errors, library errors turned into them.

Exit codes: 0 success, 1 an invalid plan (validate), 2 bad input, 3 no feasible
plan within the limit. Errors are one line on stderr; `--debug` shows tracebacks.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from scheduler.errors import EngineError, InputError

EXIT_INVALID = 1
EXIT_BAD_INPUT = 2
EXIT_NO_PLAN = 3


def fail(message: str, code: int) -> NoReturn:
    """Stop with one `error: ...` line on stderr, the form every command error takes."""
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
