"""Paper sheets as a PDF (reportlab's canvas): the same pages an office prints from Excel.

Landscape A4; every page has the sheet's title and the section's date in its
header and "page x of y" in its footer; the column names head every page; each
section (one printer's day) starts a new page and ends with its signature block,
moved whole to a page of its own when it does not fit under the last rows.

The pages are planned before any is drawn (`plan_section`): rows per page are
fixed, so the count of pages — "of y" — is known up front, and the rows stream
through once. Text is drawn with `drawString`, never parsed as markup, in
DejaVu Sans (shipped with matplotlib): Indonesian names, `&`, `<` and quotes
print as written. A cell too long for its column is cut with "…" only after
the font has shrunk to fit the widths given (down to MIN_FONT_SIZE).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from scheduler.files.paper import Row, Section, Sheet, footer_text

PAGE_WIDTH, PAGE_HEIGHT = 841.89, 595.28  # A4 landscape, points
MARGIN = 28.0
HEADER_BAND = 30.0  # title, date and a rule
FOOTER_BAND = 20.0
ROW_HEIGHT = 14.0
BODY_ROWS = int((PAGE_HEIGHT - 2 * MARGIN - HEADER_BAND - FOOTER_BAND) // ROW_HEIGHT)
SIGNATURE_ROWS = 2  # a signature line takes two rows: room to sign
FONT_SIZE, MIN_FONT_SIZE, TITLE_SIZE = 8.0, 5.5, 10.0
CHAR_WIDTH = 0.6  # DejaVu Sans's average advance, in ems, for sizing columns
FONT, BOLD_FONT = "DejaVuSans", "DejaVuSans-Bold"
_CONTROL = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")

Progress = Callable[[int], None]


@dataclass(frozen=True)
class SectionPlan:
    """How a section falls on pages: data rows per page; a last 0 is a page for the
    signature block alone. `lines` is True for a sheet's first section (its top lines)."""

    section: Section
    lines: bool
    rows_per_page: tuple[int, ...]


def plan_section(sheet: Sheet, section: Section, first: bool) -> SectionPlan:
    """The section's pages: the first holds the sheet's lines (for its first section),
    the heading and the column names before its rows; the others the column names."""
    columns = 1 if sheet.columns else 0
    overhead = (len(sheet.lines) if first else 0) + (1 if section.heading else 0) + columns
    first_room = max(1, BODY_ROWS - overhead)
    room = max(1, BODY_ROWS - columns)
    pages = [min(section.count, first_room)]
    left = section.count - pages[0]
    while left > 0:
        pages.append(min(left, room))
        left -= pages[-1]
    used = (overhead if len(pages) == 1 else columns) + pages[-1]
    signature = 1 + SIGNATURE_ROWS * len(section.signatures) if section.signatures else 0
    if used + signature > BODY_ROWS:
        pages.append(0)
    return SectionPlan(section, first, tuple(pages))


def plan_pages(sheets: Sequence[Sheet]) -> list[tuple[Sheet, list[SectionPlan]]]:
    """Every sheet's sections on pages, in order (a sheet without sections: one page)."""
    planned = []
    for sheet in sheets:
        sections = list(sheet.sections) or [Section((), 0, (), sheet.date)]
        planned.append((sheet, [plan_section(sheet, s, i == 0) for i, s in enumerate(sections)]))
    return planned


def page_count(sheets: Sequence[Sheet]) -> int:
    return sum(len(p.rows_per_page) for _, plans in plan_pages(sheets) for p in plans)


def write_pdf(path: Path, sheets: Sequence[Sheet], progress: Progress | None = None) -> None:
    """Write `sheets` as a PDF to `path` (callers go through `write_atomic`)."""
    from reportlab.pdfgen.canvas import Canvas  # only this output needs reportlab

    _register_fonts()
    planned = plan_pages(sheets)
    total = sum(len(p.rows_per_page) for _, plans in planned for p in plans)
    canvas = Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1,
                    invariant=1)
    page, rows_done = 0, 0
    for sheet, plans in planned:
        table = _Table(sheet)
        for plan in plans:
            rows = iter(plan.section.rows)
            for number, count in enumerate(plan.rows_per_page):
                page += 1
                pen = _Pen(canvas, table)
                pen.page_frame(plan.section.title or sheet.title, plan.section.date,
                               footer_text(str(page), str(total)))
                if number == 0:
                    pen.top_of_section(sheet, plan)
                pen.table(islice(rows, count), with_columns=count > 0 or number == 0)
                if number == len(plan.rows_per_page) - 1:
                    pen.signatures(plan.section.signatures)
                canvas.showPage()
                rows_done += count
                if progress is not None:
                    progress(rows_done)
    canvas.save()


def _register_fonts() -> None:
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD_FONT, str(folder / "DejaVuSans-Bold.ttf")))


