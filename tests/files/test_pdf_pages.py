"""The PDF pages: planned by hand, rendered by pdftoppm, text drawn as written.

A4 landscape is 595.28 points high: less two margins of 28, the header band (30)
and the footer band (20), 489.28 points hold 34 rows of 14 points (BODY_ROWS).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from scheduler.files.paper import Row, Section, Sheet, signature_lines
from scheduler.files.pdf_pages import BODY_ROWS, page_count, plan_section, write_pdf
from tests.support.pdf import dark_pixels, pdf_text, render_pages

NAME = 'Sri Wahyuni & <Budi> "Ça" </b>'


def cards(n: int) -> Iterator[Row]:
    return ((i, f"35270145078901{i:02d}", NAME, "") for i in range(1, n + 1))


def section(n: int, day: str = "2024-01-01") -> Section:
    # One signature line: an empty row, then two rows for the line (room to sign): 3 rows.
    return Section((f"{day}: {n} cards",), n, cards(n), day, signature_lines(["Operator"]))


def sheet(*sections: Section) -> Sheet:
    """Two lines at the top (a label line and an empty one), then the column names."""
    return Sheet("P1", "Print list P1 · 14.05 Pelalawan", "2024-01-01",
                 (("Office", "14.05 Pelalawan"), ()), ("No.", "Id", "Name", "Printed"),
                 (5, 18, 30, 9), list(sections))


def test_rows_per_page_worked_by_hand() -> None:
    assert BODY_ROWS == 34
    s = sheet()
    # First page: 2 lines + heading + column names = 4 rows, 30 cards; then 33 a page
    # (column names on each); 100 = 30 + 33 + 33 + 4; the signature (3 rows) fits under 4.
    assert plan_section(s, section(100), first=True).rows_per_page == (30, 33, 33, 4)
    # 63 = 30 + 33 fills the second page: the signature block takes a page of its own.
    assert plan_section(s, section(63), first=True).rows_per_page == (30, 33, 0)
    # A later section has no sheet lines: heading + column names, 32 cards on its first page.
    assert plan_section(s, section(63), first=False).rows_per_page == (32, 31, 0)
    assert plan_section(s, section(0), first=False).rows_per_page == (0,)


def test_every_page_renders_with_ink_and_names_as_text(tmp_path: Path) -> None:
    pdf = tmp_path / "t.pdf"
    sheets = [sheet(section(100), section(63, "2024-01-02"))]
    assert page_count(sheets) == 4 + 3
    write_pdf(pdf, [sheet(section(100), section(63, "2024-01-02"))])
    pages = render_pages(pdf, tmp_path / "png")
    assert len(pages) == 7
    assert all(dark_pixels(page) > 500 for page in pages)
    text = pdf_text(pdf)
    assert text.count(NAME) == 163  # markup-like text printed as written, on every row
    assert "page 7 of 7" in text and "2024-01-02" in text
    assert "35270145078901" + "99" in text  # a whole NIK, not cut


def test_a_cell_too_long_for_its_column_is_cut_with_an_ellipsis(tmp_path: Path) -> None:
    long_name = "Sri Wahyuni binti Abdul Rahman " * 20
    rows: list[Row] = [(1, "3527014507890101", long_name, "")]
    pdf = tmp_path / "t.pdf"
    write_pdf(pdf, [sheet(Section((), 1, iter(rows), "2024-01-01"))])
    text = pdf_text(pdf)
    assert "Sri Wahyuni binti Abdul Rahman" in text and "…" in text
    assert long_name.strip() not in text
