"""Consoles that print data as data: rich's markup and emoji codes are never read in it.

A district called `[/]` or `[bold red]B[/bold red]`, or an id with `:smile:` in
it, is printed exactly as written: rich would otherwise crash on the first
(MarkupError) or show the second as a bold `B`, so two districts could look
the same. Styling is given with `Text` objects, never with markup in strings.
"""

from __future__ import annotations

import os
import sys

from rich.console import Console

PIPED_WIDTH = 1000  # wide enough that no name is cut or wrapped in a file or a pipe


def data_console(width: int | None = None, *, stderr: bool = False) -> Console:
    """A console that prints strings verbatim (no markup, no emoji, no highlighting).

    Its width: `COLUMNS` when set; on a terminal, the terminal's (a table then wraps
    its cells to fit); in a pipe or a file, wide enough that nothing is cut. `width`
    is the least width a caller's table reads well at.
    """
    columns = os.environ.get("COLUMNS", "")
    stream = sys.stderr if stderr else sys.stdout
    if columns.isdigit() and int(columns) > 0:
        chosen: int | None = int(columns)
    elif stream.isatty():
        chosen = None  # rich measures the terminal
    else:
        chosen = max(width or 0, PIPED_WIDTH)
    return Console(width=chosen, stderr=stderr, markup=False, emoji=False, highlight=False)
