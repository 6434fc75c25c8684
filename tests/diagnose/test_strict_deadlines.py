"""`solve --strict-deadlines`: exit 3 with the queues that cannot make it and why.

Instance (worked by hand): one district A, open every day, 2 days from 2024-01-01,
printer capacity 2 a day, plenty of blanks.
- Capacity case: class `urgent` (deadline 2024-01-01, day 0) with 3 applicants ready
  before the start. Day 0 prints 2: 1 misses, and would miss alone too; capacity by the
  deadline is 2 < 3 eligible.
- Competition case: classes `urgent` and `vip` (both due day 0), 2 applicants each.
  Day 0 prints 2 of the 4: 2 miss in every plan; each queue alone would print both of its
  own on day 0 and miss none, so each that misses "competes".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.diagnose.strict_deadlines import deadline_verdicts
from scheduler.engines.network.engine import solve_flow
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import parse_instance

ALL_WEEK = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _doc(cohorts: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "format": "ektp-instance/1", "name": "strict",
        "horizon": {"start": "2024-01-01", "days": 2},
        "classes": [{"id": "regular"},
                    {"id": "urgent", "weight": 1, "deadline": "2024-01-01"},
                    {"id": "vip", "weight": 1, "deadline": "2024-01-01"}],
        "districts": [{"id": "A", "blanks": 100, "workdays": ALL_WEEK}],
        "printers": [{"id": "A1", "district": "A", "capacity": 2}],
        "queue": {"cohorts": cohorts},
    }


def test_a_queue_short_of_capacity_misses_even_alone() -> None:
    doc = _doc([{"district": "A", "class": "urgent", "ready": "2023-12-30", "count": 3}])
    calendar = build_calendar(parse_instance(doc, source="strict.json"))
    [verdict] = deadline_verdicts(calendar, solve_flow(calendar))
    assert (verdict.district, verdict.service_class, verdict.eligible) == ("A", "urgent", 3)
    assert (verdict.missed, verdict.missed_alone) == (1, 1)
    assert (verdict.capacity_by_deadline, verdict.blanks_by_deadline) == (2, 100)
    assert "even alone 1 would miss" in verdict.reason()
    assert "capacity: at most 2 cards" in verdict.reason()


def test_queues_that_could_make_it_alone_compete(runner: CliRunner, tmp_path: Path) -> None:
    doc = _doc([{"district": "A", "class": "urgent", "ready": "2023-12-30", "count": 2},
                {"district": "A", "class": "vip", "ready": "2023-12-30", "count": 2}])
    calendar = build_calendar(parse_instance(doc, source="strict.json"))
    result = solve_flow(calendar)
    assert result.objective is not None and result.objective.deadline_misses == 2
    verdicts = deadline_verdicts(calendar, result)
    assert sum(v.missed for v in verdicts) == 2
    assert all(v.missed_alone == 0 and "competes" in v.reason() for v in verdicts)

    path = tmp_path / "strict.json"
    path.write_text(json.dumps(doc))
    out = tmp_path / "plan.json"
    run = runner.invoke(cli, ["solve", str(path), "-o", str(out), "--strict-deadlines"])
    assert run.exit_code == 3
    assert "every plan misses at least 2 eligible applicant(s)" in run.output
    assert "competes" in run.output
    assert not out.exists()


def test_a_plan_that_meets_every_deadline_is_written(runner: CliRunner, tmp_path: Path) -> None:
    doc = _doc([{"district": "A", "class": "urgent", "ready": "2023-12-30", "count": 2}])
    path = tmp_path / "strict.json"
    path.write_text(json.dumps(doc))
    out = tmp_path / "plan.json"
    run = runner.invoke(cli, ["solve", str(path), "-o", str(out), "--strict-deadlines"])
    assert run.exit_code == 0, run.output
    assert json.loads(out.read_text())["objective"]["deadline_misses"] == 0
