"""A queue file (CSV or Parquet) read as a table of text columns, and its rows named in messages.

Ids and district codes are read as text: a 16-digit NIK keeps its leading zero,
`35.27` stays a code and does not become a float. Column names are those the
file gives, made unique as pandas would, and checked against the queue columns.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from scheduler.errors import InputError
from scheduler.files.inputs import max_input_bytes, regular_file
from scheduler.instance.arrow_numpy import Column, text_array
from scheduler.instance.fields import nearest_hint, one_line

#: Columns a queue file may have; later features may add to this set.
QUEUE_FILE_COLUMNS = frozenset({"applicant_id", "district", "ready", "class"})
REQUIRED_COLUMNS = ("applicant_id", "district", "ready")
SUFFIXES = (".csv", ".parquet")

# Every column as text (no type guessing); only an empty field is missing: 'NA' or
# 'null' could be a real code. Blank lines are skipped; a quoted field may hold a newline.
_CSV_CONVERT = pa_csv.ConvertOptions(
    default_column_type=pa.string(), null_values=[""], strings_can_be_null=True
)
_CSV_PARSE = pa_csv.ParseOptions(newlines_in_values=True, ignore_empty_lines=True)


class QueueRows:
    """Names a queue file, a row and (for CSV) its line in error messages."""

    def __init__(self, source: str, shown: str, path: Path) -> None:
        self.source = source
        self.shown = shown
        self.path = path
        self.is_csv = path.suffix.lower() == ".csv"

    def error(self, row: int | None, what: str) -> InputError:
        where = f"queue.file {self.shown}"
        if row is not None:
            where += f" row {row}"
            line = _csv_line(self.path, row) if self.is_csv else None
            if line is not None:
                where += f" (line {line})"
        return InputError(self.source, where, what)

    def name(self, row: int) -> str:
        """'row 3 (line 5)' for a second row named in one message."""
        line = _csv_line(self.path, row) if self.is_csv else None
        return f"row {row}" + (f" (line {line})" if line is not None else "")


def read_table(path: Path, rows: QueueRows) -> pa.Table:
    """The file's table; a missing or unreadable file, or another kind, is an InputError."""
    if path.suffix.lower() not in SUFFIXES:
        what = f"must end in .csv or .parquet, got {rows.shown!r}"
        raise InputError(rows.source, "queue.file", what)
    try:
        regular_file(path)
    except InputError as error:
        raise rows.error(None, f"{error.what} (looked for {path})") from None
    if path.stat().st_size > max_input_bytes():
        raise rows.error(None, f"larger than {max_input_bytes():,} bytes; raise the limit with "
                         "`ektp-sched --max-input-gib N` if it is meant to be")
    try:
        if rows.is_csv:
            return pa_csv.read_csv(path, parse_options=_CSV_PARSE, convert_options=_CSV_CONVERT)
        # ParquetFile, not pq.read_table: the latter imports pandas.
        with pq.ParquetFile(path) as parquet:
            return _without_pandas_index(parquet.read())
    except (ValueError, OSError, pa.ArrowException) as exc:
        if "Empty CSV file" in str(exc):
            raise rows.error(None, "the file is empty (no header line)") from None
        raise rows.error(None, f"cannot read it: {_without_content(str(exc))}") from None


def _without_content(message: str) -> str:
    """A reader's message without the text of the line it quotes: a queue file named by
    mistake (or a link to another file) must not show that file's content."""
    first = one_line(message).split(": ", 2)
    return ": ".join(first[:2]) if len(first) > 2 else one_line(message)


def _without_pandas_index(table: pa.Table) -> pa.Table:
    """A Parquet file written by pandas may store its index as a column: not a queue column."""
    metadata = (table.schema.metadata or {}).get(b"pandas")
    if metadata is None:
        return table
    index = [c for c in json.loads(metadata).get("index_columns", []) if isinstance(c, str)]
    return table.drop_columns([c for c in index if c in table.column_names])


def checked_columns(table: pa.Table, rows: QueueRows) -> dict[str, Column]:
    """The columns by name, named as pandas would: 'x.1' for a second 'x', 'Unnamed: 2'."""
    columns: dict[str, Column] = {}
    names: list[str] = []
    for position, (given, column) in enumerate(zip(table.column_names, table.columns, strict=True)):
        name = given or f"Unnamed: {position}"
        seen = names.count(name)
        names.append(name)
        columns[f"{name}.{seen}" if seen else name] = column
    for column in columns:
        if column not in QUEUE_FILE_COLUMNS:
            hint = nearest_hint(column, QUEUE_FILE_COLUMNS)
            raise rows.error(None, f"unknown column {column!r}{hint}")
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            raise rows.error(None, f"missing column {column!r} (has: {', '.join(columns)})")
    return columns


def text_column(columns: dict[str, Column], name: str, rows: QueueRows) -> Column:
    """A column as text; whole-number Parquet columns become their decimal digits.

    An empty cell is missing: a CSV empty field is null already, Parquet may hold ''.
    """
    column = columns[name]
    kind = column.type
    if pa.types.is_dictionary(kind):
        column = column.cast(kind.value_type)
        kind = kind.value_type
    if pa.types.is_integer(kind) or pa.types.is_null(kind) or pa.types.is_string_view(kind):
        return column.cast(pa.string())
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        raise rows.error(None, f"column {name!r} must hold text, got {_type_name(kind)}")
    blank = pc.equal(column, text_array([""]).cast(kind)[0])
    return pc.if_else(blank, pa.nulls(1, kind)[0], column) if pc.any(blank).as_py() else column


def _type_name(kind: pa.DataType) -> str:
    """A column type as numpy names it where it can ('float64', not Arrow's 'double')."""
    if pa.types.is_floating(kind):
        return f"float{kind.bit_width}"
    return "bool" if pa.types.is_boolean(kind) else str(kind)


def _csv_line(path: Path, row: int) -> int | None:
    """The 1-based line where data row `row` starts, skipping blank lines like the reader.

    Only called to name a bad row, so reading the file again is fine.
    """
    try:
        with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
            reader = csv.reader(handle)
            record = -1  # the header
            start = 1
            for fields in reader:
                if fields:
                    if record == row:
                        return start
                    record += 1
                start = reader.line_num + 1
    except (OSError, csv.Error):
        return None
    return None
