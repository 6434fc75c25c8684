"""The ledger's tables (SQLAlchemy Core), as the newest migration leaves them.

One row per applicant for life (`applicants`, keyed by its NIK or registration
number; inline cohorts of the instance get `cohort-<index>-<position>`); one
row per printed card (`printed`); plan versions with one row per waiting
applicant each (`plan_assignments`), so look-ups, the day's work order and
notices are indexed queries, not re-solves. The instance's records other than
the queue (districts, printers, links, calendar, outages, deliveries) live as
its JSON in `meta`, events applied, and are read by the instance reader.
Migrations (`migrations/versions/`) create these; a test checks they agree.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

ID = String(64)  # ids: NIKs, registration numbers, printer and district codes
STAMP = String(32)  # an ISO date-time with its UTC offset

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

districts = Table(
    "districts", metadata,
    Column("id", ID, primary_key=True),
    Column("name", Text, nullable=False),
    Column("position", Integer, nullable=False),
)

printers = Table(
    "printers", metadata,
    Column("id", ID, primary_key=True),
    Column("district", ID, ForeignKey("districts.id"), nullable=False),
    Column("position", Integer, nullable=False),
)

applicants = Table(
    "applicants", metadata,
    Column("id", ID, primary_key=True),
    Column("district", ID, ForeignKey("districts.id"), nullable=False),
    Column("class", ID, nullable=False),
    Column("ready", Date, nullable=False),
    # First-come order within a queue is (ready, tiebreak): the id itself, or for an
    # inline cohort its index and position zero-padded, so it never changes.
    Column("tiebreak", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("extra", Text),  # the import's other columns (nama, alamat...) as a JSON object
    Index("applicants_queue", "district", "class", "ready"),
)

printed = Table(
    "printed", metadata,
    Column("applicant_id", ID, ForeignKey("applicants.id"), primary_key=True),
    Column("printer", ID, ForeignKey("printers.id"), nullable=False),
    Column("print_date", Date, nullable=False),
    Column("home_date", Date, nullable=False),
    Column("recorded_at", STAMP, nullable=False),
    Column("source", Text, nullable=False),
    Index("printed_day", "print_date", "printer"),
    Index("printed_home", "home_date"),
)

sent = Table(
    "sent", metadata,
    Column("date", Date, primary_key=True),
    Column("source", ID, ForeignKey("districts.id"), primary_key=True),
    Column("target", ID, ForeignKey("districts.id"), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("recorded_at", STAMP, nullable=False),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("recorded_at", STAMP, nullable=False),
    Column("source", Text, nullable=False),
    Column("payload", Text, nullable=False),
)

plan_versions = Table(
    "plan_versions", metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("created_at", STAMP, nullable=False),
    Column("as_of", Date, nullable=False),
    Column("reason", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("engine", String(32), nullable=False),
    Column("deadline_misses", BigInteger, nullable=False),
    Column("waiting_days", BigInteger, nullable=False),
    Column("transfer_cost", BigInteger, nullable=False),
    Column("bound", Text, nullable=False),  # JSON: the lexicographic bound
    Column("proof", Text, nullable=False),
    Column("settings", Text, nullable=False),  # JSON: engine settings
    Column("inputs_sha256", String(64), nullable=False),
    Column("instance", Text, nullable=False),  # JSON: the ektp-instance/1 it was made on
    Column("document", Text, nullable=False),  # JSON: the ektp-solution/1 plan
    Column("moved", Integer),  # a re-plan's moved cards (closeness stage), else null
)

plan_assignments = Table(
    "plan_assignments", metadata,
    Column("version", Integer, ForeignKey("plan_versions.number"), primary_key=True),
    Column("applicant_id", ID, primary_key=True),
    Column("printer", ID),  # null: no card within the plan
    Column("print_date", Date),
    Column("home_date", Date),
    # First-come position among the queue's waiting applicants (0 first): with the
    # queue's cards, how many are ahead of one the plan gives no card.
    Column("queue_rank", Integer, nullable=False),
    Column("cohort", Integer, nullable=False),  # its cohort in the version's instance JSON
    Index("plan_assignments_day", "version", "print_date", "printer"),
    Index("plan_assignments_home", "version", "home_date"),
)

# Revision 2: SIAK imports (rows kept with their old values) and the diff of each version.

imports = Table(
    "imports", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("imported_at", STAMP, nullable=False),
    Column("file", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("rows", Integer, nullable=False),
    Column("added", Integer, nullable=False),
    Column("updated", Integer, nullable=False),
    Column("columns", Text, nullable=False),  # JSON: the column mapping used
)

applicant_changes = Table(
    "applicant_changes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("applicant_id", ID, ForeignKey("applicants.id"), nullable=False),
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False),
    Column("field", String(64), nullable=False),
    Column("old", Text),
    Column("new", Text),
    Index("applicant_changes_who", "applicant_id"),
)

plan_changes = Table(
    "plan_changes", metadata,
    Column("version", Integer, ForeignKey("plan_versions.number"), primary_key=True),
    Column("applicant_id", ID, primary_key=True),
    Column("old_printer", ID),
    Column("old_office", ID),
    Column("old_print_date", Date),
    Column("old_home_date", Date),
    Column("new_printer", ID),
    Column("new_office", ID),
    Column("new_print_date", Date),
    Column("new_home_date", Date),
    Index("plan_changes_who", "applicant_id", "version"),
)
