"""The benchmark table: one row per instance, printed for a person and written as CSV.

The CSV keeps every figure in its own column (empty when missing); the printed
table folds the bound's three figures (and the greedy's two) into one cell each
and lists errors under it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from scheduler.atomic import write_atomic
from scheduler.bench.run import BenchRow

COLUMNS = ("instance", "status", "engine", "deadline_misses", "waiting_days", "transfer_cost",
           "bound_deadline_misses", "bound_waiting_days", "bound_transfer_cost", "gap_figure",
           "gap", "validated", "seconds", "peak_mb", "ceiling", "printed", "greedy_misses",
           "greedy_waiting", "error")
INTEGER_COLUMNS = ("deadline_misses", "waiting_days", "transfer_cost", "bound_deadline_misses",
                   "bound_waiting_days", "bound_transfer_cost", "gap", "ceiling", "printed",
                   "greedy_misses", "greedy_waiting")


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def bench_frame(rows: list[BenchRow]) -> pd.DataFrame:
    """The rows as data, in the order given."""
    records = []
    for r in rows:
        objective = r.objective or (None, None, None)
        bound = r.bound or (None, None, None)
        records.append((r.instance, r.status, r.engine, *objective, *bound, r.gap_figure, r.gap,
                        _yes_no(r.validated), round(r.seconds, 2), r.peak_mb, r.ceiling,
                        r.printed, r.greedy_misses, r.greedy_waiting, r.error))
    frame = pd.DataFrame(records, columns=list(COLUMNS))
    for column in INTEGER_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    return frame


def write_csv(path: str | Path, frame: pd.DataFrame) -> None:
    """Write the table atomically (empty cells for missing values)."""
    write_atomic(path, lambda tmp: frame.to_csv(tmp, index=False))


def _number(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _gap(row: BenchRow) -> str:
    """'0' when proven optimal, else the first open figure and its gap; empty without a plan."""
    if row.objective is None:
        return ""
    if row.gap_figure is None:
        return "0"
    return f"{row.gap_figure} " + ("unbounded" if row.gap is None else f"+{row.gap:,}")


def print_bench(rows: list[BenchRow], console: Console | None = None) -> None:
    """The table as a person reads it; error messages follow it, one line each."""
    out = console or Console(width=200, highlight=False)
    table = Table()
    headers = ("instance", "status", "engine", "misses", "waiting", "transfer",
               "bound (m/w/t)", "gap", "valid", "seconds", "peak MB", "ceiling", "printed",
               "greedy (m/w)")
    for header in headers:
        table.add_column(header, justify="left" if header in headers[:3] + ("gap", "valid")
                         else "right", overflow="fold")
    for r in rows:
        objective = r.objective or (None, None, None)
        bound = "" if r.bound is None else " / ".join(_number(v) or "-" for v in r.bound)
        greedy = ("" if r.greedy_waiting is None
                  else f"{_number(r.greedy_misses)} / {_number(r.greedy_waiting)}")
        table.add_row(r.instance, r.status, r.engine or "", *(_number(v) for v in objective),
                      bound, _gap(r), _yes_no(r.validated) or "", f"{r.seconds:.2f}",
                      f"{r.peak_mb:.0f}", _number(r.ceiling), _number(r.printed), greedy)
    out.print(table)
    for r in rows:
        if r.error is not None:
            out.print(f"{r.instance}: {r.error}", markup=False)
