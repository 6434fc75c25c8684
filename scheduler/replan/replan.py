"""Re-planning as of a date: done work out, events in, an optimal plan close to the previous one.

Order matters for "nothing written on bad input": the previous plan is read
and validated against the old instance, the done records checked, the new
instance built, the events applied and the whole re-read by the instance
reader, the new plan solved, closed to the previous one (stage 4) and
validated — and only then are the new instance (with its queue file, for a
file queue) and the new plan written.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scheduler.errors import InputError
from scheduler.files.atomic import write_atomic
from scheduler.files.guard import check_files, inputs_of
from scheduler.files.json_files import write_json_file
from scheduler.instance.calendar import Calendar, build_calendar
from scheduler.instance.json_file import load_json
from scheduler.instance.model import Instance
from scheduler.instance.reader import parse_instance, read_instance
from scheduler.plan.document import with_inputs, write_solution
from scheduler.plan.make import NoPlanFound, make_plan, planned_from_result
from scheduler.plan.planned import Planned
from scheduler.plan.read import read_solution
from scheduler.plan.result import EngineResult, PlanCounts, PlannedPrint, PlannedTransfer
from scheduler.replan.closeness import Closeness, closest_plan
from scheduler.replan.done import Done, done_from_plan, horizon_day, read_done
from scheduler.replan.events import (
    NO_EVENTS,
    Events,
    apply_events,
    events_error,
    list_sizes,
    read_events,
)
from scheduler.replan.printed import (
    Row,
    done_rows,
    printed_name,
    read_printed,
    recorded_file,
    write_printed,
)
from scheduler.replan.rebase import Rebased, rebase, write_queue_rows


@dataclass(frozen=True)
class Replanned:
    """What a re-plan did: the new plan on the new instance, and how it relates to the old."""

    planned: Planned
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
    previous, as_of, done = _previous(instance_path, previous_path, as_of_text, done_path)
    old_calendar = previous.calendar
    events = NO_EVENTS if events_path is None else read_events(events_path)
    instance_out = Path(instance_out)
    queue_name = _queue_file_name(previous.instance, instance_out)
    _check_files(previous, previous_path, done_path, events_path, output, instance_out,
                 queue_name)
    raw = load_json(instance_path)
    assert isinstance(raw, dict)  # read_instance above accepted it
    rebased = rebase(raw, old_calendar, done, queue_name)
    data = apply_events(rebased.data, events)
    instance = _new_instance(data, rebased, queue_name, instance_out, events)
    if log:
        log(f"new instance: {instance.days} days from {instance.start}, "
            f"{instance.applicant_count} applicants; {done.printed} printed before")

    prior = _shifted(old_calendar, build_calendar(instance), previous.result, as_of)
    try:
        optimum = make_plan(instance, time_limit=time_limit, workers=workers, seed=seed,
                            log=log, hint=prior, blanks_short=False)
    except NoPlanFound as none:
        raise InputError(str(instance_out), "", f"no feasible plan ({none.result.status})"
                         ) from None
    remaining = None
    if time_limit is not None:
        remaining = max(0.1, time_limit - (time.perf_counter() - started))
    close = closest_plan(optimum.calendar, optimum.result, prior.prints, time_limit=remaining,
                         workers=workers, seed=seed)
    printed = _printed_before(previous, previous_path, old_calendar, done)
    block = _replan_block(close, done, previous_path, prior, as_of_text, printed_name(output))
    planned = planned_from_result(instance, optimum.calendar, close.result, optimum.settings,
                                  seconds=time.perf_counter() - started, solver_extra=block)
    _write(instance_out, data, rebased, queue_name)
    again = read_instance(instance_out)
    if again.applicant_count != instance.applicant_count:
        raise RuntimeError("internal error: the written instance reads back differently")
    # The plan names the files just written as its inputs (plan/read.py checks them).
    planned = replace(planned, document=with_inputs(planned.document, again.inputs))
    write_printed(Path(output).parent / printed_name(output), printed)
    write_solution(planned, output)
    return Replanned(planned, done, rebased.stock, close.moved,
                     sum(pp.count for pp in prior.prints))


def _previous(instance_path: str | Path, previous_path: str | Path, as_of_text: str,
              done_path: str | Path | None) -> tuple[Planned, int, Done]:
    """The previous plan (validated, on its instance), the date's index and the work done
    before it (the done file, else the previous plan as made)."""
    previous = read_solution(read_instance(instance_path), previous_path)
    as_of = horizon_day(previous.calendar, as_of_text, "--as-of")
    if done_path is None:
        done = done_from_plan(previous.calendar, previous.result, as_of,
                              f"the plan {previous_path}")
    else:
        done = read_done(previous.calendar, previous.result, as_of, done_path)
    return previous, as_of, done


def _check_files(previous: Planned, previous_path: str | Path, done_path: str | Path | None,
                 events_path: str | Path | None, output: str | Path, instance_out: Path,
                 queue_name: str | None) -> None:
    """No output over an input or another output; the derived files must be new."""
    check_files(
        {**inputs_of(previous.instance.inputs), "the previous plan": previous_path,
         "--done": done_path, "--events": events_path,
         "the previous record of cards printed": recorded_file(previous.document, previous_path)},
        {"-o": output, "--instance-out": instance_out},
        derived={"the new queue file": None if queue_name is None
                 else instance_out.parent / queue_name,
                 "the record of cards printed": Path(output).parent / printed_name(output)})


def _queue_file_name(old: Instance, instance_out: Path) -> str | None:
    """The new instance's queue file beside it, when the old one had a queue file."""
    if old.applicant_ids is None:
        return None
    return instance_out.name.removesuffix(".gz").removesuffix(".json") + ".queue.csv"


