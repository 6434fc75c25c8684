"""The progress bar of many runs (`simulate`, `whatif --runs`), on stderr and only on a terminal.

Runs finished of the total and the time so far; the bar is gone when the runs
are done, so the summary table stands alone. Piped or in CI, stderr stays
quiet.
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn


class RunsProgress:
    """`with RunsProgress(label, total) as progress: ... progress.update(finished)`."""

    def __init__(self, label: str, total: int, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.bar = Progress(label, BarColumn(bar_width=24), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=self.console,
                            disable=not self.console.is_terminal, transient=True)
        self.task = self.bar.add_task(label, total=total)

    def __enter__(self) -> RunsProgress:
        self.bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.bar.stop()

    def update(self, finished: int) -> None:
        """`finished` runs are done."""
        self.bar.update(self.task, completed=finished)
