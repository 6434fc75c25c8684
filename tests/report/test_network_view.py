"""The network view (scheduler/report/network_table.py, network_map.py) on reroute-tiny.

reroute-tiny: 3 days from 2024-01-01, both districts open every day. A: printer A1
(1 a day), 10 blanks, 4 applicants ready on day 0 (the day before the horizon).
B: printer B1 (2 a day), no blanks. Link A→B: lead 1, 1 card a day. Its plan:
A1 prints one of A's cards on days 0, 1, 2; B1 one on day 1 with a blank A sent on
day 0.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import matplotlib.image
import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import parse_instance, read_instance
from scheduler.plan.read import read_solution
from scheduler.report.network_map import draw_map, map_figure, project
from scheduler.report.network_table import (
    DistrictView,
    PlanFlows,
    network_view,
    rerouted_cards,
)
from tests.support.paths import INSTANCES, TINY, TINY_PLAN, shipped_plan

JAWA_TIMUR = INSTANCES / "province" / "jawa-timur.json"


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


def test_projection_scales_longitude_by_the_middle_latitude() -> None:
    # Latitudes 0 and -60: middle -30, cos 30° = 0.8660...; x = lon · 0.866, y = lat.
    views = [DistrictView("N", "", 0.0, 10.0, 0, 0, None, 0, 0, None),
             DistrictView("S", "", -60.0, 20.0, 0, 0, None, 0, 0, None)]
    positions = project(views)
    assert positions["N"] == pytest.approx((10 * math.sqrt(3) / 2, 0.0))
    assert positions["S"] == pytest.approx((20 * math.sqrt(3) / 2, -60.0))


def test_jawa_timur_map_keeps_its_shape_and_names_do_not_overlap() -> None:
    instance = read_instance(JAWA_TIMUR)
    planned = read_solution(instance, shipped_plan(JAWA_TIMUR))
    views = network_view(planned.calendar, planned.result)
    drawn = map_figure(planned.calendar, views, rerouted_cards(planned.calendar,
                                                               planned.result))
    # One degree of latitude is as long on the map as cos(φ0) degrees of longitude:
    # the axes draw one data unit the same length both ways.
    (x0, y0), (x1, y1) = drawn.figure.axes[0].transData.transform([(0, 0), (1, 1)])
    assert x1 - x0 == pytest.approx(y1 - y0, rel=1e-9)
    # Every district is named, by name, and no two names (or a name and a dot) overlap.
    assert len(drawn.labels) == 38 and drawn.left_out == 0
    texts = {t.get_text() for t in drawn.figure.axes[0].texts}
    assert {"Surabaya", "Kota Surabaya", "Malang", "Kota Malang", "Sumenep"} - texts == {
        "Surabaya"}  # Surabaya is a city (kota) only
    for i, box in enumerate(drawn.labels):
        assert drawn.frame.contains(box.x0, box.y0) and drawn.frame.contains(box.x1, box.y1)
        assert not any(box.overlaps(other) for other in drawn.labels[i + 1:])


def test_the_labels_can_be_left_out_but_never_overlap() -> None:
    # Thirty districts on one point: the first name sits beside the dot, the others take
    # the free places further out, and what finds none is left out, never drawn on top.
    doc = json.loads(TINY.read_text())
    doc["districts"] = [{"id": f"D{i}", "name": f"District number {i}", "lat": -7.0,
                         "lon": 112.0} for i in range(30)]
    doc["printers"] = [{"id": "P", "district": "D0", "capacity": 1}]
    doc["links"] = []
    doc["queue"] = {"cohorts": [{"district": "D0", "ready": "2024-01-01", "count": 1}]}
    calendar = build_calendar(parse_instance(doc, source="x.json"))
    drawn = map_figure(calendar, network_view(calendar))
    assert drawn.left_out > 0 and len(drawn.labels) + drawn.left_out == 30
    for i, box in enumerate(drawn.labels):
        assert not any(box.overlaps(other) for other in drawn.labels[i + 1:])
