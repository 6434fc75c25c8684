"""Paper sheets as an .xlsx, streamed: linear time, memory bounded whatever the row count.

Each worksheet's XML goes straight into the zip as its rows come, so a list of
5 million cards needs no more memory than one of 50. openpyxl's write-only mode
streams too, but at ~8 µs a cell (measured here: 10.7 s for 135,000 rows of 8
cells, 22 s with a style on every cell) it cannot write Pelalawan's whole
horizon within the 3 s an office waits (issue 15); this writer takes ~0.5 s,
and openpyxl reads every file it writes back in the tests.

Paper: landscape A4 fitted to the page width, the column names repeated on
every page (print titles), the sheet's title and date in the page header,
"page x of y" in the footer, a page break before every section, the column
names frozen on screen. Text cells are inline strings with the text format
"@" (a 16-digit NIK never becomes a number, `14.05` stays a code), made
neutral against formulas (`cells.neutral`); characters XML cannot carry are
written as OOXML's `_xHHHH_` escapes. A sheet reaching Excel's row limit
continues on a sheet named `<name> (2)`, its top lines and column names again.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from scheduler.files import xlsx_parts
from scheduler.files.cells import neutral
from scheduler.files.paper import Row, Sheet, footer_text
from scheduler.files.xlsx_parts import NOT_XML, xml_text

EXCEL_MAX_ROWS = 1_048_576
MAX_PAGE_BREAKS = 1_023  # Excel keeps at most 1,026 manual page breaks a sheet
SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})
_FLUSH_ROWS = 2_000
_CACHE_MAX = 50_000

# Cell styles (indexes into styles.xml's cellXfs).
TEXT, BOLD, NUMBER, BOLD_NUMBER, CELL, CELL_NUMBER, COLUMN_NAME = range(1, 8)
LINE_STYLES = ((BOLD, BOLD_NUMBER), (TEXT, NUMBER))  # a line: its first cell bold
HEADING_STYLES = ((BOLD, BOLD_NUMBER),)
TABLE_STYLES = ((CELL, CELL_NUMBER),)
PLAIN_STYLES = ((TEXT, NUMBER),)

Progress = Callable[[int], None]


def header_text(text: str) -> str:
    """Data inside an Excel header or footer: `&` doubled (it starts a code there)."""
    return text.replace("&", "&&")


def write_xlsx(path: Path, sheets: Iterable[Sheet], progress: Progress | None = None) -> None:
    """Write `sheets` to `path` (a new file; callers go through `write_atomic`).

    `progress(n)` is told after each section how many of the sections' rows are written.
    """
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        book = _Book(archive, progress)
        for sheet in sheets:
            book.write_sheet(sheet)
        book.finish()


class _Book:
    """The workbook being written: its sheets' names and print titles, in order."""

    def __init__(self, archive: zipfile.ZipFile, progress: Progress | None) -> None:
        self.archive = archive
        self.progress = progress
        self.names: list[str] = []
        self.title_rows: list[int] = []
        self.rows_done = 0
        self.cache: dict[tuple[object, int], str] = {}

    def write_sheet(self, sheet: Sheet) -> None:
        pages = _Continued(self, sheet)
        row_styles = TABLE_STYLES if sheet.columns else LINE_STYLES  # a table, or lines
        for index, section in enumerate(sheet.sections):
            pages.room(2)  # a heading never stands alone at a sheet's end
            if index and pages.stream.row > pages.stream.top:
                pages.stream.page_break()
            if section.heading:
                pages.stream.add(section.heading, HEADING_STYLES)
            for row in section.rows:
                pages.room(1)
                pages.stream.add(row, row_styles)
            self.counted(section.count)
            if section.signatures:  # an empty line, then one line a role, kept together
                pages.room(1 + len(section.signatures))
                pages.stream.add((), PLAIN_STYLES)
                for line in section.signatures:
                    pages.stream.add((line,), PLAIN_STYLES)
        pages.stream.close()

    def open_sheet(self, sheet: Sheet, wanted: str) -> _SheetStream:
        name = unique_sheet_name(wanted, {n.lower() for n in self.names})
        self.names.append(name)
        member = self.archive.open(f"xl/worksheets/sheet{len(self.names)}.xml", "w")
        stream = _SheetStream(member, self, sheet)
        self.title_rows.append(stream.top if sheet.columns else 0)
        return stream

    def make_cell(self, value: object, style: int) -> str:
        """One cell's XML, kept: repeated values (districts, dates, labels) are made once."""
        if type(value) is int:
            xml = f'<c s="{style}"><v>{value}</v></c>'
        elif value == "":
            xml = f'<c s="{style}"/>'
        else:
            text = xml_text(neutral(str(value)))
            space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
            xml = f'<c s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'
        if len(self.cache) >= _CACHE_MAX:
            self.cache.clear()
        self.cache[value, style] = xml
        return xml

    def counted(self, rows: int) -> None:
        self.rows_done += rows
        if self.progress is not None:
            self.progress(self.rows_done)

    def finish(self) -> None:
        xlsx_parts.write_book_parts(self.archive, self.names, self.title_rows)


