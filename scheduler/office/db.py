"""Opening a ledger: its URL, the SQLite file's mode and pragmas, and the two kinds of transaction.

A ledger is a SQLite file (the embedded default) or a PostgreSQL database (a
provincial server shared by many offices). Every command is one transaction:
`reading` gives a consistent snapshot, `writing` serialises writers (SQLite's
BEGIN IMMEDIATE waits on the busy timeout; PostgreSQL takes an advisory lock)
so two writers wait for each other and never interleave. A URL with a password
typed on the command line is refused: it would stay in the shell history and
the process list; PostgreSQL reads it from PGPASSWORD or ~/.pgpass instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from scheduler.errors import InputError
from scheduler.office import words

DEFAULT_URL = "sqlite:///ektp-office.db"
ENVIRONMENT = "EKTP_DB"
BUSY_TIMEOUT_MS = 60_000  # a writer waits this long for another before giving up
WRITER_LOCK = 0x454B5450  # PostgreSQL advisory lock key ("EKTP")
_SQLITE_PRAGMAS = ("PRAGMA journal_mode=WAL", f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
                   "PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL")


def ledger_url(text: str | None, *, typed: bool) -> URL:
    """The ledger's URL from `--db`, else EKTP_DB, else the default file.

    `typed` says the text was given on the command line: a password there is refused.
    """
    chosen = text or os.environ.get(ENVIRONMENT) or DEFAULT_URL
    try:
        url = make_url(chosen)
    except ArgumentError:
        raise InputError("--db", "", words.BAD_URL.format(url=chosen)) from None
    if typed and url.password is not None:
        raise InputError("--db", "", words.PASSWORD_ON_COMMAND_LINE)
    if url.get_backend_name() == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() != "sqlite":
        raise InputError("--db", "", words.UNKNOWN_BACKEND.format(backend=url.get_backend_name()))
    return url


def ledger_files(url: URL) -> dict[str, str]:
    """The files a SQLite ledger lives in (none for a server): outputs must never be these."""
    if url.get_backend_name() != "sqlite" or not url.database:
        return {}
    return {"the ledger": url.database, "the ledger's journal": url.database + "-wal",
            "the ledger's shared memory": url.database + "-shm"}


def shown_url(url: URL) -> str:
    """The URL as messages show it: never with its password."""
    return url.render_as_string(hide_password=True)


def open_ledger(url: URL | str, *, create: bool = False) -> Engine:
    """An engine on the ledger; a new SQLite file is created with mode 0600 (`create`).

    Without `create`, a SQLite file that does not exist is an error (a typo in
    `--db` must not start an empty ledger).
    """
    url = make_url(url) if isinstance(url, str) else url
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, create)
    engine = create_engine(url, poolclass=NullPool)
    event.listen(engine, "begin", _postgres_begin)
    return engine


def _sqlite_engine(url: URL, create: bool) -> Engine:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        raise InputError(shown_url(url), "", words.SQLITE_NEEDS_FILE)
    path = Path(database)
    if not path.exists():
        if not create:
            raise InputError(str(path), "", words.NO_LEDGER)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Created 0600 before SQLite opens it: its -wal and -shm files take the same mode.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    engine = create_engine(url, poolclass=NullPool,
                           connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Autocommit at the driver, so that `begin` below decides how transactions start."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in _SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """A writer takes the write lock at once (waiting on the busy timeout): a deferred one
    could read, then fail to upgrade its lock when another wrote meanwhile."""
    immediate = connection.get_execution_options().get("ektp_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _postgres_begin(connection: Connection) -> None:
    """Writers queue on one advisory lock, held to the end of their transaction."""
    if connection.get_execution_options().get("ektp_write", False):
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction with one consistent snapshot of the ledger."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            yield connection


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction: committed whole at the end, or not at all."""
    with engine.connect() as connection:
        connection = connection.execution_options(ektp_write=True)
        with connection.begin():
            yield connection


def bulk_insert(connection: Connection, table: str, columns: Sequence[str],
                rows: Sequence[Sequence[Any]]) -> None:
    """Insert many rows fast: COPY on PostgreSQL, one prepared executemany on SQLite.

    Values are plain Python values; dates may be given as ISO text.
    """
    if not rows:
        return
    names = ", ".join(columns)
    if connection.dialect.name == "postgresql":
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in columns)
    connection.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(rows))
