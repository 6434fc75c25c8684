"""Plan versions: stored whole (figures, proof, settings, inputs, the plan), read back, diffed.

A version is written with one row per waiting applicant (`plan_assignments`:
printer, print and home date, or none), and with the diff against the version
before it (`plan_changes`: whose print date or printer changed, old and new),
so a look-up, the day's work order and the notices are indexed queries.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, String, func, select, type_coerce

from scheduler.errors import InputError
from scheduler.office import words
from scheduler.office.db import bulk_insert
from scheduler.office.meta import now_stamp
from scheduler.office.schema import plan_assignments, plan_versions, printers

if TYPE_CHECKING:  # the plan's modules load numpy and the engines: look-ups do without
    from scheduler.plan.planned import Planned

# printer, print date, home date (ISO text; None: no card within the plan)
Assignment = tuple[str | None, str | None, str | None]
ASSIGNMENT_COLUMNS = ("version", "applicant_id", "printer", "print_date", "home_date",
                      "queue_rank", "cohort")
CHANGE_COLUMNS = ("version", "applicant_id", "old_printer", "old_office", "old_print_date",
                  "old_home_date", "new_printer", "new_office", "new_print_date", "new_home_date")


@dataclass(frozen=True)
class Version:
    """A stored plan version's record (the plan itself: `document`)."""

    number: int
    created_at: str
    as_of: date
    reason: str
    status: str
    engine: str
    objective: tuple[int, int, int]
    bound: dict[str, int | None]
    proof: str
    settings: dict[str, Any]
    inputs_sha256: str
    moved: int | None


def head_number(connection: Connection) -> int | None:
    """The newest version's number (None before the first plan)."""
    value = connection.execute(select(func.max(plan_versions.c.number))).scalar()
    return None if value is None else int(value)


def require_head(connection: Connection) -> int:
    head = head_number(connection)
    if head is None:
        raise InputError("ledger", "", words.NO_PLAN_YET)
    return head


def version(connection: Connection, number: int) -> Version:
    row = connection.execute(
        select(plan_versions).where(plan_versions.c.number == number)).mappings().first()
    if row is None:
        head = head_number(connection) or 0
        raise InputError("ledger", "", words.UNKNOWN_VERSION.format(number=number, head=head))
    return _version(row)


def all_versions(connection: Connection) -> list[Version]:
    rows = connection.execute(select(plan_versions).order_by(plan_versions.c.number)).mappings()
    return [_version(row) for row in rows]


def _version(row: Any) -> Version:
    return Version(
        row["number"], row["created_at"], row["as_of"], row["reason"], row["status"],
        row["engine"], (row["deadline_misses"], row["waiting_days"], row["transfer_cost"]),
        json.loads(row["bound"]), row["proof"], json.loads(row["settings"]),
        row["inputs_sha256"], row["moved"])


