"""Consoles that print data as data: rich's markup and emoji codes are never read in it.

A district called `[/]` or `[bold red]B[/bold red]`, or an id with `:smile:` in
it, is printed exactly as written: rich would otherwise crash on the first
(MarkupError) or show the second as a bold `B`, so two districts could look
the same. Styling is given with `Text` objects, never with markup in strings.
"""

from __future__ import annotations

from rich.console import Console


def data_console(width: int | None = None, *, stderr: bool = False) -> Console:
    """A console that prints strings verbatim (no markup, no emoji, no highlighting)."""
    return Console(width=width, stderr=stderr, markup=False, emoji=False, highlight=False)
