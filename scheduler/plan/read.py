"""Reading a written `ektp-solution/1` plan back onto its instance, for the supervisor's tools.

Print lists and card look-ups start from a plan file, not from a solve, and a
supervisor must never print from a broken plan: `read_plan` refuses a solution
for another instance, any row naming an unknown printer, district or class or a
date outside the horizon (one-line `InputError` naming the row and field), and
then any plan the independent validator rejects. What it returns is a
`Planned` in the calendar's index space, so the first-come pairing and the
per-district figures work on it as on a fresh solve.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from scheduler.errors import InputError
from scheduler.instance.calendar import Calendar, build_calendar
from scheduler.instance.fields import date_value, describe, whole_value
from scheduler.instance.model import Instance
from scheduler.plan.planned import Planned
from scheduler.plan.result import (
    Bound,
    EngineResult,
    Objective,
    PlannedPrint,
    PlannedTransfer,
    Status,
)
from scheduler.validator import read_solution_document, validate_solution


def read_solution(instance: Instance, path: str | Path) -> Planned:
    """The validated plan in `path` on `instance` (InputError on any bad content).

    Rows with the same (queue, printer, day) or (link, day) are summed; zero
    counts are dropped. The objective is the validator's recomputation (equal
    to the stated one, or the plan is refused); the bound is not re-proven
    here, so none is claimed.
    """
    source = str(path)
    calendar = build_calendar(instance)
    document = read_solution_document(path)
    named = document.get("instance")
    if named != instance.name:
        shown = instance.source or instance.name
        raise InputError(
            source, "instance", f"the solution is for {describe(named)}, not {instance.name!r} "
            f"({shown})"
        )
    _same_inputs(document, instance, source)
    rows = _Rows(calendar, source)
    prints = rows.prints(document["prints"])
    transfers = rows.transfers(document.get("transfers", []))
    report = validate_solution(instance, document, source=source)
    if not report.valid:
        first = report.violations[0]
        more = len(report.violations) - 1
        also = f" (and {more} more; `ektp-sched validate` lists them)" if more else ""
        raise InputError(
            source, "", f"the plan does not validate against {instance.source or instance.name}: "
            f"{first}{also}"
        )
    queue_of = calendar.queue_index()
    planned = tuple(
        PlannedPrint(queue_of[(home, cls)], printer, day, count)
        for (home, cls, printer, day), count in prints.items()
    )
    solver = document.get("solver")
    status = solver.get("status") if isinstance(solver, Mapping) else None
    engine = solver.get("engine") if isinstance(solver, Mapping) else None
    result = EngineResult(
        engine=engine if isinstance(engine, str) else "file",
        status=Status.OPTIMAL if status == Status.OPTIMAL else Status.FEASIBLE,
        objective=Objective(**report.objective),
        bound=Bound(None),
        proof=f"read from {source} and validated",
        prints=planned,
        transfers=tuple(
            PlannedTransfer(link, day, count) for (link, day), count in transfers.items()
        ),
    )
    return Planned(instance, calendar, result, document)


def _same_inputs(document: Mapping[str, Any], instance: Instance, source: str) -> None:
    """Refuse a plan made from other instance or queue files than those read now.

    A plan without `inputs` (written before plans carried them, or made from an
    instance in memory) cannot be checked this way; the validator still checks it.
    """
    recorded = document.get("inputs")
    if not isinstance(recorded, Mapping) or not instance.inputs:
        return
    now = {f.role: f for f in instance.inputs}
    for role, entry in recorded.items():
        then = entry.get("sha256") if isinstance(entry, Mapping) else None
        current = now.get(role)
        name = current.path if current is not None else (
            entry.get("file") if isinstance(entry, Mapping) else role)
        if current is None or then != current.sha256:
            raise InputError(source, "inputs", f"the {role} file {name} changed after this plan "
                             "was made (its SHA-256 differs): make the plan again from it")


class _Rows:
    """Turns solution rows into index keys, or raises at the first row that cannot be read."""

    def __init__(self, calendar: Calendar, source: str) -> None:
        self.instance = calendar.instance
        self.source = source
        self.printers = {p: i for i, p in enumerate(calendar.printer_ids)}
        self.districts = set(calendar.district_ids)
        self.classes = set(calendar.class_ids)
        self.links = calendar.link_index_by_id()

    def prints(self, rows: list[Any]) -> dict[tuple[str, str, int, int], int]:
        """(home district, class, printer index, day) -> cards."""
        summed: dict[tuple[str, str, int, int], int] = {}
        for i, row in enumerate(rows):
            where = f"prints[{i}]"
            fields = self._fields(row, where)
            day = self._day(fields, where)
            printer_id = self._known(fields, where, "printer", self.printers, "printer")
            home = self._known(fields, where, "district", self.districts, "district")
            cls = self._known(fields, where, "class", self.classes, "class")
            count = whole_value(fields.get("count"), self.source, f"{where}.count")
            if count:
                key = (home, cls, self.printers[printer_id], day)
                summed[key] = summed.get(key, 0) + count
        return summed

    def transfers(self, rows: list[Any]) -> dict[tuple[int, int], int]:
        """(link index, day) -> blanks."""
        summed: dict[tuple[int, int], int] = {}
        for i, row in enumerate(rows):
            where = f"transfers[{i}]"
            fields = self._fields(row, where)
            day = self._day(fields, where)
            source = self._known(fields, where, "from", self.districts, "district")
            target = self._known(fields, where, "to", self.districts, "district")
            count = whole_value(fields.get("count"), self.source, f"{where}.count")
            if (source, target) not in self.links:
                raise InputError(self.source, where, f"there is no link {source} -> {target}")
            if count:
                key = (self.links[(source, target)], day)
                summed[key] = summed.get(key, 0) + count
        return summed

    def _fields(self, row: object, where: str) -> Mapping[str, object]:
        if not isinstance(row, Mapping):
            raise InputError(self.source, where, f"expected an object, got {describe(row)}")
        return row

    def _day(self, fields: Mapping[str, object], where: str) -> int:
        when: date = date_value(fields.get("date"), self.source, f"{where}.date")
        t = self.instance.day_index(when)
        if not 0 <= t < self.instance.days:
            raise InputError(
                self.source, f"{where}.date",
                f"{when} is outside the horizon {self.instance.start} .. {self.instance.end}",
            )
        return t

    def _known(
        self, fields: Mapping[str, object], where: str, key: str, known: Container[str], kind: str
    ) -> str:
        value = fields.get(key)
        if not isinstance(value, str) or value not in known:
            raise InputError(self.source, f"{where}.{key}", f"unknown {kind} {describe(value)}")
        return value
