"""The benchmark table: one row per instance, printed for a person, as CSV and as markdown.

The CSV keeps every figure in its own column (empty when missing); the printed
and markdown tables fold the bound's three figures (and the greedy's, and the
gain over it) into one cell each and list errors under the table. The markdown
file starts with the run's protocol (bench/protocol.py).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from scheduler.bench.protocol import BenchSettings, protocol_lines
from scheduler.bench.run import BenchRow
from scheduler.files.atomic import write_atomic
from scheduler.files.cells import write_csv_frame
from scheduler.i18n import N_, _
from scheduler.report.console import data_console

COLUMNS = ("instance", "status", "engine", "deadline_misses", "waiting_days", "transfer_cost",
           "bound_deadline_misses", "bound_waiting_days", "bound_transfer_cost", "gap_figure",
           "gap", "validated", "seconds", "peak_mb", "ceiling", "printed", "greedy_misses",
           "greedy_waiting", "greedy_printed", "misses_saved", "waiting_days_saved",
           "cards_gained", "error")
INTEGER_COLUMNS = ("deadline_misses", "waiting_days", "transfer_cost", "bound_deadline_misses",
                   "bound_waiting_days", "bound_transfer_cost", "gap", "ceiling", "printed",
                   "greedy_misses", "greedy_waiting", "greedy_printed", "misses_saved",
                   "waiting_days_saved", "cards_gained")
HEADERS = ("instance", "status", "engine", "misses", "waiting", "transfer", "bound (m/w/t)",
           "gap", "valid", "seconds", "peak MB", "ceiling", "printed", "greedy (m/w/p)",
           "gain over greedy (m/w/p)")
LEFT = frozenset({"instance", "status", "engine", "gap", "valid"})
# HEADERS as the screen shows them (the markdown protocol and the CSV stay English).
SCREEN_HEADERS = (N_("instance"), N_("status"), N_("engine"), N_("misses"), N_("waiting"),
                  N_("transfer"), N_("bound (m/w/t)"), N_("gap"), N_("valid"), N_("seconds"),
                  N_("peak MB"), N_("ceiling"), N_("printed"), N_("greedy (m/w/p)"),
                  N_("gain over greedy (m/w/p)"))


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def bench_frame(rows: list[BenchRow]) -> pd.DataFrame:
    """The rows as data, in the order given."""
    records = []
    for r in rows:
        objective = r.objective or (None, None, None)
        bound = r.bound or (None, None, None)
        improvement = r.improvement or (None, None, None)
        records.append((r.instance, r.status, r.engine, *objective, *bound, r.gap_figure, r.gap,
                        _yes_no(r.validated), round(r.seconds, 2), r.peak_mb, r.ceiling,
                        r.printed, r.greedy_misses, r.greedy_waiting, r.greedy_printed,
                        *improvement, r.error))
    frame = pd.DataFrame(records, columns=list(COLUMNS))
    for column in INTEGER_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    return frame


def write_csv(path: str | Path, frame: pd.DataFrame) -> None:
    """Write the table atomically (empty cells for missing values)."""
    write_csv_frame(path, frame)


def _number(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _signed(value: int) -> str:
    return f"{value:+,}" if value else "0"


def _gap(row: BenchRow) -> str:
    """'0' when proven optimal, else the first open figure and its gap; empty without a plan."""
    if row.objective is None:
        return ""
    if row.gap_figure is None:
        return "0"
    return f"{row.gap_figure} " + ("unbounded" if row.gap is None else f"+{row.gap:,}")


def display_cells(row: BenchRow) -> list[str]:
    """One row's cells under HEADERS, as a person reads them."""
    objective = row.objective or (None, None, None)
    bound = "" if row.bound is None else " / ".join(_number(v) or "-" for v in row.bound)
    greedy = ("" if row.greedy_waiting is None else " / ".join(
        _number(v) for v in (row.greedy_misses, row.greedy_waiting, row.greedy_printed)))
    gain = "" if row.improvement is None else " / ".join(_signed(v) for v in row.improvement)
    return [row.instance, row.status, row.engine or "", *(_number(v) for v in objective),
            bound, _gap(row), _yes_no(row.validated) or "", f"{row.seconds:.2f}",
            f"{row.peak_mb:.0f}", _number(row.ceiling), _number(row.printed), greedy, gain]


def print_bench(rows: list[BenchRow], console: Console | None = None) -> None:
    """The table as a person reads it; error messages follow it, one line each."""
    out = console or data_console(220)
    table = Table()
    for header, shown in zip(HEADERS, SCREEN_HEADERS, strict=True):
        table.add_column(_(shown), justify="left" if header in LEFT else "right",
                         overflow="fold")
    for r in rows:
        table.add_row(*display_cells(r))
    out.print(table)
    for r in rows:
        if r.error is not None:
            out.print(f"{r.instance}: {r.error}")


def _markdown_cell(text: str) -> str:
    return text.replace("|", "\\|")


def bench_markdown(rows: list[BenchRow], protocol: list[tuple[str, str]]) -> str:
    """The protocol as a list, then the table and the errors, as one markdown document."""
    lines = ["# Benchmark results", "", "## Protocol", ""]
    lines += [f"- **{what}**: {_markdown_cell(value)}" for what, value in protocol]
    lines += ["", "## Results", "",
              "| " + " | ".join(HEADERS) + " |",
              "|" + "|".join("---" if h in LEFT else "---:" for h in HEADERS) + "|"]
    lines += ["| " + " | ".join(_markdown_cell(c) for c in display_cells(r)) + " |"
              for r in rows]
    errors = [f"- `{r.instance}`: {_markdown_cell(r.error)}" for r in rows if r.error is not None]
    if errors:
        lines += ["", "## Errors", "", *errors]
    lines += ["", "m/w/t: deadline misses / waiting days / transfer cost; p: cards printed. "
              "Gain over greedy: misses and waiting days saved, extra cards printed, by the "
              "plan against the first-come greedy (positive: the plan is better).", ""]
    return "\n".join(lines)


def write_markdown(path: str | Path, text: str) -> None:
    """Write the markdown document atomically."""
    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    write_atomic(path, write)


def markdown_path(output: str | None, markdown: str | None) -> str | None:
    """Where the markdown goes: as given, else beside the CSV (`results.csv` -> `results.md`)."""
    return markdown or (None if output is None else _beside(output, ".md"))


def _beside(path: str, suffix: str) -> str:
    """`results.csv` -> `results.md`; never the path itself."""
    beside = Path(path).with_suffix(suffix)
    return str(beside if beside != Path(path) else Path(f"{path}{suffix}"))


def write_results(rows: list[BenchRow], settings: BenchSettings, *, seconds: float,
                  output: str | None, markdown: str | None) -> list[str]:
    """The CSV at `output` and the markdown with the run's protocol at `markdown`, each when
    given (atomically); the paths written."""
    written = []
    if output is not None:
        write_csv(output, bench_frame(rows))
        written.append(output)
    if markdown is not None:
        failed = sum(row.failed for row in rows)
        protocol = protocol_lines(settings, seconds=seconds, instances=len(rows), failed=failed)
        write_markdown(markdown, bench_markdown(rows, protocol))
        written.append(markdown)
    return written
