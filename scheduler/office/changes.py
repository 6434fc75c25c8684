"""`office changes` and `office history`: whose date moved (for notices), and the versions.

`changes --since N` compares version N with the newest: every applicant in
both whose printer or print date differs, with the old and new date and
office. `--since DATE` starts from the newest version made before that day
(the first version when none was). `history` lists the versions with their
figures and how many residents each moved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, and_, func, or_, select

from scheduler.files.cells import write_csv_rows
from scheduler.office.schema import applicants, plan_assignments, plan_changes, plan_versions
from scheduler.office.schema import printers as printer_table
from scheduler.office.versions import Version, all_versions, require_head, version
from scheduler.office.workorder import extra_columns, shown_values

NOTICE_COLUMNS_BEFORE = ("applicant_id",)
NOTICE_COLUMNS_AFTER = ("district", "old_print_date", "old_home_date", "old_printer",
                        "old_office", "new_print_date", "new_home_date", "new_printer",
                        "new_office")


@dataclass(frozen=True)
class Change:
    """One resident whose card moved between two versions (None: no card in that version)."""

    applicant_id: str
    shown: tuple[str, ...]
    district: str
    old_printer: str | None
    old_office: str | None
    old_print_date: date | None
    old_home_date: date | None
    new_printer: str | None
    new_office: str | None
    new_print_date: date | None
    new_home_date: date | None


@dataclass(frozen=True)
class Changes:
    since: int
    until: int
    show_columns: tuple[str, ...]
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class HistoryEntry:
    version: Version
    changed: int


def baseline(connection: Connection, since: int | date) -> int:
    """The version to compare the newest with: N itself, or the newest made before a day."""
    if isinstance(since, int):
        return version(connection, since).number
    number = connection.execute(
        select(func.max(plan_versions.c.number))
        .where(plan_versions.c.created_at < since.isoformat())).scalar()
    return int(number) if number is not None else 1


def changes_since(connection: Connection, since: int | date,
                  show_columns: Sequence[str] | None = None) -> Changes:
    """Every applicant whose printer or print date differs between `since` and the newest."""
    head = require_head(connection)
    first = baseline(connection, since)
    shown = tuple(show_columns) if show_columns is not None else extra_columns(connection)
    old, new = plan_assignments.alias("old"), plan_assignments.alias("new")
    old_office, new_office = printer_table.alias("old_office"), printer_table.alias("new_office")
    rows = connection.execute(
        select(new.c.applicant_id, applicants.c.extra, applicants.c.district,
               old.c.printer, old_office.c.district, old.c.print_date, old.c.home_date,
               new.c.printer, new_office.c.district, new.c.print_date, new.c.home_date)
        .select_from(
            new.join(old, and_(old.c.applicant_id == new.c.applicant_id, old.c.version == first))
            .join(applicants, applicants.c.id == new.c.applicant_id)
            .outerjoin(old_office, old_office.c.id == old.c.printer)
            .outerjoin(new_office, new_office.c.id == new.c.printer))
        .where(and_(new.c.version == head, or_(old.c.printer.is_distinct_from(new.c.printer),
                                               old.c.print_date.is_distinct_from(new.c.print_date))))
        .order_by(applicants.c.district, new.c.applicant_id)).all()
    return Changes(first, head, shown, tuple(
        Change(r[0], shown_values(r[1], shown), *r[2:]) for r in rows))


def history(connection: Connection) -> list[HistoryEntry]:
    """Every version, oldest first, with how many residents' dates it moved."""
    counts: dict[int, int] = {row[0]: row[1] for row in connection.execute(
        select(plan_changes.c.version, func.count()).group_by(plan_changes.c.version))}
    return [HistoryEntry(v, int(counts.get(v.number, 0))) for v in all_versions(connection)]


def write_notices(path: str | Path, changes: Changes) -> None:
    """The changes as a CSV for SMS or WhatsApp notices (full ids), atomically."""

    def text(value: object) -> str:
        return "" if value is None else str(value)

    rows = ((c.applicant_id, *c.shown, c.district, text(c.old_print_date),
             text(c.old_home_date), text(c.old_printer), text(c.old_office),
             text(c.new_print_date), text(c.new_home_date), text(c.new_printer),
             text(c.new_office)) for c in changes.changes)
    write_csv_rows(path, (*NOTICE_COLUMNS_BEFORE, *changes.show_columns, *NOTICE_COLUMNS_AFTER),
                   rows)
