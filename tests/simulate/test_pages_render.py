"""The simulation pages (`simulate --report`, `whatif --runs --report`) in a real browser.

Their content is checked in tests/simulate/test_runs.py and
tests/whatif/test_uncertain.py; here each page, made from the shipped Sampang seed (its
outage model: SPG-1 disturbed to 100 cards a day) on a few runs, must render in headless
Chromium with no console message and show its charts (not a blank page).
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from scheduler.cli import cli
from tests.support.chromium import console_errors, distinct_colours, needs_chromium, screenshot
from tests.support.paths import SAMPANG, scenario_file


def _renders(page: Path, tmp_path: Path) -> None:
    png = tmp_path / (page.stem + ".png")
    assert console_errors(screenshot(page, png, tmp_path / f"profile-{page.stem}")) == []
    assert distinct_colours(png) > 50


@needs_chromium
def test_the_simulate_page_renders(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "sim.html"
    result = runner.invoke(cli, ["simulate", str(SAMPANG), "--runs", "3", "--policy",
                                 "all", "--jobs", "1", "--report", str(page)])
    assert result.exit_code == 0, result.output
    _renders(page, tmp_path)


@needs_chromium
def test_the_whatif_page_renders(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "whatif.html"
    result = runner.invoke(cli, ["whatif", str(SAMPANG), str(scenario_file("sampang-2018")),
                                 "--runs", "3", "--jobs", "1", "--report", str(page)])
    assert result.exit_code == 0, result.output
    _renders(page, tmp_path)
