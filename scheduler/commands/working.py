"""A spinner with the seconds so far while a command works: no silent minutes (issue 15.5).

Shown on stderr and only when stderr is a terminal; piped, redirected or in CI nothing
is written, and on a terminal the line is gone when the work ends, so the command's own
answer stands alone. The message is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@contextmanager
def working(message: str, *, console: Console | None = None, quiet: bool = False
            ) -> Iterator[None]:
    """Show `message` with a spinner and the elapsed time while the block runs.

    `quiet` leaves the terminal to something else that writes there (e.g. `--log`).
    """
    from rich.console import Console  # rich loads only for a command that works long
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = console or Console(stderr=True)
    if quiet or not console.is_terminal:
        yield
        return
    columns = (SpinnerColumn(), TextColumn("{task.fields[message]}", markup=False),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        progress.add_task("", total=None, message=message)
        yield
