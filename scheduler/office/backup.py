"""`office backup`: a consistent copy of a SQLite ledger while it is in use.

SQLite's online backup API copies the database page by page under its own
locks, so offices keep working; the copy is written beside the target and
renamed into place (mode 0600: it holds the same personal data). A PostgreSQL
ledger is backed up with `pg_dump` (docs/office.md).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import Engine

from scheduler.errors import InputError
from scheduler.office import words


def backup(engine: Engine, output: str | Path) -> int:
    """Copy the ledger to `output`; returns its size in bytes."""
    if engine.dialect.name != "sqlite":
        raise InputError("office backup", "", words.BACKUP_POSTGRES)
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)  # mkstemp made it 0600
    tmp = Path(name)
    try:
        with engine.connect() as connection:
            source = connection.connection.driver_connection
            assert isinstance(source, sqlite3.Connection)
            copy = sqlite3.connect(tmp)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                copy.close()
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target.stat().st_size
