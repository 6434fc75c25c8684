"""The work order on paper: Excel page setup and signature block read back, the PDF
rendered page by page, names printed as written, and `done` still reading the ticks.

office-tiny's plan 1 (tests/office/test_day.py): on 2024-01-01 A1 prints cohort-0-0 and
cohort-0-1, B1 cohort-1-0, C1 cohort-2-0; on 2024-01-02 B1 prints the imported NIK1.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from scheduler.files.paper import signature_lines
from tests.office.conftest import TINY, office
from tests.office.test_day import NIK1, NIK2, tick
from tests.support.pdf import dark_pixels, keep_artifact, pdf_text, render_pages

NAME = 'Siti & <b>Aminah</b> "Ucok" Nur\'aini'


@pytest.fixture
def planned(sqlite_ledger: str, runner: CliRunner, tmp_path: Path) -> str:
    """office-tiny planned, with B's two NIKs imported, the first named NAME."""
    siak = tmp_path / "siak.csv"
    with siak.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["NIK", "KODE_WIL", "TGL_REKAM", "nama"])
        writer.writerow([NIK1, "B", "02-01-2024", NAME])
        writer.writerow([NIK2, "B", "45293", "Budi Santoso"])
    assert office(runner, sqlite_ledger, "init", "--instance", str(TINY))[0] == 0
    code, output = office(runner, sqlite_ledger, "import", str(siak), "--columns",
                          "NIK=applicant_id,KODE_WIL=district,TGL_REKAM=ready")
    assert code == 0, output
    assert office(runner, sqlite_ledger, "plan")[0] == 0
    return sqlite_ledger


def test_the_excel_work_order_prints_well_and_round_trips(
        planned: str, runner: CliRunner, tmp_path: Path) -> None:
    order = tmp_path / "order.xlsx"
    code, output = office(runner, planned, "today", "--date", "2024-01-01", "--district", "A",
                          "-o", str(order))
    assert code == 0, output
    book = load_workbook(order)
    assert book.sheetnames == ["Summary", "A1"]
    sheet = book["A1"]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[7] == ("No.", "NIK / registration", "nama", "District", "Class", "Ready",
                       "Dispatch", "Signature", "Printed (x)")
    assert [r[:2] for r in rows[8:10]] == [("1", "cohort-0-0"), ("2", "cohort-0-1")]
    assert rows[10] == (None,) * 9
    assert sheet.column_dimensions["H"].width == 22  # room to sign
    assert [r[0] for r in rows[11:]] == list(signature_lines(["Operator", "Kasie Identitas"]))
    for ws, titles in ((sheet, "$8:$8"), (book["Summary"], None)):
        assert ws.page_setup.orientation == "landscape"
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.print_title_rows == titles
        assert ws.oddHeader.right.text == "2024-01-01"
        assert ws.oddFooter.center.text == "page &P of &N"
    assert sheet.oddHeader.left.text == "Work order A1 · A Alpha"
    assert book["Summary"].oddHeader.left.text == "Work order · A Alpha"
    assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row if c.value)

    tick(order, "A1", {"cohort-0-0": "x"})
    code, output = office(runner, planned, "done", "--date", "2024-01-01", str(order))
    assert code == 0 and "1 card(s) recorded printed (A1 1); 1 listed not printed" in output


def test_a_card_added_below_the_list_is_refused(planned: str, runner: CliRunner,
                                                tmp_path: Path) -> None:
    order = tmp_path / "order.xlsx"
    office(runner, planned, "today", "--date", "2024-01-01", "--district", "A", "-o", str(order))
    book = load_workbook(order)
    book["A1"]["B11"] = "cohort-0-2"  # the empty row between the cards and the signatures
    book.save(order)
    code, output = office(runner, planned, "done", "--date", "2024-01-01", str(order))
    assert code == 2
    assert output.splitlines() == [
        f"error: {order}: sheet 'A1' row 11: below the list's 2 card(s): a row added by hand "
        "is not read; record such a card with a .csv (applicant_id,printer,date)"]


def test_the_pdf_work_order_has_every_page_and_names_as_written(
        planned: str, runner: CliRunner, tmp_path: Path) -> None:
    order = tmp_path / "order.pdf"
    code, output = office(runner, planned, "today", "--date", "2024-01-02", "-o", str(order),
                          "--show-ids")
    assert code == 0, output
    # The summary: a page per office (A, B, C); then a page per printer (A1, B1, C1), each
    # list short enough for one page with its signatures: 6 pages.
    pages = render_pages(order, tmp_path / "png")
    assert len(pages) == 6
    assert all(dark_pixels(page) > 500 for page in pages)
    text = pdf_text(order)
    assert NAME in text and NIK1 in text
    assert "page 6 of 6" in text and "Work order B1 · B" in text
    assert "Kasie Identitas: ____" in text
    keep_artifact(order, "work-order-page1.png")
    code, output = office(runner, planned, "done", "--date", "2024-01-02", str(order))
    assert code == 2 and "a PDF is ticked on paper, not read back" in output
