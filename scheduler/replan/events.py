"""New facts for a re-plan, in the instance's own field names.

An events file is a JSON object whose keys name instance lists to append to
(`outages`, `deliveries`, `printers`, `links`, `cohorts` for new arrivals)
plus `repairs`: `{"printer": "PLW-1", "date": "2017-06-20"}` (or `"district"`
for a district's server) ends that printer's (district's) outages covering the
date on the day before it (one starting on the date is dropped); outages that
end before the date or start after it are kept. The records
themselves are checked by the instance reader when the new instance is read; an
error in an appended record is reported against the events file's own row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from scheduler.errors import InputError
from scheduler.instance.fields import date_value, describe, unknown_field
from scheduler.instance.json_file import load_json

APPENDED = {"outages": "outages", "deliveries": "deliveries", "printers": "printers",
            "links": "links", "cohorts": "queue.cohorts"}
REPAIR_KEYS = frozenset({"printer", "district", "date"})
EVENT_KEYS = frozenset(APPENDED) | {"repairs"}
_APPENDED_PATH = re.compile(r"(outages|deliveries|printers|links|queue\.cohorts)\[(\d+)\](.*)")


@dataclass(frozen=True)
class Repair:
    """A printer (or a district's server) working again from `date` on."""

    printer: str | None
    district: str | None
    date: date
    where: str


@dataclass(frozen=True)
class Events:
    """Records to append, per instance list, and repairs; `source` names the file."""

    source: str
    appended: dict[str, list[Any]]
    repairs: tuple[Repair, ...]


NO_EVENTS = Events("", {}, ())


def read_events(path: str | Path) -> Events:
    """Read and shape-check an events file (the records are checked on re-reading)."""
    return parse_events(load_json(path), str(path))


def parse_events(data: object, source: str) -> Events:
    """Shape-check an events object already read (also a what-if scenario's changes)."""
    if not isinstance(data, dict):
        raise InputError(source, "", f"expected a JSON object, got {describe(data)}")
    for key, value in data.items():
        if key not in EVENT_KEYS:
            raise InputError(source, key, unknown_field(key, EVENT_KEYS))
        if not isinstance(value, list):
            raise InputError(source, key, f"must be a list, got {describe(value)}")
    repairs = tuple(_repair(source, f"repairs[{i}]", r)
                    for i, r in enumerate(data.get("repairs", [])))
    return Events(source, {k: v for k, v in data.items() if k in APPENDED}, repairs)


def _repair(source: str, where: str, record: object) -> Repair:
    if not isinstance(record, dict):
        raise InputError(source, where, f"expected an object, got {describe(record)}")
    for key in record:
        if key not in REPAIR_KEYS:
            raise InputError(source, f"{where}.{key}", unknown_field(key, REPAIR_KEYS))
    if ("printer" in record) == ("district" in record):
        raise InputError(source, where, "needs exactly one of 'printer' or 'district'")
    subject = record.get("printer", record.get("district"))
    if not isinstance(subject, str):
        raise InputError(source, where, f"must name an id, got {describe(subject)}")
    when = date_value(record.get("date"), source, f"{where}.date")
    return Repair(record.get("printer"), record.get("district"), when, where)


def apply_events(data: dict[str, Any], events: Events) -> dict[str, Any]:
    """The instance dict with the events' records appended and repairs applied (a copy)."""
    data = dict(data)
    for key, records in events.appended.items():
        if key == "cohorts":
            queue = dict(data["queue"])
            if "cohorts" not in queue:
                raise InputError(events.source, "cohorts", "new arrivals can be appended only "
                                 "to inline cohorts; add them to the queue file instead")
            queue["cohorts"] = [*queue["cohorts"], *_labelled(queue["cohorts"], records)]
            data["queue"] = queue
        else:
            data[key] = [*data.get(key, []), *records]
    printers = {p.get("id") for p in data.get("printers", []) if isinstance(p, dict)}
    districts = {d.get("id") for d in data.get("districts", []) if isinstance(d, dict)}
    for repair in events.repairs:
        field, known = ("printer", printers) if repair.printer else ("district", districts)
        subject = repair.printer or repair.district
        if subject not in known:
            raise InputError(events.source, f"{repair.where}.{field}",
                             f"unknown {field} {describe(subject)}")
        data["outages"] = _repaired(data.get("outages", []), field, subject, repair, events)
    return data


def _labelled(cohorts: list[Any], records: list[Any]) -> list[Any]:
    """New arrivals named after every label in use, so that their ids are new ones.

    A record's label is its `label` field, or its position in the list; a re-plan
    writes labels, so a position there may be another cohort's label already.
    """
    used = [c.get("label", i) if isinstance(c, dict) else i for i, c in enumerate(cohorts)]
    next_label = max([u for u in used if isinstance(u, int)], default=-1) + 1
    labelled = []
    for record in records:
        if isinstance(record, dict) and "label" not in record:
            record = {**record, "label": next_label}
            next_label += 1
        labelled.append(record)
    return labelled


def _repaired(outages: list[Any], field: str, subject: object, repair: Repair,
              events: Events) -> list[Any]:
    """Outages of `subject` covering the repair date end the day before it."""
    day_before = repair.date - timedelta(days=1)
    kept: list[Any] = []
    ended = 0
    for outage in outages:
        covers = (
            isinstance(outage, dict) and outage.get(field) == subject
            and str(outage.get("start")) <= repair.date.isoformat()
            and str(outage.get("end")) >= repair.date.isoformat()
        )
        if not covers:
            kept.append(outage)
            continue
        ended += 1
        if str(outage["start"]) <= day_before.isoformat():
            kept.append({**outage, "end": day_before.isoformat()})
    if ended == 0:
        raise InputError(events.source, repair.where,
                         f"{field} {subject} has no outage on {repair.date} to end")
    return kept


def events_error(error: InputError, events: Events, base: dict[str, int]) -> InputError:
    """An error in an appended record, re-addressed to the events file's row.

    `base[path]` is how many records the list had before the events were appended.
    """
    match = _APPENDED_PATH.fullmatch(error.where)
    if match is None or int(match[2]) < base.get(match[1], 0):
        return error
    key = "cohorts" if match[1] == "queue.cohorts" else match[1]
    return InputError(events.source, f"{key}[{int(match[2]) - base[match[1]]}]{match[3]}",
                      error.what)


def list_sizes(data: dict[str, Any]) -> dict[str, int]:
    """How many records each appendable list holds (to re-address errors)."""
    sizes = {key: len(data.get(key, [])) for key in ("outages", "deliveries", "printers", "links")}
    sizes["queue.cohorts"] = len(data.get("queue", {}).get("cohorts", []))
    return sizes
