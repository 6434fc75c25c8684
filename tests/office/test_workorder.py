"""The work order round trip: `today` writes it, a person ticks it, `done` reads it back;
contradictions are refused with their row and record nothing. Blanks to send in boxes.

office-tiny's plan 1 (tests/office/test_day.py): on 2024-01-01 A1 prints cohort-0-0 and
cohort-0-1 (capacity 2), B1 cohort-1-0, C1 cohort-2-0.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tests.office.conftest import TINY, office
from tests.office.test_day import tick


@pytest.fixture
def planned(sqlite_ledger: str, runner: CliRunner) -> str:
    assert office(runner, sqlite_ledger, "init", "--instance", str(TINY))[0] == 0
    assert office(runner, sqlite_ledger, "plan")[0] == 0
    return sqlite_ledger


def printed_count(runner: CliRunner, url: str) -> str:
    code, output = office(runner, url, "check")
    assert code == 0, output
    return output.split(", ")[1]


@pytest.mark.parametrize(("marks", "message"), [
    ({"cohort-0-0": "maybe"}, "sheet 'A1' row 9: 'maybe' is not a tick"),
    ({"cohort-0-0": "x", "cohort-0-1": "✓"}, None),
])
def test_ticks_are_read_or_refused_with_their_row(
        planned: str, runner: CliRunner, tmp_path: Path, marks: dict[str, str],
        message: str | None) -> None:
    order = tmp_path / "order.xlsx"
    assert office(runner, planned, "today", "--date", "2024-01-01", "-o", str(order))[0] == 0
    assert load_workbook(order).sheetnames == ["Summary", "A1", "B1", "C1"]
    tick(order, "A1", marks)
    code, output = office(runner, planned, "done", "--date", "2024-01-01", str(order))
    if message is None:
        assert code == 0 and "2 card(s) recorded printed (A1 2); 2 listed not printed" in output
        assert printed_count(runner, planned) == "2 printed"
    else:
        assert code == 2 and message in output
        assert printed_count(runner, planned) == "0 printed"


def test_contradictions_record_nothing(planned: str, runner: CliRunner, tmp_path: Path) -> None:
    order = tmp_path / "order.xlsx"
    office(runner, planned, "today", "--date", "2024-01-01", "-o", str(order))
    tick(order, "A1", {"cohort-0-0": "x"})
    code, output = office(runner, planned, "done", "--date", "2024-01-02", str(order))
    assert code == 2 and "sheet 'A1' row 9: this list is for 2024-01-01, not 2024-01-02" in output
    assert office(runner, planned, "done", "--date", "2024-01-01", str(order))[0] == 0
    code, output = office(runner, planned, "done", "--date", "2024-01-01", str(order))
    assert code == 2
    assert ("sheet 'A1' row 9: applicant cohort-0-0 is already recorded printed on 2024-01-01 "
            "at A1") in output
    by_hand = tmp_path / "by-hand.csv"
    by_hand.write_text("applicant_id,printer,date\ncohort-0-2,A1,2024-01-01\n"
                       "cohort-0-3,A1,2024-01-01\n")
    code, output = office(runner, planned, "done", "--date", "2024-01-01", str(by_hand))
    assert code == 2
    assert "line 3: printer A1 prints at most 2 cards on 2024-01-01, 3 recorded" in output
    assert printed_count(runner, planned) == "1 printed"


def test_the_csv_work_order_round_trips(planned: str, runner: CliRunner, tmp_path: Path) -> None:
    order = tmp_path / "order.csv"
    code, output = office(runner, planned, "today", "--date", "2024-01-01", "--district", "C",
                          "-o", str(order))
    assert code == 0, output
    rows = list(csv.DictReader(order.open(encoding="utf-8")))
    assert [(r["printer"], r["applicant_id"], r["printed"]) for r in rows] == [
        ("C1", "cohort-2-0", "")]
    order.write_text(order.read_text(encoding="utf-8").replace(",\n", ",ya\n"), encoding="utf-8")
    code, output = office(runner, planned, "done", "--date", "2024-01-01", str(order))
    assert code == 0 and "1 card(s) recorded printed (C1 1)" in output


def test_blanks_to_send_in_boxes_and_cards_to_dispatch(
        sqlite_ledger: str, runner: CliRunner, tmp_path: Path) -> None:
    """A (12 blanks, A1 2 a day) has 6 applicants ready on day 0 of 3; B (no blanks, B1 1 a
    day) may print A's cards (lead 0, cost 1) with blanks A sends in boxes of 2 (cost 1 each).
    A alone prints 2, 2, 2: waits 0+0+1+1+2+2 = 6. With B printing one on days 0 and 1 (the
    two blanks, one box, sent on day 0), 3 a day: waits 0+0+0+1+1+1 = 3 at cost 2 cards +
    2 blanks = 4; one card at B only gives 0+0+0+1+1+2 = 4. Optimum (0, 3, 4): on
    2024-01-01 A sends one box of 2 blanks and B prints one card for A, home the same day."""
    data = json.loads(TINY.read_text())
    data["districts"] = [{"id": "A", "blanks": 12}, {"id": "B", "blanks": 0}]
    data["printers"] = [{"id": "A1", "district": "A", "capacity": 2},
                        {"id": "B1", "district": "B", "capacity": 1}]
    data["links"] = [{"from": "A", "to": "B", "lead_days": 0, "cost": 1, "box": 2}]
    data["horizon"]["days"] = 3
    data["queue"] = {"cohorts": [{"district": "A", "ready": "2024-01-01", "count": 6}]}
    path = tmp_path / "boxes.json"
    path.write_text(json.dumps(data))
    assert office(runner, sqlite_ledger, "init", "--instance", str(path))[0] == 0
    code, output = office(runner, sqlite_ledger, "plan")
    assert code == 0, output
    code, output = office(runner, sqlite_ledger, "today", "--date", "2024-01-01",
                          "--district", "A")
    assert code == 0, output
    assert "send 2 blanks to B (1 box(es) of 2)" in output
    assert "1 cards printed at B arrive for pickup" in output
    assert "expected blanks at the end of the day: 8" in output  # 12 - 2 printed - 2 sent
    code, output = office(runner, sqlite_ledger, "today", "--date", "2024-01-01",
                          "--district", "B")
    assert "dispatch 1 cards printed for A (home 2024-01-01)" in output
