"""Alembic's environment for the ledger: runs on the connection the caller opened.

The configuration is built in code (`scheduler/office/migrate.py`), so no
alembic.ini is needed at run time; the migration runs inside the caller's
transaction, so a failed upgrade leaves the ledger as it was.
"""

from __future__ import annotations

from alembic import context

from scheduler.office.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
