"""What a list on paper is made of, whatever writes it (.xlsx or .pdf).

A `Sheet` is one sheet of a workbook, or one run of pages in a PDF: a few
label lines at the top, a row of column names repeated on every page (Excel's
print titles), then `Section`s. A section is one piece of paper to sign — a
printer's cards of one day: it starts on a new page, with its own bold heading
line, its rows, and a signature block after them. Every page shows the sheet's
title and the date in its header and "page x of y" in its footer.

Rows are produced lazily (a section's `rows` is iterated once, by the writer),
so a list of millions of cards is never held in memory; a section knows its
row count up front, so a PDF knows its page count before drawing page one.

A cell is text (a `str`: written as a text cell, neutralised against formulas)
or a whole number (an `int`). The words a person reads here are kept in the
constants below, marked for the catalog and translated where they are used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scheduler.i18n import N_, _

Cell = str | int
Row = Sequence[Cell]

# Words on every page (translated where used).
PAGE_OF = N_("page {page} of {pages}")  # Excel gets &P and &N in place of the numbers
SIGNATURE_LINE = N_("{role}: {blank}   signature: {blank}   date: {short}")
BLANK = "_" * 28
SHORT_BLANK = "_" * 12


def signature_lines(roles: Sequence[str]) -> tuple[str, ...]:
    """A signature block: one line per role, with room for a name, a signature and a date."""
    line = _(SIGNATURE_LINE)
    return tuple(line.format(role=role, blank=BLANK, short=SHORT_BLANK) for role in roles)


def footer_text(page: str, pages: str) -> str:
    """The footer's words, with the page number and the count given as text."""
    return _(PAGE_OF).format(page=page, pages=pages)


@dataclass(frozen=True)
class Section:
    """One piece of paper: a heading line, `count` rows, a signature block after them.

    `date` and `title` (the sheet's when empty) are what the header of this
    section's pages shows in a PDF; Excel has one header per sheet: the sheet's.
    """

    heading: Row
    count: int
    rows: Iterable[Row]
    date: str
    signatures: tuple[str, ...] = ()
    title: str = ""


@dataclass(frozen=True)
class Sheet:
    """A sheet of a workbook, or a run of pages in a PDF.

    `name` is the wanted sheet name (the .xlsx writer makes it legal and unique);
    `title` and `date` are the page header's; `widths` are the columns' widths in
    characters (the PDF scales them to the page); `columns` may be empty (a sheet
    of lines, such as the work order's summary).
    """

    name: str
    title: str
    date: str
    lines: tuple[Row, ...]
    columns: tuple[str, ...]
    widths: tuple[int, ...]
    sections: Sequence[Section]
