"""The ledger's schema versions: Alembic, configured in code, migrations shipped in the package.

`office init` creates the newest schema; `office upgrade` brings an older
ledger up to it in place (in one transaction); every other command refuses a
ledger whose schema is not the newest, naming the command that fixes it.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from scheduler.errors import InputError
from scheduler.office import words

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(connection: Connection) -> Config:
    """An Alembic configuration that runs the package's migrations on `connection`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision the package ships."""
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The ledger's schema revision (None: no ledger schema in this database)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, revision: str = "head") -> tuple[str | None, str]:
    """Migrate in place to `revision`; (revision before, revision after)."""
    before = current_revision(connection)
    command.upgrade(alembic_config(connection), revision)
    after = current_revision(connection)
    assert after is not None
    return before, after


def require_current(connection: Connection, source: str) -> None:
    """Refuse a database that is no ledger, or one made by an older schema."""
    revision = current_revision(connection)
    if revision is None:
        raise InputError(source, "", words.NOT_A_LEDGER)
    if revision != head_revision():
        raise InputError(source, "", words.OLD_SCHEMA.format(revision=revision,
                                                             head=head_revision()))
