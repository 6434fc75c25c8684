"""Print lists from a written plan: exact rows (CSV, Excel), print order, NIKs as text, bad input.

tests/data/reroute-tiny.plan.json is the optimum worked by hand in tests/commands/test_cli.py:
A1 prints one card a day (2024-01-01, -02, -03) and B1 one on 2024-01-02 (home a day
later), one blank sent A -> B on 2024-01-01 (lead 1: it arrives on the 2nd). Cards in
order (print day, home day, printer): 01-01 A1; 01-02 A1 (home 01-02) before B1 (home
01-03); 01-03 A1. So cohort-0-0, -1, -2, -3 get A1 01-01, A1 01-02, B1 01-02, A1 01-03.
Blanks left after each day: A 10 -1 printed -1 sent = 8, then 7, then 6; B 0, then
0 + 1 arrived - 1 printed = 0, then 0.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from scheduler.cli import cli
from scheduler.files import xlsx_stream
from scheduler.files.paper import signature_lines
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import read_instance
from scheduler.plan.assignment import assign_first_come
from scheduler.plan.read import read_solution
from scheduler.supervisor import print_list_files
from scheduler.supervisor.print_list import print_lists
from tests.support.paths import TINY, TINY_PLAN
from tests.support.pdf import dark_pixels, keep_artifact, pdf_text, render_pages

HEADER = ("position", "applicant_id", "district", "class", "ready", "dispatch")


def run(runner: CliRunner, *args: object) -> Any:
    return runner.invoke(cli, ["print-list", *map(str, args)])


def sheet_rows(path: Path, name: str) -> list[tuple[Any, ...]]:
    sheet = load_workbook(path)[name]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_csv_lists_the_whole_horizon_in_print_order(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "lists.csv"
    result = run(runner, TINY, TINY_PLAN, "-o", out)
    assert result.exit_code == 0, result.output
    assert "wrote 4 card(s) on 2 printer(s)" in result.output
    with out.open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["printer", "date", *HEADER],
        ["A1", "2024-01-01", "1", "cohort-0-0", "A", "regular", "2023-12-31", ""],
        ["A1", "2024-01-02", "1", "cohort-0-1", "A", "regular", "2023-12-31", ""],
        ["A1", "2024-01-03", "1", "cohort-0-3", "A", "regular", "2023-12-31", ""],
        ["B1", "2024-01-02", "1", "cohort-0-2", "A", "regular", "2023-12-31",
         "to A (home 2024-01-03)"],
    ]


def test_csv_of_one_date(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "day.csv"
    assert run(runner, TINY, TINY_PLAN, "--date", "2024-01-03", "-o", out).exit_code == 0
    with out.open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1:] == [["A1", "2024-01-03", "1", "cohort-0-3", "A", "regular", "2023-12-31", ""]]


HEADINGS = ("Date", "No.", "Applicant id (NIK)", "District", "Class", "Ready", "Dispatch",
            "Signature", "Printed ✓")
EMPTY = (None,) * 9
SIGNATURES = [(line, *(None,) * 8) for line in signature_lines(
    ["Operator", "Supervisor (Kasie Identitas)"])]


def top(office: str, printer: str, dates: str, cards: int) -> list[tuple[Any, ...]]:
    """The sheet's first six rows: its lines, an empty row, the column names."""
    return [("Office", office, *(None,) * 7), ("Printer", printer, *(None,) * 7),
            ("Date", dates, *(None,) * 7), ("Cards", cards, *(None,) * 7), EMPTY, HEADINGS]