def _printed_before(previous: Planned, previous_path: str | Path, calendar: Calendar,
                    done: Done) -> list[Row]:
    """Everyone printed before the date: the previous re-plans' record and this one's."""
    earlier = recorded_file(previous.document, previous_path)
    rows: list[Row] = []
    if earlier is not None:
        rows = [(a, p, d.isoformat()) for a, (p, d) in read_printed(earlier).items()]
    return rows + done_rows(calendar, done)


def _new_instance(data: dict[str, Any], rebased: Rebased, queue_name: str | None,
                  instance_out: Path, events: Events) -> Instance:
    """The new instance as the reader reads it (its queue file written to a scratch folder)."""
    with tempfile.TemporaryDirectory() as scratch:
        if rebased.queue_rows is not None and queue_name is not None:
            write_queue_rows(Path(scratch) / queue_name, rebased.queue_rows)
        try:
            return parse_instance(data, str(instance_out), Path(scratch))
        except InputError as error:
            raise events_error(error, events, list_sizes(rebased.data)) from None


def _shifted(old: Calendar, new: Calendar, plan: EngineResult, as_of: int) -> PlanCounts:
    """The previous plan's prints and sends from the date on, in the new instance's indices."""
    queue_of = new.queue_index()
    printer_of = {p: i for i, p in enumerate(new.printer_ids)}
    link_of = new.link_index_by_id()
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
    return PlanCounts(tuple(prints), tuple(transfers))


def _replan_block(close: Closeness, done: Done, previous_path: str | Path, prior: PlanCounts,
                  as_of: str, printed: str) -> dict[str, Any]:
    """The solver block's `moved` and `replan` entries: what the re-plan started from."""
    return {
        "moved": close.moved,
        "replan": {
            "previous": str(previous_path),
            "as_of": as_of,
            "done": done.source,
            "printed_before": done.printed,
            "in_transit": done.in_transit,
            "previous_cards": sum(pp.count for pp in prior.prints),
            "moved_definition": "Σ over (queue, printer, day) of max(0, previous − new)",
            "printed": printed,
        },
    }


def _write(instance_out: Path, data: dict[str, Any], rebased: Rebased,
           queue_name: str | None) -> None:
    if rebased.queue_rows is not None and queue_name is not None:
        rows = rebased.queue_rows
        write_atomic(instance_out.parent / queue_name, lambda tmp: write_queue_rows(tmp, rows))
    write_json_file(instance_out, data)
