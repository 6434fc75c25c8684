"""`explain`'s progress on a terminal: a spinner while it solves, a bar while it re-solves.

On stderr and only on a terminal: piped or in CI, nothing is shown, and the
bar is gone when the work is done, so the answer stands alone.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from scheduler.diagnose.explain import words
from scheduler.diagnose.explain.run import Progress as Quiet


class TerminalProgress(Quiet):
    """Shows `explain`'s steps on stderr when it is a terminal (use as a context manager)."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.bar = Progress(words.RE_SOLVING, BarColumn(bar_width=24), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=self.console, transient=True,
                            disable=not self.console.is_terminal)

    def solving(self) -> AbstractContextManager[object]:
        if not self.console.is_terminal:
            return nullcontext()
        return self.console.status(words.SOLVING)

    def resolving(self, total: int) -> Callable[[int], None] | None:
        if not total:
            return None
        task = self.bar.add_task(words.RE_SOLVING, total=total)
        self.bar.start()

        def done(finished: int) -> None:
            self.bar.update(task, completed=finished)
            if finished >= total:
                self.bar.stop()

        return done
