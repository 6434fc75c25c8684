"""`whatif --runs`: the comparison as a person reads it, and as CSV.

The printed table shows, for cards printed, waiting days, deadline misses and
the region's days to clear, each scenario's mean with its 95% interval and
its paired change against the reference with that interval, beside the
interval an unpaired comparison (two independent samples) would give. The
CSV holds every figure (transfer cost and each district's days to clear too)
with the median and the 10th and 90th percentiles: one row per figure and
scenario, no seconds, so the same seed gives the same file whatever the jobs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from scheduler.files.cells import write_csv_rows
from scheduler.i18n import _, say
from scheduler.report.console import data_console
from scheduler.simulate.table import figure_label as simulated_figure_label
from scheduler.simulate.table import number_text
from scheduler.whatif.uncertain import REGION_CLEAR, ScenarioFigure

PRINTED_FIGURES = ("printed", "waiting_days", "deadline_misses", REGION_CLEAR)
CSV_COLUMNS = ("scenario", "cost_rupiah", "figure", "runs", "reached", "mean", "ci_low",
               "ci_high", "median", "p10", "p90", "change_runs", "change_mean",
               "change_ci_low", "change_ci_high", "unpaired_ci_low", "unpaired_ci_high")


def figure_label(figure: str) -> str:
    """`days_to_clear` -> `days to clear, all districts`; `days_to_clear_14.05` -> `… 14.05`."""
    if figure == REGION_CLEAR:
        return _("days to clear, all districts")
    return simulated_figure_label(figure)


def interval_text(low: float | None, high: float | None, *, signed: bool = False) -> str:
    """`low – high` (changes with their signs), or "–" without an interval."""
    if low is None or high is None:
        return "–"
    text = change_text if signed else number_text
    return f"{text(low)} – {text(high)}"


def change_text(value: float | None) -> str:
    """A change with its sign (0 without one)."""
    text = number_text(value)
    return f"+{text}" if value is not None and value > 0 and text != "0" else text


def print_comparison(rows: Sequence[ScenarioFigure], reference: str,
                     console: Console | None = None) -> None:
    """A table per main figure: each scenario, with its paired change against `reference`."""
    out = console or data_console(140)
    for figure in PRINTED_FIGURES:
        table = Table(title=figure_label(figure), title_justify="left", title_style="bold")
        for k, name in enumerate((_("scenario"), _("mean"), _("95% CI of mean"),
                                  say("change vs {reference}", reference=reference),
                                  _("95% CI, paired"), _("95% CI, unpaired"), _("reached"))):
            table.add_column(name, justify="left" if k == 0 else "right")
        for row in rows:
            if row.figure != figure:
                continue
            st, ch = row.stats, row.change
            table.add_row(
                row.scenario, number_text(st.mean), interval_text(st.ci_low, st.ci_high),
                "" if ch is None else change_text(ch.mean),
                "" if ch is None else interval_text(ch.ci_low, ch.ci_high, signed=True),
                "" if ch is None else interval_text(ch.unpaired_low, ch.unpaired_high,
                                                    signed=True),
                f"{st.reached}/{st.runs}")
        out.print(table)


def write_comparison_csv(path: str | Path, rows: Sequence[ScenarioFigure]) -> None:
    """One row per figure and scenario, written atomically (empty: none)."""

    def lines() -> Iterator[list[object]]:
        for row in rows:
            st, ch = row.stats, row.change
            change = (("", "", "", "", "", "") if ch is None else
                      (ch.both, *map(_number, (ch.mean, ch.ci_low, ch.ci_high,
                                               ch.unpaired_low, ch.unpaired_high))))
            yield [row.scenario, "" if row.cost_rupiah is None else row.cost_rupiah,
                   row.figure, st.runs, st.reached,
                   *map(_number, (st.mean, st.ci_low, st.ci_high, st.median,
                                  st.p10, st.p90)), *change]

    write_csv_rows(path, CSV_COLUMNS, lines())


def _number(value: float | None) -> str:
    """Four decimals at most, no trailing zeros (the same text for the same value)."""
    if value is None:
        return ""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