def day_block(heading: str, *cards: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """A day: its heading, its cards (signature and tick cells empty), the signatures."""
    return [(heading, *(None,) * 8), *[(*c, None, None) for c in cards], EMPTY, *SIGNATURES]


def test_xlsx_of_one_date_has_a_sheet_per_printer_ready_to_print(
        runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "day.xlsx"
    result = run(runner, TINY, TINY_PLAN, "--date", "2024-01-02", "-o", out)
    assert result.exit_code == 0, result.output
    assert load_workbook(out).sheetnames == ["A1", "B1"]
    assert sheet_rows(out, "A1") == top("A", "A1", "2024-01-02", 1) + day_block(
        "2024-01-02: 1 card(s); blanks left after the day: 7",
        ("2024-01-02", 1, "cohort-0-1", "A", "regular", "2023-12-31", None))
    assert sheet_rows(out, "B1") == top("B", "B1", "2024-01-02", 1) + day_block(
        "2024-01-02: 1 card(s); blanks left after the day: 0",  # 1 arrived, 1 printed
        ("2024-01-02", 1, "cohort-0-2", "A", "regular", "2023-12-31", "to A (home 2024-01-03)"))
    sheet = load_workbook(out)["B1"]
    # Columns sized to their longest content or name + 2: the date (10), "No." (3),
    # "Applicant id (NIK)" (18), "District" (8), "regular" (7), "2023-12-31" (10),
    # "to A (home 2024-01-03)" (22), the signature (20), "Printed ✓" (9).
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHI"]
    assert widths == [12, 5, 20, 10, 9, 12, 24, 22, 11]
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$6:$6"
    assert sheet.oddHeader.left.text == "Print list B1 · B"
    assert sheet.oddHeader.right.text == "2024-01-02"
    assert sheet.oddFooter.center.text == "page &P of &N"


def test_xlsx_of_the_horizon_has_a_page_per_printing_day(runner: CliRunner,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    assert run(runner, TINY, TINY_PLAN, "-o", out).exit_code == 0
    assert sheet_rows(out, "A1") == top("A", "A1", "2024-01-01 .. 2024-01-03", 3) + [
        *day_block("2024-01-01: 1 card(s); blanks left after the day: 8",
                   ("2024-01-01", 1, "cohort-0-0", "A", "regular", "2023-12-31", None)),
        *day_block("2024-01-02: 1 card(s); blanks left after the day: 7",
                   ("2024-01-02", 1, "cohort-0-1", "A", "regular", "2023-12-31", None)),
        *day_block("2024-01-03: 1 card(s); blanks left after the day: 6",
                   ("2024-01-03", 1, "cohort-0-3", "A", "regular", "2023-12-31", None)),
    ]
    # Days of 5 rows (heading, card, empty, 2 signatures) from row 7: new pages at 12 and 17.
    assert [b.id for b in load_workbook(out)["A1"].row_breaks.brk] == [11, 16]
    assert len(sheet_rows(out, "B1")) == 6 + 5


def test_a_printer_list_over_the_row_limit_goes_on_in_a_second_sheet(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_stream, "EXCEL_MAX_ROWS", 14)
    out = tmp_path / "all.xlsx"
    assert run(runner, TINY, TINY_PLAN, "-o", out).exit_code == 0
    # A1: rows 1-6 top, day 1 on rows 7-11, day 2's heading and card on 12 and 13; its
    # signature block (an empty row, two lines) does not fit in row 14: "A1 (2)" has it
    # after its top rows, then day 3.
    assert load_workbook(out).sheetnames == ["A1", "A1 (2)", "B1"]
    assert len(sheet_rows(out, "A1")) == 13
    second = sheet_rows(out, "A1 (2)")
    assert second[:6] == top("A", "A1", "2024-01-01 .. 2024-01-03", 3)
    assert second[6:9] == [EMPTY, *SIGNATURES]
    assert second[9][0] == "2024-01-03: 1 card(s); blanks left after the day: 6"
    assert all(len(sheet_rows(out, name)) <= 14 for name in ("A1", "A1 (2)", "B1"))


def test_the_pdf_has_a_page_per_printer_day_with_ink(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    result = run(runner, TINY, TINY_PLAN, "-o", out)
    assert result.exit_code == 0, result.output
    # Every day's list (one card, its heading, the signatures) fits a page: A1 prints on 3
    # days, B1 on one: 4 pages.
    pages = render_pages(out, tmp_path / "png")
    assert len(pages) == 4
    assert all(dark_pixels(page) > 500 for page in pages)
    text = pdf_text(out)
    assert "page 4 of 4" in text and "to A (home 2024-01-03)" in text
    assert "Operator: ____" in text and "Supervisor (Kasie Identitas): ____" in text
    keep_artifact(out, "print-list-page1.png")


def test_a_printer_without_any_card_gets_a_short_sheet(runner: CliRunner,
                                                       tmp_path: Path) -> None:
    # One card only (A1, 2024-01-01): waiting 0 + 3 + 3 + 3 = 9; B1 never prints.
    plan = json.loads(TINY_PLAN.read_text())
    plan.update(prints=plan["prints"][:1], transfers=[],
                objective={"deadline_misses": 0, "waiting_days": 9, "transfer_cost": 0})
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    out = tmp_path / "all.xlsx"
    assert run(runner, TINY, path, "-o", out).exit_code == 0
    assert sheet_rows(out, "B1") == top("B", "B1", None, 0)
    assert len(sheet_rows(out, "A1")) == 6 + 5


# Queue order within a printer-day: the printer's own district first, then the other
# districts in instance order (C is listed before A), classes in instance order (vip
# before regular), applicants first-come. B1 (capacity 10, 10 blanks) prints all 6
# applicants on day 0 along links of lead 0 and cost 0, so every wait is 0: objective 0.
ORDER_INSTANCE = {
    "format": "ektp-instance/1", "name": "order", "horizon": {"start": "2024-01-01", "days": 2},
    "classes": [{"id": "vip", "weight": 2}, {"id": "regular", "weight": 1}],
    "districts": [{"id": "C"}, {"id": "B", "blanks": 10}, {"id": "A"}],
    "printers": [{"id": "B1", "district": "B", "capacity": 10}],
    "links": [{"from": "A", "to": "B"}, {"from": "C", "to": "B"}],
    "queue": {"cohorts": [
        {"district": "A", "class": "regular", "ready": "2023-12-01", "count": 2},  # cohort 0
        {"district": "B", "class": "regular", "ready": "2023-12-01", "count": 1},  # cohort 1
        {"district": "B", "class": "vip", "ready": "2023-12-02", "count": 1},  # cohort 2
        {"district": "B", "class": "regular", "ready": "2023-12-03", "count": 1},  # cohort 3
        {"district": "C", "class": "regular", "ready": "2023-12-04", "count": 1},  # cohort 4
    ]},
}


def test_queues_come_own_district_first_then_instance_order(runner: CliRunner,
                                                            tmp_path: Path) -> None:
    instance = tmp_path / "order.json"
    instance.write_text(json.dumps(ORDER_INSTANCE))
    plan = tmp_path / "plan.json"
    prints = [("A", "regular", 2), ("B", "regular", 2), ("B", "vip", 1), ("C", "regular", 1)]
    plan.write_text(json.dumps({
        "format": "ektp-solution/1", "instance": "order",
        "objective": {"deadline_misses": 0, "waiting_days": 0, "transfer_cost": 0},
        "prints": [{"date": "2024-01-01", "printer": "B1", "district": d, "class": c, "count": n}
                   for d, c, n in prints],
        "transfers": [],
    }))
    out = tmp_path / "lists.csv"
    result = run(runner, instance, plan, "--date", "2024-01-01", "-o", out)
    assert result.exit_code == 0, result.output
    with out.open(newline="") as handle:
        rows = [(r["position"], r["applicant_id"], r["district"], r["class"], r["dispatch"])
                for r in csv.DictReader(handle)]
    assert rows == [
        ("1", "cohort-2-0", "B", "vip", ""),
        ("2", "cohort-1-0", "B", "regular", ""),
        ("3", "cohort-3-0", "B", "regular", ""),
        ("4", "cohort-4-0", "C", "regular", "to C (home 2024-01-01)"),
        ("5", "cohort-0-0", "A", "regular", "to A (home 2024-01-01)"),
        ("6", "cohort-0-1", "A", "regular", "to A (home 2024-01-01)"),
    ]


NIKS = ("0012345678901234", "3527014507890142")


def write_nik_instance(tmp_path: Path) -> tuple[Path, Path]:
    """Two NIK applicants of district 35.27 (one with leading zeros), both printed on day 0."""
    (tmp_path / "applicants.csv").write_text(
        "applicant_id,district,ready\n"
        f"{NIKS[1]},35.27,2024-01-01\n{NIKS[0]},35.27,2024-01-01\n"
    )
    instance = tmp_path / "nik.json"
    instance.write_text(json.dumps({
        "format": "ektp-instance/1", "name": "nik", "horizon": {"start": "2024-01-01", "days": 1},
        "districts": [{"id": "35.27", "name": "Sampang", "blanks": 5,
                       "workdays": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}],
        "printers": [{"id": "P1", "district": "35.27", "capacity": 5}],
        "queue": {"file": "applicants.csv"},
    }))
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({
        "format": "ektp-solution/1", "instance": "nik",
        "objective": {"deadline_misses": 0, "waiting_days": 0, "transfer_cost": 0},
        "prints": [{"date": "2024-01-01", "printer": "P1", "district": "35.27",
                    "class": "regular", "count": 2}],
        "transfers": [],
    }))
    return instance, plan


def test_niks_and_district_codes_are_text_cells(runner: CliRunner, tmp_path: Path) -> None:
    instance, plan = write_nik_instance(tmp_path)
    out = tmp_path / "nik.xlsx"
    result = run(runner, instance, plan, "--date", "2024-01-01", "-o", out)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out)["P1"]
    assert sheet["B1"].value == "35.27 Sampang"
    # Same ready day: first-come by id, so the leading-zero NIK comes first.
    for row, nik in ((8, NIKS[0]), (9, NIKS[1])):
        cell = sheet.cell(row=row, column=3)
        assert cell.value == nik and cell.data_type == "s" and cell.number_format == "@"
        district = sheet.cell(row=row, column=4)
        assert district.value == "35.27" and district.number_format == "@"
    csv_out = tmp_path / "nik.csv"
    assert run(runner, instance, plan, "-o", csv_out).exit_code == 0
    assert [r["applicant_id"] for r in csv.DictReader(csv_out.open())] == list(NIKS)


def test_a_printer_without_cards_gets_an_empty_list() -> None:
    calendar = build_calendar(read_instance(TINY))
    result = read_solution(calendar.instance, TINY_PLAN).result
    lists = print_lists(calendar, result, assign_first_come(calendar, result), day=0)
    b1 = lists[1]
    assert (b1.printer, b1.office) == ("B1", "B")
    assert [(d.date.isoformat(), d.blanks_left, d.cards, list(d.rows())) for d in b1.days] == [
        ("2024-01-01", 0, 0, [])
    ]
    horizon = print_lists(calendar, result, assign_first_come(calendar, result))
    assert [d.date.day for d in horizon[1].days] == [2]  # only the day B1 prints


def tiny_plan(**changes: Any) -> dict[str, Any]:
    plan: dict[str, Any] = json.loads(TINY_PLAN.read_text())
    for key, value in changes.items():
        field, _, sub = key.partition("__")
        if sub:
            plan[field][0][sub] = value
        else:
            plan[field] = value
    return plan


@pytest.mark.parametrize("plan, args, expected", [
    (tiny_plan(prints__printer="Z9"), (), "prints[0].printer: unknown printer 'Z9'"),
    (tiny_plan(prints__district="Q"), (), "prints[0].district: unknown district 'Q'"),
    (tiny_plan(prints__class="vip"), (), "prints[0].class: unknown class 'vip'"),
    (tiny_plan(prints__date="2024-02-01"), (),
     "prints[0].date: 2024-02-01 is outside the horizon 2024-01-01 .. 2024-01-03"),
    (tiny_plan(prints__count=-1), (), "prints[0].count: must be a whole number >= 0, got -1"),
    (tiny_plan(transfers__to="A"), (), "transfers[0]: there is no link A -> A"),
    (tiny_plan(instance="other"), (), "instance: the solution is for 'other', not 'reroute-tiny'"),
    # Valid rows, but two cards on A1 (capacity 1) on 2024-01-01: refused, never printed from.
    (tiny_plan(prints__count=2), (), "the plan does not validate against"),
    (tiny_plan(), ("--date", "2024-01-04"),
     "--date: 2024-01-04 is outside the horizon 2024-01-01 .. 2024-01-03"),
    (tiny_plan(), ("--date", "4 Jan"), "--date: not an ISO date (YYYY-MM-DD): '4 Jan'"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_written(
        runner: CliRunner, tmp_path: Path, plan: dict[str, Any], args: tuple[str, ...],
        expected: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    out = tmp_path / "lists.xlsx"
    out.write_text("yesterday's lists")
    result = run(runner, TINY, path, *args, "-o", out)
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and expected in lines[0], lines
    assert out.read_text() == "yesterday's lists"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lists.xlsx", "plan.json"]


def test_an_invalid_plan_names_its_first_violation(runner: CliRunner, tmp_path: Path) -> None:
    # Rows as the optimum, but a stated waiting of 6 where the plan's is 5 (0 + 1 + 2 + 2).
    plan = tiny_plan(objective={"deadline_misses": 0, "waiting_days": 6, "transfer_cost": 4})
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    result = run(runner, TINY, path, "-o", tmp_path / "lists.csv")
    assert result.exit_code == 2
    assert "objective.waiting_days: stated 6 != recomputed 5" in result.output
    assert "and " not in result.output.split("recomputed 5")[1]  # the only violation
    assert not (tmp_path / "lists.csv").exists()


def test_output_must_be_xlsx_pdf_or_csv(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, TINY, TINY_PLAN, "-o", tmp_path / "lists.txt")
    assert result.exit_code == 2
    assert "lists.txt: expected a .xlsx, .pdf or .csv file name, got '.txt'" in result.output


def test_a_pdf_too_long_to_print_is_refused(runner: CliRunner, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(print_list_files, "PDF_MAX_PAGES", 3)
    result = run(runner, TINY, TINY_PLAN, "-o", tmp_path / "all.pdf")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"error: {tmp_path / 'all.pdf'}: 4 pages is too long a PDF to print (at most 3): "
        "give --date for one day's lists, or write .xlsx"]
    assert list(tmp_path.iterdir()) == []


def test_help_gives_an_example(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["print-list", "--help"])
    assert result.exit_code == 0
    assert "ektp-sched print-list instances/pelalawan-2017.json" in result.output
