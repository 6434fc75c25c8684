"""The files a simulation writes: one CSV row per run and policy, and the HTML page."""

from __future__ import annotations

from collections.abc import Sequence

from scheduler.instance.model import Instance
from scheduler.report.html import write_report
from scheduler.simulate.report import simulation_page
from scheduler.simulate.runs import RunRow
from scheduler.simulate.table import FigureSummary, write_runs_csv


def write_simulation(instance: Instance, rows: Sequence[RunRow], policies: Sequence[str],
                     districts: Sequence[str], summaries: Sequence[FigureSummary], seed: int, *,
                     output: str | None, report: str | None) -> list[str]:
    """The runs as CSV at `output` and the page at `report`, each when given (atomically);
    the paths written. `districts`: those with applicants, as summarised."""
    written = []
    if output is not None:
        write_runs_csv(output, rows, [d.id for d in instance.districts])
        written.append(output)
    if report is not None:
        write_report(report, simulation_page(instance, rows, policies, districts, summaries,
                                             seed))
        written.append(report)
    return written
