"""`ektp-sched lookup`: when is my card ready? Hand-worked answers, masking, bad input.

tests/data/reroute-tiny.plan.json (worked in tests/commands/test_cli.py and
tests/supervisor/test_print_list.py): cohort-0-0 A1 2024-01-01 home the same day;
cohort-0-1 A1 01-02; cohort-0-2 B1 01-02, home 01-03 (lead 1); cohort-0-3 A1 01-03.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from tests.support.paths import TINY, TINY_PLAN


def lookup(runner: CliRunner, *args: object) -> Any:
    return runner.invoke(cli, ["lookup", *map(str, args)])


def test_answers_on_the_hand_worked_plan(runner: CliRunner) -> None:
    result = lookup(runner, TINY, TINY_PLAN, "cohort-0-2", "cohort-0-0", "cohort-0-3")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "cohort-0-2: printer B1 (B) prints it on 2024-01-02, home 2024-01-03",
        "cohort-0-0: printer A1 (A) prints it on 2024-01-01, home 2024-01-01",
        "cohort-0-3: printer A1 (A) prints it on 2024-01-03, home 2024-01-03",
    ]


def test_without_a_card_the_queue_ahead_is_counted(runner: CliRunner, tmp_path: Path) -> None:
    # Only one card, on 2024-01-01: cohort-0-0 gets it (wait 0); the other three wait to
    # the horizon's end (3 days each): waiting 9, no transfer. Still waiting at the end:
    # cohort-0-1 (none ahead), cohort-0-2 (1 ahead), cohort-0-3 (2 ahead).
    plan = json.loads(TINY_PLAN.read_text())
    plan["prints"] = plan["prints"][:1]
    plan["transfers"] = []
    plan["objective"] = {"deadline_misses": 0, "waiting_days": 9, "transfer_cost": 0}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    result = lookup(runner, TINY, path, "cohort-0-1", "cohort-0-3", "cohort-0-0")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "cohort-0-1: not within the plan; 0 of queue A/regular ahead still waiting",
        "cohort-0-3: not within the plan; 2 of queue A/regular ahead still waiting",
        "cohort-0-0: printer A1 (A) prints it on 2024-01-01, home 2024-01-01",
    ]


def write_office(tmp_path: Path, days_printed: int) -> tuple[Path, Path]:
    """One office, 60,000 NIKs all ready before the start, written in reverse id order.

    First-come is by id (same ready day), so the applicant of rank r has NIK
    3527 followed by r in 12 digits. P1 prints 1,000 a day, every day, for
    `days_printed` of the 60 days: rank r is printed on day r // 1000. Waiting
    (ready index 0): 1000 × (0 + 1 + … + (d − 1)) + unprinted × 60.
    """
    rows = [f"3527{r:012d},35.27,2023-12-01" for r in reversed(range(60_000))]
    (tmp_path / "queue.csv").write_text("applicant_id,district,ready\n" + "\n".join(rows) + "\n")
    instance = tmp_path / "office.json"
    instance.write_text(json.dumps({
        "format": "ektp-instance/1", "name": "office",
        "horizon": {"start": "2024-01-01", "days": 60},
        "districts": [{"id": "35.27", "blanks": 60_000,
                       "workdays": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}],
        "printers": [{"id": "P1", "district": "35.27", "capacity": 1000}],
        "queue": {"file": "queue.csv"},
    }))
    d = days_printed
    waiting = 1000 * d * (d - 1) // 2 + (60_000 - 1000 * d) * 60
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({
        "format": "ektp-solution/1", "instance": "office",
        "objective": {"deadline_misses": 0, "waiting_days": waiting, "transfer_cost": 0},
        "prints": [{"date": f"2024-{1 + t // 31:02d}-{1 + t % 31:02d}", "printer": "P1",
                    "district": "35.27", "class": "regular", "count": 1000}
                   for t in range(d)],
        "transfers": [],
    }))
    return instance, plan


def test_niks_in_a_60000_row_queue_are_masked_on_screen(runner: CliRunner,
                                                        tmp_path: Path) -> None:
    # 59 days printed (to 2024-02-28; waiting 1000 × 1711 + 1000 × 60 = 1,771,000):
    # rank 45,678 prints on day 45 = 2024-02-15; rank 59,500 is among the last 1,000
    # without a card, with 59,500 − 59,000 = 500 of them ahead.
    instance, plan = write_office(tmp_path, days_printed=59)
    assert json.loads(plan.read_text())["objective"]["waiting_days"] == 1_771_000
    ids = ["3527000000045678", "3527000000059500"]
    result = lookup(runner, instance, plan, *ids)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "3527**********78: printer P1 (35.27) prints it on 2024-02-15, home 2024-02-15",
        "3527**********00: not within the plan; 500 of queue 35.27/regular ahead still waiting",
    ]
    shown = lookup(runner, instance, plan, "--show-ids", ids[0])
    assert shown.output.startswith("3527000000045678: printer P1 (35.27) prints it on 2024-02-15")


def test_an_unknown_nik_is_its_own_masked_line(runner: CliRunner, tmp_path: Path) -> None:
    instance, plan = write_office(tmp_path, days_printed=59)
    result = lookup(runner, instance, plan, "3527000000000001", "3527000000099999", "x")
    assert result.exit_code == 0  # one id answered: the others do not abort it
    lines = result.output.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("3527**********01: printer P1 (35.27) prints it on")
    assert lines[1] == ("applicant 3527**********99: not in the queue of 'office' "
                        "(ready within its horizon)")
    assert lines[2].startswith("applicant x: not in the queue of 'office'")
    assert "3527000000099999" not in result.output
    shown = lookup(runner, instance, plan, "--show-ids", "3527000000099999")
    assert shown.exit_code == 2  # no id answered
    assert "applicant 3527000000099999: not in the queue" in shown.output


@pytest.mark.parametrize("applicant, shown", [
    ("cohort-0-4", "cohort-0-4"), ("cohort-1-0", "cohort-1-0"),
    ("cohort-00-1", "coho*****-1"),  # not a well-formed cohort id: masked like any other id
    ("A-0", "A-0"),
])
def test_unknown_cohort_ids(runner: CliRunner, applicant: str, shown: str) -> None:
    # reroute-tiny has one cohort of 4: positions 0..3 only, written without leading zeros.
    result = lookup(runner, TINY, TINY_PLAN, applicant)
    assert result.exit_code == 2
    assert f"applicant {shown}: not in the queue of 'reroute-tiny'" in result.output


def test_a_solution_for_another_instance_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    plan = json.loads(TINY_PLAN.read_text())
    plan["instance"] = "pelalawan-2017"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    result = lookup(runner, TINY, path, "cohort-0-0")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "instance: the solution is for 'pelalawan-2017', not 'reroute-tiny'" in result.output


def test_at_least_one_id_is_needed(runner: CliRunner) -> None:
    result = lookup(runner, TINY, TINY_PLAN)
    assert result.exit_code == 2
    assert "APPLICANT_ID" in result.output


def test_help_gives_an_example(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["lookup", "--help"])
    assert result.exit_code == 0
    assert "ektp-sched lookup instances/pelalawan-2017.json" in result.output


def test_cohort_ids_follow_the_file_order_not_the_ready_order(runner: CliRunner,
                                                               tmp_path: Path) -> None:
    # The file lists a cohort of 1 ready on 2024-01-02 (day 1) first, then 3 ready on
    # 2023-12-31. First-come gives the 3 earlier ones the first three cards (A1 day 0,
    # A1 day 1, B1 day 1 home day 2) and the later one A1's card on day 2: waiting
    # 0 + 1 + 2 for the early three and 2 − 1 = 1 for the last: 4; transfer still 4.
    doc = json.loads(TINY.read_text())
    doc["queue"]["cohorts"] = [
        {"district": "A", "class": "regular", "ready": "2024-01-02", "count": 1},
        {"district": "A", "class": "regular", "ready": "2023-12-31", "count": 3},
    ]
    instance = tmp_path / "two-cohorts.json"
    instance.write_text(json.dumps(doc))
    plan = json.loads(TINY_PLAN.read_text())
    plan["instance"] = doc["name"]
    plan["objective"] = {"deadline_misses": 0, "waiting_days": 4, "transfer_cost": 4}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    result = lookup(runner, instance, path, "cohort-0-0", "cohort-1-0")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "cohort-0-0: printer A1 (A) prints it on 2024-01-03, home 2024-01-03",
        "cohort-1-0: printer A1 (A) prints it on 2024-01-01, home 2024-01-01",
    ]


def test_the_ones_ahead_include_earlier_cohorts_of_the_queue_only(runner: CliRunner,
                                                                  tmp_path: Path) -> None:
    # 4 days, every day open; H prints 1 a day on H1. The file lists H/regular 2 ready
    # 2023-12-30 (cohort-0-*), N/regular 3 ready 2023-12-01 (cohort-1-*: another queue,
    # earliest of all), H/regular 2 ready 2024-01-01 (cohort-2-*). The plan prints one
    # card, H1 on 2024-01-01: H's first-come order is cohort-0-0, cohort-0-1, cohort-2-0,
    # cohort-2-1, and cohort-0-0 gets the card. Still waiting ahead: cohort-0-1 none,
    # cohort-2-0 one (cohort-0-1, of the earlier cohort), cohort-2-1 two; N's three are
    # not counted for H (and cohort-1-2 has N's first two ahead). Waiting (everyone ready
    # at day 0, unprinted ones wait to the end, 4): H 0 + 3 x 4 = 12, N 3 x 4 = 12: 24.
    every_day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    instance = tmp_path / "two-queues.json"
    instance.write_text(json.dumps({
        "format": "ektp-instance/1", "name": "two-queues",
        "horizon": {"start": "2024-01-01", "days": 4},
        "districts": [{"id": "H", "blanks": 10, "workdays": every_day},
                      {"id": "N", "blanks": 10, "workdays": every_day}],
        "printers": [{"id": "H1", "district": "H", "capacity": 1}],
        "queue": {"cohorts": [
            {"district": "H", "class": "regular", "ready": "2023-12-30", "count": 2},
            {"district": "N", "class": "regular", "ready": "2023-12-01", "count": 3},
            {"district": "H", "class": "regular", "ready": "2024-01-01", "count": 2}]},
    }))
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({
        "format": "ektp-solution/1", "instance": "two-queues",
        "objective": {"deadline_misses": 0, "waiting_days": 24, "transfer_cost": 0},
        "prints": [{"date": "2024-01-01", "printer": "H1", "district": "H",
                    "class": "regular", "count": 1}],
        "transfers": [],
    }))
    ids = ["cohort-2-1", "cohort-2-0", "cohort-0-1", "cohort-0-0", "cohort-1-2"]
    result = lookup(runner, instance, plan, *ids)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "cohort-2-1: not within the plan; 2 of queue H/regular ahead still waiting",
        "cohort-2-0: not within the plan; 1 of queue H/regular ahead still waiting",
        "cohort-0-1: not within the plan; 0 of queue H/regular ahead still waiting",
        "cohort-0-0: printer H1 (H) prints it on 2024-01-01, home 2024-01-01",
        "cohort-1-2: not within the plan; 2 of queue N/regular ahead still waiting",
    ]
