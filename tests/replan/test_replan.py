"""Re-planning (`ektp-sched replan`): the rebased instance, the new plan, moved cards, bad input.

instances/tiny/reroute-tiny.json (worked in tests/commands/test_cli.py): A prints 1 a day
(A1), B may print 1 of A's cards a day (B1, lead 1, cost 2) with blanks sent from A (cost 2);
4 applicants ready at day 0, 3 days from 2024-01-01. Its optimum (0, 5, 4): day 0 A1 prints
1 and A sends 1 blank to B (arrives day 1); day 1 A1 1 and B1 1 (home day 2); day 2 A1 1.

As of 2024-01-02 with that plan done on day 0 (by hand):
- new instance: 2 days from 2024-01-02, 3 applicants; A's stock 10 − 1 printed − 1 sent = 8;
  B's blank in transit arrives 2024-01-02: a delivery of 1 that day; B's stock 0.
- new optimum: day 0' A1 1 (home 0') and B1 1 (home 1'), day 1' A1 1 (home 1'):
  waiting 0 + 1 + 1 = 2; transfer 2 (one card at B; the blank is already on its way).
  Without B the third card would wait to the end: 0 + 1 + 2 = 3. So (0, 2, 2).
- the previous plan's remaining cards are exactly these: moved 0.

With an outage of A1 on 2024-01-02 (event): day 0' only B1 prints (1 card, home 1'), day 1'
A1 1; a card at B on day 1' is home at 2' = the end and saves nothing. Waiting 1 + 1 + 2 = 4,
transfer 2; the previous (A, A1, 2024-01-02) card is not printed there: moved 1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.instance.reader import read_instance
from tests.support.paths import TINY


def _previous(runner: CliRunner, tmp_path: Path, instance: Path = TINY) -> Path:
    plan = tmp_path / "previous.json"
    result = runner.invoke(cli, ["solve", str(instance), "-o", str(plan), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return plan


def _replan(runner: CliRunner, tmp_path: Path, previous: Path, *extra: str,
            instance: Path = TINY, as_of: str = "2024-01-02") -> tuple[int, str]:
    # A re-plan never replaces the files it derives beside its outputs (issue 13): a test
    # that re-plans into the same names removes the last run's first, as a person would.
    for derived in ("new.printed.csv", "new-instance.queue.csv"):
        (tmp_path / derived).unlink(missing_ok=True)
    result = runner.invoke(cli, [
        "replan", str(instance), str(previous), "--as-of", as_of, "-o",
        str(tmp_path / "new.json"), "--instance-out", str(tmp_path / "new-instance.json"),
        "--workers", "1", *extra,
    ])
    return result.exit_code, result.output


def test_plan_taken_as_done_gives_the_hand_worked_instance_and_plan(
        runner: CliRunner, tmp_path: Path) -> None:
    code, output = _replan(runner, tmp_path, _previous(runner, tmp_path))
    assert code == 0, output
    instance = read_instance(tmp_path / "new-instance.json")
    assert (instance.start.isoformat(), instance.days) == ("2024-01-02", 2)
    assert instance.applicant_count == 3
    assert {d.id: d.blanks for d in instance.districts} == {"A": 8, "B": 0}
    assert [(d.district, d.date.isoformat(), d.blanks) for d in instance.deliveries] == [
        ("B", "2024-01-02", 1)]
    plan = json.loads((tmp_path / "new.json").read_text())
    assert plan["objective"] == {"deadline_misses": 0, "waiting_days": 2, "transfer_cost": 2}
    assert plan["solver"]["moved"] == 0
    assert plan["solver"]["stages"][-1]["name"] == "moved"
    assert "moved: 0 of the previous plan's 3 card(s)" in output
    check = runner.invoke(cli, ["validate", str(tmp_path / "new-instance.json"),
                                str(tmp_path / "new.json")])
    assert check.exit_code == 0, check.output


def test_an_outage_event_moves_one_card(runner: CliRunner, tmp_path: Path) -> None:
    events = tmp_path / "events.json"
    events.write_text(json.dumps({"outages": [
        {"printer": "A1", "start": "2024-01-02", "end": "2024-01-02", "capacity": 0}]}))
    code, output = _replan(runner, tmp_path, _previous(runner, tmp_path),
                           "--events", str(events))
    assert code == 0, output
    plan = json.loads((tmp_path / "new.json").read_text())
    assert plan["objective"] == {"deadline_misses": 0, "waiting_days": 4, "transfer_cost": 2}
    assert plan["solver"]["moved"] == 1


def test_a_done_file_by_count_or_by_id_removes_those_applicants(
        runner: CliRunner, tmp_path: Path) -> None:
    previous = _previous(runner, tmp_path)
    # Nothing printed on day 0 although planned: 4 still wait, A keeps 10 − 1 sent = 9.
    done = tmp_path / "done.csv"
    done.write_text("district,class,count,printer,date\n")
    code, output = _replan(runner, tmp_path, previous, "--done", str(done))
    assert code == 0, output
    instance = read_instance(tmp_path / "new-instance.json")
    assert instance.applicant_count == 4
    assert {d.id: d.blanks for d in instance.districts} == {"A": 9, "B": 0}
    # The last applicant printed on day 0 (by id): 3 wait, A has 8.
    done.write_text("applicant_id,printer,date\ncohort-0-3,A1,2024-01-01\n")
    code, output = _replan(runner, tmp_path, previous, "--done", str(done))
    assert code == 0, output
    instance = read_instance(tmp_path / "new-instance.json")
    assert instance.applicant_count == 3
    assert {d.id: d.blanks for d in instance.districts} == {"A": 8, "B": 0}


LATE = {  # the tiny instance plus one applicant ready on 2024-01-02 (cohort-1-0)
    "cohorts": [{"district": "A", "class": "regular", "ready": "2023-12-31", "count": 4},
                {"district": "A", "class": "regular", "ready": "2024-01-02", "count": 1}]}

BAD = [
    ("done", "nik,printer,date\nx,A1,2024-01-01\n", "line 1", "columns must be"),
    ("done", "applicant_id,printer,date\ncohort-0-9,A1,2024-01-01\n", "line 2",
     "unknown applicant"),
    ("done", "applicant_id,printer,date\ncohort-0-0,A1,2024-01-01\ncohort-0-0,A1,2024-01-01\n",
     "line 3", "printed twice"),
    ("done", "applicant_id,printer,date\ncohort-0-0,A1,2024-01-01\ncohort-0-1,A1,2024-01-01\n",
     "line 3", "more than capacity"),
    ("done", "applicant_id,printer,date\ncohort-1-0,A1,2024-01-01\n", "line 2",
     "before the applicant's ready date"),
    ("done", "applicant_id,printer,date\ncohort-0-0,A1,2024-01-02\n", "line 2",
     "not before the re-planning date"),
    ("done", "applicant_id,printer,date\ncohort-0-0,Z9,2024-01-01\n", "line 2",
     "unknown printer"),
    ("done", "applicant_id,printer,date\ncohort-0-0,B1,2024-01-01\n", "line 2",
     "no blank left"),
    ("done", "district,class,count,printer,date\nA,regular,2,B1,2024-01-01\n", "line 2",
     "daily limit"),
    ("done", "district,class,count,printer,date\nA,vip,1,A1,2024-01-01\n", "line 2",
     "unknown queue"),
    ("events", {"repairs": [{"printer": "Z9", "date": "2024-01-02"}]}, "repairs[0].printer",
     "unknown printer"),
    ("events", {"repairs": [{"printer": "A1", "date": "2024-01-02"}]}, "repairs[0]",
     "no outage"),
    ("events", {"outages": [{"printer": "Z9", "start": "2024-01-02", "end": "2024-01-02"}]},
     "outages[0].printer", "unknown printer"),
    ("events", {"strikes": []}, "strikes", "unknown field"),
]


@pytest.mark.parametrize(("kind", "content", "where", "what"), BAD)
def test_bad_done_and_events_rows_are_refused_and_nothing_is_written(
        runner: CliRunner, tmp_path: Path, kind: str, content: object, where: str,
        what: str) -> None:
    instance = tmp_path / "late.json"
    instance.write_text(json.dumps({**json.loads(TINY.read_text()), "queue": LATE}))
    previous = _previous(runner, tmp_path, instance)
    given = tmp_path / (f"{kind}.csv" if kind == "done" else f"{kind}.json")
    given.write_text(content if isinstance(content, str) else json.dumps(content))
    code, output = _replan(runner, tmp_path, previous, f"--{kind}", str(given),
                           instance=instance)
    assert code == 2, output
    assert output.count("\n") == 1
    assert f"{given}: {where}: " in output and what in output
    assert not (tmp_path / "new.json").exists()
    assert not (tmp_path / "new-instance.json").exists()


@pytest.mark.parametrize("as_of", ["2023-12-31", "2024-01-04", "2024-13-01"])
def test_a_date_outside_the_horizon_is_refused(runner: CliRunner, tmp_path: Path,
                                               as_of: str) -> None:
    code, output = _replan(runner, tmp_path, _previous(runner, tmp_path), as_of=as_of)
    assert code == 2 and "--as-of" in output
    assert not (tmp_path / "new.json").exists()


def test_side_constraints_replan_with_cpsat_from_the_previous_plan(
        runner: CliRunner, tmp_path: Path) -> None:
    # B1 gets a minimum batch of 2 while the link lets B print at most 1 of A's cards a
    # day: B can never print. A prints 1 a day: home days 0, 1, 2 and one card never,
    # waiting 0 + 1 + 2 + 3 = 6, nothing worth sending. CP-SAT solves it (a side
    # constraint binds). As of 2024-01-02 with day 0 done: 3 applicants, 2 days, A's
    # stock 10 − 1 = 9; A1 prints on both days: waiting 0 + 1 + 2 = 3; the previous
    # plan's two remaining cards stay where they were: moved 0.
    doc = json.loads(TINY.read_text())
    doc["printers"][1]["min_batch"] = 2
    instance = tmp_path / "batch.json"
    instance.write_text(json.dumps(doc))
    previous = _previous(runner, tmp_path, instance)
    before = json.loads(previous.read_text())
    assert before["solver"]["engine"] == "cpsat"
    assert before["objective"] == {"deadline_misses": 0, "waiting_days": 6, "transfer_cost": 0}
    code, output = _replan(runner, tmp_path, previous, instance=instance)
    assert code == 0, output
    plan = json.loads((tmp_path / "new.json").read_text())
    assert plan["objective"] == {"deadline_misses": 0, "waiting_days": 3, "transfer_cost": 0}
    assert plan["solver"]["moved"] == 0
    assert {d.id: d.blanks for d in read_instance(tmp_path / "new-instance.json").districts} == {
        "A": 9, "B": 0}
