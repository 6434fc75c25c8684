"""The report of a validated plan as the `report` command makes it: the page and its file.

The blanks to ask for need a solve of their own (the ample-blank instance,
diagnose/blanks_short.py), most of the time a province's report takes; the
charts need only the plan. With a second core that solve runs in a forked
process while this one draws the charts. The second process only saves time:
if anything goes wrong there (an error, a lost process), the solve runs again
here, so the figures and the errors are those of the plain call.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from scheduler.diagnose.blanks_short import BlanksShort, blanks_short
from scheduler.plan.planned import Planned
from scheduler.pool.forked import cores, forked_pool
from scheduler.report.data import report_data, with_shortages
from scheduler.report.html import chart_figures, render_report, write_report
from scheduler.report.pdf import print_pdf


def make_report(planned: Planned, *,
                time_limit: float | None = None) -> tuple[str, list[BlanksShort]]:
    """The page for a validated plan and the blanks to ask for that it shows."""
    calendar = planned.calendar
    data = report_data(calendar, planned.result, planned.figures, [])
    solve = partial(blanks_short, calendar, time_limit=time_limit)
    if cores() < 2:
        figures, shortages = chart_figures(data), solve()
    else:
        figures, shortages = _beside(solve, lambda: chart_figures(data))
    return render_report(with_shortages(data, shortages), figures), shortages


def _beside(solve: Callable[[], list[BlanksShort]],
            draw: Callable[[], list[str]]) -> tuple[list[str], list[BlanksShort]]:
    """Run `solve` in a forked process while `draw` runs here; `solve` again here on failure."""
    with forked_pool(1) as pool:
        future = pool.submit(solve)
        figures = draw()
        try:
            shortages = future.result()
        except Exception:  # noqa: BLE001  (re-run here: its own error, if any, is the real one)
            shortages = solve()
    return figures, shortages


def write_report_file(path: str | Path, page: str) -> None:
    """Write the page as its file name asks: a PDF for `.pdf`, else the HTML (atomically)."""
    if Path(path).suffix.lower() == ".pdf":
        print_pdf(page, path)
    else:
        write_report(path, page)
