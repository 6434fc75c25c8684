"""Reading a written plan back (scheduler/plan/read.py): rows mapped onto the instance.

tests/data/reroute-tiny.plan.json is reroute-tiny's optimum, worked by hand in
tests/commands/test_cli.py: A1 prints one card a day (2024-01-01, -02, -03), B1 one on
2024-01-02, and one blank goes A -> B on 2024-01-01.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.errors import InputError
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import read_instance
from scheduler.plan.read import read_solution
from scheduler.plan.result import PlannedPrint, PlannedTransfer
from tests.support.paths import TINY, TINY_PLAN


def test_read_plan_maps_the_rows_onto_the_instance() -> None:
    calendar = build_calendar(read_instance(TINY))
    result = read_solution(calendar.instance, TINY_PLAN).result
    # One queue (A/regular = 0); printers A1 = 0, B1 = 1; the one link A -> B = 0.
    assert sorted(result.prints, key=lambda p: (p.day, p.printer)) == [
        PlannedPrint(0, 0, 0, 1), PlannedPrint(0, 0, 1, 1), PlannedPrint(0, 1, 1, 1),
        PlannedPrint(0, 0, 2, 1),
    ]
    assert result.transfers == (PlannedTransfer(0, 0, 1),)
    assert result.objective is not None and result.objective.as_tuple() == (0, 5, 4)
    assert (result.engine, result.status) == ("flow", "OPTIMAL")


def test_read_plan_refuses_a_solution_that_is_no_json(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text("{")
    with pytest.raises(InputError, match="not valid JSON"):
        read_solution(read_instance(TINY), path)
