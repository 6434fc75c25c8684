"""`office init`: a new ledger from an instance file, every applicant given its id for life.

The instance is read (and checked) by the instance reader; its records other
than the queue are kept as JSON, its districts and printers as rows, and every
applicant as one row: a queue file's ids as they are, an inline cohort's as
`cohort-<index>-<position>` — the ids `solve --assignments`, `print-list` and
`lookup` use — fixed here and never re-indexed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from scheduler.errors import InputError
from scheduler.instance.json_file import load_json
from scheduler.instance.model import Instance
from scheduler.instance.reader import read_instance
from scheduler.office import meta, words
from scheduler.office.db import bulk_insert, writing
from scheduler.office.migrate import current_revision, upgrade
from scheduler.office.schema import districts, printers

INIT_SOURCE = "init"
APPLICANT_COLUMNS = ("id", "district", "class", "ready", "tiebreak", "source")


@dataclass(frozen=True)
class Initialised:
    """What `init` loaded."""

    name: str
    districts: int
    printers: int
    applicants: int
    start: str
    end: str


def cohort_tiebreak(index: int, position: int) -> str:
    """The first-come key of an inline cohort's applicant: file order, then position."""
    return f"cohort-{index:09d}-{position:09d}"


def init_ledger(engine: Engine, instance_path: str | Path) -> Initialised:
    """Create the schema and load the instance, in one transaction."""
    instance = read_instance(instance_path)
    raw = load_json(instance_path)
    assert isinstance(raw, dict)  # read_instance accepted it
    doc: dict[str, Any] = {key: value for key, value in raw.items() if key != "queue"}
    cohort_records = raw["queue"].get("cohorts", [])
    with writing(engine) as connection:
        if current_revision(connection) is not None:
            name = meta.get_meta(connection, meta.NAME, "?")
            raise InputError(str(engine.url.database or "ledger"), "",
                             words.ALREADY_INITIALISED.format(name=name))
        upgrade(connection)
        facts = {
            meta.INSTANCE: json.dumps(doc, ensure_ascii=False),
            meta.NAME: instance.name,
            meta.START: instance.start.isoformat(),
            meta.END: instance.end.isoformat(),
            meta.NEXT_COHORT: str(len(cohort_records)),
            meta.REVISION: "1",
            meta.CREATED: meta.now_stamp(),
        }
        for key, value in facts.items():
            meta.set_meta(connection, key, value)
        connection.execute(districts.insert(), [
            {"id": d.id, "name": d.name, "position": k} for k, d in enumerate(instance.districts)])
        connection.execute(printers.insert(), [
            {"id": p.id, "district": p.district, "position": i}
            for i, p in enumerate(instance.printers)])
        rows = list(applicant_rows(instance, INIT_SOURCE))
        bulk_insert(connection, "applicants", APPLICANT_COLUMNS, rows)
    return Initialised(instance.name, len(instance.districts), len(instance.printers), len(rows),
                       instance.start.isoformat(), instance.end.isoformat())


def applicant_rows(instance: Instance, source: str) -> Iterator[tuple[str, ...]]:
    """One row per applicant of the instance (APPLICANT_COLUMNS)."""
    for j, cohort in enumerate(instance.cohorts):
        ready = cohort.ready.isoformat()
        if instance.applicant_ids is not None:
            for applicant in instance.applicant_ids[j]:
                yield (applicant, cohort.district, cohort.service_class, ready, applicant, source)
        else:
            for i in range(cohort.first, cohort.first + cohort.count):
                yield (f"cohort-{cohort.index}-{i}", cohort.district, cohort.service_class,
                       ready, cohort_tiebreak(cohort.index, i), source)
