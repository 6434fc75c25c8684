"""The regional coordinator's levers (scheduler/instance/levers.py): closing rerouting or
blank lending, worked by hand on two districts; the validator holds a plan to them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.engines.dispatch import solve_instance
from scheduler.instance.calendar import build_calendar
from scheduler.instance.levers import close_levers
from scheduler.instance.model import Instance
from scheduler.instance.reader import parse_instance
from scheduler.plan.document import solution_document
from scheduler.plan.result import EngineResult
from scheduler.validator import validate_solution

ENGINES = ["flow", "cpsat"]


def two_districts(a: dict[str, Any], b: dict[str, Any], link: dict[str, Any],
                  printers: list[dict[str, Any]], count: int, days: int) -> Instance:
    """`count` applicants of A ready on Monday 1 January 2024, horizon `days` from then."""
    return parse_instance({
        "format": "ektp-instance/1", "name": "two",
        "horizon": {"start": "2024-01-01", "days": days},
        "districts": [{"id": "A", **a}, {"id": "B", **b}],
        "printers": printers,
        "links": [link],
        "queue": {"cohorts": [{"district": "A", "ready": "2024-01-01", "count": count}]},
    })


def solved(instance: Instance, engine: str) -> tuple[EngineResult, dict[str, Any]]:
    """Solve, and check the plan against the very instance that was solved."""
    calendar = build_calendar(instance)
    result = solve_instance(calendar, engine=engine, workers=1)
    document = solution_document(calendar, result)
    report = validate_solution(instance, document)
    assert report.valid, [v.message for v in report.violations]
    return result, document


def reroute_case() -> Instance:
    """A: 6 applicants, a printer of 2 a day; B: a printer of 1 a day; A->B lead 0, cost 1.

    Mon-Wed. At home only: 2 cards a day on days 0, 1, 2 -> waiting 0·2 + 1·2 + 2·2 = 6.
    With rerouting: 3 a day (B prints one of A's each day) on days 0 and 1 ->
    waiting 0·3 + 1·3 = 3, half; 2 rerouted cards at cost 1 -> transfer cost 2.
    """
    return two_districts(
        {"blanks": 10}, {"blanks": 10},
        {"from": "A", "to": "B", "lead_days": 0, "cost": 1},
        [{"id": "A-1", "district": "A", "capacity": 2},
         {"id": "B-1", "district": "B", "capacity": 1}],
        count=6, days=3)


@pytest.mark.parametrize("engine", ENGINES)
def test_rerouting_halves_the_waiting(engine: str) -> None:
    instance = reroute_case()
    open_result, _ = solved(instance, engine)
    closed_result, closed_doc = solved(close_levers(instance, reroute=False), engine)
    assert open_result.objective is not None and closed_result.objective is not None
    assert open_result.objective.as_dict() == {
        "deadline_misses": 0, "waiting_days": 3, "transfer_cost": 2}
    assert closed_result.objective.as_dict() == {
        "deadline_misses": 0, "waiting_days": 6, "transfer_cost": 0}
    assert {p["printer"] for p in closed_doc["prints"] if p["count"]} == {"A-1"}


def test_the_validator_refuses_a_rerouted_plan_when_rerouting_is_closed() -> None:
    instance = reroute_case()
    _, document = solved(instance, "flow")
    report = validate_solution(close_levers(instance, reroute=False), document)
    assert not report.valid
    assert {v.rule for v in report.violations} == {"daily_limit"}


def lending_case() -> Instance:
    """A: 3 applicants and a printer of 5 a day but no blanks; B: 10 blanks, no printer.

    One day (Monday), link B->A lead 0, cost 1. Lending: B sends 3 blanks, A prints
    all 3 on day 0 -> waiting 0, transfer cost 3. Without lending A prints nothing
    -> 0 printed, each of the 3 waits to the horizon's end: waiting 3·1 = 3.
    """
    return two_districts(
        {"blanks": 0}, {"blanks": 10},
        {"from": "B", "to": "A", "lead_days": 0, "cost": 1},
        [{"id": "A-1", "district": "A", "capacity": 5}],
        count=3, days=1)


@pytest.mark.parametrize("engine", ENGINES)
def test_lending_blanks_is_the_only_way_to_print(engine: str) -> None:
    instance = lending_case()
    open_result, open_doc = solved(instance, engine)
    closed_result, closed_doc = solved(close_levers(instance, blank_transfers=False), engine)
    assert open_result.objective is not None and closed_result.objective is not None
    assert sum(p["count"] for p in open_doc["prints"]) == 3
    assert open_result.objective.as_dict() == {
        "deadline_misses": 0, "waiting_days": 0, "transfer_cost": 3}
    assert sum(p["count"] for p in closed_doc["prints"]) == 0
    assert closed_doc["transfers"] == []
    assert closed_result.objective.as_dict() == {
        "deadline_misses": 0, "waiting_days": 3, "transfer_cost": 0}


def test_the_validator_refuses_lent_blanks_when_lending_is_closed() -> None:
    instance = lending_case()
    _, document = solved(instance, "flow")
    report = validate_solution(close_levers(instance, blank_transfers=False), document)
    assert not report.valid
    assert any(v.rule == "route" and "closed to blanks" in v.message
               for v in report.violations)


def test_solve_flags_close_the_levers(runner: CliRunner, tmp_path: Path) -> None:
    """The lending case through the command line: 3 printed, then 0 with --no-blank-transfers."""
    path = tmp_path / "two.json"
    lending = {
        "format": "ektp-instance/1", "name": "two",
        "horizon": {"start": "2024-01-01", "days": 1},
        "districts": [{"id": "A", "blanks": 0}, {"id": "B", "blanks": 10}],
        "printers": [{"id": "A-1", "district": "A", "capacity": 5}],
        "links": [{"from": "B", "to": "A", "lead_days": 0, "cost": 1}],
        "queue": {"cohorts": [{"district": "A", "ready": "2024-01-01", "count": 3}]},
    }
    path.write_text(json.dumps(lending))
    both = runner.invoke(cli, ["solve", str(path), "-o", str(tmp_path / "a.json")])
    assert both.exit_code == 0, both.output
    assert "waiting days 0" in both.output
    closed = runner.invoke(cli, ["solve", str(path), "-o", str(tmp_path / "b.json"),
                                 "--no-blank-transfers", "--no-reroute"])
    assert closed.exit_code == 0, closed.output
    assert "waiting days 3" in closed.output
