"""The MIP engine is exact: it equals exhaustive search on tiny instances and CP-SAT on
small ones, side constraints (SPEC 6–8) included, and every plan passes the validator.

Exhaustive search (tests/support/brute_force.py) shares no code with either engine;
CP-SAT and the MIP share the count model but not the solver, its bounds or its stages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from scheduler.cli import cli
from scheduler.engines.cpsat.engine import solve_cpsat
from scheduler.engines.dispatch import solve_instance
from scheduler.engines.mip.engine import solve_mip_engine
from scheduler.instance.calendar import Calendar, build_calendar
from scheduler.instance.reader import parse_instance
from scheduler.plan.document import solution_document
from scheduler.plan.result import EngineResult, Outcome
from scheduler.validator import validate_solution
from tests.support.brute_force import optimum
from tests.support.paths import TINY
from tests.support.strategies import small_instances, tiny_instances

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def _calendar(doc: dict[str, Any]) -> Calendar:
    return build_calendar(parse_instance(doc, source="random.json"))


def _proven(calendar: Calendar, result: Outcome) -> tuple[int, int, int]:
    """The objective of an OPTIMAL result whose plan the validator accepts as stated."""
    assert isinstance(result, EngineResult)
    assert result.status == "OPTIMAL", result.proof
    assert result.bound.as_tuple() == result.objective.as_tuple()
    document = solution_document(calendar, result)
    report = validate_solution(calendar.instance, document)
    assert report.valid, [v.message for v in report.violations]
    assert report.objective == document["objective"]
    return result.objective.as_tuple()


@SETTINGS
@given(tiny_instances(side=True))
def test_mip_alone_equals_exhaustive_search(doc: dict[str, Any]) -> None:
    calendar = _calendar(doc)
    assert _proven(calendar, solve_mip_engine(calendar)) == optimum(doc)


@SETTINGS
@given(tiny_instances(side=True))
def test_mip_from_the_relaxed_flow_equals_exhaustive_search(doc: dict[str, Any]) -> None:
    calendar = _calendar(doc)
    assert _proven(calendar, solve_instance(calendar, engine="mip")) == optimum(doc)


@SETTINGS
@given(small_instances(side=True))
def test_mip_and_cpsat_agree_with_side_constraints(doc: dict[str, Any]) -> None:
    calendar = _calendar(doc)
    mip = _proven(calendar, solve_instance(calendar, engine="mip"))
    assert mip == _proven(calendar, solve_cpsat(calendar, workers=1, seed=0))
    assert mip == _proven(calendar, solve_mip_engine(calendar))


@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(small_instances())
def test_mip_equals_the_flow_on_pure_networks(doc: dict[str, Any]) -> None:
    calendar = _calendar(doc)
    flow = _proven(calendar, solve_instance(calendar, engine="flow"))
    assert _proven(calendar, solve_instance(calendar, engine="mip")) == flow


def test_solve_takes_the_mip_engine_and_says_so(runner: CliRunner, tmp_path: Path) -> None:
    """reroute-tiny (worked in tests/commands/test_cli.py): optimum (0, 5, 4) by any engine."""
    plan = tmp_path / "plan.json"
    result = runner.invoke(cli, ["solve", str(TINY), "-o", str(plan), "--engine", "mip",
                                 "--no-blanks-short"])
    assert result.exit_code == 0, result.output
    solver = json.loads(plan.read_text(encoding="utf-8"))["solver"]
    assert (solver["engine"], solver["status"]) == ("mip", "OPTIMAL")
    assert solver["bound"] == {"deadline_misses": 0, "waiting_days": 5, "transfer_cost": 4}
