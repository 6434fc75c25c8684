"""Reading back what was really printed: the ticked work order (.xlsx or .csv) or an id list.

A tick is x, ✓, 1, ya or yes (any case; Excel may store 1 as a number or TRUE);
a blank cell is a card not printed. Anything else is refused with its sheet and
row, since a guess would record a card that was not printed (or lose one that was).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scheduler.errors import InputError
from scheduler.files.cells import restored
from scheduler.office import words
from scheduler.office.workorder_file import (
    CARDS_CELL,
    CSV_COLUMNS_BEFORE,
    DATE_CELL,
    HEADER_ROW,
    PRINTER_CELL,
    VERSION_CELL,
    order_format,
)

TICKED = frozenset({"x", "✓", "✔", "☑", "1", "ya", "yes", "y", "v", "true", "sudah"})
NOT_TICKED = frozenset({"", "0", "-", "false", "no", "tidak", "belum"})
ID_COLUMNS = ("applicant_id", "printer", "date")


@dataclass(frozen=True)
class Tick:
    """One card of a list as read: where it is (for messages) and whether it printed."""

    where: str
    applicant_id: str
    printer: str
    day: str
    version: int | None
    printed: bool


def read_ticks(path: str | Path) -> list[Tick]:
    """Every card row of the file, ticked or not (InputError at the first unreadable row)."""
    source = str(path)
    if not Path(path).is_file():
        raise InputError(source, "", words.UNREADABLE.format(why=words.FILE_NOT_FOUND))
    kind = order_format(path)
    if kind == ".pdf":
        raise InputError(source, "", words.PDF_NOT_READ)
    if kind == ".csv":
        return list(_csv_ticks(Path(path), source))
    return list(_xlsx_ticks(Path(path), source))


def is_ticked(value: object, source: str, where: str) -> bool:
    text = _text(value).lower()
    if text in TICKED:
        return True
    if text in NOT_TICKED:
        return False
    raise InputError(source, where, words.NOT_A_TICK.format(value=_text(value)))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(restored(str(value).strip()))  # the `'` that kept a formula out, taken off


def _xlsx_ticks(path: Path, source: str) -> Iterator[Tick]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InputError(source, "", words.UNREADABLE.format(why=exc)) from None
    try:
        sheets = workbook.worksheets[1:]  # the first is the summary
        if not sheets:
            raise InputError(source, "", words.NOT_A_WORK_ORDER)
        for sheet in sheets:
            yield from _sheet_ticks(sheet, source)
    finally:
        workbook.close()


def _sheet_ticks(sheet: Any, source: str) -> Iterator[Tick]:
    """The cards of one printer's sheet: the B5 count of rows below the headings (the
    tick column last); the row after them must be empty (the signature block follows)."""
    printer = _text(sheet[PRINTER_CELL].value)
    day = _text(sheet[DATE_CELL].value)
    version = _text(sheet[VERSION_CELL].value)
    count = _text(sheet[CARDS_CELL].value)
    if not count.isdigit():
        raise InputError(source, f"sheet {sheet.title!r} {CARDS_CELL}",
                         words.NO_CARD_COUNT.format(value=count))
    rows = sheet.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW + int(count) + 1,
                           values_only=True)
    header = [_text(v) for v in next(rows, ())]
    while header and not header[-1]:
        header.pop()
    tick_column = len(header) - 1
    for number, values in enumerate(rows, start=HEADER_ROW + 1):
        cells = [_text(v) for v in values]
        where = f"sheet {sheet.title!r} row {number}"
        if number > HEADER_ROW + int(count):
            if any(cells):
                raise InputError(source, where, words.BELOW_THE_LIST.format(cards=count))
            break
        if not any(cells):
            continue
        tick = values[tick_column] if tick_column < len(values) else None
        yield Tick(where, cells[1] if len(cells) > 1 else "", printer, day,
                   int(version) if version.isdigit() else None,
                   is_ticked(tick, source, where))


def _csv_ticks(path: Path, source: str) -> Iterator[Tick]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(source, "", words.UNREADABLE.format(why=exc)) from None
    reader = csv.reader(text.splitlines())
    header = [h.strip() for h in next(reader, [])]
    by_id = sorted(header) == sorted(ID_COLUMNS)
    if not by_id and (header[: len(CSV_COLUMNS_BEFORE)] != list(CSV_COLUMNS_BEFORE)
                      or header[-1:] != ["printed"]):
        raise InputError(source, "line 1", words.DONE_COLUMNS.format(header=",".join(header)))
    column = {name: i for i, name in enumerate(header)}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        where = f"line {line}"
        if len(cells) != len(header):
            raise InputError(source, where, f"{len(cells)} cells, the header has {len(header)}")
        version = cells[column["version"]].strip() if "version" in column else ""
        printed = True if by_id else is_ticked(cells[column["printed"]], source, where)
        yield Tick(where, str(restored(cells[column["applicant_id"]].strip())),
                   cells[column["printer"]].strip(), cells[column["date"]].strip(),
                   int(version) if version.isdigit() else None, printed)
