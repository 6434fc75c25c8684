"""The comparison table: one row per scenario (baseline first), printed and as CSV.

Waiting saved is the baseline's `waiting_days` less the scenario's (class
weights included, as the objective counts it: person-days for weight 1);
saved per million rupiah divides it by the scenario's cost in millions.
"""

from __future__ import annotations

from numbers import Integral, Real
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from scheduler.files.cells import write_csv_frame
from scheduler.i18n import N_, _, number
from scheduler.report.console import data_console
from scheduler.whatif.run import ScenarioResult

COLUMNS = ("scenario", "status", "cost_rupiah", "cards_printed", "waiting_days",
           "deadline_misses", "transfer_cost", "days_to_clear", "waiting_saved",
           "saved_per_million_rupiah")
# The printed table's headings (the CSV keeps COLUMNS): the names with spaces, in English.
HEADINGS = (N_("scenario"), N_("status"), N_("cost rupiah"), N_("cards printed"),
            N_("waiting days"), N_("deadline misses"), N_("transfer cost"), N_("days to clear"),
            N_("waiting saved"), N_("saved per million rupiah"))


def _clear_cell(result: ScenarioResult) -> str:
    """Compact `district:days` pairs; `-` for a district whose backlog never empties."""
    return " ".join(f"{d}:{'-' if n is None else n}" for d, n in result.days_to_clear)


def comparison_frame(results: list[ScenarioResult]) -> pd.DataFrame:
    """The table as data; results[0] is the baseline. Empty cells are missing values."""
    base = results[0].waiting_days
    rows = []
    for r in results:
        saved = None if base is None or r.waiting_days is None else base - r.waiting_days
        per_million = None
        if saved is not None and r.cost_rupiah:
            per_million = round(saved / (r.cost_rupiah / 1_000_000), 1)
        rows.append((r.name, r.status, r.cost_rupiah, r.printed, r.waiting_days,
                     r.deadline_misses, r.transfer_cost, _clear_cell(r), saved, per_million))
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in ("cost_rupiah", "cards_printed", "waiting_days", "deadline_misses",
                   "transfer_cost", "waiting_saved"):
        frame[column] = frame[column].astype("Int64")
    return frame


def write_csv(path: str | Path, frame: pd.DataFrame) -> None:
    """Write the table atomically (empty cells for missing values)."""
    write_csv_frame(path, frame)


def print_comparison(frame: pd.DataFrame, console: Console | None = None) -> None:
    """The table as a person reads it (thousands separated, blank for missing)."""
    out = console or data_console(160)
    table = Table(show_lines=False)
    for column, heading in zip(COLUMNS, HEADINGS, strict=True):
        table.add_column(_(heading),
                         justify="left" if column in ("scenario", "status", "days_to_clear")
                         else "right", overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    out.print(table)


def _cell(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, Real) and value != value):
        return ""
    if isinstance(value, Integral):
        return number(int(value))
    if isinstance(value, Real):
        return number(float(value), 1)
    return str(value)
