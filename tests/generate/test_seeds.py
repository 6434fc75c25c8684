"""The shipped instances read cleanly and their shipped plans validate and are optimal."""

from __future__ import annotations

import json

import pytest

from scheduler.engines.dispatch import solve_instance
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import read_instance
from scheduler.plan.result import EngineResult
from scheduler.validator import read_solution_document, validate_solution
from tests.support.paths import PELALAWAN, SAMPANG, SEEDS, seed, shipped_plan


@pytest.mark.parametrize("name", SEEDS)
def test_shipped_plan_validates_and_matches_a_fresh_solve(name: str) -> None:
    instance = read_instance(seed(name))
    document = read_solution_document(shipped_plan(seed(name)))
    report = validate_solution(instance, document)
    assert report.valid, [v.message for v in report.violations[:5]]
    assert document["solver"]["status"] == "OPTIMAL"
    fresh = solve_instance(build_calendar(instance))
    assert isinstance(fresh, EngineResult)
    assert fresh.objective.as_dict() == document["objective"]


def test_pelalawan_reflects_the_report() -> None:
    """15,000+ waiting since September 2016, 8,000 blanks, the only server broken."""
    doc = json.loads(PELALAWAN.read_text())
    home = doc["districts"][0]
    assert home["name"] == "Pelalawan" and home["blanks"] == 8000
    backlog = sum(c["count"] for c in doc["queue"]["cohorts"]
                  if c["district"] == home["id"] and c["ready"] < doc["horizon"]["start"])
    assert backlog > 15_000
    assert min(c["ready"] for c in doc["queue"]["cohorts"]) == "2016-09-01"
    home_printers = [p["id"] for p in doc["printers"] if p["district"] == home["id"]]
    assert home_printers == ["PLW-1"]
    assert any(o.get("printer") == "PLW-1" and o["capacity"] == 0
               and o["start"] < doc["horizon"]["start"] for o in doc["outages"])
    assert {lk["to"] for lk in doc["links"]} == {"14.01", "14.02", "14.04", "14.08", "14.09",
                                                "14.10", "14.71"}


def test_sampang_reflects_the_report() -> None:
    """300 cards a day, about 100 when disturbed, 60,000 recorded a quarter, an election."""
    doc = json.loads(SAMPANG.read_text())
    assert [p["capacity"] for p in doc["printers"]] == [300]
    assert {o["capacity"] for o in doc["outages"]} == {100}
    arriving = sum(c["count"] for c in doc["queue"]["cohorts"]
                   if c["ready"] >= doc["horizon"]["start"])
    assert 57_000 <= arriving <= 63_000
    assert any("deadline" in c for c in doc["classes"])
