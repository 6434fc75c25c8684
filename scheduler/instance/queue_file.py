"""Reading a per-applicant queue file (CSV or Parquet) into first-come cohorts.

One row per applicant: `applicant_id`, `district`, `ready` and an optional
`class`. Files hold up to millions of rows, so every check is vectorised: each
column is factorised and only its *distinct* values are checked in Python (a
few hundred dates and districts, whatever the row count); the first bad row is
located only when there is one, to name it in the message. Ids and district
codes are read as text: a 16-digit NIK keeps its leading zero, `35.27` stays
a code and does not become a float. pyarrow does the work directly: importing
pandas alone would cost a small instance's whole time budget.
"""

from __future__ import annotations

import csv
import difflib
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from scheduler.errors import InputError
from scheduler.files.privacy import masked
from scheduler.instance.fields import describe, one_line, parse_iso_date
from scheduler.instance.model import Cohort

IntArray = npt.NDArray[np.int64]
Column: TypeAlias = pa.ChunkedArray

#: Columns a queue file may have; later features may add to this set.
QUEUE_FILE_COLUMNS = frozenset({"applicant_id", "district", "ready", "class"})
REQUIRED_COLUMNS = ("applicant_id", "district", "ready")
SUFFIXES = (".csv", ".parquet")

_BAD = -1
# Equal-length ASCII digit strings sort as the integers they spell; int64 holds 18 digits.
_MAX_NUMERIC_ID_DIGITS = 18
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()  # Arrow dates and timestamps count from here
_UNITS_PER_DAY = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}

# Every column as text (no type guessing); only an empty field is missing: 'NA' or
# 'null' could be a real code. Blank lines are skipped; a quoted field may hold a newline.
_CSV_CONVERT = pa_csv.ConvertOptions(
    default_column_type=pa.string(), null_values=[""], strings_can_be_null=True
)
_CSV_PARSE = pa_csv.ParseOptions(newlines_in_values=True, ignore_empty_lines=True)


class _Rows:
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


def read_queue_file(
    path: Path,
    *,
    source: str,
    shown: str,
    district_ids: Sequence[str],
    class_ids: Sequence[str],
    default_class: str,
    last_day: date,
) -> tuple[tuple[Cohort, ...], tuple[tuple[str, ...], ...]]:
    """Cohorts grouped by (district, class, ready) and the ids of each, first-come.

    Cohorts are ordered by district and class (their order in the instance) and
    within a queue by ready date; the ids of a cohort are in `applicant_id` string
    order, SPEC's tie rule. Rows ready after `last_day` are outside the instance.
    """
    rows = _Rows(source, shown, path)
    columns = _checked_columns(_read_table(path, rows), rows)
    if len(columns["applicant_id"]) == 0:
        return (), ()
    ids = _text_column(columns, "applicant_id", rows)
    district, service_class, ready = _checked_codes(
        columns, ids, rows, district_ids, class_ids, default_class
    )
    del columns  # from here on only the ids are needed: let the other columns go (memory)
    pa.default_memory_pool().release_unused()
    by_id = _id_order(ids, rows)
    kept = by_id[ready[by_id] <= last_day.toordinal()]
    return _cohorts(kept, ids, district, service_class, ready, district_ids, class_ids)


def _checked_codes(
    columns: dict[str, Column],
    ids: Column,
    rows: _Rows,
    district_ids: Sequence[str],
    class_ids: Sequence[str],
    default_class: str,
) -> tuple[IntArray, IntArray, IntArray]:
    """Per row: district position, class position, ready date ordinal.

    Raises for the first row with any problem (the earliest row wins, so the
    message points at the first thing to fix in the file).
    """
    problems: list[tuple[int, str]] = []
    empty = _first(ids.is_null())
    if empty is not None:
        problems.append((empty, "applicant_id: empty"))

    district_col = _text_column(columns, "district", rows)
    district = _positions(district_col, district_ids)
    bad = _first(district.is_null())
    if bad is not None:
        problems.append((bad, _unknown("district", district_col[bad].as_py())))

    if "class" in columns:
        class_col = _text_column(columns, "class", rows)
    else:
        class_col = pa.chunked_array([pa.nulls(len(ids), pa.string())])
    service_class = _positions(class_col, class_ids)
    if default_class in class_ids:  # an empty class cell (or no class column): the default
        default = _int_scalar(class_ids.index(default_class), service_class.type)
        service_class = pc.if_else(class_col.is_null(), default, service_class)
    bad = _first(service_class.is_null())
    if bad is not None:
        value = class_col[bad].as_py()
        if value is None:
            what = f"class: none given, and the default class {default_class!r} is not in classes"
        else:
            what = _unknown("class", value)
        problems.append((bad, what))

    ready, bad_ready = _ready_ordinals(columns["ready"])
    if bad_ready is not None:
        problems.append(bad_ready)

    if problems:
        row, what = min(problems, key=lambda p: p[0])
        raise rows.error(row, what)
    return _int64(district), _int64(service_class), ready


