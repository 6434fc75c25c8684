"""The first ledger: instance, applicants, printed cards, blanks sent, events, plan versions.

Revision ID: 0001_ledger
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_ledger"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(64)
STAMP = sa.String(32)


def upgrade() -> None:
    _instance_tables()
    _record_tables()
    _plan_tables()


def _instance_tables() -> None:
    """The instance's facts, its districts and printers, and the applicants."""
    op.create_table("meta", sa.Column("key", sa.String(64), primary_key=True),
                    sa.Column("value", sa.Text, nullable=False))
    op.create_table("districts", sa.Column("id", ID, primary_key=True),
                    sa.Column("name", sa.Text, nullable=False),
                    sa.Column("position", sa.Integer, nullable=False))
    op.create_table("printers", sa.Column("id", ID, primary_key=True),
                    sa.Column("district", ID, sa.ForeignKey("districts.id"), nullable=False),
                    sa.Column("position", sa.Integer, nullable=False))
    op.create_table(
        "applicants",
        sa.Column("id", ID, primary_key=True),
        sa.Column("district", ID, sa.ForeignKey("districts.id"), nullable=False),
        sa.Column("class", ID, nullable=False),
        sa.Column("ready", sa.Date, nullable=False),
        sa.Column("tiebreak", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
    )
    op.create_index("applicants_queue", "applicants", ["district", "class", "ready"])


def _record_tables() -> None:
    """What happened: cards printed, blanks sent, events."""
    op.create_table(
        "printed",
        sa.Column("applicant_id", ID, sa.ForeignKey("applicants.id"), primary_key=True),
        sa.Column("printer", ID, sa.ForeignKey("printers.id"), nullable=False),
        sa.Column("print_date", sa.Date, nullable=False),
        sa.Column("home_date", sa.Date, nullable=False),
        sa.Column("recorded_at", STAMP, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
    )
    op.create_index("printed_day", "printed", ["print_date", "printer"])
    op.create_index("printed_home", "printed", ["home_date"])
    op.create_table(
        "sent",
        sa.Column("date", sa.Date, primary_key=True),
        sa.Column("source", ID, sa.ForeignKey("districts.id"), primary_key=True),
        sa.Column("target", ID, sa.ForeignKey("districts.id"), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("recorded_at", STAMP, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("recorded_at", STAMP, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )


def _plan_tables() -> None:
    """Plan versions and one row per waiting applicant each."""
    op.create_table(
        "plan_versions",
        sa.Column("number", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("engine", sa.String(32), nullable=False),
        sa.Column("deadline_misses", sa.BigInteger, nullable=False),
        sa.Column("waiting_days", sa.BigInteger, nullable=False),
        sa.Column("transfer_cost", sa.BigInteger, nullable=False),
        sa.Column("bound", sa.Text, nullable=False),
        sa.Column("proof", sa.Text, nullable=False),
        sa.Column("settings", sa.Text, nullable=False),
        sa.Column("inputs_sha256", sa.String(64), nullable=False),
        sa.Column("instance", sa.Text, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("moved", sa.Integer),
    )
    op.create_table(
        "plan_assignments",
        sa.Column("version", sa.Integer, sa.ForeignKey("plan_versions.number"),
                  primary_key=True),
        sa.Column("applicant_id", ID, primary_key=True),
        sa.Column("printer", ID),
        sa.Column("print_date", sa.Date),
        sa.Column("home_date", sa.Date),
        sa.Column("queue_rank", sa.Integer, nullable=False),
        sa.Column("cohort", sa.Integer, nullable=False),
    )
    op.create_index("plan_assignments_day", "plan_assignments",
                    ["version", "print_date", "printer"])
    op.create_index("plan_assignments_home", "plan_assignments", ["version", "home_date"])


def downgrade() -> None:
    for table in ("plan_assignments", "plan_versions", "events", "sent", "printed",
                  "applicants", "printers", "districts", "meta"):
        op.drop_table(table)
