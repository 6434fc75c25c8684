"""Reading a per-applicant queue file (CSV or Parquet) into first-come cohorts.

One row per applicant: `applicant_id`, `district`, `ready` and an optional
`class`. Files hold up to millions of rows, so every check is vectorised: each
column is factorised and only its *distinct* values are checked in Python (a
few hundred dates and districts, whatever the row count); the first bad row is
located only when there is one, to name it in the message. The table itself is
read by queue_table.py as text columns. pyarrow does the work directly:
importing pandas alone would cost a small instance's whole time budget
(arrow_numpy.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scheduler.files.privacy import masked
from scheduler.instance.arrays import IntArray
from scheduler.instance.arrow_numpy import (
    Column,
    arrow_int64,
    first_true,
    int64_values,
    int_scalar,
    numpy_values,
    text_array,
)
from scheduler.instance.fields import describe, parse_iso_date
from scheduler.instance.model import Cohort
from scheduler.instance.queue_table import QueueRows, checked_columns, read_table, text_column

#: A bad row and what is wrong with it.
Problem: TypeAlias = tuple[int, str]

_BAD = -1
# Equal-length ASCII digit strings sort as the integers they spell; int64 holds 18 digits.
_MAX_NUMERIC_ID_DIGITS = 18
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()  # Arrow dates and timestamps count from here
_UNITS_PER_DAY = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}


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
    rows = QueueRows(source, shown, path)
    columns = checked_columns(read_table(path, rows), rows)
    if len(columns["applicant_id"]) == 0:
        return (), ()
    ids = text_column(columns, "applicant_id", rows)
    _readable(ids, rows)
    district, service_class, ready = _checked_codes(
        columns, ids, rows, district_ids, class_ids, default_class
    )
    del columns  # from here on only the ids are needed: let the other columns go (memory)
    pa.default_memory_pool().release_unused()
    by_id = _id_order(ids, rows)
    kept = by_id[ready[by_id] <= last_day.toordinal()]
    return _cohorts(kept, ids, district, service_class, ready, district_ids, class_ids)


def _readable(ids: Column, rows: QueueRows) -> None:
    """No id with a control character (a CR would split a CSV row of the print list)."""
    bad = pc.match_substring_regex(ids, r"[\x00-\x1f\x7f-\x9f]")
    if pc.any(bad).as_py():
        row = int(pc.index(bad, True).as_py())
        raise rows.error(row, "applicant_id contains a control character: not an id a "
                         "person can read")


def _checked_codes(
    columns: dict[str, Column],
    ids: Column,
    rows: QueueRows,
    district_ids: Sequence[str],
    class_ids: Sequence[str],
    default_class: str,
) -> tuple[IntArray, IntArray, IntArray]:
    """Per row: district position, class position, ready date ordinal.

    Raises for the first row with any problem (the earliest row wins, so the
    message points at the first thing to fix in the file).
    """
    empty = first_true(ids.is_null())
    district, bad_district = _district_codes(columns, rows, district_ids)
    service_class, bad_class = _class_codes(columns, len(ids), rows, class_ids, default_class)
    ready, bad_ready = _ready_ordinals(columns["ready"])
    problems = [
        problem
        for problem in (
            None if empty is None else (empty, "applicant_id: empty"),
            bad_district,
            bad_class,
            bad_ready,
        )
        if problem is not None
    ]
    if problems:
        row, what = min(problems, key=lambda p: p[0])
        raise rows.error(row, what)
    return int64_values(district), int64_values(service_class), ready


def _district_codes(
    columns: dict[str, Column], rows: QueueRows, district_ids: Sequence[str]
) -> tuple[Column, Problem | None]:
    """Each row's district position, and the first row naming no district of the instance."""
    district_col = text_column(columns, "district", rows)
    district = _positions(district_col, district_ids)
    bad = first_true(district.is_null())
    if bad is None:
        return district, None
    return district, (bad, _unknown("district", district_col[bad].as_py()))


