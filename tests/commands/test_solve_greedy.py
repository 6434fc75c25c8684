"""`solve --method greedy`: the first-come plan through the command line, worked by hand.

The instance (4 days from Monday 2024-01-01, every day open):
  A: 5 blanks, printer A1 2 a day, 6 applicants ready before the start (day 0);
  B: 10 blanks, printer B1 3 a day, 2 applicants ready day 0;
  link A -> B: lead 1, at most 2 cards a day, cost 3 a card (B prints with its own blanks).

First-come by hand: A prints 2 on day 0, 2 on day 1, then its last blank on day 2 (1 card);
the 6th applicant is never printed and waits to the end (4). B prints its 2 on day 0.
  waiting 0 + 0 + 1 + 1 + 2 + 4 = 8, misses 0, transfer 0; printed 7 of the 8 printable.
  Blanks short for the greedy: with blanks to spare A would print 2, 2, 2 by days 0, 1, 2
  (6 by day 2) against its 5: short 1 blank by day 2 (2024-01-03); B never is.
The optimum: B's spare card on day 0 takes one of A's (home day 1, cost 3); A prints 2, 2
and 1 on days 0-2: homes 0, 0, 1, 1, 1, 2, waiting 5 (no plan has more than 2 cards home on
day 0, nor more than 4 on day 1 without delaying one of B's own by as much), transfer 3.
So the greedy waits 3 days more than the optimum and saves its 3 of transfer cost.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.diagnose.blanks_short import first_come_blanks_short
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import parse_instance

EVERY_DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
HAND = {
    "format": "ektp-instance/1", "name": "first-come-hand",
    "horizon": {"start": "2024-01-01", "days": 4},
    "districts": [{"id": "A", "blanks": 5, "workdays": EVERY_DAY},
                  {"id": "B", "blanks": 10, "workdays": EVERY_DAY}],
    "printers": [{"id": "A1", "district": "A", "capacity": 2},
                 {"id": "B1", "district": "B", "capacity": 3}],
    "links": [{"from": "A", "to": "B", "lead_days": 1, "daily_limit": 2, "cost": 3}],
    "queue": {"cohorts": [{"district": "A", "ready": "2023-12-31", "count": 6},
                          {"district": "B", "ready": "2024-01-01", "count": 2}]},
}


@pytest.fixture
def instance_path(tmp_path: Path) -> Path:
    path = tmp_path / "hand.json"
    path.write_text(json.dumps(HAND), encoding="utf-8")
    return path


def _solve(runner: CliRunner, instance_path: Path, out: Path,
           *extra: str) -> tuple[dict[str, Any], str]:
    result = runner.invoke(cli, ["solve", str(instance_path), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8")), result.output


def test_greedy_writes_the_hand_worked_first_come_plan(runner: CliRunner, instance_path: Path,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "greedy.json"
    plan, output = _solve(runner, instance_path, out, "--method", "greedy")
    assert [(p["date"], p["printer"], p["district"], p["count"]) for p in plan["prints"]] == [
        ("2024-01-01", "A1", "A", 2), ("2024-01-01", "B1", "B", 2),
        ("2024-01-02", "A1", "A", 2), ("2024-01-03", "A1", "A", 1)]
    assert plan["transfers"] == []
    assert plan["objective"] == {"deadline_misses": 0, "waiting_days": 8, "transfer_cost": 0}
    solver = plan["solver"]
    assert (solver["engine"], solver["status"]) == ("greedy", "FEASIBLE")
    assert solver["bound"] == {"deadline_misses": None, "waiting_days": None,
                               "transfer_cost": None}
    assert solver["settings"] == {"method": "greedy"}
    assert "FEASIBLE by greedy" in output and "waiting days 8" in output
    assert "printed 7 of at most 8" in output
    assert "blanks: A short 1 blank, needed by 2024-01-03" in output
    assert "blanks: B" not in output
    check = runner.invoke(cli, ["validate", str(instance_path), str(out)])
    assert check.exit_code == 0, check.output
    assert check.output.startswith("valid")


def test_greedy_is_worse_than_the_optimum_by_the_rerouting_it_skips(
        runner: CliRunner, instance_path: Path, tmp_path: Path) -> None:
    greedy, _ = _solve(runner, instance_path, tmp_path / "greedy.json", "--method", "greedy")
    optimum, _ = _solve(runner, instance_path, tmp_path / "optimal.json", "--no-blanks-short")
    assert optimum["objective"] == {"deadline_misses": 0, "waiting_days": 5, "transfer_cost": 3}
    assert greedy["objective"]["waiting_days"] - optimum["objective"]["waiting_days"] == 3


def test_greedy_blanks_short_is_empty_when_blanks_never_run_out() -> None:
    """With 6 blanks A prints 2, 2, 2 first-come as if blanks were unlimited: nothing short."""
    doc = json.loads(json.dumps(HAND))
    doc["districts"][0]["blanks"] = 6
    assert first_come_blanks_short(build_calendar(parse_instance(doc, source="h.json"))) == []


@pytest.mark.parametrize("option", [["--engine", "flow"], ["--engine", "auto"],
                                    ["--time-limit", "5"], ["--workers", "1"], ["--seed", "0"],
                                    ["--strict-deadlines"]])
def test_optimiser_options_are_refused_with_greedy(runner: CliRunner, instance_path: Path,
                                                   tmp_path: Path, option: list[str]) -> None:
    """Given explicitly, even at its default value, an optimiser option is a one-line error."""
    out = tmp_path / "greedy.json"
    result = runner.invoke(cli, ["solve", str(instance_path), "-o", str(out),
                                 "--method", "greedy", *option])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"error: {option[0]} applies to --method optimal only, not to --method greedy"]
    assert not out.exists()