def _read_table(path: Path, rows: _Rows) -> pa.Table:
    if path.suffix.lower() not in SUFFIXES:
        what = f"must end in .csv or .parquet, got {rows.shown!r}"
        raise InputError(rows.source, "queue.file", what)
    if not path.is_file():
        raise rows.error(None, f"file not found (looked for {path})")
    try:
        if rows.is_csv:
            return pa_csv.read_csv(path, parse_options=_CSV_PARSE, convert_options=_CSV_CONVERT)
        # ParquetFile, not pq.read_table: the latter imports pandas.
        with pq.ParquetFile(path) as parquet:
            return _without_pandas_index(parquet.read())
    except (ValueError, OSError, pa.ArrowException) as exc:
        if "Empty CSV file" in str(exc):
            raise rows.error(None, "the file is empty (no header line)") from None
        raise rows.error(None, f"cannot read it: {one_line(str(exc))}") from None


def _without_pandas_index(table: pa.Table) -> pa.Table:
    """A Parquet file written by pandas may store its index as a column: not a queue column."""
    metadata = (table.schema.metadata or {}).get(b"pandas")
    if metadata is None:
        return table
    index = [c for c in json.loads(metadata).get("index_columns", []) if isinstance(c, str)]
    return table.drop_columns([c for c in index if c in table.column_names])


def _checked_columns(table: pa.Table, rows: _Rows) -> dict[str, Column]:
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
            close = difflib.get_close_matches(column, sorted(QUEUE_FILE_COLUMNS), n=1)
            hint = (
                f"; did you mean {close[0]!r}?"
                if close
                else (" (allowed: " + ", ".join(sorted(QUEUE_FILE_COLUMNS)) + ")")
            )
            raise rows.error(None, f"unknown column {column!r}{hint}")
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            raise rows.error(None, f"missing column {column!r} (has: {', '.join(columns)})")
    return columns


def _text_column(columns: dict[str, Column], name: str, rows: _Rows) -> Column:
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
    blank = pc.equal(column, _text_array([""]).cast(kind)[0])
    return pc.if_else(blank, pa.nulls(1, kind)[0], column) if pc.any(blank).as_py() else column


def _type_name(kind: pa.DataType) -> str:
    """A column type as numpy names it where it can ('float64', not Arrow's 'double')."""
    if pa.types.is_floating(kind):
        return f"float{kind.bit_width}"
    return "bool" if pa.types.is_boolean(kind) else str(kind)


def _positions(column: Column, ids: Sequence[str]) -> Column:
    """Each cell's position among the instance's ids; null for an empty or unknown cell."""
    return pc.index_in(column, value_set=_text_array(ids).cast(column.type))


def _first(mask: Column) -> int | None:
    """The first row where `mask` is true, or None."""
    rows = np.flatnonzero(_numpy(mask, pa.int8(), np.int8))
    return int(rows[0]) if len(rows) else None


# pyarrow's own conversions between Arrow and numpy or Python lists (`to_numpy`,
# `pa.array`, `pa.scalar`) start its pandas bridge, which imports pandas (0.2 s):
# the helpers below build on raw buffers instead.


def _int64(column: Column) -> IntArray:
    """An integer column without nulls as int64."""
    return _numpy(column, pa.int64(), np.int64)


def _numpy(column: Column, kind: pa.DataType, dtype: type[np.generic]) -> npt.NDArray[Any]:
    """A column without nulls cast to `kind` and copied out of its value buffers."""
    size = np.dtype(dtype).itemsize
    column = column.cast(kind)
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    parts = [
        np.frombuffer(chunk.buffers()[1], dtype=dtype, count=len(chunk), offset=chunk.offset * size)
        for chunk in chunks
        if len(chunk)
    ]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)


def _arrow(values: IntArray) -> pa.Array:
    """An int64 Arrow array sharing the memory of `values`."""
    values = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(values), [None, pa.py_buffer(values)])


def _int_scalar(value: int, kind: pa.DataType) -> pa.Scalar:
    """An integer scalar of exactly `kind` (`fill_null` converts any other through pandas)."""
    return _arrow(np.array([value], dtype=np.int64)).cast(kind)[0]


def _text_array(values: Sequence[str]) -> pa.Array:
    """An Arrow string array of a few Python strings (instance ids)."""
    encoded = [value.encode() for value in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int32)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    data = pa.py_buffer(b"".join(encoded))
    return pa.Array.from_buffers(pa.string(), len(encoded), [None, pa.py_buffer(offsets), data])


