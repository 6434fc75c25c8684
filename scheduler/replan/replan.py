"""Re-planning as of a date: done work out, events in, an optimal plan close to the previous one.

Order matters for "nothing written on bad input": the previous plan is read
and validated against the old instance, the done records checked, the new
instance built, the events applied and the whole re-read by the instance
reader, the new plan solved, closed to the previous one (stage 4) and
validated — and only then are the new instance (with its queue file, for a
file queue) and the new plan written.
"""

from __future__ import annotations

import gzip
import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scheduler.engines.dispatch import solve_instance
from scheduler.errors import InputError
from scheduler.files.atomic import write_atomic, write_json_atomic
from scheduler.instance.calendar import Calendar, build_calendar
from scheduler.instance.model import Instance
from scheduler.instance.reader import parse_instance, read_instance
from scheduler.plan.document import solution_document
from scheduler.plan.read import read_plan
from scheduler.plan.result import EngineResult, PlannedPrint, PlannedTransfer
from scheduler.replan.closeness import Closeness, closest_plan
from scheduler.replan.done import Done, done_from_plan, horizon_day, read_done
from scheduler.replan.events import NO_EVENTS, apply_events, events_error, list_sizes, read_events
from scheduler.replan.rebase import Rebased, rebase, write_queue_rows
from scheduler.validate import validate_solution


@dataclass(frozen=True)
class Replanned:
    """What a re-plan did: the new instance and plan, and how it relates to the old."""

    instance: Instance
    calendar: Calendar
    result: EngineResult
    document: dict[str, Any]
    done: Done
    stock: dict[str, int]
    moved: int
    previous_cards: int  # the previous plan's cards on or after the date


def replan(
    instance_path: str | Path,
    previous_path: str | Path,
    as_of_text: str,
    *,
    output: str | Path,
    instance_out: str | Path,
    done_path: str | Path | None = None,
    events_path: str | Path | None = None,
    time_limit: float | None = None,
    workers: int = 1,
    seed: int = 0,
    log: Callable[[str], None] | None = None,
) -> Replanned:
    """Re-plan and write both files (InputError before anything is written)."""
    started = time.perf_counter()
    old = read_instance(instance_path)
    old_calendar = build_calendar(old)
    as_of = horizon_day(old_calendar, as_of_text, "--as-of")
    previous = read_plan(old_calendar, previous_path)
    if done_path is None:
        done = done_from_plan(old_calendar, previous, as_of, f"the plan {previous_path}")
    else:
        done = read_done(old_calendar, previous, as_of, done_path)
    events = NO_EVENTS if events_path is None else read_events(events_path)

    instance_out = Path(instance_out)
    queue_name = None
    if old.applicant_ids is not None:
        queue_name = instance_out.name.removesuffix(".gz").removesuffix(".json") + ".queue.csv"
    rebased = rebase(_raw(instance_path), old_calendar, done, queue_name)
    data = apply_events(rebased.data, events)
    with tempfile.TemporaryDirectory() as scratch:
        if rebased.queue_rows is not None and queue_name is not None:
            write_queue_rows(Path(scratch) / queue_name, rebased.queue_rows)
        try:
            instance = parse_instance(data, str(instance_out), Path(scratch))
        except InputError as error:
            raise events_error(error, events, list_sizes(rebased.data)) from None
    calendar = build_calendar(instance)
    if log:
        log(f"new instance: {instance.days} days from {instance.start}, "
            f"{instance.applicant_count} applicants; {done.printed} printed before")

    prior = _shifted(old_calendar, calendar, previous, as_of)
    optimum = solve_instance(calendar, time_limit=time_limit, workers=workers, seed=seed,
                             log=log, hint=prior)
    if not optimum.has_plan:
        raise InputError(str(instance_out), "", f"no feasible plan ({optimum.status})")
    remaining = None
    if time_limit is not None:
        remaining = max(0.1, time_limit - (time.perf_counter() - started))
    close: Closeness = closest_plan(calendar, optimum, prior.prints, time_limit=remaining,
                                    workers=workers, seed=seed)
    document = _document(calendar, close, done, previous_path, prior, as_of_text)
    report = validate_solution(instance, document, source=str(output))
    if not report.valid:
        raise RuntimeError(f"internal error: the new plan fails validation "
                           f"({report.violations[0].message})")
    _write(instance_out, data, rebased, queue_name)
    write_json_atomic(output, document)
    again = read_instance(instance_out)
    if again.applicant_count != instance.applicant_count:
        raise RuntimeError("internal error: the written instance reads back differently")
    return Replanned(instance, calendar, close.result, document, done, rebased.stock,
                     close.moved, sum(pp.count for pp in prior.prints))


def _raw(path: str | Path) -> dict[str, Any]:
    """The instance file's JSON as written (already validated by read_instance)."""
    raw = Path(path).read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    data: dict[str, Any] = json.loads(raw.decode("utf-8-sig"))
    return data


def _shifted(old: Calendar, new: Calendar, plan: EngineResult, as_of: int) -> EngineResult:
    """The previous plan's prints and sends from the date on, in the new instance's indices."""
    queue_of = new.queue_index()
    printer_of = {p: i for i, p in enumerate(new.printer_ids)}
    link_of = {(new.district_ids[int(a)], new.district_ids[int(b)]): i
               for i, (a, b) in enumerate(zip(new.link_source, new.link_target, strict=True))}
    prints: list[PlannedPrint] = []
    for pp in plan.prints:
        queue = old.queues[pp.queue]
        key = (old.district_ids[queue.home], old.class_ids[queue.service_class])
        if pp.day >= as_of and key in queue_of:
            prints.append(PlannedPrint(queue_of[key], printer_of[old.printer_ids[pp.printer]],
                                       pp.day - as_of, pp.count))
    transfers = [
        PlannedTransfer(link_of[pair], tr.day - as_of, tr.count)
        for tr in plan.transfers
        if tr.day >= as_of
        and (pair := (old.district_ids[int(old.link_source[tr.link])],
                      old.district_ids[int(old.link_target[tr.link])])) in link_of
    ]
    return replace_plan(plan, tuple(prints), tuple(transfers))


def replace_plan(plan: EngineResult, prints: tuple[PlannedPrint, ...],
                 transfers: tuple[PlannedTransfer, ...]) -> EngineResult:
    return EngineResult(engine=plan.engine, status="FEASIBLE", objective=None,
                        bound=plan.bound, proof="previous plan", prints=prints,
                        transfers=transfers)


def _document(calendar: Calendar, close: Closeness, done: Done, previous_path: str | Path,
              prior: EngineResult, as_of: str) -> dict[str, Any]:
    document = solution_document(calendar, close.result)
    solver = document["solver"]
    solver["moved"] = close.moved
    solver["replan"] = {
        "previous": str(previous_path),
        "as_of": as_of,
        "done": done.source,
        "printed_before": done.printed,
        "in_transit": done.in_transit,
        "previous_cards": sum(pp.count for pp in prior.prints),
        "moved_definition": "Σ over (queue, printer, day) of max(0, previous − new)",
    }
    return document


def _write(instance_out: Path, data: dict[str, Any], rebased: Rebased,
           queue_name: str | None) -> None:
    if rebased.queue_rows is not None and queue_name is not None:
        rows = rebased.queue_rows
        write_atomic(instance_out.parent / queue_name, lambda tmp: write_queue_rows(tmp, rows))
    write_json_atomic(instance_out, data)
