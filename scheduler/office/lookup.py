"""`office lookup`: one line per id — printed, planned (and moved by which plan), or waiting.

Indexed queries on the newest plan version: the applicant's row, its printed
record, its assignment and its last change. An applicant the plan gives no
card learns how many of its queue are ahead of it (its first-come rank less
the queue's cards in the plan) and a date range at the plan's pace: from the
plan's end, the ones ahead and itself at the queue's busiest week's daily
rate (early end) and at its average rate over the plan (late end). An unknown
id is its own answer; the others are still given.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, and_, exists, func, select

from scheduler.office import meta, words
from scheduler.office.ids import shown_id
from scheduler.office.schema import (
    applicants,
    plan_assignments,
    plan_changes,
    plan_versions,
    printers,
)
from scheduler.office.schema import printed as printed_table
from scheduler.office.versions import head_number, stored_plan
from scheduler.office.workorder import extra_columns, shown_values

PACE_WINDOW = 7  # days: the busiest window's rate gives the early end of an estimate


class Kind(StrEnum):
    PRINTED = "printed"
    PLANNED = "planned"
    WAITING = "waiting"
    NO_PLAN = "no_plan"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Answer:
    """What the ledger knows of one id (fields not applying are None)."""

    applicant_id: str
    kind: Kind
    shown: tuple[str, ...] = ()
    district: str | None = None
    service_class: str | None = None
    ready: date | None = None
    printer: str | None = None
    office: str | None = None
    print_date: date | None = None
    home_date: date | None = None
    moved_from: date | None = None
    moved_by: int | None = None
    moved_on: str | None = None
    version: int | None = None
    plan_end: date | None = None
    ahead: int | None = None
    estimate: tuple[date, date] | None = None
    class_label: str | None = None  # what people call the class (the instance's label)

    @property
    def answered(self) -> bool:
        return self.kind != Kind.UNKNOWN


def look_up(connection: Connection, applicant_ids: Sequence[str],
            show_columns: Sequence[str] | None = None) -> list[Answer]:
    """An answer per id, in the order given."""
    shown = tuple(show_columns) if show_columns is not None else extra_columns(connection)
    head = head_number(connection)
    offices = {row[0]: row[1] for row in connection.execute(
        select(printers.c.id, printers.c.district))}
    _, end = meta.horizon(connection)
    labels = {c["id"]: c.get("label") or c["id"]
              for c in meta.instance_doc(connection).get("classes", [])}
    pace: dict[tuple[str, str], list[int]] | None = None
    answers = []
    for applicant_id in applicant_ids:
        row = connection.execute(select(applicants).where(
            applicants.c.id == applicant_id)).mappings().first()
        if row is None:
            answers.append(Answer(applicant_id, Kind.UNKNOWN))
            continue
        known = dict(applicant_id=applicant_id, shown=shown_values(row["extra"], shown),
                     district=row["district"], service_class=row["class"], ready=row["ready"],
                     class_label=labels.get(row["class"], row["class"]))
        done = connection.execute(select(printed_table).where(
            printed_table.c.applicant_id == applicant_id)).mappings().first()
        if done is not None:
            answers.append(Answer(kind=Kind.PRINTED, printer=done["printer"],
                                  office=offices[done["printer"]], print_date=done["print_date"],
                                  home_date=done["home_date"], **known))
            continue
        if head is None:
            answers.append(Answer(kind=Kind.NO_PLAN, **known))
            continue
        planned = connection.execute(select(plan_assignments).where(and_(
            plan_assignments.c.version == head,
            plan_assignments.c.applicant_id == applicant_id))).mappings().first()
        if planned is not None and planned["printer"] is not None:
            answers.append(_planned(connection, head, planned, offices, known))
            continue
        if pace is None:
            pace = _queue_pace(connection, head)
        answers.append(_waiting(connection, head, row, planned, pace, end, known))
    return answers


def _planned(connection: Connection, head: int, planned: Any, offices: dict[str, str],
             known: dict[str, Any]) -> Answer:
    """A card in the plan, and the plan that last moved it there (if one did)."""
    change = connection.execute(
        select(plan_changes.c.version, plan_changes.c.old_print_date, plan_versions.c.created_at)
        .select_from(plan_changes.join(plan_versions,
                                       plan_versions.c.number == plan_changes.c.version))
        .where(and_(plan_changes.c.applicant_id == known["applicant_id"],
                    plan_changes.c.version <= head))
        .order_by(plan_changes.c.version.desc()).limit(1)).first()
    moved = {} if change is None else dict(moved_by=change[0], moved_from=change[1],
                                           moved_on=change[2])
    return Answer(kind=Kind.PLANNED, printer=planned["printer"],
                  office=offices[planned["printer"]], print_date=planned["print_date"],
                  home_date=planned["home_date"], version=head, **moved, **known)


def _waiting(connection: Connection, head: int, row: Any, planned: Any,
             pace: dict[tuple[str, str], list[int]], end: date, known: dict[str, Any]
             ) -> Answer:
    """No card in the plan: the ones ahead of it in its queue and a date range."""
    queue = (row["district"], row["class"])
    daily = pace.get(queue, [])
    cards = sum(daily)
    if planned is not None:
        ahead = int(planned["queue_rank"]) - cards
    else:  # arrived after the plan was made: everyone of its queue still waiting is ahead
        ahead = _still_waiting_ahead(connection, head, row) - cards
    ahead = max(ahead, 0)
    estimate = None
    if cards > 0:
        busiest = max(sum(daily[i:i + PACE_WINDOW]) for i in range(max(1, len(daily))))
        fast = busiest / min(PACE_WINDOW, len(daily))
        slow = cards / len(daily)
        estimate = (end + timedelta(days=math.ceil((ahead + 1) / fast)),
                    end + timedelta(days=math.ceil((ahead + 1) / slow)))
    return Answer(kind=Kind.WAITING, version=head, plan_end=end, ahead=ahead, estimate=estimate,
                  **known)


def _still_waiting_ahead(connection: Connection, head: int, row: Any) -> int:
    """The queue's applicants in the plan (cards or not) that came before this one."""
    a = applicants
    tiebreak = a.c.tiebreak.collate("C") if connection.dialect.name == "postgresql" \
        else a.c.tiebreak
    in_plan = exists().where(and_(plan_assignments.c.version == head,
                                  plan_assignments.c.applicant_id == a.c.id))
    earlier = (a.c.ready < row["ready"]) | and_(a.c.ready == row["ready"],
                                                  tiebreak < row["tiebreak"])
    return int(connection.execute(select(func.count()).where(and_(
        a.c.district == row["district"], a.c["class"] == row["class"], earlier, in_plan
    ))).scalar() or 0)