def _class_codes(
    columns: dict[str, Column],
    size: int,
    rows: QueueRows,
    class_ids: Sequence[str],
    default_class: str,
) -> tuple[Column, Problem | None]:
    """Each row's class position (an empty cell, or no column: the default class), and the
    first row naming no class of the instance."""
    if "class" in columns:
        class_col = text_column(columns, "class", rows)
    else:
        class_col = pa.chunked_array([pa.nulls(size, pa.string())])
    service_class = _positions(class_col, class_ids)
    if default_class in class_ids:
        default = int_scalar(class_ids.index(default_class), service_class.type)
        service_class = pc.if_else(class_col.is_null(), default, service_class)
    bad = first_true(service_class.is_null())
    if bad is None:
        return service_class, None
    value = class_col[bad].as_py()
    if value is None:
        what = f"class: none given, and the default class {default_class!r} is not in classes"
    else:
        what = _unknown("class", value)
    return service_class, (bad, what)


def _positions(column: Column, ids: Sequence[str]) -> Column:
    """Each cell's position among the instance's ids; null for an empty or unknown cell."""
    return pc.index_in(column, value_set=text_array(ids).cast(column.type))


def _unknown(label: str, value: str | None) -> str:
    if value is None:
        return f"{label}: empty"
    return f"{label}: unknown {label} {describe(value)}"


def _ready_ordinals(column: Column) -> tuple[IntArray, Problem | None]:
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
        days = column.cast(pa.date32()).cast(pa.int32()).fill_null(int_scalar(0, pa.int32()))
        ordinals, invalid = int64_values(days) + _EPOCH_ORDINAL, None
    elif pa.types.is_timestamp(kind) and kind.tz is None:
        per_day = _UNITS_PER_DAY[kind.unit]
        ticks = int64_values(column.cast(pa.int64()).fill_null(int_scalar(0, pa.int64())))
        ordinals = ticks // per_day + _EPOCH_ORDINAL
        off_midnight = np.flatnonzero(ticks % per_day)
        invalid = int(off_midnight[0]) if len(off_midnight) else None
    else:  # numbers, zoned timestamps...: no cell is a date
        ordinals, invalid = np.zeros(len(column), dtype=np.int64), first_true(column.is_valid())
    empty = first_true(column.is_null())
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
    codes = int64_values(codes.fill_null(int_scalar(len(distinct), codes.type)))
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


def _id_order(ids: Column, rows: QueueRows) -> IntArray:
    """Row positions sorted by applicant_id as text; refuses an id given twice."""
    lengths = pc.min_max(pc.binary_length(ids))
    numeric = (
        lengths["min"].as_py() == lengths["max"].as_py()
        and lengths["max"].as_py() <= _MAX_NUMERIC_ID_DIGITS
        and pc.all(pc.ascii_is_decimal(ids)).as_py()
    )
    if numeric:
        # Equal-length digit strings: integer order is text order (NIKs, the common case).
        values = int64_values(pc.cast(ids, pa.int64()))
        order = np.argsort(values, kind="stable")
        repeated = np.diff(values[order]) == 0
    else:
        # Arrow compares text as UTF-8 bytes: code point order, as Python does.
        order = int64_values(pc.sort_indices(ids))
        ordered = ids.take(arrow_int64(order)).combine_chunks()
        repeated = numpy_values(pc.equal(ordered[1:], ordered[:-1]), pa.int8(), np.int8) != 0
    if repeated.any():
        # The sort is stable, so a repeat's first occurrence comes first in its run:
        # the smallest row among the rest is the first row that repeats an id.
        row = int(order[1:][repeated].min())
        value = str(ids[row].as_py())
        first = first_true(pc.equal(ids, text_array([value]).cast(ids.type)[0]))
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
    ordered_ids: list[str] = ids.take(arrow_int64(order)).to_pylist()
    lows = bounds[:-1].tolist()
    groups = [tuple(ordered_ids[lo : lo + n]) for lo, n in zip(lows, sizes, strict=True)]
    return tuple(cohorts), tuple(groups)
