"""The command package: every listed subcommand is where `scheduler/cli.py` says, and
running one subcommand imports neither the other commands nor the solver libraries
(the startup of `ektp-sched solve` matters; the imports are asserted, not timed)."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest

from scheduler.cli import COMMANDS, cli


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_listed_command_loads_under_its_own_name(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert isinstance(command, click.Command)
    assert command.name == name


def test_the_listing_is_the_thirteen_commands_alphabetically() -> None:
    assert cli.list_commands(click.Context(cli)) == [
        "bench", "explain", "generate", "lookup", "network", "office", "print-list", "replan",
        "report", "simulate", "solve", "validate", "whatif"]


def _modules_after(args: list[str]) -> list[str]:
    """The scheduler.commands modules and heavy libraries loaded by `ektp-sched ARGS`."""
    code = ("import json, sys\n"
            "from scheduler.cli import cli\n"
            f"cli.main({args!r}, prog_name='ektp-sched', standalone_mode=False)\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith("
            "('scheduler.commands.', 'ortools', 'pandas', 'numpy', 'rich')))))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return loaded


def test_a_subcommand_imports_only_its_own_module() -> None:
    assert _modules_after(["solve", "--help"]) == [
        "scheduler.commands.common", "scheduler.commands.solve", "scheduler.commands.working"]
    assert _modules_after(["generate", "region", "--help"]) == [
        "scheduler.commands.common", "scheduler.commands.generate"]


def test_the_full_listing_builds_every_command_but_no_library() -> None:
    loaded = _modules_after(["--help"])
    modules = {location.split(":")[0] for location in COMMANDS.values()}
    assert len(modules) == 12  # print-list and lookup share supervisor.py
    # working.py is the spinner's (rich loads only when a command runs long);
    # ledger_options.py holds what the office's commands share
    assert loaded == sorted({"scheduler.commands.common", "scheduler.commands.working",
                             "scheduler.commands.ledger_options", *modules})