def _queue_pace(connection: Connection, head: int) -> dict[tuple[str, str], list[int]]:
    """Cards per day of each queue in the plan, over its horizon."""
    instance, document = stored_plan(connection, head)
    start = date.fromisoformat(instance["horizon"]["start"])
    days = int(instance["horizon"]["days"])
    daily: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * days)
    for row in document["prints"]:
        daily[row["district"], row["class"]][(date.fromisoformat(row["date"]) - start).days] += \
            row["count"]
    return dict(daily)



def answer_line(answer: Answer, show_ids: bool = False) -> str:
    """The answer in one line for a person."""
    who = shown_id(answer.applicant_id, show_ids)
    if answer.shown and any(answer.shown):
        who += " (" + ", ".join(v for v in answer.shown if v) + ")"
    fields = {k: v for k, v in answer.__dict__.items() if k not in ("applicant_id", "shown")}
    fields["home_office"] = answer.district
    fields["service_class"] = answer.class_label or answer.service_class
    if answer.kind == Kind.UNKNOWN:
        return words.ANSWER_UNKNOWN.format(who=who)
    if answer.kind == Kind.NO_PLAN:
        return words.ANSWER_NO_PLAN.format(who=who, **fields)
    if answer.kind == Kind.PRINTED:
        return words.ANSWER_PRINTED.format(who=who, **fields)
    if answer.kind == Kind.PLANNED:
        line = words.ANSWER_PLANNED.format(who=who, **fields)
        if answer.moved_by is not None:
            old = answer.moved_from if answer.moved_from is not None else words.CHANGE_NONE
            line += words.ANSWER_MOVED.format(old_date=old, version=answer.moved_by,
                                              when=answer.moved_on)
        return line
    line = words.ANSWER_NOT_IN_PLAN.format(who=who, end=answer.plan_end, **{
        k: v for k, v in fields.items() if k != "plan_end"})
    if answer.estimate is None:
        return line + words.ANSWER_NO_PACE
    return line + words.ANSWER_ESTIMATE.format(low=answer.estimate[0], high=answer.estimate[1])
