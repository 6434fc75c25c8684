"""The report at province scale and beyond: bounded charts, legends, tables and page size.

Jawa Timur (38 districts, 80 printers) and a made-up instance of 10,000 printers in
100 districts must give a page of the same shape as a small one: at most 8 lines per
chart (7 districts and the rest summed), at most 8 capacity panels, tables of at most
40 districts and the rest summed, and Jawa Timur's page under 2 MB. The browser
renders it without a console error, and at a phone's 390 px nothing sticks out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import matplotlib.image
import numpy as np
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.engines.network.engine import solve_flow
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import parse_instance
from scheduler.plan.assignment import assign_first_come
from scheduler.plan.figures import district_figures
from scheduler.report.html import build_report
from scheduler.report.scale import SMALL
from tests.support.chromium import console_errors, needs_chromium, screenshot
from tests.support.paths import INSTANCES, shipped_plan

JAWA_TIMUR = INSTANCES / "province" / "jawa-timur.json"
SVG = "{http://www.w3.org/2000/svg}"


def charts(page: str) -> dict[str, ET.Element]:
    """Each chart's `<svg>` by its key (the prefix of its ids)."""
    found = {}
    for text in re.findall(r"<svg.*?</svg>", page, flags=re.S):
        root = ET.fromstring(text)
        key = next(e.get("id", "") for e in root.iter() if e.get("id")).split("-")[0]
        found[key] = root
    return found


def legend_entries(chart: ET.Element) -> int:
    """The texts in the chart's legends (one per entry)."""
    return sum(len(list(g.iter(f"{SVG}text"))) for g in chart.iter(f"{SVG}g")
               if re.fullmatch(r"[a-z]+-legend_\d+", g.get("id", "")))


def panels(chart: ET.Element) -> int:
    return sum(1 for g in chart.iter(f"{SVG}g")
               if re.fullmatch(r"[a-z]+-axes_\d+", g.get("id", "")))


def table_rows(page: str, section: str) -> int:
    body = page.split(f'<section id="{section}">')[1].split("</section>")[0]
    return body.count("<tr>") - 1  # the head row


def test_jawa_timur_page_is_bounded(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "jt.html"
    result = runner.invoke(cli, ["report", str(JAWA_TIMUR), str(shipped_plan(JAWA_TIMUR)),
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert out.stat().st_size <= 2_000_000
    found = charts(page)
    assert set(found) == {"burn", "printers", "blanks", "deadlines"}
    # 7 districts and "31 other districts (right scale)"; the stock chart adds "delivery".
    assert legend_entries(found["burn"]) == SMALL
    assert legend_entries(found["blanks"]) == SMALL + 1
    assert panels(found["printers"]) == SMALL
    assert "31 other districts" in page
    assert table_rows(page, "blanks") == 10 + 2  # ten districts, the other 17, the total
    assert table_rows(page, "districts") == 38


def ten_thousand_printers() -> dict[str, Any]:
    """100 districts of 100 printers (1 card a day each), 50 applicants each, 3 days."""
    districts = [f"D{k:03d}" for k in range(100)]
    return {
        "format": "ektp-instance/1", "name": "many-printers",
        "horizon": {"start": "2024-01-01", "days": 3},
        "classes": [{"id": "regular", "weight": 1}],
        "districts": [{"id": d, "name": f"District {d}", "blanks": 40 + k % 20}
                      for k, d in enumerate(districts)],
        "printers": [{"id": f"{d}-P{i}", "district": d, "capacity": 1}
                     for d in districts for i in range(100)],
        "outages": [{"printer": f"{d}-P0", "start": "2024-01-02", "end": "2024-01-02",
                     "capacity": 0} for d in districts],
        "queue": {"cohorts": [{"district": d, "class": "regular", "ready": "2024-01-01",
                               "count": 50 + k} for k, d in enumerate(districts)]},
    }


def test_ten_thousand_printers_give_a_bounded_page() -> None:
    calendar = build_calendar(parse_instance(ten_thousand_printers(), "many.json"))
    result = solve_flow(calendar)
    figures = district_figures(calendar, result, assign_first_come(calendar, result))
    page = build_report(calendar, result, figures, [])
    found = charts(page)
    assert panels(found["printers"]) == SMALL  # 7 districts and 93 others, not 10,000
    assert legend_entries(found["burn"]) <= SMALL
    assert "93 other districts" in page
    assert table_rows(page, "districts") == 41  # 40 districts and the other 60
    assert len(page) < 1_000_000


@needs_chromium
def test_province_page_renders_and_fits_a_phone(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "jt.html"
    result = runner.invoke(cli, ["report", str(JAWA_TIMUR), str(shipped_plan(JAWA_TIMUR)),
                                 "-o", str(page)])
    assert result.exit_code == 0, result.output
    for width in (1200, 390):
        png = tmp_path / f"jt-{width}.png"
        assert console_errors(screenshot(page, png, tmp_path / f"profile-{width}", width)) == []
        image = matplotlib.image.imread(str(png))
        assert image.shape[1] == width
        # The page's own background (#f3f5f8) runs down the right edge: nothing is wider
        # than the screen (wide tables scroll inside their card).
        edge = image[:, -3:, :3].reshape(-1, 3)
        assert np.abs(edge - np.array([0xF3, 0xF5, 0xF8]) / 255).max() < 0.02
