"""Reading a per-applicant queue file (CSV or Parquet) into first-come cohorts.

One row per applicant: `applicant_id`, `district`, `ready` and an optional
`class`. Files hold up to millions of rows, so every check is vectorised: each
column is factorised and only its *distinct* values are checked in Python (a
few hundred dates and districts, whatever the row count); the first bad row is
located only when there is one, to name it in the message. Ids and district
codes are read as text: a 16-digit NIK keeps its leading zero, `35.27` stays
a code and does not become a float.
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from scheduler.errors import InputError
from scheduler.instance.fields import date_like, describe, one_line
from scheduler.instance.model import Cohort
from scheduler.privacy import masked

IntArray = npt.NDArray[np.int64]

#: Columns a queue file may have; later features may add to this set.
QUEUE_FILE_COLUMNS = frozenset({"applicant_id", "district", "ready", "class"})
REQUIRED_COLUMNS = ("applicant_id", "district", "ready")
SUFFIXES = (".csv", ".parquet")

_BAD = -1
# Equal-length ASCII digit strings sort as the integers they spell; int64 holds 18 digits.
_MAX_NUMERIC_ID_DIGITS = 18


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
    frame = _read_frame(path, rows)
    _check_columns(frame, rows)
    if len(frame) == 0:
        return (), ()
    ids = _text_column(frame, "applicant_id", rows)
    district, service_class, ready = _checked_codes(
        frame, ids, rows, district_ids, class_ids, default_class
    )
    del frame  # from here on only the ids are needed: let the other columns go (memory)
    pa.default_memory_pool().release_unused()
    by_id = _id_order(ids, rows)
    kept = by_id[ready[by_id] <= last_day.toordinal()]
    return _cohorts(kept, ids, district, service_class, ready, district_ids, class_ids)


def _checked_codes(
    frame: pd.DataFrame,
    ids: pd.Series,
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
    empty = ids.isna().to_numpy()
    if empty.any():
        problems.append((int(np.argmax(empty)), "applicant_id: empty"))

    district_of = {d: i for i, d in enumerate(district_ids)}
    district_col = _text_column(frame, "district", rows)
    district, bad = _map_distinct(district_col, _position(district_of), empty=None)
    if bad is not None:
        problems.append((bad, _unknown("district", district_col.iloc[bad])))

    class_of = {c: i for i, c in enumerate(class_ids)}
    if "class" in frame.columns:
        class_col = _text_column(frame, "class", rows)
    else:
        class_col = pd.Series(pd.NA, index=frame.index, dtype="str")
    # An empty class cell (or no class column) means the default class.
    service_class, bad = _map_distinct(
        class_col, _position(class_of), empty=class_of.get(default_class)
    )
    if bad is not None:
        value = class_col.iloc[bad]
        if _missing(value):
            what = f"class: none given, and the default class {default_class!r} is not in classes"
        else:
            what = _unknown("class", value)
        problems.append((bad, what))

    ready_col = frame["ready"]
    ready, bad = _map_distinct(ready_col, _ordinal, empty=None)
    if bad is not None:
        value = ready_col.iloc[bad]
        what = (
            "ready: empty"
            if _missing(value)
            else (f"ready: not an ISO date (YYYY-MM-DD): {describe(_plain(value))}")
        )
        problems.append((bad, what))

    if problems:
        row, what = min(problems, key=lambda p: p[0])
        raise rows.error(row, what)
    return district, service_class, ready


def _read_frame(path: Path, rows: _Rows) -> pd.DataFrame:
    if path.suffix.lower() not in SUFFIXES:
        what = f"must end in .csv or .parquet, got {rows.shown!r}"
        raise InputError(rows.source, "queue.file", what)
    if not path.is_file():
        raise rows.error(None, f"file not found (looked for {path})")
    try:
        if rows.is_csv:
            # Only an empty field is missing: 'NA' or 'null' could be a real code.
            return pd.read_csv(
                path, dtype=str, engine="pyarrow", keep_default_na=False, na_values=[""]
            )
        return pd.read_parquet(path)
    except pd.errors.EmptyDataError:
        raise rows.error(None, "the file is empty (no header line)") from None
    except (ValueError, OSError, pa.ArrowException) as exc:
        raise rows.error(None, f"cannot read it: {one_line(str(exc))}") from None


def _check_columns(frame: pd.DataFrame, rows: _Rows) -> None:
    columns = [str(c) for c in frame.columns]
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


def _text_column(frame: pd.DataFrame, name: str, rows: _Rows) -> pd.Series:
    """A column as text; whole-number Parquet columns become their decimal digits."""
    column = frame[name]
    if pd.api.types.is_integer_dtype(column) and not pd.api.types.is_bool_dtype(column):
        return column.astype("str")
    if not pd.api.types.is_string_dtype(column):
        raise rows.error(None, f"column {name!r} must hold text, got {column.dtype}")
    column = column.astype("str")
    blank = (column == "").to_numpy(na_value=False)
    # A CSV empty cell is already missing; Parquet may hold '' instead: same meaning.
    return column.mask(blank) if blank.any() else column


def _map_distinct(
    column: pd.Series, convert: Callable[[object], int | None], empty: int | None
) -> tuple[IntArray, int | None]:
    """Each row's value through `convert`, which sees every distinct value once.

    Missing cells map to `empty` (None: they are bad). Returns the mapped rows and
    the first bad row, or None. `pd.factorize` numbers distinct values in order of
    first appearance, so the first value `convert` refuses also appears first.
    """
    codes, uniques = pd.factorize(column)
    table = np.full(len(uniques) + 1, _BAD, dtype=np.int64)  # the last entry is for code -1
    first_bad: int | None = None
    for j, value in enumerate(uniques):
        mapped = convert(value)
        if mapped is None:
            first_bad = int(np.argmax(codes == j))
            break
        table[j] = mapped
    missing = codes == -1
    if empty is not None:
        table[-1] = empty
    elif missing.any():
        first_missing = int(np.argmax(missing))
        first_bad = first_missing if first_bad is None else min(first_bad, first_missing)
    return table[codes], first_bad


def _position(index: dict[str, int]) -> Callable[[object], int | None]:
    """Look a cell up among the instance's ids (a cell that is not text matches none)."""
    return lambda value: index.get(value) if isinstance(value, str) else None


