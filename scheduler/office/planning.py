"""`office plan` and `office replan`: a plan from the ledger's state, stored as the next version.

Both call `make_plan`, the library `solve` uses, on the instance the ledger
sees on the date (`state.py`). A re-plan also offers the previous version's
plan from the date on as the engine's hint and then, among plans as good as
the optimum, takes the one closest to it (`replan/closeness.py`'s stage, as
the file-based re-plan does), so as few residents as possible get a new date.
The solve runs before the write transaction opens: the transaction only checks
that the ledger did not move on meanwhile and stores the version, so it is short
and a kill at any moment leaves the previous version the newest.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from scheduler.errors import InputError
from scheduler.instance.calendar import Calendar, build_calendar
from scheduler.office import meta, words
from scheduler.office.db import reading, writing
from scheduler.office.migrate import require_current
from scheduler.office.reasons import stored_reason
from scheduler.office.schema import printed
from scheduler.office.state import SOURCE, LedgerState, ledger_state
from scheduler.office.versions import (
    assignments,
    head_number,
    previous_assignments,
    store_version,
    stored_plan,
)
from scheduler.plan.make import NoPlanFound, make_plan, planned_from_result
from scheduler.plan.planned import Planned
from scheduler.plan.result import PlanCounts, PlannedPrint, PlannedTransfer
from scheduler.replan.closeness import closest_plan

# The closeness stage is a fourth min-cost flow on a pure network: exact, and the same plan on
# any machine. Where CP-SAT does it instead (side constraints), it stops after this much
# deterministic work, not wall-clock time, so the plan still does not depend on the machine's
# speed (a wall-clock limit applies only when the user sets --time-limit).
CLOSENESS_WORK = 1.0


@dataclass(frozen=True)
class EngineSettings:
    """How hard to look: the engine settings `solve` takes."""

    time_limit: float | None = None
    workers: int | None = None
    seed: int = 0


@dataclass(frozen=True)
class StoredVersion:
    """A version just stored: its number, plan, and how many residents' dates moved."""

    number: int
    as_of: date
    planned: Planned
    changed: int
    moved_cards: int | None
    applicants: int
    seconds: float


def default_as_of(connection: Connection) -> date:
    """The day after the last day with recorded prints, else the horizon's first day."""
    start, _ = meta.horizon(connection)
    latest = connection.execute(select(func.max(printed.c.print_date))).scalar()
    return start if latest is None else max(start, latest + timedelta(days=1))


def plan(engine: Engine, as_of: date | None = None, settings: EngineSettings = EngineSettings(),
         log: Callable[[str], None] | None = None) -> StoredVersion:
    """An optimal plan from the ledger's state on `as_of`, stored as the next version."""
    return _make_version(engine, as_of, settings, log, close=False)


def replan(engine: Engine, as_of: date, settings: EngineSettings = EngineSettings(),
           log: Callable[[str], None] | None = None) -> StoredVersion:
    """A new version from what was done and what happened, as close to the last as can be."""
    return _make_version(engine, as_of, settings, log, close=True)


def _make_version(engine: Engine, as_of: date | None, settings: EngineSettings,
                  log: Callable[[str], None] | None, close: bool) -> StoredVersion:
    started = time.perf_counter()
    with reading(engine) as connection:
        require_current(connection, SOURCE)
        day = as_of or default_as_of(connection)
        state = ledger_state(connection, day)
        head = head_number(connection)
        old = None if head is None else previous_assignments(connection, head)
        previous = None if head is None or not close else stored_plan(connection, head)[1]
    planned, moved = _solve(state, previous, settings, log)
    new, rank = assignments(planned)
    reason = stored_reason(day, replan=close)
    with writing(engine) as connection:
        if meta.revision(connection) != state.revision or head_number(connection) != head:
            raise InputError(SOURCE, "", words.LEDGER_MOVED)
        number = (head or 0) + 1
        changed = store_version(connection, number, planned, as_of=day, reason=reason,
                                inputs_sha256=state.inputs_sha256,
                                instance_document=state.document, moved=moved, new=new,
                                rank=rank, old=old)
        meta.bump_revision(connection)
    return StoredVersion(number, day, planned, changed, moved, len(new),
                         time.perf_counter() - started)


def _solve(state: LedgerState, previous: dict[str, Any] | None, settings: EngineSettings,
           log: Callable[[str], None] | None) -> tuple[Planned, int | None]:
    """The optimum (NoPlanFound as an InputError); with a previous plan, the closest one."""
    started = time.perf_counter()
    hint = None
    if previous is not None:
        hint = counts_from(build_calendar(state.instance), previous, state.as_of)
    try:
        optimum = make_plan(state.instance, time_limit=settings.time_limit,
                            workers=settings.workers, seed=settings.seed, hint=hint,
                            blanks_short=False, log=log)
    except NoPlanFound as none:
        raise InputError(SOURCE, "", words.NO_FEASIBLE_PLAN.format(
            status=none.result.status)) from None
    if hint is None:
        return optimum, None
    left = None
    if settings.time_limit is not None:
        left = max(0.1, settings.time_limit - (time.perf_counter() - started))
    workers = optimum.settings.workers if optimum.settings else 1
    close = closest_plan(optimum.calendar, optimum.result, hint.prints, time_limit=left,
                         workers=workers, seed=settings.seed, work_limit=CLOSENESS_WORK)
    planned = planned_from_result(
        state.instance, optimum.calendar, close.result, optimum.settings,
        seconds=time.perf_counter() - started,
        solver_extra={"moved": close.moved, "replan": {"as_of": state.as_of.isoformat(),
                                                       "previous_cards": _cards(hint)}})
    return planned, close.moved


def counts_from(calendar: Calendar, document: dict[str, Any], as_of: date) -> PlanCounts:
    """A stored plan's prints and sends from `as_of` on, in `calendar`'s indices."""
    queue_of = calendar.queue_index()
    printer_of = {p: i for i, p in enumerate(calendar.printer_ids)}
    link_of = calendar.link_index_by_id()
    start = calendar.instance.start

    def day(text: str) -> int:
        return (date.fromisoformat(text) - start).days

    prints = tuple(
        PlannedPrint(queue_of[row["district"], row["class"]], printer_of[row["printer"]],
                     day(row["date"]), row["count"])
        for row in document["prints"]
        if 0 <= day(row["date"]) < calendar.days and (row["district"], row["class"]) in queue_of
        and row["printer"] in printer_of)
    transfers = tuple(
        PlannedTransfer(link_of[row["from"], row["to"]], day(row["date"]), row["count"])
        for row in document["transfers"]
        if 0 <= day(row["date"]) < calendar.days and (row["from"], row["to"]) in link_of)
    return PlanCounts(prints, transfers)


def _cards(counts: PlanCounts) -> int:
    return sum(pp.count for pp in counts.prints)
