"""The streamed .xlsx read back by openpyxl: rows, cell types, page setup, sheet splits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from scheduler.files import xlsx_stream
from scheduler.files.paper import Row, Section, Sheet, signature_lines
from scheduler.files.xlsx_parts import xml_text
from scheduler.files.xlsx_stream import sheet_names, write_xlsx

COLUMNS = ("No.", "Id", "Name", "Printed")


def cards(n: int, start: int = 1) -> Iterator[Row]:
    return ((i, f"id-{i}", f"name {i}", "") for i in range(start, start + n))


def sheet(sections: list[Section], name: str = "P1") -> Sheet:
    return Sheet(name, "Office A & B", "2024-01-01", (("Office", "A & B"), ()), COLUMNS,
                 (5, 8, 12, 9), sections)


def section(n: int, day: str = "2024-01-01", start: int = 1) -> Section:
    return Section((f"{day}: {n} cards",), n, cards(n, start), day, signature_lines(["Operator"]))


def test_rows_cells_and_page_setup_read_back(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_xlsx(path, [sheet([section(2), section(1, "2024-01-02", 3)])])
    book = openpyxl.load_workbook(path)
    ws = book["P1"]
    sign = signature_lines(["Operator"])[0]
    assert [tuple(r) for r in ws.iter_rows(values_only=True)] == [
        ("Office", "A & B", None, None),
        (None,) * 4,
        COLUMNS,  # row 3: the print titles
        ("2024-01-01: 2 cards", None, None, None),
        (1, "id-1", "name 1", None),
        (2, "id-2", "name 2", None),
        (None,) * 4,
        (sign, None, None, None),
        ("2024-01-02: 1 cards", None, None, None),  # row 9: a new page
        (3, "id-3", "name 3", None),
        (None,) * 4,
        (sign, None, None, None),
    ]
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)  # 1 page wide
    assert ws.print_title_rows == "$3:$3"
    assert ws.oddHeader.left.text == "Office A && B"  # & doubled: it starts a code
    assert ws.oddHeader.left.font == "-,Bold"
    assert ws.oddHeader.right.text == "2024-01-01"
    assert ws.oddFooter.center.text == "page &P of &N"
    assert [b.id for b in ws.row_breaks.brk] == [8]  # above row 9
    assert ws.freeze_panes == "A4"
    assert [ws.column_dimensions[c].width for c in "ABCD"] == [5, 8, 12, 9]
    id_cell, number_cell, title_cell = ws["B5"], ws["A5"], ws["A3"]
    assert (id_cell.data_type, id_cell.number_format, id_cell.border.left.style) == (
        "s", "@", "thin")
    assert (number_cell.data_type, number_cell.value) == ("n", 1)
    assert title_cell.font.b and ws["A1"].font.b and not ws["B1"].font.b


def test_text_is_escaped_and_neutral(tmp_path: Path) -> None:
    hostile = ("=HYPERLINK(\"http://x\",\"y\")", "a&b <c> \"q\"", " padded ", "ctl\x01x",
               "_x0041_", "Siti Nur'aini Ṭ ✓")
    rows: list[Row] = [(1, *hostile[:3]), (2, *hostile[3:])]
    path = tmp_path / "t.xlsx"
    write_xlsx(path, [Sheet("x", "t", "d", (), ("a", "b", "c", "d"), (4, 4, 4, 4),
                            [Section((), 2, iter(rows), "d")])])
    values = [tuple(r) for r in openpyxl.load_workbook(path)["x"].iter_rows(values_only=True)]
    # openpyxl shows OOXML's _xHHHH_ escapes as stored; Excel turns them back into the text.
    assert values[1:] == [
        (1, "'=HYPERLINK(\"http://x\",\"y\")", "a&b <c> \"q\"", " padded "),
        (2, "ctl_x0001_x", "_x005F_x0041_", "Siti Nur'aini Ṭ ✓"),
    ]
    assert xml_text("a<b>&") == "a&lt;b&gt;&amp;"


def test_a_sheet_reaching_the_row_limit_goes_on_in_a_numbered_sheet(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_stream, "EXCEL_MAX_ROWS", 10)
    path = tmp_path / "t.xlsx"
    # Rows: 1 Office, 2 empty, 3 columns, 4 heading, cards 5-10 (ids 1-6); sheet (2): rows 1-3
    # again, cards 4-10 (ids 7-13); sheet (3): 1-3, card 14 on row 4, row 5 empty, 6 signature.
    write_xlsx(path, [sheet([section(14)], name="P1"), sheet([section(1)], name="P1 (2)")])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["P1", "P1 (2)", "P1 (3)", "P1 (2)~2"]
    ids = {name: [r[1] for r in book[name].iter_rows(min_row=4, values_only=True)
                  if isinstance(r[0], int)] for name in book.sheetnames}
    assert ids == {"P1": [f"id-{i}" for i in range(1, 7)],
                   "P1 (2)": [f"id-{i}" for i in range(7, 14)],
                   "P1 (3)": ["id-14"], "P1 (2)~2": ["id-1"]}
    for name in book.sheetnames:
        assert book[name].max_row <= 10
        assert book[name]["A1"].value == "Office" and book[name]["A3"].value == "No."
        assert book[name].print_title_rows == "$3:$3"
    assert book["P1 (3)"]["A6"].value.startswith("Operator: ")


def test_sheet_names_follow_excel_rules() -> None:
    assert sheet_names(["P/1", "p_1", "a" * 40, "'x'", "[]", "History"]) == [
        "P_1", "p_1~2", "a" * 31, "x", "__", "History_"]


def test_a_long_name_keeps_its_number_when_continued(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_stream, "EXCEL_MAX_ROWS", 10)
    path = tmp_path / "t.xlsx"
    write_xlsx(path, [sheet([section(8)], name="p" * 40)])
    assert openpyxl.load_workbook(path).sheetnames == ["p" * 31, "p" * 27 + " (2)"]
