"""Spreadsheet cells carry data, never code: OWASP's rule against CSV/formula injection.

A text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read
as a formula by Excel and LibreOffice (from a .csv, and from an .xlsx cell that
openpyxl stores as a formula). Such a text gets a leading apostrophe, so an
applicant id or a district name like `=HYPERLINK("http://x","y")` shows as
typed and runs nothing. CSV files are written with CRLF line ends (RFC 4180),
so the csv module quotes any field holding a CR or LF and no id can split a row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scheduler.files.atomic import write_atomic

if TYPE_CHECKING:
    import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_LINE_END = "\r\n"


def neutral(value: Any) -> Any:
    """`value` with a leading apostrophe when it is a text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restored(value: Any) -> Any:
    """What `neutral` was given: a file written by this tool, read back (a ticked list)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def neutral_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells are neutral (numbers untouched)."""
    from pandas.api.types import is_numeric_dtype

    out = frame.copy()
    for column in out.columns:
        if not is_numeric_dtype(out[column]):
            out[column] = out[column].map(neutral)
    return out


def write_csv_frame(path: str | Path, frame: pd.DataFrame) -> None:
    """Write a table as CSV atomically, its text neutral, its rows unsplittable."""
    safe = neutral_frame(frame)
    write_atomic(path, lambda tmp: safe.to_csv(tmp, index=False, lineterminator=CSV_LINE_END))


def write_csv_rows(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[Any]]
                   ) -> None:
    """Write rows as CSV atomically (streamed), their text neutral, their rows unsplittable."""

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator=CSV_LINE_END)
            writer.writerow(header)
            for row in rows:
                writer.writerow([neutral(value) for value in row])

    write_atomic(path, write)
