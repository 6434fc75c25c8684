"""Reading an office's SIAK export as it comes: CSV (any of , ; tab |), XLSX or Parquet.

Every cell comes back as the file holds it (text, number, date) with its row
as a person finds it (the CSV line, the Excel row); mapping the columns and
reading the dates is `importing.py`'s job.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scheduler.errors import InputError
from scheduler.files.inputs import regular_file
from scheduler.office import words

SUFFIXES = (".csv", ".xlsx", ".parquet")


@dataclass(frozen=True)
class Table:
    """The file's header and its rows: (where, cells) with cells in header order."""

    header: tuple[str, ...]
    rows: list[tuple[str, list[object]]]


def read_table(path: Path) -> Table:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(source, "", words.UNKNOWN_FORMAT.format(suffix=suffix))
    regular_file(path, source)  # not a folder, FIFO or device (a FIFO would hang)
    try:
        if suffix == ".csv":
            return _csv(path, source)
        if suffix == ".xlsx":
            return _xlsx(path)
        return _parquet(path)
    except InputError:
        raise
    except Exception as exc:  # each reader fails its own way on a broken file
        raise InputError(source, "", words.UNREADABLE.format(why=str(exc).splitlines()[0]
                                                             if str(exc) else type(exc).__name__)
                         ) from None


def _csv(path: Path, source: str) -> Table:
    text = path.read_text(encoding="utf-8-sig")
    first = text.split("\n", 1)[0]
    if not first.strip():
        raise InputError(source, "", words.EMPTY_FILE)
    delimiter = max(",;\t|", key=first.count)
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    header = tuple(h.strip() for h in next(reader))
    rows: list[tuple[str, list[object]]] = []
    for cells in reader:
        if any(c.strip() for c in cells):
            rows.append((f"line {reader.line_num}", list(cells)))
    return Table(header, rows)


def _xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        lines: Iterator[tuple[object, ...]] = sheet.iter_rows(values_only=True)
        header = tuple("" if v is None else str(v).strip() for v in next(lines, ()))
        while header and not header[-1]:
            header = header[:-1]
        if not header:
            raise InputError(str(path), "", words.EMPTY_FILE)
        rows: list[tuple[str, list[object]]] = []
        for number, values in enumerate(lines, start=2):
            cells = list(values[: len(header)])
            if any(v is not None and str(v).strip() for v in cells):
                rows.append((f"row {number}", cells))
        return Table(header, rows)
    finally:
        workbook.close()


def _parquet(path: Path) -> Table:
    import pyarrow.parquet as pq

    with pq.ParquetFile(path) as parquet:
        table = parquet.read()
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    rows = [(f"row {i + 1}", [column[i] for column in columns]) for i in range(table.num_rows)]
    return Table(tuple(table.column_names), rows)
