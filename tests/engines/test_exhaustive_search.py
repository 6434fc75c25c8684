"""Properties over random tiny instances: both engines are exact and every plan validates.

The reference is an exhaustive search over every plan (tests/support/brute_force.py),
which shares no code with the engines or the validator.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from scheduler.engines.cpsat.engine import solve_cpsat
from scheduler.engines.network.engine import solve_flow
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import parse_instance
from scheduler.plan.document import solution_document
from scheduler.plan.result import EngineResult
from scheduler.validator import validate_solution
from tests.support.brute_force import optimum
from tests.support.strategies import tiny_instances

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def _validated(doc: dict[str, Any], engine: str) -> tuple[int, int, int]:
    instance = parse_instance(doc, source="tiny.json")
    calendar = build_calendar(instance)
    if engine == "flow":
        result = solve_flow(calendar)
    else:
        result = solve_cpsat(calendar, workers=1, seed=0)
    assert result.status == "OPTIMAL"
    assert isinstance(result, EngineResult)
    report = validate_solution(instance, solution_document(calendar, result))
    assert report.valid, [v.message for v in report.violations]
    return result.objective.as_tuple()


@SETTINGS
@given(tiny_instances())
def test_flow_optimum_equals_exhaustive_search(doc: dict[str, Any]) -> None:
    assert _validated(doc, "flow") == optimum(doc)


@SETTINGS
@given(tiny_instances())
def test_cpsat_optimum_equals_exhaustive_search(doc: dict[str, Any]) -> None:
    assert _validated(doc, "cpsat") == optimum(doc)


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances(side=True))
def test_cpsat_with_side_constraints_equals_exhaustive_search(doc: dict[str, Any]) -> None:
    assert _validated(doc, "cpsat") == optimum(doc)
