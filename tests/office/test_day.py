"""The office's whole day on a ledger, on SQLite and PostgreSQL, with hand-worked figures.

tests/office/data/office-tiny.json: 5 days from Monday 2024-01-01. A (10 blanks, printer
A1 2 a day), B (10 blanks, B1 1 a day), C (2 blanks, C1 1 a day); B may print 1 of A's
cards a day (link A->B, lead 1, cost 1). Cohorts: 0 = 5 of A, 1 = 1 of B, 2 = 3 of C, all
ready 2024-01-01. The import adds two of B with NIKs: ...0001 ready 02-01-2024 (DD-MM-YYYY)
and ...0002 ready Excel day 45293 (= 2024-01-02).

Plan 1 as of 2024-01-01 (worked by hand):
- A: A1 prints 2, 2, 1 on days 0, 1, 2 (cohort-0-0, 0-1 | 0-2, 0-3 | 0-4): waits 0+0+1+1+2 = 4.
  B printing A's fifth on day 1 brings it home on day 2 too, at cost 1: not taken.
- B: B1 prints cohort-1-0 on day 0, NIK ...0001 day 1, ...0002 day 2 (ties by id): waits
  0 + 0 + 1 = 1.
- C: two blanks: cohort-2-0 day 0, 2-1 day 1; cohort-2-2 waits to the end: 0 + 1 + 5 = 6.
- objective (0, 4 + 1 + 6, 0) = (0, 11, 0).
Day 2024-01-01: A's operator prints cohort-0-0 only (ticked in the .xlsx; 0-1 left blank);
B1 as planned (cohort-1-0); C records nothing. Event: A1 out of order on 2024-01-02.
Plan 2, re-plan as of 2024-01-02 (4 days, Tue..Fri, indices 0..3):
- A: cohort-0-1..0-4 wait (ready before the start: day 0); A1 prints nothing on day 0, then
  2 on day 1 (0-1, 0-2) and 2 on day 2 (0-3, 0-4): waits 1+1+2+2 = 6. B1 printing one of
  A's on day 0 (home day 1) would push B's own two to days 1, 2: 5 + 3 = 8 > 6 + 1.
- B: ...0001 day 0, ...0002 day 1: 0 + 1 = 1.  C: nothing recorded, so three wait:
  2-0 day 0, 2-1 day 1, 2-2 to the end: 0 + 1 + 4 = 5.  Objective (0, 12, 0).
- moved cards (closeness): plan 1 from 2024-01-02 had (A, A1, 01-02) 2 cards that plan 2
  cannot print there, the rest stays: moved = 2.
- applicants whose date moved (changes --since 1): cohort-0-1 (01-01 -> 01-03),
  0-2 (01-02 -> 01-03), 0-3 (01-02 -> 01-04), 0-4 (01-03 -> 01-04), 2-0 (01-01 -> 01-02),
  2-1 (01-02 -> 01-03): 6. B's NIKs keep their days; cohort-2-2 has no card in either.
- cohort-2-2: 0 ahead (rank 2 - 2 cards of C); C's pace 2 cards in 4 days = 0.5 a day
  (busiest window: the whole 4 days, also 0.5): 1 / 0.5 = 2 days after 2024-01-05.
"""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from tests.office.conftest import TINY, office

NIK1, NIK2 = "3527010101010001", "3527010101010002"


def write_siak(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["NIK", "KODE_WIL", "TGL_REKAM", "nama", "alamat"])
        writer.writerow([NIK1, "B", "02-01-2024", "Siti Aminah", "Jl. Mawar 1"])
        writer.writerow([NIK2, "B", "45293", "Budi Santoso", "Jl. Melati 2"])
    return path


def tick(path: Path, sheet: str, ticks: dict[str, str]) -> None:
    """Tick the work order as a person does in Excel: a mark in the last column."""
    workbook = load_workbook(path)
    rows = list(workbook[sheet].iter_rows(min_row=8))
    last = max(i for i, cell in enumerate(rows[0]) if cell.value is not None)
    for row in rows[1:]:
        if row[1].value in ticks:
            row[last].value = ticks[row[1].value]
    workbook.save(path)


