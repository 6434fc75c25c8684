"""The `ektp-sched` command: the click group and where each subcommand lives.

Each subcommand is a module of `scheduler/commands/` that only parses, calls the
library and prints; exit codes and one-line errors are in `scheduler/commands/common.py`.
A subcommand's module is imported only when that subcommand runs (or a listing needs
it), and the library only inside the command function, so starting the command
stays cheap.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import threading
from collections.abc import Iterator, MutableMapping, Sequence
from typing import Any

import click

from scheduler.i18n.language import LANGUAGES, choose_language, use_language

# Subcommand name -> "module:attribute" of its click command.
COMMANDS = {
    "solve": "scheduler.commands.solve:solve",
    "validate": "scheduler.commands.validate:validate",
    "print-list": "scheduler.commands.supervisor:print_list",
    "lookup": "scheduler.commands.supervisor:lookup",
    "replan": "scheduler.commands.replan:replan",
    "report": "scheduler.commands.report:report",
    "generate": "scheduler.commands.generate:generate",
    "network": "scheduler.commands.network:network",
    "whatif": "scheduler.commands.whatif:whatif",
    "explain": "scheduler.commands.explain:explain",
    "bench": "scheduler.commands.bench:bench",
    "simulate": "scheduler.commands.simulate:simulate",
    "office": "scheduler.commands.office:office",
}


class LazyCommands(MutableMapping[str, click.Command]):
    """A group's subcommands by name, each module imported on first use, so that
    `ektp-sched validate` does not pay for building the other commands."""

    def __init__(self, locations: dict[str, str]) -> None:
        self._entries: dict[str, click.Command | str] = dict(locations)

    def __getitem__(self, name: str) -> click.Command:
        entry = self._entries[name]
        if isinstance(entry, str):
            module, attribute = entry.split(":")
            entry = self._entries[name] = getattr(importlib.import_module(module), attribute)
        return entry

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._entries[name] = command

    def __delitem__(self, name: str) -> None:
        del self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


class OneLineGroup(click.Group):
    """A group whose usage errors are one line, like every other error of the tool.

    click prints a usage error as the usage, a hint and the error on separate
    lines; here it is `error: <what is wrong> (see `ektp-sched <command> --help`)`,
    exit 2, as for bad input.
    """

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx is not None else prog_name or "ektp-sched"
            message = " ".join(error.format_message().split())
            click.echo(f"error: {message} (see `{where} --help`)", err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            click.echo(f"error: {' '.join(error.format_message().split())}", err=True)
            sys.exit(error.exit_code)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except click.Abort:
            click.echo("error: aborted", err=True)
            sys.exit(1)
        sys.exit(0)


@click.group(cls=OneLineGroup, commands=LazyCommands(COMMANDS),
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.option("--max-input-gib", type=click.FloatRange(min=0.001), default=None,
              help="Largest input read (once inflated, in GiB; default 2, or EKTP_MAX_INPUT_GIB).")
@click.option("--lang", type=click.Choice(LANGUAGES, case_sensitive=False), default=None,
              help="Language of what a person reads: id (Bahasa Indonesia) or en. "
                   "Default: EKTP_LANG, else the locale (id_* -> id), else en. "
                   "JSON, CSV columns and exit codes are the same in every language.")
@click.version_option(package_name="ektp-sched")
@click.pass_context
def cli(context: click.Context, debug: bool, max_input_gib: float | None,
        lang: str | None) -> None:
    """Exact print scheduling for e-KTP offices (SPEC: ektp-instance/1, ektp-solution/1)."""
    if max_input_gib is not None:
        # Read by files/inputs.py; the environment carries it to worker processes too.
        os.environ["EKTP_MAX_INPUT_GIB"] = str(max_input_gib)
    try:
        language = choose_language(lang)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    # Set for this command only: the language goes back when the command ends.
    context.with_resource(use_language(language))
    if hasattr(signal, "SIGXFSZ") and threading.current_thread() is threading.main_thread():
        # Past a file size limit (ulimit -f) a write then fails with EFBIG, a one-line
        # error, instead of the signal killing the process half-way.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="ektp-sched")
