"""Errors the command line turns into one-line messages and exit codes."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: names the file, the field path or row, and what is wrong (exit 2)."""

    def __init__(self, source: str, where: str, what: str) -> None:
        self.source = source
        self.where = where
        self.what = what
        location = f"{source}: {where}" if where else source
        super().__init__(f"{location}: {what}")


class EngineError(Exception):
    """An engine cannot take this instance (e.g. the flow engine given side constraints)."""
