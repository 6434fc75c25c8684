"""Shared by the subcommands: exit codes, one-line errors, library errors turned into them.

Exit codes: 0 success, 1 an invalid plan (validate) or an internal error, 2 bad
input (or an unreadable/unwritable file), 3 no feasible plan within the limit.
Errors are one line on stderr; `--debug` before the command shows tracebacks.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from scheduler.errors import EngineError, InputError
from scheduler.i18n import _, say

EXIT_INVALID = 1
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
EXIT_NO_PLAN = 3


def fail(message: str, code: int) -> NoReturn:
    """Stop with one `error: ...` line on stderr, the form every command error takes."""
    click.echo(_("error: {message}").format(message=message), err=True)
    sys.exit(code)


def one_line(error: BaseException) -> tuple[str, int]:
    """The message and exit code of an error that reached a command's boundary.

    Bad input, an unreadable or unwritable file, too little memory for the input
    and text that is not Unicode are exit 2 (the input or the machine, not the
    tool); anything else is an internal error, exit 1, with the way to see more.
    """
    if isinstance(error, InputError | EngineError):
        message, code = str(error), EXIT_BAD_INPUT
    elif isinstance(error, OSError):
        message, code = _os_error(error), EXIT_BAD_INPUT
    elif isinstance(error, MemoryError):
        message, code = _("not enough memory for this input"), EXIT_BAD_INPUT
    elif isinstance(error, RecursionError):
        message, code = _("the input is nested too deeply"), EXIT_BAD_INPUT
    elif isinstance(error, UnicodeError):
        message = _("text that is not valid Unicode ({error})").format(error=error)
        code = EXIT_BAD_INPUT
    else:
        message = _("internal error: {kind}: {error} (run again with "
                    "`ektp-sched --debug ...` to see where)").format(
                        kind=type(error).__name__, error=error)
        code = EXIT_INTERNAL
    return " ".join(message.split()), code


def _os_error(error: OSError) -> str:
    where = error.filename if error.filename is not None else _("a file")
    reasons = {errno.EFBIG: _("file too large for the limits of this machine (ulimit -f?)"),
               errno.ENOSPC: _("no space left on the disk")}
    reason = reasons.get(error.errno or 0, error.strerror or str(error))
    return f"{where}: {reason}"


def guarded(command: Callable[..., None]) -> Callable[..., None]:
    """Turn every error into one line and an exit code (a traceback only with --debug)."""

    def run(*args: Any, **kwargs: Any) -> None:
        debug = bool(click.get_current_context().find_root().params.get("debug"))
        try:
            command(*args, **kwargs)
        except Exception as error:
            if debug:
                raise
            message, code = one_line(error)
            fail(message, code)

    run.__name__ = command.__name__
    run.__doc__ = command.__doc__
    return run


def capped_to_cores(ctx: click.Context, param: click.Parameter, value: int | None
                    ) -> int | None:
    """A `--workers`/`--jobs` value above this machine's cores, lowered to them with a
    warning: thousands of solver threads or processes on two cores only exhaust memory
    (CP-SAT allocates per worker) and never finish sooner."""
    cores = os.cpu_count() or 1
    if value is None or value <= cores:
        return value
    name = param.opts[0] if param.opts else str(param.name)
    click.echo(say("warning: {name} {value} is more than this machine's {cores} core(s); "
                   "using {cores}", name=name, value=value, cores=cores), err=True)
    return cores
