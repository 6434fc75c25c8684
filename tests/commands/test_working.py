"""The spinner of long commands (commands/working.py): on a terminal only, never markup."""

from __future__ import annotations

import io
import time
from pathlib import Path

from click.testing import CliRunner
from rich.console import Console

from scheduler.cli import cli
from scheduler.commands.working import working
from tests.support.paths import TINY


def test_a_terminal_sees_the_message_as_written_and_the_time() -> None:
    out = io.StringIO()
    with working("Menyusun [bold]rencana[/]", console=Console(file=out, force_terminal=True)):
        time.sleep(0.2)
    shown = out.getvalue()
    assert "Menyusun [bold]rencana[/]" in shown  # markup in a message stays text
    assert "0:00:00" in shown


def test_nothing_is_written_when_piped_or_quiet() -> None:
    piped, quiet = io.StringIO(), io.StringIO()
    with working("Planning…", console=Console(file=piped, force_terminal=False)):
        pass
    with working("Planning…", console=Console(file=quiet, force_terminal=True), quiet=True):
        pass
    assert (piped.getvalue(), quiet.getvalue()) == ("", "")


def test_a_piped_solve_says_only_its_answer(runner: CliRunner, tmp_path: Path) -> None:
    done = runner.invoke(cli, ["solve", str(TINY), "-o", str(tmp_path / "plan.json")])
    assert done.exit_code == 0, done.output
    assert "Planning" not in done.output and "\x1b[" not in done.output
