"""The work order on paper: an .xlsx (a summary sheet, then a sheet per printer) or a .csv.

Every cell is text (a 16-digit NIK must never become a float; `14.05` stays a
code). A printer's sheet has a fixed layout that `office done` reads back after
a person ticked it in Excel or LibreOffice: the printer in B2, the date in B3,
the plan version in B4, the column headings on row HEADER_ROW, the cards below
with the tick column last. The headings are words for people (and will be
translated); the reader relies on positions, not on them. The CSV is one table
of the cards with stable column names, `printed` last.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from scheduler.errors import InputError
from scheduler.files.atomic import write_atomic
from scheduler.files.cells import neutral, write_csv_rows
from scheduler.office import words
from scheduler.office.workorder import OfficeDay, PrinterDay, WorkOrder
from scheduler.supervisor.print_list_files import sheet_names

FORMATS = (".xlsx", ".csv")
HEADER_ROW = 8  # the printer sheets' column headings; cards from the next row on
PRINTER_CELL, DATE_CELL, VERSION_CELL = "B2", "B3", "B4"
CSV_COLUMNS_BEFORE = ("printer", "date", "version", "position", "applicant_id")
CSV_COLUMNS_AFTER = ("district", "class", "ready", "dispatch", "printed")
_WIDTH_MAX = 50

Line = list[str]


def order_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(str(path), "", f"expected a .xlsx or .csv file name, got {suffix!r}")
    return suffix


def write_work_order(path: str | Path, order: WorkOrder) -> None:
    """Write the work order atomically (.xlsx or .csv by the file name)."""
    if order_format(path) == ".csv":
        write_csv_rows(path, (*CSV_COLUMNS_BEFORE, *order.show_columns, *CSV_COLUMNS_AFTER),
                       _csv_rows(order))
    else:
        write_atomic(path, lambda tmp: _write_xlsx(tmp, order))


def _csv_rows(order: WorkOrder) -> Iterator[tuple[object, ...]]:
    for office in order.offices:
        for printer in office.printers:
            for row in printer.rows:
                yield (printer.printer, order.day.isoformat(), order.version, row.position,
                       row.applicant_id, *row.shown, row.district, row.service_class,
                       row.ready.isoformat(), row.dispatch, "")


def _write_xlsx(tmp: Path, order: WorkOrder) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = words.SUMMARY_SHEET
    _fill(summary, list(_summary_lines(order)), Font(bold=True))
    all_printers = [p for office in order.offices for p in office.printers]
    for name, printer in zip(sheet_names([p.printer for p in all_printers]), all_printers,
                             strict=True):
        sheet = workbook.create_sheet(title=name)
        _fill(sheet, list(_printer_lines(order, printer)), Font(bold=True))
        sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    workbook.save(tmp)


def _fill(sheet: object, lines: list[Line], bold: object) -> None:
    """Write lines as text cells (format "@"); the first cell of a line in bold."""
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for r, line in enumerate(lines, start=1):
        for c, value in enumerate(line, start=1):
            cell = sheet.cell(row=r, column=c, value=neutral(value))  # type: ignore[attr-defined]
            cell.data_type = "s"  # a string, even where openpyxl guessed a formula
            cell.number_format = "@"
            if c == 1 and value:
                cell.font = bold
            widths[c] = max(widths.get(c, 0), len(value))
    for c, width in widths.items():
        sheet.column_dimensions[get_column_letter(c)].width = min(  # type: ignore[attr-defined]
            width + 2, _WIDTH_MAX)


def _printer_lines(order: WorkOrder, printer: PrinterDay) -> Iterator[Line]:
    office = next(o for o in order.offices if o.district == printer.district)
    yield [words.LABEL_OFFICE, _office_name(office)]
    yield [words.LABEL_PRINTER, printer.printer]
    yield [words.LABEL_DATE, order.day.isoformat()]
    yield [words.LABEL_VERSION, str(order.version)]
    yield [words.LABEL_CARDS, str(len(printer.rows))]
    notices = (*office.notices, *printer.notices) or (
        () if printer.rows else (words.NOTHING_TO_PRINT,))
    yield [words.LABEL_NOTICE, "; ".join(notices)]
    yield []
    yield [words.HEADER_POSITION, words.HEADER_ID, *order.show_columns, words.HEADER_DISTRICT,
           words.HEADER_CLASS, words.HEADER_READY, words.HEADER_DISPATCH, words.HEADER_PRINTED]
    for row in printer.rows:
        yield [str(row.position), row.applicant_id, *row.shown, row.district,
               row.class_label or row.service_class, row.ready.isoformat(), row.dispatch, ""]


def _summary_lines(order: WorkOrder) -> Iterator[Line]:
    for i, office in enumerate(order.offices):
        if i:
            yield []
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
