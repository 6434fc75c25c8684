"""The runs as a CSV file (one row per run and policy) and the summary table over runs.

Figures summarised per policy: cards printed, waiting days, deadline misses,
transfer cost, days to clear of each district with applicants, solves and
seconds. Days to clear is empty in the CSV, and "–" in the table, when the
backlog never empties within the horizon (summary.py says how such runs count).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from scheduler.files.cells import write_csv_rows
from scheduler.i18n import ENGLISH, _, current_language, number, say
from scheduler.report.console import data_console
from scheduler.simulate.runs import RunRow
from scheduler.simulate.summary import Stats, describe

OUTCOMES = ("printed", "waiting_days", "deadline_misses", "transfer_cost")


@dataclass(frozen=True)
class FigureSummary:
    """One figure of one policy over the runs."""

    figure: str
    policy: str
    stats: Stats


def clear_column(district: str) -> str:
    return f"days_to_clear_{district}"


def csv_columns(districts: Sequence[str]) -> list[str]:
    return (["run", "policy", *OUTCOMES] + [clear_column(d) for d in districts]
            + ["solves", "seconds", "solve_seconds"])


def write_runs_csv(path: str | Path, rows: Sequence[RunRow], districts: Sequence[str]) -> None:
    """One row per run and policy, written atomically."""

    def lines() -> Iterator[list[object]]:
        for row in rows:
            clear = dict(row.days_to_clear)
            yield [row.run, row.policy, *(getattr(row, f) for f in OUTCOMES),
                   *("" if clear.get(d) is None else clear[d] for d in districts),
                   row.solves, f"{row.seconds:.3f}", f"{row.solve_seconds:.3f}"]

    write_csv_rows(path, csv_columns(districts), lines())


def figure_values(rows: Sequence[RunRow], districts: Sequence[str]
                  ) -> dict[str, list[float | None]]:
    """Each figure's value per run (rows of one policy), days to clear per district."""
    values: dict[str, list[float | None]] = {f: [getattr(r, f) for r in rows] for f in OUTCOMES}
    for d in districts:
        values[clear_column(d)] = [dict(r.days_to_clear).get(d) for r in rows]
    values["solves"] = [r.solves for r in rows]
    values["seconds"] = [r.seconds for r in rows]
    return values


def summarise(rows: Sequence[RunRow], policies: Sequence[str], districts: Sequence[str]
              ) -> list[FigureSummary]:
    """Per figure, per policy (in the order given): the statistics over runs."""
    per_policy = {p: figure_values([r for r in rows if r.policy == p], districts)
                  for p in policies}
    figures = list(per_policy[policies[0]])
    return [FigureSummary(f, p, describe(per_policy[p][f])) for f in figures for p in policies]


def print_summary(summaries: Sequence[FigureSummary], console: Console | None = None) -> None:
    """The summary as a person reads it: mean with its 95% interval, median, p10, p90."""
    out = console or data_console(140)
    table = Table()
    for k, name in enumerate((_("figure"), _("policy"), _("mean"), _("95% CI of mean"),
                              _("median"), "p10", "p90", _("reached"))):
        table.add_column(name, justify="left" if k < 2 else "right")
    for s in summaries:
        st = s.stats
        interval = ("" if st.ci_low is None or st.ci_high is None
                    else f"{number_text(st.ci_low)} – {number_text(st.ci_high)}")
        table.add_row(figure_label(s.figure), s.policy, number_text(st.mean), interval,
                      number_text(st.median), number_text(st.p10), number_text(st.p90),
                      f"{st.reached}/{st.runs}")
    out.print(table)


def number_text(value: float | None) -> str:
    """Thousands separated; one decimal below 100, two digits below 1 (seconds); "–" for none."""
    if value is None:
        return "–"
    if abs(value) < 1:
        return f"{value:.2g}" if current_language() == ENGLISH else number(value, 2)
    return number(value, 1) if abs(value) < 100 else number(round(value))


def figure_label(figure: str) -> str:
    """A figure's name as a person reads it: `waiting_days` -> `waiting days` (or the
    language's words); `days_to_clear_14.05` -> `days to clear 14.05`."""
    labels = {"printed": _("printed"), "waiting_days": _("waiting days"),
              "deadline_misses": _("deadline misses"), "transfer_cost": _("transfer cost"),
              "solves": _("solves"), "seconds": _("seconds")}
    if figure in labels:
        return labels[figure]
    if figure.startswith("days_to_clear_"):
        return say("days to clear {district}", district=figure.removeprefix("days_to_clear_"))
    return figure.replace("_", " ")
