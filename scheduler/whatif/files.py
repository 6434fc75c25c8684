"""The files `whatif --runs` writes: the comparison as CSV, and the HTML page."""

from __future__ import annotations

from collections.abc import Sequence

from scheduler.instance.model import Instance
from scheduler.report.html import write_report
from scheduler.whatif.uncertain import ScenarioFigure, ScenarioRuns
from scheduler.whatif.uncertain_report import comparison_page
from scheduler.whatif.uncertain_table import write_comparison_csv


def write_comparison(baseline: Instance, results: Sequence[ScenarioRuns],
                     summary: Sequence[ScenarioFigure], *, reference: str, seed: int,
                     policy: str, output: str | None, report: str | None) -> list[str]:
    """The comparison as CSV at `output` and the page at `report`, each when given
    (atomically); the paths written. `reference` names the scenario compared against."""
    written = []
    if output is not None:
        write_comparison_csv(output, summary)
        written.append(output)
    if report is not None:
        write_report(report, comparison_page(baseline, results, summary, reference=reference,
                                             seed=seed, policy=policy))
        written.append(report)
    return written
