"""The live progress bar of a benchmark run, on stderr and only when it is a terminal.

A long run (the national instance, a province every night) should show where
it is: instances done of the total, how many are running, how many failed so
far and the last one finished with its status. Piped or in CI, stderr stays
quiet: the table and the files carry the results.
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from scheduler.bench.run import BenchRow
from scheduler.i18n import _, say
from scheduler.report.console import data_console


class BenchProgress:
    """`with BenchProgress(total, slots): ... .done(row, finished, total)` as rows arrive.

    `slots` is how many instances run at once (jobs, or the Dask cluster's
    threads); running is the smaller of it and the instances not yet done.
    """

    def __init__(self, total: int, slots: int, console: Console | None = None) -> None:
        self.console = console or data_console(stderr=True)
        self.slots = max(1, slots)
        self.failed = 0
        self.bar = Progress(
            TextColumn("bench"), BarColumn(bar_width=24), MofNCompleteColumn(),
            TextColumn(_("running {task.fields[running]}  failed {task.fields[failed]}")),
            TimeElapsedColumn(), TextColumn("{task.fields[last]}", markup=False),
            console=self.console, disable=not self.console.is_terminal, transient=False,
        )
        self.task: TaskID = self.bar.add_task("bench", total=total,
                                              running=min(self.slots, total), failed=0,
                                              last="")

    def __enter__(self) -> BenchProgress:
        self.bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.bar.stop()

    def done(self, row: BenchRow, finished: int, total: int) -> None:
        """One more instance finished: advance, and show it as the last one."""
        self.failed += row.failed
        status = row.status + (_(" (plan invalid)") if row.validated is False else "")
        self.bar.update(self.task, completed=finished,
                        running=min(self.slots, total - finished), failed=self.failed,
                        last=say("last: {instance} {status} {seconds:.1f} s",
                                 instance=row.instance, status=status, seconds=row.seconds))
