"""The benchmark's progress bar (scheduler/bench/progress.py): drawn on a terminal only."""

from __future__ import annotations

import io

from rich.console import Console

from scheduler.bench.progress import BenchProgress
from scheduler.bench.run import ERROR, BenchRow


def _done_rows() -> list[BenchRow]:
    return [BenchRow("a.json", "OPTIMAL", seconds=0.5),
            BenchRow("b.json", ERROR, error="b.json: name: bad")]


def test_progress_bar_on_a_terminal() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=160)
    with BenchProgress(2, slots=2, console=console) as progress:
        for finished, row in enumerate(_done_rows(), start=1):
            progress.done(row, finished, 2)
    text = screen.getvalue()
    assert "2/2" in text and "failed 1" in text and "running 0" in text
    assert "last: b.json ERROR" in text


def test_progress_is_quiet_when_not_a_terminal() -> None:
    screen = io.StringIO()
    with BenchProgress(2, slots=2, console=Console(file=screen)) as progress:
        for finished, row in enumerate(_done_rows(), start=1):
            progress.done(row, finished, 2)
    assert screen.getvalue() == ""
