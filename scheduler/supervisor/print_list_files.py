"""Writing print lists: an Excel workbook for the office, or one CSV table for other tools.

Excel: one sheet per printer; each day is a block with a heading (office,
printer, date, cards, blanks left after the day), the column names and the
cards in print order. Ids and district codes are written as text cells with
the text format "@": a 16-digit NIK must never become a float (Excel keeps 15
significant digits) and `14.05` must stay a code. CSV: one table with a
printer and a date column. Both are written atomically.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from scheduler.errors import InputError
from scheduler.files.atomic import write_atomic
from scheduler.files.cells import neutral, write_csv_rows
from scheduler.i18n import N_, _, pgettext, say
from scheduler.supervisor.print_list import LIST_COLUMNS, PrinterList

FORMATS = (".xlsx", ".csv")
CSV_COLUMNS = ("printer", "date", *LIST_COLUMNS)
TEXT_COLUMNS = frozenset({"applicant_id", "district", "class", "ready", "dispatch"})
BLANKS_LABEL = N_("Blanks left after day")
_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})
_SHEET_NAME_MAX = 31  # Excel's limit
_WIDTH_MAX = 60


def list_format(path: str | Path) -> str:
    """The output format from the file name (InputError for anything but .xlsx or .csv)."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(str(path), "", say("expected a .xlsx or .csv file name, got {suffix!r}",
                                            suffix=suffix))
    return suffix


def write_print_lists(path: str | Path, lists: list[PrinterList]) -> None:
    """Write the lists to `path` (.xlsx or .csv), atomically."""
    if list_format(path) == ".csv":
        write_csv_rows(path, CSV_COLUMNS, _csv_rows(lists))
    else:
        write_atomic(path, lambda tmp: _write_xlsx(tmp, lists))


def _csv_rows(lists: list[PrinterList]) -> Iterator[tuple[object, ...]]:
    for printer in lists:
        for day in printer.days:
            when = day.date.isoformat()
            for row in day.rows:
                yield (printer.printer, when, *row.values())


def _write_xlsx(tmp: Path, lists: list[PrinterList]) -> None:
    """Write-only mode streams rows: a whole horizon of 100,000 cards stays small in memory
    (a first pass over the lines sizes the columns, a second writes them)."""
    from openpyxl import Workbook  # only this output needs openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold_font = Font(bold=True)
    workbook = Workbook(write_only=True)
    for name, printer in zip(sheet_names([p.printer for p in lists]), lists, strict=True):
        sheet = workbook.create_sheet(title=name)
        for column, width in enumerate(_widths(_sheet_lines(printer)), start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        for line in _sheet_lines(printer):
            cells = []
            for value, text, bold in line:
                cell = WriteOnlyCell(sheet, value=neutral(str(value)) if text else value)
                if text:
                    cell.data_type = "s"  # a string, even where openpyxl guessed a formula
                    cell.number_format = "@"
                if bold:
                    cell.font = bold_font
                cells.append(cell)
            sheet.append(cells)
    workbook.save(tmp)


Line = list[tuple[Any, bool, bool]]  # (value, write as text, bold) per cell


def _sheet_lines(printer: PrinterList) -> Iterator[Line]:
    """The sheet line by line; a generator, so a long horizon is never held twice."""

    def heading(label: str, value: Any, text: bool) -> Line:
        return [(label, True, True), (value, text, False)]

    if not printer.days:
        yield heading(_("Office"), printer.office, True)
        yield heading(_("Printer"), printer.printer, True)
        yield heading(_("Cards"), 0, False)
    for i, day in enumerate(printer.days):
        if i:
            yield []
        yield heading(_("Office"), printer.office, True)
        yield heading(_("Printer"), printer.printer, True)
        yield heading(_("Date"), day.date.isoformat(), True)
        yield heading(_("Cards"), len(day.rows), False)
        yield heading(_(BLANKS_LABEL), day.blanks_left, False)
        yield []
        yield [(heading, True, True) for heading in column_headings()]
        for row in day.rows:
            shown = {"class": row.class_label or row.service_class}
            yield [(shown.get(name, value), name in TEXT_COLUMNS, False)
                   for name, value in zip(LIST_COLUMNS, row.values(), strict=True)]


def column_headings() -> list[str]:
    """LIST_COLUMNS as a sheet heads them, in the current language (in English the names
    themselves; the CSV's columns stay LIST_COLUMNS in every language)."""
    return [pgettext("print-list column", "position"),
            pgettext("print-list column", "applicant_id"),
            pgettext("print-list column", "district"), pgettext("print-list column", "class"),
            pgettext("print-list column", "ready"), pgettext("print-list column", "dispatch")]


def _widths(lines: Iterable[Line]) -> list[int]:
    widths: list[int] = []
    for line in lines:
        for column, (value, _text, _bold) in enumerate(line):
            if column == len(widths):
                widths.append(0)
            widths[column] = max(widths[column], len(str(value)))
    return [min(w + 2, _WIDTH_MAX) for w in widths]


def sheet_names(printers: list[str]) -> list[str]:
    """Excel sheet names for printer ids: forbidden characters replaced, at most 31
    characters, unique regardless of case (Excel's rules)."""
    names: list[str] = []
    taken: set[str] = set()
    for printer in printers:
        base = printer.translate(_SHEET_FORBIDDEN).strip("'")[:_SHEET_NAME_MAX] or "printer"
        name, n = base, 1
        while name.lower() in taken:
            n += 1
            suffix = f"~{n}"
            name = base[: _SHEET_NAME_MAX - len(suffix)] + suffix
        taken.add(name.lower())
        names.append(name)
    return names
