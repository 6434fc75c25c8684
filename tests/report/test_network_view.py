"""The network view (scheduler/report/network_table.py, network_map.py) on reroute-tiny.

reroute-tiny: 3 days from 2024-01-01, both districts open every day. A: printer A1
(1 a day), 10 blanks, 4 applicants ready on day 0 (the day before the horizon).
B: printer B1 (2 a day), no blanks. Link A→B: lead 1, 1 card a day. Its plan:
A1 prints one of A's cards on days 0, 1, 2; B1 one on day 1 with a blank A sent on
day 0.
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib.image
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import parse_instance, read_instance
from scheduler.plan.read import read_solution
from scheduler.report.network_map import draw_map
from scheduler.report.network_table import PlanFlows, network_view, rerouted_cards
from tests.support.paths import TINY, TINY_PLAN


def test_figures_without_a_plan() -> None:
    # A: queue 4, capacity 1 × 3 days = 3, load 4/3, 10 blanks; B: queue 0,
    # capacity 2 × 3 = 6, load 0, no blanks. No outages.
    views = network_view(build_calendar(read_instance(TINY)))
    a, b = views
    assert (a.district, a.queue, a.capacity, a.outage_days, a.blanks) == ("A", 4, 3, 0, 10)
    assert a.load is not None and abs(a.load - 4 / 3) < 1e-12
    assert (b.district, b.queue, b.capacity, b.load, b.blanks) == ("B", 0, 6, 0.0, 0)
    assert a.flows is None and b.flows is None


def test_figures_with_the_plan() -> None:
    # A sends one card out (printed by B1 on day 1) and lends one blank; B takes
    # both in. A's backlog: 4 − 1 (day 0) − 2 (day 1) − 1 (day 2) = 0 on day 2,
    # the 3rd day of the horizon. B has no applicants: never "cleared".
    calendar = build_calendar(read_instance(TINY))
    result = read_solution(calendar.instance, TINY_PLAN).result
    a, b = network_view(calendar, result)
    assert a.flows == PlanFlows(sent_out=1, taken_in=0, blanks_lent=1, blanks_borrowed=0,
                                days_to_clear=3)
    assert b.flows == PlanFlows(sent_out=0, taken_in=1, blanks_lent=0, blanks_borrowed=1,
                                days_to_clear=None)
    assert rerouted_cards(calendar, result) == {("A", "B"): 1}


def test_outage_days_and_capacity() -> None:
    # A1 down (capacity 0) on day 1: capacity 1 + 0 + 1 = 2, load 4/2 = 2, one outage day.
    doc = json.loads(TINY.read_text())
    doc["outages"] = [{"printer": "A1", "start": "2024-01-02", "end": "2024-01-02",
                       "capacity": 0}]
    a, b = network_view(build_calendar(parse_instance(doc, source="x.json")))
    assert (a.capacity, a.load, a.outage_days) == (2, 2.0, 1)
    assert b.outage_days == 0


def test_map_is_written_and_not_blank(tmp_path: Path) -> None:
    calendar = build_calendar(read_instance(TINY))
    result = read_solution(calendar.instance, TINY_PLAN).result
    target = tmp_path / "network.png"
    draw_map(target, calendar, network_view(calendar, result), rerouted_cards(calendar, result))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = matplotlib.image.imread(target)
    assert pixels.shape[0] > 100 and pixels[..., :3].std() > 0.01  # not one flat colour
    assert [p.name for p in tmp_path.iterdir()] == ["network.png"]  # no temporary left


def test_command_prints_the_table_and_writes_the_map(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "map.png"
    outcome = runner.invoke(cli, ["network", str(TINY), str(TINY_PLAN), "-o", str(target)])
    assert outcome.exit_code == 0, outcome.output
    cells = [[cell.strip() for cell in line.split("│")]
             for line in outcome.output.splitlines() if line.startswith(("A ", "B "))]
    assert [row[2:] for row in cells] == [
        ["4", "3", "1.33", "0", "10", "1", "0", "1", "0", "3"],
        ["0", "6", "0.00", "0", "0", "0", "1", "0", "1", "-"],
    ]
    assert target.exists()


def test_command_refuses_a_missing_instance(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "map.png"
    outcome = runner.invoke(cli, ["network", str(tmp_path / "none.json"), "-o", str(target)])
    assert outcome.exit_code == 2
    assert not target.exists()
