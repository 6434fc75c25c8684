"""The ledger's schema: migrations agree with schema.py, and a first-schema ledger upgrades
in place with its data kept (SQLite and PostgreSQL)."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import text

from scheduler.office.db import ledger_url, open_ledger, reading, writing
from scheduler.office.migrate import alembic_config, current_revision, head_revision
from scheduler.office.schema import metadata
from tests.office.conftest import TINY, office

FIRST = "0001_ledger"


def test_the_migrations_build_exactly_the_tables_of_schema_py(ledger: str) -> None:
    engine = open_ledger(ledger_url(ledger, typed=False), create=True)
    with writing(engine) as connection:
        command.upgrade(alembic_config(connection), "head")
    with reading(engine) as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []
    assert head_revision() == "0002_imports"


def test_a_first_schema_ledger_upgrades_with_its_data(ledger: str, runner: CliRunner) -> None:
    engine = open_ledger(ledger_url(ledger, typed=False), create=True)
    with writing(engine) as connection:
        command.upgrade(alembic_config(connection), FIRST)
        connection.execute(text(
            "INSERT INTO districts (id, name, position) VALUES ('A', 'Alpha', 0)"))
        connection.execute(text(
            "INSERT INTO applicants (id, district, class, ready, tiebreak, source) "
            "VALUES ('3527010101010001', 'A', 'regular', '2024-01-01', '3527010101010001', "
            "'init')"))
    code, output = office(runner, ledger, "plan")
    assert code == 2 and "run `ektp-sched office upgrade` first" in output
    code, output = office(runner, ledger, "upgrade")
    assert code == 0, output
    assert "schema 0001_ledger -> 0002_imports" in output
    with reading(engine) as connection:
        assert current_revision(connection) == head_revision()
        row = connection.execute(text("SELECT id, ready, extra FROM applicants")).one()
        assert (row[0], str(row[1])[:10], row[2]) == ("3527010101010001", "2024-01-01", None)
        connection.execute(text("SELECT count(*) FROM plan_changes")).scalar_one()
    code, output = office(runner, ledger, "upgrade")
    assert code == 0 and "0002_imports -> 0002_imports" in output


def test_a_ledger_is_refused_twice_and_a_missing_file_is_not_created(
        sqlite_ledger: str, runner: CliRunner) -> None:
    assert office(runner, sqlite_ledger, "init", "--instance", str(TINY))[0] == 0
    code, output = office(runner, sqlite_ledger, "init", "--instance", str(TINY))
    assert code == 2 and "already holds instance 'office-tiny'" in output
    missing = sqlite_ledger.replace("ledger.db", "other.db")
    code, output = office(runner, missing, "history")
    assert code == 2 and "no ledger here" in output