class _SheetStream:
    """One worksheet's XML as it is written: rows appended, page breaks kept for the end."""

    def __init__(self, member: IO[bytes], book: _Book, sheet: Sheet) -> None:
        self.member = member
        self.book = book
        self.sheet = sheet
        self.row = 0
        self.breaks: list[int] = []
        self.pending: list[str] = []
        self.top = len(sheet.lines) + 1  # the column names' row
        member.write(xlsx_parts.sheet_head(sheet.widths, self.top if sheet.columns else 0)
                     .encode("utf-8"))
        for line in sheet.lines:
            self.add(line, LINE_STYLES)
        if sheet.columns:
            self.add(sheet.columns, ((COLUMN_NAME, COLUMN_NAME),))

    def add(self, values: Row, styles: tuple[tuple[int, int], ...]) -> None:
        """Append a row; cell i takes styles[min(i, last)] (text style, number style)."""
        self.row += 1
        get, make = self.book.cache.get, self.book.make_cell
        (text, number), rest = styles[0], styles[-1]
        if len(values) > 1 and rest != styles[0]:  # a line: the first cell, then the rest
            first = values[0]
            head = make(first, number if type(first) is int else text)
            (text, number), values = rest, values[1:]
        else:
            head = ""
        cells = "".join([get((v, number if type(v) is int else text))
                         or make(v, number if type(v) is int else text) for v in values])
        self.pending.append(f'<row r="{self.row}">{head}{cells}</row>')
        if len(self.pending) >= _FLUSH_ROWS:
            self._flush()

    def page_break(self) -> None:
        """A page break above the next row (Excel keeps a limited number: the rest are left)."""
        if len(self.breaks) < MAX_PAGE_BREAKS:
            self.breaks.append(self.row)

    def _flush(self) -> None:
        self.member.write("".join(self.pending).encode("utf-8"))
        self.pending = []

    def close(self) -> None:
        self._flush()
        footer = footer_text("&P", "&N")
        self.member.write(xlsx_parts.sheet_tail(
            header_text(self.sheet.title), header_text(self.sheet.date), footer, self.breaks
        ).encode("utf-8"))
        self.member.close()


class _Continued:
    """A paper sheet across the sheets it takes: past Excel's row limit it goes on in a
    sheet named `<name> (2)`, `(3)`..., each starting with the top lines and column names."""

    def __init__(self, book: _Book, sheet: Sheet) -> None:
        self.book = book
        self.sheet = sheet
        self.number = 1
        self.stream = book.open_sheet(sheet, sheet.name)
        self.first_name = book.names[-1]

    def room(self, rows: int) -> None:
        """Make room for `rows` more rows, on a new sheet when this one is full."""
        if self.stream.row + rows > EXCEL_MAX_ROWS:
            self.stream.close()
            self.number += 1
            suffix = f" ({self.number})"
            wanted = self.first_name[: SHEET_NAME_MAX - len(suffix)] + suffix
            self.stream = self.book.open_sheet(self.sheet, wanted)


def unique_sheet_name(wanted: str, taken: set[str]) -> str:
    """An Excel sheet name for `wanted`: forbidden characters replaced, at most 31
    characters, not starting or ending with a quote, not Excel's reserved "History",
    unique regardless of case."""
    base = NOT_XML.sub("_", wanted.translate(_SHEET_FORBIDDEN)).strip("'")
    base = base[:SHEET_NAME_MAX].strip("'") or "sheet"
    if base.lower() == "history":
        base += "_"
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        suffix = f"~{n}"
        name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
    return name


def sheet_names(wanted: Iterable[str]) -> list[str]:
    """Excel sheet names for `wanted`, in order, each legal and unique."""
    names: list[str] = []
    for name in wanted:
        names.append(unique_sheet_name(name, {n.lower() for n in names}))
    return names