def _missing(value: object) -> bool:
    """An empty cell as pandas gives it (NaN, None, NA or NaT)."""
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and value != value)
    )


def _ordinal(value: object) -> int | None:
    parsed = date_like(value)
    return None if parsed is None else parsed.toordinal()


def _plain(value: object) -> object:
    """A cell as text for a message (numpy scalars and timestamps included)."""
    return value if isinstance(value, str | int | float) else str(value)


def _unknown(label: str, value: object) -> str:
    if _missing(value):
        return f"{label}: empty"
    return f"{label}: unknown {label} {describe(_plain(value))}"


def _id_order(ids: pd.Series, rows: _Rows) -> IntArray:
    """Row positions sorted by applicant_id as text; refuses an id given twice."""
    arrow = pa.array(ids)
    lengths = pc.min_max(pc.binary_length(arrow))
    numeric = (
        lengths["min"].as_py() == lengths["max"].as_py()
        and lengths["max"].as_py() <= _MAX_NUMERIC_ID_DIGITS
        and pc.all(pc.ascii_is_decimal(arrow)).as_py()
    )
    if numeric:
        # Equal-length digit strings: integer order is text order (NIKs, the common case).
        values = np.asarray(pc.cast(arrow, pa.int64()).to_numpy(), dtype=np.int64)
        order = np.argsort(values, kind="stable")
        repeated = bool((np.diff(values[order]) == 0).any())
    else:
        order = np.asarray(ids.argsort(), dtype=np.int64)
        ordered = arrow.take(pa.array(order))
        repeated = len(ordered) > 1 and bool(pc.any(pc.equal(ordered[1:], ordered[:-1])).as_py())
    if repeated:
        again = ids.duplicated(keep="first").to_numpy()
        row = int(np.argmax(again))
        first = int(np.argmax((ids == ids.iloc[row]).to_numpy(na_value=False)))
        raise rows.error(
            row, f"applicant_id: {masked(str(ids.iloc[row]))!r} is already used by "
            f"{rows.name(first)}"
        )
    return np.asarray(order, dtype=np.int64)


def _cohorts(
    kept: IntArray,
    ids: pd.Series,
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
    ordered_ids: list[str] = pa.array(ids).take(pa.array(order)).to_pylist()
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
