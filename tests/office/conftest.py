"""Ledgers for the tests: a SQLite file, and a fresh database on the PostgreSQL server that
`.ci/postgres.sh` starts (EKTP_TEST_POSTGRES_URL); without one the PostgreSQL cases skip,
unless EKTP_REQUIRE_POSTGRES=1 (CI), where they fail."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

DATA = Path(__file__).parent / "data"
TINY = DATA / "office-tiny.json"
BACKENDS = ["sqlite", "postgresql"]


def postgres_base() -> str | None:
    url = os.environ.get("EKTP_TEST_POSTGRES_URL")
    if url is None and os.environ.get("EKTP_REQUIRE_POSTGRES") == "1":
        pytest.fail("EKTP_REQUIRE_POSTGRES=1 but EKTP_TEST_POSTGRES_URL is not set")
    return url


def fresh_postgres(base: str) -> tuple[str, str]:
    """A new empty database on the test server: (its URL, its name)."""
    import sqlalchemy as sa

    name = f"ektp_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    path, _, query = base.partition("?")
    return f"{path.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else ""), name


def drop_postgres(base: str, name: str) -> None:
    import sqlalchemy as sa

    admin = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL for a ledger that does not exist yet, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.db'}"
        return
    base = postgres_base()
    if base is None:
        pytest.skip("no PostgreSQL server (EKTP_TEST_POSTGRES_URL)")
    url, name = fresh_postgres(base)
    yield url
    drop_postgres(base, name)


@pytest.fixture
def sqlite_ledger(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ledger.db'}"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def office(runner: CliRunner, url: str, *args: str) -> tuple[int, str]:
    """Run `ektp-sched office ARGS --db URL`; (exit code, stdout and stderr)."""
    from scheduler.cli import cli

    result = runner.invoke(cli, ["office", *args, "--db", url])
    return result.exit_code, result.output