class _Table:
    """A sheet's columns on the page: x positions, and the font size that fits them."""

    def __init__(self, sheet: Sheet) -> None:
        self.columns = sheet.columns
        usable = PAGE_WIDTH - 2 * MARGIN
        chars = max(1, sum(sheet.widths))
        self.size = max(MIN_FONT_SIZE, min(FONT_SIZE, usable / (chars * CHAR_WIDTH)))
        scale = usable / chars  # a table spans the page; lines keep their own widths
        if not sheet.columns:
            scale = min(scale, self.size * CHAR_WIDTH * 1.2)
        self.xs = [MARGIN]
        for width in sheet.widths:
            self.xs.append(self.xs[-1] + width * scale)


class _Pen:
    """Draws one page, top to bottom."""

    def __init__(self, canvas: Any, table: _Table) -> None:
        self.canvas = canvas
        self.t = table
        self.y = PAGE_HEIGHT - MARGIN - HEADER_BAND  # the top of the next row

    def page_frame(self, title: str, date: str, footer: str) -> None:
        c = self.canvas
        top = PAGE_HEIGHT - MARGIN - 12
        c.setFont(BOLD_FONT, TITLE_SIZE)
        c.drawString(MARGIN, top, _fit(_printable(title), PAGE_WIDTH * 0.7, BOLD_FONT,
                                       TITLE_SIZE))
        c.drawRightString(PAGE_WIDTH - MARGIN, top, _printable(date))
        c.setLineWidth(0.8)
        c.line(MARGIN, top - 6, PAGE_WIDTH - MARGIN, top - 6)
        c.setFont(FONT, FONT_SIZE)
        c.drawCentredString(PAGE_WIDTH / 2, MARGIN, footer)

    def top_of_section(self, sheet: Sheet, plan: SectionPlan) -> None:
        """The sheet's lines (label bold, values after it) and the section's heading."""
        if plan.lines:
            label_width = max((_width(str(line[0]), BOLD_FONT, self.t.size)
                               for line in sheet.lines if line), default=0) + 8
            for line in sheet.lines:
                if line:
                    self._text(MARGIN, str(line[0]), BOLD_FONT)
                    value = "   ".join(str(v) for v in line[1:])
                    self._text(MARGIN + label_width, value, FONT)
                self.y -= ROW_HEIGHT
        if plan.section.heading:
            self._text(MARGIN, "   ".join(str(v) for v in plan.section.heading), BOLD_FONT)
            self.y -= ROW_HEIGHT

    def table(self, rows: Iterable[Row], with_columns: bool) -> None:
        """The column names (when the sheet has them), then the rows, in a grid."""
        top = self.y
        if self.t.columns and with_columns:
            for i, name in enumerate(self.t.columns):
                width = self.t.xs[i + 1] - self.t.xs[i] - 4
                self._text(self.t.xs[i] + 2, _fit(name, width, BOLD_FONT, self.t.size),
                           BOLD_FONT)
            self.y -= ROW_HEIGHT
        for row in rows:
            self._cells(row, FONT if self.t.columns else BOLD_FONT)
        if self.t.columns and self.y < top:
            ys = [top - ROW_HEIGHT * i for i in range(int(round((top - self.y) / ROW_HEIGHT)) + 1)]
            self.canvas.setLineWidth(0.4)
            self.canvas.grid(self.t.xs, ys)

    def signatures(self, lines: Sequence[str]) -> None:
        if not lines:
            return
        self.y -= ROW_HEIGHT
        for line in lines:
            self.y -= ROW_HEIGHT
            self._text(MARGIN, line, FONT)
            self.y -= ROW_HEIGHT

    def _cells(self, values: Row, first_font: str) -> None:
        """One row's cells, each cut to its column; the first in `first_font`."""
        xs = self.t.xs
        font = first_font
        for i, value in enumerate(values[: len(xs) - 1]):
            if value != "":
                width = xs[i + 1] - xs[i] - 4
                self._text(xs[i] + 2, _fit(_printable(str(value)), width, font, self.t.size),
                           font)
            font = FONT
        self.y -= ROW_HEIGHT

    def _text(self, x: float, text: str, font: str) -> None:
        self.canvas.setFont(font, self.t.size)
        self.canvas.drawString(x, self.y - ROW_HEIGHT + 4, _printable(text))


def _printable(text: str) -> str:
    """Control characters (and lone surrogates) drawn as spaces: they have no glyph."""
    return _CONTROL.sub(" ", text) if _CONTROL.search(text) else text


def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, size))


def _fit(text: str, width: float, font: str, size: float) -> str:
    """`text`, cut with "…" when wider than `width` (no glyph is wider than an em)."""
    if len(text) * size <= width or _width(text, font, size) <= width:
        return text
    text = text[: int(width / (size * 0.25))]  # no glyph is narrower than a quarter em
    while text and _width(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"

