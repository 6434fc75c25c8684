"""The work order on paper: an .xlsx or a PDF (a summary, then a sheet per printer), or a .csv.

Both papers follow `scheduler/files/paper.py`: landscape, fitted to the page
width, the column names on every page, the office and date in every page's
header, "page x of y" below, a signature column and a tick column on the cards,
and a signature block (operator, Kasie Identitas) at the end of each list.
Every cell is text (a 16-digit NIK must never become a float; `14.05` stays a
code). A printer's sheet has a fixed layout that `office done` reads back after
a person ticked it in Excel or LibreOffice: the printer in B2, the date in B3,
the plan version in B4, the count of cards in B5, the column headings on row
HEADER_ROW, the cards right below with the tick column last, then an empty row
and the signature block. The headings are words for people (and will be
translated); the reader relies on positions, not on them. The CSV is one table
of the cards with stable column names, `printed` last.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from scheduler.errors import InputError
from scheduler.files.atomic import write_atomic
from scheduler.files.cells import write_csv_rows
from scheduler.files.paper import Row, Section, Sheet, signature_lines
from scheduler.office import words
from scheduler.office.workorder import OfficeDay, PrinterDay, WorkOrder

FORMATS = (".xlsx", ".pdf", ".csv")
HEADER_ROW = 8  # the printer sheets' column headings; cards from the next row on
PRINTER_CELL, DATE_CELL, VERSION_CELL, CARDS_CELL = "B2", "B3", "B4", "B5"
CSV_COLUMNS_BEFORE = ("printer", "date", "version", "position", "applicant_id")
CSV_COLUMNS_AFTER = ("district", "class", "ready", "dispatch", "printed")
_WIDTH_MAX = 50
SIGNATURE_WIDTH = 22

Line = list[str]


def order_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(str(path), "", words.ORDER_FORMATS.format(suffix=suffix))
    return suffix


def write_work_order(path: str | Path, order: WorkOrder) -> None:
    """Write the work order atomically (.xlsx, .pdf or .csv by the file name)."""
    kind = order_format(path)
    if kind == ".csv":
        write_csv_rows(path, (*CSV_COLUMNS_BEFORE, *order.show_columns, *CSV_COLUMNS_AFTER),
                       _csv_rows(order))
    elif kind == ".pdf":
        from scheduler.files.pdf_pages import write_pdf

        write_atomic(path, lambda tmp: write_pdf(tmp, paper_sheets(order)))
    else:
        from scheduler.files.xlsx_stream import write_xlsx

        write_atomic(path, lambda tmp: write_xlsx(tmp, paper_sheets(order)))


def _csv_rows(order: WorkOrder) -> Iterator[tuple[object, ...]]:
    for office in order.offices:
        for printer in office.printers:
            for row in printer.rows:
                yield (printer.printer, order.day.isoformat(), order.version, row.position,
                       row.applicant_id, *row.shown, row.district, row.service_class,
                       row.ready.isoformat(), row.dispatch, "")


def paper_sheets(order: WorkOrder) -> list[Sheet]:
    """The summary sheet (a section per office), then a sheet per printer."""
    day = order.day.isoformat()
    offices = [_summary_section(order, office) for office in order.offices]
    title = words.ORDER_TITLE.format(
        office=_office_name(order.offices[0]) if len(order.offices) == 1 else
        words.ALL_OFFICES)
    sheets = [Sheet(words.SUMMARY_SHEET, title, day, (), (),
                    _widths([row for section in offices for row in section.rows]), offices)]
    for office in order.offices:
        for printer in office.printers:
            sheets.append(_printer_sheet(order, office, printer))
    return sheets


def _printer_sheet(order: WorkOrder, office: OfficeDay, printer: PrinterDay) -> Sheet:
    day = order.day.isoformat()
    lines, columns, rows = _printer_lines(order, office, printer)
    cards = Section((), len(rows), rows, day, signature_lines(words.SIGNATURE_ROLES))
    title = words.ORDER_PRINTER_TITLE.format(printer=printer.printer,
                                             office=_office_name(office))
    widths = list(_widths([*lines, columns, *rows]))
    widths[-2] = max(widths[-2], SIGNATURE_WIDTH)  # room to sign on paper
    return Sheet(printer.printer, title, day, lines, columns, tuple(widths), [cards])


def _summary_section(order: WorkOrder, office: OfficeDay) -> Section:
    rows = tuple(_summary_lines(order, office))
    return Section((), len(rows), rows, order.day.isoformat(),
                   signature_lines(words.SUMMARY_SIGNATURE_ROLES),
                   words.ORDER_TITLE.format(office=_office_name(office)))


def _widths(rows: list[Row]) -> tuple[int, ...]:
    widths: list[int] = []
    for row in rows:
        for column, value in enumerate(row):
            if column == len(widths):
                widths.append(0)
            widths[column] = max(widths[column], len(str(value)))
    return tuple(min(width + 2, _WIDTH_MAX) for width in widths)


def _printer_lines(order: WorkOrder, office: OfficeDay, printer: PrinterDay
                   ) -> tuple[tuple[Row, ...], tuple[str, ...], tuple[Row, ...]]:
    """The lines above the cards (ending in an empty one), the column names, the cards."""
    notices = (*office.notices, *printer.notices) or (
        () if printer.rows else (words.NOTHING_TO_PRINT,))
    lines: tuple[Row, ...] = (
        (words.LABEL_OFFICE, _office_name(office)), (words.LABEL_PRINTER, printer.printer),
        (words.LABEL_DATE, order.day.isoformat()), (words.LABEL_VERSION, str(order.version)),
        (words.LABEL_CARDS, str(len(printer.rows))), (words.LABEL_NOTICE, "; ".join(notices)),
        ())
    assert len(lines) + 1 == HEADER_ROW
    columns = (words.HEADER_POSITION, words.HEADER_ID, *order.show_columns,
               words.HEADER_DISTRICT, words.HEADER_CLASS, words.HEADER_READY,
               words.HEADER_DISPATCH, words.HEADER_SIGNATURE, words.HEADER_PRINTED)
    rows = tuple((str(row.position), row.applicant_id, *row.shown, row.district,
                  row.class_label or row.service_class, row.ready.isoformat(), row.dispatch,
                  "", "")
                 for row in printer.rows)
    return lines, columns, rows


def _summary_lines(order: WorkOrder, office: OfficeDay) -> Iterator[Line]:
    yield [words.LABEL_OFFICE, _office_name(office)]
    yield [words.LABEL_DATE, order.day.isoformat()]
    yield [words.LABEL_VERSION, str(order.version)]
    for notice in office.notices:
        yield [words.LABEL_NOTICE, notice]
    for printer in office.printers:
        for notice in printer.notices:
            yield [words.LABEL_NOTICE, notice]
    if office.blanks_to_send:
        yield [words.LABEL_SEND, words.HEADER_TO, words.HEADER_COUNT, words.HEADER_BOXES,
               words.HEADER_HOME]
        for send in office.blanks_to_send:
            boxes = "" if send.boxes is None else f"{send.boxes} x {send.box}"
            yield ["", send.district, str(send.count), boxes, send.arrives.isoformat()]
    if office.cards_to_dispatch:
        yield [words.LABEL_DISPATCH, words.HEADER_TO, words.HEADER_COUNT, "",
               words.HEADER_HOME]
        for cards in office.cards_to_dispatch:
            yield ["", cards.district, str(cards.count), "", cards.arrives.isoformat()]
    if office.arrivals:
        yield [words.LABEL_ARRIVING, words.HEADER_ID, *order.show_columns, words.HEADER_FROM,
               words.HEADER_PRINTED_ON]
        for arrival in office.arrivals:
            yield ["", arrival.applicant_id, *arrival.shown, arrival.printed_at,
                   arrival.print_date.isoformat()]
    yield [words.LABEL_STOCK, str(office.stock_at_end)]


def _office_name(office: OfficeDay) -> str:
    return f"{office.district} {office.name}".strip()