def stored_plan(connection: Connection, number: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """A version's instance JSON and plan document, as stored."""
    row = connection.execute(select(plan_versions.c.instance, plan_versions.c.document)
                             .where(plan_versions.c.number == number)).first()
    if row is None:
        raise InputError("ledger", "", words.UNKNOWN_VERSION.format(
            number=number, head=head_number(connection) or 0))
    return json.loads(row[0]), json.loads(row[1])


def assignments(planned: Planned) -> tuple[dict[str, Assignment], dict[str, tuple[int, int]]]:
    """Every applicant of the plan's instance: its printer, print and home date (or none),
    and its first-come rank within its queue with its cohort's index in the instance JSON."""
    from scheduler.plan.assignment import applicant_ids

    calendar = planned.calendar
    instance = calendar.instance
    dates = [instance.date_of(t).isoformat()
             for t in range(calendar.days + int(calendar.link_lead.max(initial=0)) + 1)]
    first: list[int] = []  # each cohort's first applicant's rank within its queue
    seen: dict[int, int] = {}
    for j, q in enumerate(calendar.cohort_queue.tolist()):
        first.append(seen.get(q, 0))
        seen[q] = first[-1] + instance.cohorts[j].count
    out: dict[str, Assignment] = {}
    rank: dict[str, tuple[int, int]] = {}
    for run in planned.runs:
        if run.printer is None or run.print_day is None or run.home_day is None:
            value: Assignment = (None, None, None)
        else:
            value = (calendar.printer_ids[run.printer], dates[run.print_day], dates[run.home_day])
        ids = applicant_ids(calendar, run)
        out.update(dict.fromkeys(ids, value))
        start = first[run.cohort] + run.offset
        label = instance.cohorts[run.cohort].index
        rank.update(zip(ids, ((r, label) for r in range(start, start + len(ids))), strict=True))
    return out, rank


def previous_assignments(connection: Connection, number: int) -> dict[str, Assignment]:
    """A stored version's assignments, dates as ISO text (read as text: 134,640 rows)."""
    a = plan_assignments
    rows = connection.execute(
        select(a.c.applicant_id, a.c.printer, type_coerce(a.c.print_date, String),
               type_coerce(a.c.home_date, String)).where(a.c.version == number))
    text = iso_text()
    return {row[0]: (row[1], text(row[2]), text(row[3])) for row in rows}


def iso_text() -> Callable[[object], str | None]:
    """A date column's value as ISO text, whether the driver gives text (SQLite) or a date
    (PostgreSQL); remembered per value, since a plan has few distinct days."""
    seen: dict[object, str | None] = {None: None}

    def text(value: object) -> str | None:
        found = seen.get(value, ...)
        if found is ...:
            found = seen[value] = value.isoformat() if isinstance(value, date) else str(value)
        return found

    return text


def store_version(connection: Connection, number: int, planned: Planned, *, as_of: date,
                  reason: str, inputs_sha256: str, instance_document: dict[str, Any],
                  moved: int | None, new: dict[str, Assignment],
                  rank: dict[str, tuple[int, int]],
                  old: dict[str, Assignment] | None) -> int:
    """Write version `number`, its assignments and its diff; returns how many moved."""
    result = planned.result
    document = planned.document
    objective = result.objective
    connection.execute(plan_versions.insert().values(
        number=number, created_at=now_stamp(), as_of=as_of, reason=reason,
        status=str(result.status), engine=result.engine, deadline_misses=objective.deadline_misses,
        waiting_days=objective.waiting_days, transfer_cost=objective.transfer_cost,
        bound=json.dumps(result.bound.as_dict()), proof=result.proof,
        settings=json.dumps(document["solver"].get("settings", {})),
        inputs_sha256=inputs_sha256,
        instance=json.dumps(instance_document, ensure_ascii=False),
        document=json.dumps(document, ensure_ascii=False), moved=moved))
    bulk_insert(connection, "plan_assignments", ASSIGNMENT_COLUMNS, [
        (number, applicant, printer, printed_on, home, *rank[applicant])
        for applicant, (printer, printed_on, home) in new.items()])
    changes = diff_rows(connection, number, old or {}, new)
    bulk_insert(connection, "plan_changes", CHANGE_COLUMNS, changes)
    return len(changes)


def diff_rows(connection: Connection, number: int, old: dict[str, Assignment],
              new: dict[str, Assignment]) -> list[tuple[Any, ...]]:
    """Applicants in both versions whose printer or print date changed (a card newly
    without a date, or newly with one, included); arrivals and printed cards are not moves."""
    office: dict[str, str] = {
        row[0]: row[1] for row in connection.execute(select(printers.c.id, printers.c.district))}
    rows: list[tuple[Any, ...]] = []
    for applicant, (printer, printed_on, home) in new.items():
        before = old.get(applicant)
        if before is None or (before[0] == printer and before[1] == printed_on):
            continue
        rows.append((number, applicant, before[0], office.get(before[0] or ""), before[1],
                     before[2], printer, office.get(printer or ""), printed_on, home))
    return rows
