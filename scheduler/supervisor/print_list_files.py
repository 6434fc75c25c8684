"""Writing print lists: an Excel workbook or a PDF to print and sign, or one CSV table.

Excel and PDF (`scheduler/files/paper.py`): a sheet per printer — its office,
printer, dates and cards at the top, the column names repeated on every page,
then each day on a new page: a heading (date, cards, blanks left after the
day), the cards in print order with a tick column ("printed") and a signature
column, and a signature block (operator, supervisor). Landscape, fitted to the
page width, the office and date in every page's header, "page x of y" below.
Ids and district codes are text cells (format "@": a 16-digit NIK never
becomes a number, `14.05` stays a code), neutral against formulas. CSV: one
table with a printer and a date column, stable column names, for other tools.
All are written atomically; the rows stream, so millions of cards fit in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from scheduler.errors import InputError
from scheduler.files.atomic import write_atomic
from scheduler.files.cells import write_csv_rows
from scheduler.files.paper import Row, Section, Sheet, signature_lines
from scheduler.supervisor.print_list import LIST_COLUMNS, DayList, PrinterList

FORMATS = (".xlsx", ".pdf", ".csv")
CSV_COLUMNS = ("printer", "date", *LIST_COLUMNS)
_WIDTH_MAX = 60

# The words on the paper (for gettext); CSV_COLUMNS stay the same in every language.
TITLE = "Print list {printer} · {office}"
LABEL_OFFICE = "Office"
LABEL_PRINTER = "Printer"
LABEL_DATES = "Date"
LABEL_CARDS = "Cards"
DAY_HEADING = "{date}: {cards} card(s); blanks left after the day: {blanks}"
HEADINGS = ("Date", "No.", "Applicant id (NIK)", "District", "Class", "Ready", "Dispatch",
            "Signature", "Printed ✓")
SIGNATURE_ROLES = ("Operator", "Supervisor (Kasie Identitas)")
WRONG_FORMAT = "expected a .xlsx, .pdf or .csv file name, got {suffix!r}"
PDF_TOO_LONG = ("{pages:,} pages is too long a PDF to print (at most {limit:,}): give --date "
                "for one day's lists, or write .xlsx")
PDF_MAX_PAGES = 10_000  # a PDF is held in memory until it is saved: ~25 KB a page

Progress = Callable[[int], None]


def list_format(path: str | Path) -> str:
    """The output format from the file name (InputError for anything but .xlsx, .pdf, .csv)."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(str(path), "", WRONG_FORMAT.format(suffix=suffix))
    return suffix


def write_print_lists(path: str | Path, lists: list[PrinterList],
                      progress: Progress | None = None) -> None:
    """Write the lists to `path` (.xlsx, .pdf or .csv), atomically.

    `progress(n)` is told, now and then, how many cards are written so far.
    """
    kind = list_format(path)
    if kind == ".csv":
        write_csv_rows(path, CSV_COLUMNS, _csv_rows(lists))
    elif kind == ".pdf":
        from scheduler.files.pdf_pages import page_count, write_pdf

        pages = page_count(paper_sheets(lists))
        if pages > PDF_MAX_PAGES:
            raise InputError(str(path), "", PDF_TOO_LONG.format(pages=pages, limit=PDF_MAX_PAGES))
        write_atomic(path, lambda tmp: write_pdf(tmp, paper_sheets(lists), progress))
    else:
        from scheduler.files.xlsx_stream import write_xlsx

        write_atomic(path, lambda tmp: write_xlsx(tmp, paper_sheets(lists), progress))


def _csv_rows(lists: list[PrinterList]) -> Iterator[tuple[object, ...]]:
    for printer in lists:
        for day in printer.days:
            when = day.date.isoformat()
            for row in day.rows():
                yield (printer.printer, when, *row)


def paper_sheets(lists: list[PrinterList]) -> list[Sheet]:
    """A sheet per printer, a section per day (the rows made as the writer reads them)."""
    signatures = signature_lines(SIGNATURE_ROLES)
    sheets = []
    for printer in lists:
        dates = _dates(printer)
        sections = [
            Section((DAY_HEADING.format(date=day.date.isoformat(), cards=day.cards,
                                        blanks=day.blanks_left),),
                    day.cards, _paper_rows(day), day.date.isoformat(), signatures)
            for day in printer.days]
        lines: tuple[Row, ...] = (
            (LABEL_OFFICE, printer.office), (LABEL_PRINTER, printer.printer),
            (LABEL_DATES, dates), (LABEL_CARDS, sum(day.cards for day in printer.days)), ())
        sheets.append(Sheet(
            printer.printer, TITLE.format(printer=printer.printer, office=printer.office),
            dates, lines, HEADINGS, _widths(printer, lines), sections))
    return sheets


def _paper_rows(day: DayList) -> Iterator[Row]:
    """The day's cards as printed: the date first, an empty signature and tick cell last."""
    when = day.date.isoformat()
    for row in day.rows():
        yield (when, *row, "", "")


def _dates(printer: PrinterList) -> str:
    if not printer.days:
        return ""
    first, last = printer.days[0].date.isoformat(), printer.days[-1].date.isoformat()
    return first if first == last else f"{first} .. {last}"


def _widths(printer: PrinterList, lines: tuple[Row, ...]) -> tuple[int, ...]:
    """Each column sized to its longest content (+2), from the runs, not the rows: the
    date, the position, the id, district, class, ready date, dispatch, tick, signature."""
    runs = [card for day in printer.days for card in day.runs]
    longest = [
        max([10, *(len(str(line[0])) for line in lines if line)]),
        len(str(max((day.cards for day in printer.days), default=0))),
        max((day.id_width() for day in printer.days), default=0),
        max((len(card.district) for card in runs), default=0),
        max((len(card.service_class) for card in runs), default=0),
        10,
        max((len(card.dispatch) for card in runs), default=0),
        20,
        len(HEADINGS[8]),
    ]
    return tuple(min(max(n, len(name)) + 2, _WIDTH_MAX) for n, name in zip(
        longest, HEADINGS, strict=True))