def test_the_whole_day(ledger: str, runner: CliRunner, tmp_path: Path) -> None:
    def run(*args: str) -> str:
        code, output = office(runner, ledger, *args)
        assert code == 0, output
        return output

    run("init", "--instance", str(TINY))
    said = run("import", str(write_siak(tmp_path / "siak.csv")),
               "--columns", "NIK=applicant_id,KODE_WIL=district,TGL_REKAM=ready")
    assert "2 row(s): 2 added, 0 updated" in said
    said = run("plan")
    assert "plan 1 as of 2024-01-01: OPTIMAL (misses 0, waiting 11, transfers 0)" in said

    said = run("lookup", "cohort-0-1", NIK2, "cohort-2-2")
    lines = said.splitlines()
    assert lines[0] == ("cohort-0-1: planned for 2024-01-01 at A1 (A); ready for pickup at "
                        "office A from 2024-01-01")
    assert lines[1] == ("3527**********02 (Budi Santoso, Jl. Melati 2): planned for "
                        "2024-01-03 at B1 (B); ready for pickup at office B from 2024-01-03")
    # Plan 1: C's 2 cards in 5 days, 0.4 a day: 1 / 0.4 -> 3 days after 2024-01-05.
    assert lines[2] == ("cohort-2-2: not within plan 1 (to 2024-01-05); 0 of queue C/regular "
                        "ahead; at the plan's pace about 2024-01-08 .. 2024-01-08")

    order = tmp_path / "a.xlsx"
    said = run("today", "--date", "2024-01-01", "--district", "A", "-o", str(order))
    assert "printer A1: 2 card(s)" in said and "expected blanks at the end of the day: 8" in said
    sheet = load_workbook(order)["A1"]
    assert [sheet.cell(row=r, column=2).value for r in (9, 10)] == ["cohort-0-0", "cohort-0-1"]
    tick(order, "A1", {"cohort-0-0": "x"})
    said = run("done", "--date", "2024-01-01", str(order))
    assert "1 card(s) recorded printed (A1 1); 1 listed not printed" in said
    run("done", "--date", "2024-01-01", "--as-planned", "--printer", "B1")

    events = tmp_path / "outage.json"
    events.write_text('{"outages": [{"printer": "A1", "start": "2024-01-02", '
                      '"end": "2024-01-02", "capacity": 0}]}')
    run("event", str(events))
    said = run("replan", "--as-of", "2024-01-02")
    assert "plan 2 as of 2024-01-02: OPTIMAL (misses 0, waiting 12, transfers 0)" in said
    assert "6 date(s) moved" in said and "moved: 2 of the previous plan's cards" in said

    said = run("lookup", "cohort-0-0", "cohort-0-1", NIK1, "nobody", "cohort-2-2", "--show-ids")
    assert said.splitlines() == [
        "cohort-0-0: printed on 2024-01-01 at A1 (A); ready for pickup at office A from "
        "2024-01-01",
        "cohort-0-1: planned for 2024-01-03 at A1 (A); ready for pickup at office A from "
        f"2024-01-03 (moved from 2024-01-01 by plan 2 on {_made(run, 2)})",
        f"{NIK1} (Siti Aminah, Jl. Mawar 1): planned for 2024-01-02 at B1 (B); ready for "
        "pickup at office B from 2024-01-02",
        "nobody: unknown id (not in the ledger)",
        "cohort-2-2: not within plan 2 (to 2024-01-05); 0 of queue C/regular ahead; at the "
        "plan's pace about 2024-01-07 .. 2024-01-07",
    ]

    notices = tmp_path / "notify.csv"
    said = run("changes", "--since", "1", "-o", str(notices))
    assert "6 applicant(s) moved between plan 1 and plan 2" in said
    with notices.open(encoding="utf-8") as handle:
        moved = {row["applicant_id"]: (row["old_print_date"], row["new_print_date"])
                 for row in csv.DictReader(handle)}
    assert moved == {"cohort-0-1": ("2024-01-01", "2024-01-03"),
                     "cohort-0-2": ("2024-01-02", "2024-01-03"),
                     "cohort-0-3": ("2024-01-02", "2024-01-04"),
                     "cohort-0-4": ("2024-01-03", "2024-01-04"),
                     "cohort-2-0": ("2024-01-01", "2024-01-02"),
                     "cohort-2-1": ("2024-01-02", "2024-01-03")}
    said = run("today", "--date", "2024-01-02", "--district", "A")
    assert "printer A1 is out of order (2024-01-02 .. 2024-01-02): it prints nothing" in said
    assert "printer A1: 0 card(s)" in said
    said = run("history")
    assert said.count("OPTIMAL") == 2 and "6 date(s) moved" in said
    assert "all checks pass" in run("check")


def _made(run: object, number: int) -> str:
    """When version `number` was made, as `history` shows it."""
    assert callable(run)
    for line in run("history").splitlines():
        if line.startswith(f"plan {number}: made "):
            return str(line.split(" ")[3].rstrip(","))
    raise AssertionError(f"no plan {number}")
