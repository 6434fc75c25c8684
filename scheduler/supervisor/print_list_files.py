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
from datetime import date
from pathlib import Path

from scheduler.errors import InputError
from scheduler.files.atomic import write_atomic
from scheduler.files.cells import write_csv_rows
from scheduler.files.paper import Row, Section, Sheet, signature_lines
from scheduler.i18n import N_, _, say, short_date
from scheduler.supervisor.print_list import LIST_COLUMNS, DayList, PrinterList

FORMATS = (".xlsx", ".pdf", ".csv")
CSV_COLUMNS = ("printer", "date", *LIST_COLUMNS)
_WIDTH_MAX = 60

# The words on the paper, marked for the catalog and translated where they are used;
# CSV_COLUMNS stay the same in every language.
TITLE = N_("Print list {printer} · {office}")
LABEL_OFFICE = N_("Office")
LABEL_PRINTER = N_("Printer")
LABEL_DATES = N_("Date")
LABEL_CARDS = N_("Cards")
DAY_HEADING = N_("{date}: {cards} card(s); blanks left after the day: {blanks}")
HEADINGS = (N_("Date"), N_("No."), N_("Applicant id (NIK)"), N_("District"), N_("Class"),
            N_("Ready"), N_("Dispatch"), N_("Signature"), N_("Printed ✓"))
SIGNATURE_ROLES = (N_("Operator"), N_("Supervisor (Kasie Identitas)"))
WRONG_FORMAT = N_("expected a .xlsx, .pdf or .csv file name, got {suffix!r}")
PDF_TOO_LONG = N_("{pages:,} pages is too long a PDF to print (at most {limit:,}): give --date "
                  "for one day's lists, or write .xlsx")
PDF_MAX_PAGES = 10_000  # a PDF is held in memory until it is saved: ~25 KB a page

Progress = Callable[[int], None]


def list_format(path: str | Path) -> str:
    """The output format from the file name (InputError for anything but .xlsx, .pdf, .csv)."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(str(path), "", say(WRONG_FORMAT, suffix=suffix))
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
            raise InputError(str(path), "", say(PDF_TOO_LONG, pages=pages,
                                                     limit=PDF_MAX_PAGES))
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
    """A sheet per printer, a section per day (the rows made as the writer reads them), in
    the current language: its words, its dates, the classes as people call them."""
    signatures = signature_lines(tuple(_(role) for role in SIGNATURE_ROLES))
    headings = tuple(_(heading) for heading in HEADINGS)
    sheets = []
    for printer in lists:
        dates = _dates(printer)
        sections = [
            Section((say(DAY_HEADING, date=day.date, cards=day.cards, blanks=day.blanks_left),),
                    day.cards, _paper_rows(day), short_date(day.date), signatures)
            for day in printer.days]
        lines: tuple[Row, ...] = (
            (_(LABEL_OFFICE), printer.office), (_(LABEL_PRINTER), printer.printer),
            (_(LABEL_DATES), dates), (_(LABEL_CARDS), sum(day.cards for day in printer.days)),
            ())
        sheets.append(Sheet(
            printer.printer, _(TITLE).format(printer=printer.printer, office=printer.office),
            dates, lines, headings, _widths(printer, lines, headings), sections))
    return sheets


def _paper_rows(day: DayList) -> Iterator[Row]:
    """The day's cards as printed: the date first, an empty signature and tick cell last;
    dates as the language writes them (the CSV keeps ISO dates and class ids)."""
    when = short_date(day.date)
    ready: dict[str, str] = {}  # ISO -> shown: one formatting per date, not per card
    for position, applicant, district, shown, iso, dispatch in day.rows(labels=True):
        if iso not in ready:
            ready[iso] = short_date(date.fromisoformat(iso))
        yield (when, position, applicant, district, shown, ready[iso], dispatch, "", "")


def _dates(printer: PrinterList) -> str:
    if not printer.days:
        return ""
    first, last = short_date(printer.days[0].date), short_date(printer.days[-1].date)
    return first if first == last else f"{first} .. {last}"


def _widths(printer: PrinterList, lines: tuple[Row, ...], headings: tuple[str, ...]
            ) -> tuple[int, ...]:
    """Each column sized to its longest content (+2), from the runs, not the rows: the
    date, the position, the id, district, class, ready date, dispatch, tick, signature."""
    runs = [card for day in printer.days for card in day.runs]
    longest = [
        max([10, *(len(str(line[0])) for line in lines if line)]),
        len(str(max((day.cards for day in printer.days), default=0))),
        max((day.id_width() for day in printer.days), default=0),
        max((len(card.district) for card in runs), default=0),
        max((len(card.class_label or card.service_class) for card in runs), default=0),
        10,
        max((len(card.dispatch) for card in runs), default=0),
        20,
        len(headings[8]),
    ]
    return tuple(min(max(n, len(name)) + 2, _WIDTH_MAX) for n, name in zip(
        longest, headings, strict=True))
