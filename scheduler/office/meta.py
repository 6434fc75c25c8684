"""The ledger's own facts in the `meta` table: the instance's JSON, its horizon, a write counter.

Every write transaction bumps `revision`, so a plan solved outside a
transaction can tell, when it comes to store itself, whether the ledger moved
on while it was being solved (then it is refused, never half-applied).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, select, update

from scheduler.errors import InputError
from scheduler.office import words
from scheduler.office.schema import meta

INSTANCE = "instance"  # the ektp-instance/1 JSON without its queue, events applied
START = "start"
END = "end"
NAME = "name"
NEXT_COHORT = "next_cohort"  # the index the next inline cohort (a new arrival) gets
REVISION = "revision"
COLUMNS = "columns"  # the column mapping of the last import (JSON)
EXTRA_COLUMNS = "extra_columns"  # the other columns imports kept, in order first seen (JSON)
CREATED = "created_at"


def now_stamp() -> str:
    """The current time as the ledger stores it: ISO, UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def get_meta(connection: Connection, key: str, default: str | None = None) -> str:
    """A meta value (InputError when it is missing and has no default)."""
    value = connection.execute(select(meta.c.value).where(meta.c.key == key)).scalar()
    if value is None:
        if default is None:
            raise InputError("ledger", f"meta.{key}", words.NOT_INITIALISED)
        return default
    return str(value)


def set_meta(connection: Connection, key: str, value: str) -> None:
    if connection.execute(update(meta).where(meta.c.key == key).values(value=value)).rowcount:
        return
    connection.execute(meta.insert().values(key=key, value=value))


def instance_doc(connection: Connection) -> dict[str, Any]:
    """The instance's JSON (no queue) as the ledger holds it now."""
    doc = json.loads(get_meta(connection, INSTANCE))
    assert isinstance(doc, dict)
    return doc


def horizon(connection: Connection) -> tuple[date, date]:
    """The instance's first and last day."""
    return (date.fromisoformat(get_meta(connection, START)),
            date.fromisoformat(get_meta(connection, END)))


def revision(connection: Connection) -> int:
    return int(get_meta(connection, REVISION, "0"))


def bump_revision(connection: Connection) -> int:
    """Count one more write; returns the new revision."""
    new = revision(connection) + 1
    set_meta(connection, REVISION, str(new))
    return new
