"""The file-based commands after a re-plan: an inline cohort's id names the same applicant,
one printed before the re-plan date is told so, unknown ids do not abort the others.

instances/tiny/reroute-tiny.json (tests/test_replan.py): A1 prints 1 a day, B1 1 of A's a day
(lead 1); cohort 0 = 4 applicants, 3 days from 2024-01-01. The optimum prints A1 on days 0,
1, 2 and B1 on day 1 (home day 2). First-come pairing by (print day, home day, printer):
cohort-0-0 A1 01-01; cohort-0-1 A1 01-02; cohort-0-2 B1 01-02 (home 01-03); cohort-0-3 A1
01-03. Re-planned as of 2024-01-02 with day 0 done as planned, the new optimum prints A1 and
B1 on 01-02 and A1 on 01-03 (tests/test_replan.py); the three still waiting keep their
first-come order, so cohort-0-1 gets A1 01-02, cohort-0-2 B1 01-02, cohort-0-3 A1 01-03 —
the very applicants of the old plan, under the same ids.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.errors import InputError
from scheduler.instance.reader import parse_instance

TINY = Path(__file__).resolve().parents[2] / "instances" / "tiny" / "reroute-tiny.json"


def run(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, list(args))
    return result.exit_code, result.output


def replanned(runner: CliRunner, folder: Path, instance: Path, plan: Path, as_of: str,
              *extra: str) -> tuple[Path, Path]:
    new_plan, new_instance = folder / f"plan-{as_of}.json", folder / f"instance-{as_of}.json"
    code, output = run(runner, "replan", str(instance), str(plan), "--as-of", as_of, "-o",
                       str(new_plan), "--instance-out", str(new_instance), "--workers", "1",
                       *extra)
    assert code == 0, output
    return new_instance, new_plan


def lookup(runner: CliRunner, instance: Path, plan: Path, *ids: str) -> tuple[int, list[str]]:
    code, output = run(runner, "lookup", str(instance), str(plan), *ids)
    return code, output.splitlines()


@pytest.fixture
def first_plan(tmp_path: Path) -> Path:
    plan = tmp_path / "plan.json"
    code, output = run(CliRunner(), "solve", str(TINY), "-o", str(plan), "--workers", "1")
    assert code == 0, output
    return plan


def test_inline_ids_keep_their_applicant_and_the_printed_are_told_so(
        tmp_path: Path, first_plan: Path) -> None:
    runner = CliRunner()
    code, before = lookup(runner, TINY, first_plan, "cohort-0-1", "cohort-0-3")
    assert before == ["cohort-0-1: printer A1 (A) prints it on 2024-01-02, home 2024-01-02",
                      "cohort-0-3: printer A1 (A) prints it on 2024-01-03, home 2024-01-03"]
    instance, plan = replanned(runner, tmp_path, TINY, first_plan, "2024-01-02")
    assert json.loads(instance.read_text())["queue"]["cohorts"] == [
        {"district": "A", "class": "regular", "ready": "2023-12-31", "count": 3, "label": 0,
         "first": 1}]
    code, after = lookup(runner, instance, plan, "cohort-0-0", "cohort-0-1", "cohort-0-2",
                         "cohort-0-3", "cohort-0-4", "3527000000000001")
    assert code == 0
    assert after == [
        "cohort-0-0: printed on 2024-01-01 at printer A1, before the re-plan date 2024-01-02",
        "cohort-0-1: printer A1 (A) prints it on 2024-01-02, home 2024-01-02",
        "cohort-0-2: printer B1 (B) prints it on 2024-01-02, home 2024-01-03",
        "cohort-0-3: printer A1 (A) prints it on 2024-01-03, home 2024-01-03",
        "applicant cohort-0-4: not in the queue of 'reroute-tiny-replan-2024-01-02' "
        "(ready within its horizon)",
        "applicant 3527**********01: not in the queue of 'reroute-tiny-replan-2024-01-02' "
        "(ready within its horizon)",
    ]
    code, none = lookup(runner, instance, plan, "cohort-0-4")
    assert code == 2 and len(none) == 1


def test_an_applicant_printed_out_of_order_and_a_second_replan(
        tmp_path: Path, first_plan: Path) -> None:
    """cohort-0-2 printed by hand on day 0 instead of cohort-0-0: the rest of cohort 0 is two
    records, positions 0-1 and 3, and keeps first-come order 0, 1, 3: cohort-0-0 A1 01-02,
    cohort-0-1 B1 01-02 (home 01-03), cohort-0-3 A1 01-03. A second re-plan as of 01-03 with
    that plan done keeps the first one's record and adds its own."""
    runner = CliRunner()
    done = tmp_path / "done.csv"
    done.write_text("applicant_id,printer,date\ncohort-0-2,A1,2024-01-01\n")
    instance, plan = replanned(runner, tmp_path, TINY, first_plan, "2024-01-02",
                               "--done", str(done))
    cohorts = json.loads(instance.read_text())["queue"]["cohorts"]
    assert [(c["label"], c["first"], c["count"]) for c in cohorts] == [(0, 0, 2), (0, 3, 1)]
    code, lines = lookup(runner, instance, plan, "cohort-0-0", "cohort-0-1", "cohort-0-3")
    assert lines == ["cohort-0-0: printer A1 (A) prints it on 2024-01-02, home 2024-01-02",
                     "cohort-0-1: printer B1 (B) prints it on 2024-01-02, home 2024-01-03",
                     "cohort-0-3: printer A1 (A) prints it on 2024-01-03, home 2024-01-03"]
    again, last = replanned(runner, tmp_path, instance, plan, "2024-01-03")
    code, lines = lookup(runner, again, last, "cohort-0-2", "cohort-0-0", "cohort-0-1",
                         "cohort-0-3")
    assert lines == [
        "cohort-0-2: printed on 2024-01-01 at printer A1, before the re-plan date 2024-01-03",
        "cohort-0-0: printed on 2024-01-02 at printer A1, before the re-plan date 2024-01-03",
        "cohort-0-1: printed on 2024-01-02 at printer B1, before the re-plan date 2024-01-03",
        "cohort-0-3: printer A1 (A) prints it on 2024-01-03, home 2024-01-03",
    ]


def test_cohort_records_may_not_name_one_applicant_twice() -> None:
    data = json.loads(TINY.read_text())
    data["queue"] = {"cohorts": [
        {"district": "A", "ready": "2024-01-01", "count": 3, "label": 0, "first": 0},
        {"district": "A", "ready": "2024-01-01", "count": 1, "label": 0, "first": 2}]}
    with pytest.raises(InputError, match=r"queue.cohorts\[1\]: applicant ids cohort-0-2\.\. "
                                         r"are also those of queue.cohorts\[0\]"):
        parse_instance(data, "x.json")
