"""The tiny hand-worked instances (scheduler/generate/tiny.py): both engines and an
exhaustive search reach the optima worked on paper.

The tiny instances in instances/tiny/ carry their working in their `description`;
the optima below are those worked on paper:
- reroute-tiny (0, 5, 4): A prints 1 a day at home; one card printed at B on day 1
  (home day 2 instead of never) saves a day of waiting for 2 + 2 (card + blank).
- lend-only-tiny (0, 6, 6): A has no blanks; B's arrive from day 1, C's from day 2;
  2 cards on day 1 and 2 on day 2 (waiting 1+1+2+2); 2 blanks from B at 2, 2 from C at 1.
- deadline-tiny (0, 8, 2): both first voters home by day 1 (A day 1, B day 0) cost
  the elderly (weight 3) a day: elderly at A days 0 and 2, 1 + 1 + 3 x 2 = 8; the
  voter printed at B costs 2.
- calendar-tiny (0, 18, 0): outage before the start covers day 0, 2 blanks on day 1
  (stock + a pre-start delivery), a holiday on day 2, a district outage of 1 a day on
  days 3-4: cards on days 1, 1, 3, 4 -> 1+1+3+4+5 for the old five, 2+2 for the new two.
"""

from __future__ import annotations

import json

import pytest

from scheduler.engines.dispatch import solve_instance
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import read_instance
from scheduler.plan.document import solution_document
from scheduler.plan.result import EngineResult
from scheduler.validator import validate_solution
from tests.support.brute_force import optimum
from tests.support.paths import TINY_FOLDER, tiny

HAND_WORKED = {
    "reroute-tiny": (0, 5, 4),
    "lend-only-tiny": (0, 6, 6),
    "deadline-tiny": (0, 8, 2),
    "calendar-tiny": (0, 18, 0),
}


def test_every_tiny_instance_has_a_hand_worked_optimum() -> None:
    assert sorted(p.name for p in TINY_FOLDER.iterdir()) == sorted(f"{n}.json" for n in HAND_WORKED)


@pytest.mark.parametrize("engine", ["flow", "cpsat"])
@pytest.mark.parametrize("name", sorted(HAND_WORKED))
def test_both_engines_reach_the_hand_worked_optimum(name: str, engine: str) -> None:
    instance = read_instance(tiny(name))
    calendar = build_calendar(instance)
    result = solve_instance(calendar, engine=engine, workers=1)
    assert result.status == "OPTIMAL"
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == HAND_WORKED[name]
    report = validate_solution(instance, solution_document(calendar, result))
    assert report.valid, [v.message for v in report.violations]


@pytest.mark.parametrize("name", sorted(HAND_WORKED))
def test_exhaustive_search_agrees_with_the_paper(name: str) -> None:
    """Every plan enumerated (tests/support/brute_force.py shares no code with the engines)."""
    document = json.loads(tiny(name).read_text(encoding="utf-8"))
    assert optimum(document) == HAND_WORKED[name]


def test_the_deadline_comes_before_the_waiting() -> None:
    """deadline-tiny without its deadline: waiting alone reaches 6 (elderly at homes 0
    and 1, voters at 1 and 2); A has only 3 slots, so one of the four still goes to B (2)."""
    document = json.loads(tiny("deadline-tiny").read_text(encoding="utf-8"))
    del document["classes"][0]["deadline"]
    assert optimum(document) == (0, 6, 2)
