"""SIAK imports (extra columns kept, changed rows with their old values) and each version's diff.

Revision ID: 0002_imports
Revises: 0001_ledger
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_imports"
down_revision = "0001_ledger"
branch_labels = None
depends_on = None

ID = sa.String(64)
STAMP = sa.String(32)


def upgrade() -> None:
    op.add_column("applicants", sa.Column("extra", sa.Text))
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("imported_at", STAMP, nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        sa.Column("updated", sa.Integer, nullable=False),
        sa.Column("columns", sa.Text, nullable=False),
    )
    op.create_table(
        "applicant_changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("applicant_id", ID, sa.ForeignKey("applicants.id"), nullable=False),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("old", sa.Text),
        sa.Column("new", sa.Text),
    )
    op.create_index("applicant_changes_who", "applicant_changes", ["applicant_id"])
    op.create_table(
        "plan_changes",
        sa.Column("version", sa.Integer, sa.ForeignKey("plan_versions.number"),
                  primary_key=True),
        sa.Column("applicant_id", ID, primary_key=True),
        sa.Column("old_printer", ID),
        sa.Column("old_office", ID),
        sa.Column("old_print_date", sa.Date),
        sa.Column("old_home_date", sa.Date),
        sa.Column("new_printer", ID),
        sa.Column("new_office", ID),
        sa.Column("new_print_date", sa.Date),
        sa.Column("new_home_date", sa.Date),
    )
    op.create_index("plan_changes_who", "plan_changes", ["applicant_id", "version"])


def downgrade() -> None:
    op.drop_table("plan_changes")
    op.drop_table("applicant_changes")
    op.drop_table("imports")
    with op.batch_alter_table("applicants") as batch:
        batch.drop_column("extra")