def _ready_ordinals(column: Column) -> tuple[IntArray, tuple[int, str] | None]:
    """Each row's ready date as an ordinal, and the first bad row with its message.

    Text is checked per distinct value (`pc.unique` lists them in order of first
    appearance, so the first value refused is also the earliest such row); Parquet
    dates and midnight timestamps convert in one vectorised step.
    """
    kind = column.type
    invalid: int | None
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        ordinals, invalid = _text_dates(column)
    elif pa.types.is_date(kind):
        days = column.cast(pa.date32()).cast(pa.int32()).fill_null(_int_scalar(0, pa.int32()))
        ordinals, invalid = _int64(days) + _EPOCH_ORDINAL, None
    elif pa.types.is_timestamp(kind) and kind.tz is None:
        per_day = _UNITS_PER_DAY[kind.unit]
        ticks = _int64(column.cast(pa.int64()).fill_null(_int_scalar(0, pa.int64())))
        ordinals = ticks // per_day + _EPOCH_ORDINAL
        off_midnight = np.flatnonzero(ticks % per_day)
        invalid = int(off_midnight[0]) if len(off_midnight) else None
    else:  # numbers, zoned timestamps...: no cell is a date
        ordinals, invalid = np.zeros(len(column), dtype=np.int64), _first(column.is_valid())
    empty = _first(column.is_null())
    if empty is not None and (invalid is None or empty < invalid):
        return ordinals, (empty, "ready: empty")
    if invalid is not None:
        value = _cell(column, invalid)
        return ordinals, (invalid, f"ready: not an ISO date (YYYY-MM-DD): {describe(value)}")
    return ordinals, None


def _text_dates(column: Column) -> tuple[IntArray, int | None]:
    """Ordinals of ISO date text and the first row that is not one (nulls left to the caller)."""
    distinct = pc.unique(column).drop_null()
    table = np.full(len(distinct) + 1, _BAD, dtype=np.int64)  # the last entry is for nulls
    codes = pc.index_in(column, value_set=distinct)
    codes = _int64(codes.fill_null(_int_scalar(len(distinct), codes.type)))
    for j, value in enumerate(distinct.to_pylist()):
        parsed = parse_iso_date(value)
        if parsed is None:
            return table[codes], int(np.argmax(codes == j))
        table[j] = parsed.toordinal()
    return table[codes], None


def _cell(column: Column, row: int) -> object:
    """A cell as a message shows it (a timestamp as its text, never a pandas object)."""
    if pa.types.is_temporal(column.type):
        return str(pc.cast(column[row], pa.string()).as_py())
    return column[row].as_py()


def _unknown(label: str, value: str | None) -> str:
    if value is None:
        return f"{label}: empty"
    return f"{label}: unknown {label} {describe(value)}"


def _id_order(ids: Column, rows: _Rows) -> IntArray:
    """Row positions sorted by applicant_id as text; refuses an id given twice."""
    lengths = pc.min_max(pc.binary_length(ids))
    numeric = (
        lengths["min"].as_py() == lengths["max"].as_py()
        and lengths["max"].as_py() <= _MAX_NUMERIC_ID_DIGITS
        and pc.all(pc.ascii_is_decimal(ids)).as_py()
    )
    if numeric:
        # Equal-length digit strings: integer order is text order (NIKs, the common case).
        values = _int64(pc.cast(ids, pa.int64()))
        order = np.argsort(values, kind="stable")
        repeated = np.diff(values[order]) == 0
    else:
        # Arrow compares text as UTF-8 bytes: code point order, as Python does.
        order = _int64(pc.sort_indices(ids))
        ordered = ids.take(_arrow(order)).combine_chunks()
        repeated = _numpy(pc.equal(ordered[1:], ordered[:-1]), pa.int8(), np.int8) != 0
    if repeated.any():
        # The sort is stable, so a repeat's first occurrence comes first in its run:
        # the smallest row among the rest is the first row that repeats an id.
        row = int(order[1:][repeated].min())
        value = str(ids[row].as_py())
        first = _first(pc.equal(ids, _text_array([value]).cast(ids.type)[0]))
        raise rows.error(
            row, f"applicant_id: {masked(value)!r} is already used by {rows.name(first or 0)}"
        )
    return np.asarray(order, dtype=np.int64)


def _cohorts(
    kept: IntArray,
    ids: Column,
    district: IntArray,
    service_class: IntArray,
    ready: IntArray,
    district_ids: Sequence[str],
    class_ids: Sequence[str],
) -> tuple[tuple[Cohort, ...], tuple[tuple[str, ...], ...]]:
    """Group rows (given in id order) by (district, class, ready) in that order.

    One stable sort on a combined integer key keeps the id order inside a group.
    """
    if len(kept) == 0:
        return (), ()
    day = ready[kept]
    day -= day.min()
    key = (district[kept] * len(class_ids) + service_class[kept]) * (int(day.max()) + 1) + day
    del day
    by_key = np.argsort(key, kind="stable")
    order = kept[by_key]
    bounds = np.concatenate(([0], np.flatnonzero(np.diff(key[by_key])) + 1, [len(key)]))
    del key, by_key  # large temporaries, freed before the ids become Python strings
    first = order[bounds[:-1]]
    sizes = np.diff(bounds).tolist()
    cohorts = [
        Cohort(district_ids[d], class_ids[c], date.fromordinal(r), n)
        for d, c, r, n in zip(
            district[first].tolist(),
            service_class[first].tolist(),
            ready[first].tolist(),
            sizes,
            strict=True,
        )
    ]
    ordered_ids: list[str] = ids.take(_arrow(order)).to_pylist()
    lows = bounds[:-1].tolist()
    groups = [tuple(ordered_ids[lo : lo + n]) for lo, n in zip(lows, sizes, strict=True)]
    return tuple(cohorts), tuple(groups)


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
