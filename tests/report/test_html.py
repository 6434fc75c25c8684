"""The HTML report (`ektp-sched report`): structure, hand-worked figures, no ids, a browser.

Headline of tests/data/reroute-tiny.plan.json (worked in tests/plan/test_figures.py and
tests/diagnose/test_blanks_short.py): 4 of 4 applicants printed, 0 still waiting, the
backlog 3, 1, 0 at the end of days 0, 1, 2 clears on 2024-01-03, the third day:
3 days to clear; no class has a deadline: 0 misses; B is short 1 blank by
2024-01-01 (with it, B prints a card on day 0). No deadline class: 3 charts.
Neighbour help: B1 prints one of A's cards (day 1) with the blank A sent it (day 0):
A's cards printed by neighbours 1, lent 1; B printed 1 for a neighbour, borrowed 1.
What holds it back: A's printer ran full on days 0 and 1 with 3 and 1 waiting (capacity).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.engines.network.engine import solve_flow
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import read_instance
from scheduler.plan.assignment import assign_first_come
from scheduler.plan.figures import district_figures
from scheduler.report.html import build_report
from scheduler.validator import validate_solution
from tests.support.chromium import console_errors, distinct_colours, needs_chromium, screenshot
from tests.support.paths import READER_DATA, ROOT, SAMPANG, TINY, TINY_PLAN, shipped_plan, tiny

SAMPANG_PLAN = shipped_plan(SAMPANG)
ARTIFACT = ROOT / "artifacts" / "report-screenshot.png"


def _report(runner: CliRunner, instance: Path, solution: Path, out: Path) -> str:
    result = runner.invoke(cli, ["report", str(instance), str(solution), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def _headline(page: str) -> dict[str, str]:
    return dict(re.findall(r'data-figure="([a-z-]+)"><strong>([^<]*)</strong>', page))


def _self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@media print" in page
    for fetch in ("<script", "<link", "<img", "@import", 'src="', 'href="http', "url(http"):
        assert fetch not in page, fetch


def _rows(page: str, section: str) -> list[list[str]]:
    """The body rows of the table in the section with that id, as cell texts."""
    body = page.split(f'<section id="{section}">')[1].split("</section>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>")[1])
    return [re.findall(r"<td>(.*?)</td>", row) for row in rows]


def _lead(page: str) -> str:
    return page.split('<p class="lead" id="holds-back">')[1].split("</p>")[0]


def test_tiny_report_headline_and_charts(runner: CliRunner, tmp_path: Path) -> None:
    page = _report(runner, TINY, TINY_PLAN, tmp_path / "tiny.html")
    _self_contained(page)
    assert _headline(page) == {"printed": "4", "waiting": "0", "days-to-clear": "3",
                               "deadline-misses": "0", "blanks-short": "1"}
    assert "every backlog empty on 2024-01-03" in page
    assert _rows(page, "blanks") == [["B", "", "1", "1", "2024-01-01", "2024-01-01"]]
    assert page.count("<svg") == 3 and page.count("</svg>") == 3
    assert page.count('class="chart"') == 3
    assert _lead(page) == (
        "Printer capacity holds this plan back: printers ran full on 2 district-days while "
        "applicants waited (100% of the waiting), most at A.")
    # The first line comes before everything else the page says.
    assert page.index('id="holds-back"') < page.index('class="stats"') < page.index(
        'id="blanks"')


def test_tiny_neighbour_help(runner: CliRunner, tmp_path: Path) -> None:
    page = _report(runner, TINY, TINY_PLAN, tmp_path / "tiny.html")
    assert _rows(page, "help") == [["A", "", "1", "0", "1", "0"],
                                   ["B", "", "0", "1", "0", "1"]]


def test_lending_only_help(runner: CliRunner, tmp_path: Path) -> None:
    # lend-only-tiny: B sends A 2 blanks and C sends A 2 (day 0); no card crosses a border.
    instance = tiny("lend-only-tiny")
    page = _report(runner, instance, shipped_plan(instance), tmp_path / "lend.html")
    assert _rows(page, "help") == [["A", "", "0", "0", "0", "4"],
                                   ["B", "", "0", "0", "2", "0"],
                                   ["C", "", "0", "0", "2", "0"]]


def test_sampang_report(runner: CliRunner, tmp_path: Path) -> None:
    """The headline of the shipped Sampang plan, from facts counted without the report.

    Open days: 90 days from Monday 2018-04-02 hold 65 weekdays, 13 of them holidays
    (2018-04-14 is a Saturday): 52. The outage windows at 100 a day cover 5 + 9 + 5 = 19
    of them (2018-05-10 is a holiday), so SPG-1 prints at most 33 x 300 + 19 x 100 =
    11,800, and blanks never stop it (before the delivery on 2018-05-02 it can print
    16 x 300 + 5 x 100 = 5,300 of the 6,000 in stock): the optimum prints all 11,800.
    Every cohort is ready by 2018-06-25, inside the horizon: 75,540 applicants, 63,740
    of them still waiting at the end; the backlog never empties, as 19,537 are ready on
    day 0 alone (15,000 before the start + 4,142 + 395). First voters (deadline
    2018-06-26): the 400 + 497 + 406 = 1,303 ready from 2018-06-11 on can only be printed
    on 06-21, 06-22, 06-25 and 06-26 (the rest of those weeks are holidays), 1,200 cards:
    at least 103 miss, and the validator (no code shared with the report) finds 103.
    """
    page = _report(runner, SAMPANG, SAMPANG_PLAN, tmp_path / "sampang.html")
    _self_contained(page)
    headline = _headline(page)
    instance_doc = json.loads(SAMPANG.read_text(encoding="utf-8"))
    plan_doc = json.loads(SAMPANG_PLAN.read_text(encoding="utf-8"))
    applicants = sum(c["count"] for c in instance_doc["queue"]["cohorts"])
    printed = sum(row["count"] for row in plan_doc["prints"])
    assert (applicants, printed) == (75_540, 33 * 300 + 19 * 100)
    checked = validate_solution(read_instance(SAMPANG), plan_doc)
    assert checked.valid and checked.objective["deadline_misses"] == 1_303 - 4 * 300
    assert headline["deadline-misses"] == "103"
    assert (headline["printed"], headline["waiting"]) == (f"{printed:,}",
                                                          f"{applicants - printed:,}")
    assert headline["days-to-clear"] == "–"
    assert page.count("<svg") == 4  # burn-down, printers, blank stock, first voters
    assert "cohort-" not in page
    # 103 first voters cannot be home by the election (docs/coordinator.md works it out).
    assert _lead(page).startswith(
        "103 applicant(s) miss their deadline (Pemilih pemula by 2018-06-26). ")
    assert "No links in this instance" in page
    # Ids inside the charts are private to each chart: none repeats across the page.
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_no_applicant_id_appears(tmp_path: Path) -> None:
    instance = read_instance(READER_DATA / "file_queue.json")
    calendar = build_calendar(instance)
    result = solve_flow(calendar)
    figures = district_figures(calendar, result, assign_first_come(calendar, result))
    page = build_report(calendar, result, figures, [])
    assert instance.applicant_ids is not None
    ids = [a for cohort in instance.applicant_ids for a in cohort]
    assert ids and not any(a in page for a in ids)


def test_a_refused_plan_leaves_an_existing_report_alone(runner: CliRunner,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")
    result = runner.invoke(cli, ["report", str(SAMPANG), str(TINY_PLAN), "-o", str(out)])
    assert result.exit_code == 2
    assert "reroute-tiny" in result.output
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@needs_chromium
def test_the_page_renders_in_headless_chromium(runner: CliRunner, tmp_path: Path) -> None:
    import matplotlib.image

    # The check itself can fail: a page that throws is caught.
    bad = tmp_path / "bad.html"
    bad.write_text("<html><body><script>null.x;</script></body></html>", encoding="utf-8")
    assert console_errors(screenshot(bad, tmp_path / "bad.png", tmp_path / "profile-bad"))

    page = tmp_path / "sampang.html"
    _report(runner, SAMPANG, SAMPANG_PLAN, page)
    png = tmp_path / "sampang.png"
    stderr = screenshot(page, png, tmp_path / "profile")
    assert console_errors(stderr) == []
    assert distinct_colours(png) > 50  # charts, not a blank page
    image = matplotlib.image.imread(str(png))
    pixels = image.reshape(-1, image.shape[2])
    # The charts drew: the chart blue (#1f77b4) covers a visible share of the page.
    blue = abs(pixels[:, 0] - 0x1F / 255) + abs(pixels[:, 1] - 0x77 / 255) + abs(
        pixels[:, 2] - 0xB4 / 255)
    assert (blue < 0.05).mean() > 0.005
    ARTIFACT.parent.mkdir(exist_ok=True)
    shutil.copyfile(png, ARTIFACT)
