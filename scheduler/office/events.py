"""`office event`: new facts, in the instance's field names, as `replan --events` takes them.

Outages, repairs, deliveries, printers and links change the ledger's instance
JSON (checked by the instance reader before anything is kept); new arrivals
(`cohorts`) become applicants with permanent ids `cohort-<index>-<position>`,
their index continuing the instance file's cohort numbering, as if appended
to its `queue.cohorts`. The event itself is kept as it was given.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from scheduler.errors import InputError
from scheduler.instance.json_file import load_json
from scheduler.instance.model import Cohort, Instance
from scheduler.instance.reader import parse_instance
from scheduler.office import meta
from scheduler.office.db import bulk_insert, writing
from scheduler.office.load import APPLICANT_COLUMNS, applicant_rows
from scheduler.office.migrate import require_current
from scheduler.office.schema import events, printers
from scheduler.office.state import SOURCE, frame
from scheduler.replan.events import apply_events, events_error, list_sizes, parse_events


@dataclass(frozen=True)
class Recorded:
    """What an events file changed: records appended per list, repairs, new applicants."""

    event: int
    appended: dict[str, int]
    repairs: int
    arrivals: int


def record_events(engine: Engine, path: str | Path) -> Recorded:
    """Apply and keep an events file, in one transaction (InputError: nothing kept)."""
    source = str(path)
    data = load_json(path)
    parsed = parse_events(data, source)
    arrivals = parsed.appended.pop("cohorts", [])
    with writing(engine) as connection:
        require_current(connection, SOURCE)
        start, end = meta.horizon(connection)
        doc = meta.instance_doc(connection)
        changed = apply_events(doc, parsed)
        try:
            base = frame(changed, start, end)
        except InputError as error:
            raise events_error(error, parsed, list_sizes(doc)) from None
        first = int(meta.get_meta(connection, meta.NEXT_COHORT, "0"))
        new = _arrivals(changed, arrivals, first, source, start, end)
        old_printers = set(connection.execute(select(printers.c.id)).scalars())
        added = [{"id": p.id, "district": p.district, "position": i}
                 for i, p in enumerate(base.printers) if p.id not in old_printers]
        if added:
            connection.execute(printers.insert(), added)
        key = connection.execute(events.insert().values(
            recorded_at=meta.now_stamp(), source=Path(path).name,
            payload=json.dumps(data, ensure_ascii=False))).inserted_primary_key
        assert key is not None
        number = int(key[0])
        rows = list(applicant_rows(new, f"event {number}"))
        bulk_insert(connection, "applicants", APPLICANT_COLUMNS, rows)
        meta.set_meta(connection, meta.INSTANCE, json.dumps(changed, ensure_ascii=False))
        meta.set_meta(connection, meta.NEXT_COHORT, str(first + len(arrivals)))
        meta.bump_revision(connection)
    return Recorded(number, {k: len(v) for k, v in parsed.appended.items()},
                    len(parsed.repairs), len(rows))


def _arrivals(doc: dict[str, Any], records: list[Any], first: int, source: str,
              start: date, end: date) -> Instance:
    """The new arrivals as an instance's inline cohorts numbered from `first` (checked)."""
    padding = [{"district": doc["districts"][0]["id"], "ready": start.isoformat(), "count": 0,
                **({} if _has_default_class(doc) else {"class": doc["classes"][0]["id"]})}
               ] * first
    data = {**doc, "horizon": {"start": start.isoformat(), "days": (end - start).days + 1},
            "queue": {"cohorts": [*padding, *records]}}
    try:
        instance = parse_instance(data, source)
    except InputError as error:
        if error.where.startswith("queue.cohorts["):
            index = int(error.where.split("[", 1)[1].split("]", 1)[0]) - first
            rest = error.where.split("]", 1)[1]
            raise InputError(source, f"cohorts[{index}]{rest}", error.what) from None
        raise
    cohorts: tuple[Cohort, ...] = tuple(c for c in instance.cohorts if c.index >= first)
    return replace(instance, cohorts=cohorts)


def _has_default_class(doc: dict[str, Any]) -> bool:
    return "classes" not in doc or any(c.get("id") == "regular" for c in doc["classes"])
