# ruff: noqa: E501  (a sentence is easier to translate on one line)
"""Every sentence the ledger shows a person, in one place (translated, issue 15).

Each is a `str.format` template with named fields, written in English; read as
`words.NAME` it is the current language's translation (the last line of this
module, scheduler/i18n/sentences.py), whose `.format` writes numbers and dates the
language's way. Babel extracts every upper-case string constant here (babel.cfg).
Machine-readable names (CSV columns, JSON keys) and what the ledger stores are not
here: they stay the same in every language.
"""

from __future__ import annotations

from scheduler.i18n.sentences import read_in_current_language

# Opening a ledger (db.py, migrate.py, meta.py)
BAD_URL = "not a database URL: {url!r} (e.g. sqlite:///ektp-office.db or postgresql://user@host/db)"
PASSWORD_ON_COMMAND_LINE = (
    "a password in --db would stay in the shell history and the process list; give the URL "
    "without it and put the password in PGPASSWORD or ~/.pgpass (or the URL in EKTP_DB)")
UNKNOWN_BACKEND = "a ledger is a SQLite file or a PostgreSQL database, not {backend!r}"
SQLITE_NEEDS_FILE = "a SQLite ledger needs a file name, e.g. sqlite:///ektp-office.db"
NO_LEDGER = "no ledger here; make one with `ektp-sched office init --instance X.json`"
NOT_A_LEDGER = "not a ledger (no schema); make one with `ektp-sched office init`"
OLD_SCHEMA = ("the ledger's schema is revision {revision}, this program's is {head}; "
              "run `ektp-sched office upgrade` first (back it up with `office backup`)")
NOT_INITIALISED = "the ledger has no instance; run `ektp-sched office init --instance X.json`"
ALREADY_INITIALISED = "the ledger already holds instance {name!r}; init starts a new ledger only"
LEDGER_MOVED = ("the ledger changed while the plan was being made (another command wrote to it); "
                "nothing stored: run the command again")

# Dates (state.py, planning.py, workorder.py, done.py)
OUTSIDE_HORIZON = "{day} is outside the ledger's horizon {start} .. {end}"
NOT_A_DATE = "not a date (YYYY-MM-DD): {text!r}"
PRINTED_ON_OR_AFTER = ("cards are recorded as printed on {day}, on or after {as_of}: "
                       "plan from the day after the last recorded day")
NEGATIVE_STOCK = "district {district} would have {stock} blanks on {day}: the records contradict"
NO_PLAN_YET = "no plan yet; make one with `ektp-sched office plan`"
NO_FEASIBLE_PLAN = "no feasible plan ({status})"
UNKNOWN_VERSION = "no plan version {number} (the ledger has 1 .. {head})"
UNKNOWN_DISTRICT = "unknown district {district!r}"
UNKNOWN_PRINTER = "unknown printer {printer!r}"

# The day's work order (workorder.py, workorder_file.py)
CLOSED_WEEKDAY = "closed: {weekday} is not a working day"
CLOSED_HOLIDAY = "closed: public holiday"
PRINTER_DOWN = "printer {printer} is out of order ({start} .. {end}): it prints nothing"
PRINTER_SLOW = "printer {printer} is disturbed ({start} .. {end}): at most {capacity} cards a day"
DISPATCH_TO = "to {district} (home {home})"
SEND_BLANKS = "send {count} blanks to {district}"
SEND_BOXES = "send {count} blanks to {district} ({boxes} box(es) of {box})"
DISPATCH_CARDS = "dispatch {count} cards printed for {district} (home {home})"
ARRIVING_CARDS = "{count} cards printed at {district} arrive for pickup"
STOCK_END = "expected blanks at the end of the day: {stock}"
NOTHING_TO_PRINT = "nothing to print"
SUMMARY_SHEET = "Summary"
LABEL_OFFICE = "Office"
LABEL_PRINTER = "Printer"
LABEL_DATE = "Date"
LABEL_VERSION = "Plan version"
LABEL_CARDS = "Cards"
LABEL_NOTICE = "Notice"
LABEL_SEND = "Blanks to send"
LABEL_DISPATCH = "Cards to dispatch"
LABEL_ARRIVING = "Cards arriving for pickup"
LABEL_STOCK = "Blanks at the end of the day"
HEADER_POSITION = "No."
HEADER_ID = "NIK / registration"
HEADER_DISTRICT = "District"
HEADER_CLASS = "Class"
HEADER_READY = "Ready"
HEADER_DISPATCH = "Dispatch"
HEADER_PRINTED = "Printed (x)"
HEADER_SIGNATURE = "Signature"
ORDER_TITLE = "Work order · {office}"
ORDER_PRINTER_TITLE = "Work order {printer} · {office}"
ALL_OFFICES = "every office"
SIGNATURE_ROLES = ("Operator", "Kasie Identitas")
SUMMARY_SIGNATURE_ROLES = ("Kasie Identitas",)
ORDER_FORMATS = "expected a .xlsx, .pdf or .csv file name, got {suffix!r}"
HEADER_FROM = "Printed at"
HEADER_PRINTED_ON = "Printed on"
HEADER_TO = "To"
HEADER_COUNT = "Count"
HEADER_BOXES = "Boxes"
HEADER_HOME = "Home"
NO_VERSION_FOR_DAY = "no plan version covers {day} (the first starts {first})"

# What was printed (ticks.py, done.py)
NOT_A_TICK = ("{value!r} is not a tick: write x, ✓, 1, ya or yes for a printed card, "
              "leave it blank for one not printed")
NOT_A_WORK_ORDER = "not a work order written by `office today` (no printer sheet found)"
DONE_COLUMNS = ("columns must be those `office today` writes to a .csv (ending in 'printed') "
                "or applicant_id,printer,date; got {header}")
UNREADABLE = "cannot read the file: {why}"
FILE_NOT_FOUND = "file not found"
WRONG_DAY = "this list is for {listed}, not {day}"
UNKNOWN_APPLICANT = "unknown applicant {who}"
ALREADY_PRINTED = "applicant {who} is already recorded printed on {day} at {printer}"
TICKED_TWICE = "applicant {who} is ticked twice (also {other})"
NOT_ON_LIST = "applicant {who} is not on printer {printer}'s list for {day} in plan version {version}"
OVER_CAPACITY = "printer {printer} prints at most {capacity} cards on {day}, {count} recorded"
NO_BLANKS = "district {district} has {stock} blanks on {day}, {count} cards recorded"
NOTHING_TICKED = "nothing recorded: no card is ticked"
PDF_NOT_READ = ("a PDF is ticked on paper, not read back: record the day from the .xlsx or .csv "
                "work order, or with --as-planned")
NO_CARD_COUNT = "the count of cards (B5) is not a number: {value!r}"
BELOW_THE_LIST = ("below the list's {cards} card(s): a row added by hand is not read; "
                  "record such a card with a .csv (applicant_id,printer,date)")

# Look-ups (lookup.py)
ANSWER_PRINTED = ("{who}: printed on {print_date} at {printer} ({office}); ready for pickup "
                  "at office {home_office} from {home_date}")
ANSWER_PLANNED = ("{who}: planned for {print_date} at {printer} ({office}); ready for pickup "
                  "at office {home_office} from {home_date}")
ANSWER_MOVED = " (moved from {old_date} by plan {version} on {when})"
ANSWER_NOT_IN_PLAN = ("{who}: not within plan {version} (to {end}); {ahead} of queue "
                      "{district}/{service_class} ahead")
ANSWER_ESTIMATE = "; at the plan's pace about {low} .. {high}"
ANSWER_NO_PACE = "; no date can be estimated: the plan prints none of this queue"
ANSWER_NO_PLAN = "{who}: in the queue of {district} since {ready}; no plan yet"
ANSWER_UNKNOWN = "{who}: unknown id (not in the ledger)"

# Notices and history (changes.py)
HISTORY_LINE = ("plan {number}: made {created_at}, as of {as_of}, {reason}; {status} "
                "(misses {misses}, waiting {waiting:,}, transfers {transfers:,}); "
                "{changed:,} date(s) moved")
CHANGE_LINE = "{who} ({district}): {old} -> {new}"
CHANGE_NONE = "none"
CHANGE_AT = "{date} at {printer}"

# Backups and checks (backup.py, check.py)
BACKUP_POSTGRES = ("a PostgreSQL ledger is backed up with pg_dump "
                   "(e.g. pg_dump -Fc -f ektp.dump DBNAME; see docs/office.md)")
CHECK_SCHEMA = "schema revision {revision}, expected {head}"
CHECK_PRINTED_UNKNOWN = "{count} printed card(s) of no applicant or printer"
CHECK_OVER_CAPACITY = "printer {printer} has {count} cards recorded on {day}, capacity {capacity}"
CHECK_ASSIGNMENTS = "plan {number}: {count} assignment rows, its instance has {expected} applicants"
CHECK_UNKNOWN_IN_PLAN = "plan {number}: {count} assignment row(s) of no applicant"
CHECK_SHA = "plan {number}: its stored instance does not match its inputs' SHA-256"
CHECK_INVALID = "plan {number}: the validator refuses it: {first}"
CHECK_OBJECTIVE = "plan {number}: stored figures {stored} differ from the plan's {recomputed}"
CHECK_OK = "ledger {name}: {applicants:,} applicants, {printed:,} printed, {versions} plan version(s): all checks pass"

# Imports (import_file.py, importing.py)
BAD_MAPPING = ("bad column mapping {text!r}: write FILE_COLUMN=field pairs, "
               "e.g. NIK=applicant_id,TGL_REKAM=ready")
MAPPING_TARGET = "bad column mapping: {target!r} is not a queue field (fields: {fields})"
MAPPING_TWICE = "bad column mapping: two columns map to {target!r}"
MAPPING_NO_COLUMN = "bad column mapping: the file has no column {column!r} (it has: {header})"
MISSING_COLUMN = ("no column for {target!r}: map one with --columns COLUMN={target} "
                  "(the file has: {header})")
UNKNOWN_FORMAT = "expected a .csv, .xlsx or .parquet file, got {suffix!r}"
EMPTY_FILE = "the file is empty (no header line)"
EMPTY_CELL = "{field}: empty"
BAD_READY = "{field}: not a date (YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY or an Excel date): {value!r}"
NIK_AS_NUMBER = ("{field}: {value} is a number too long for Excel to keep exactly; "
                 "format the column as text and export again")
IMPORT_UNKNOWN_DISTRICT = "district: unknown district {value!r} (the ledger has: {known})"
IMPORT_UNKNOWN_CLASS = "class: unknown class {value!r} (the ledger has: {known})"
IMPORT_NO_DEFAULT_CLASS = "class: empty, and the ledger has no default class 'regular'"
TWICE_IN_FILE = "applicant {who} is given twice (also at {other})"
TWO_DISTRICTS = "applicant {who} is in two districts: {first} ({first_where}) and {second}"

# The command line's reports (commands/office.py)
SAID_INIT = ("ledger {url}: instance {name}, {districts} district(s), {printers} printer(s), "
             "{applicants:,} applicant(s), {start} .. {end}")
SAID_UPGRADE = "ledger {url}: schema {before} -> {after}"
SAID_IMPORT = ("{file}: {rows:,} row(s): {added:,} added, {updated:,} updated (old values kept), "
               "{unchanged:,} unchanged; columns {mapping}")
SAID_PLAN = ("plan {number} as of {as_of}: {status} (misses {misses}, waiting {waiting:,}, "
             "transfers {transfers:,}); {applicants:,} applicant(s), {cards:,} card(s); "
             "{changed:,} date(s) moved; {seconds:.1f} s")
SAID_MOVED_CARDS = ("moved: {moved:,} of the previous plan's cards are on another queue, "
                    "printer or day")
SAID_TODAY_OFFICE = "{office} on {day} (plan {version}):"
SAID_TODAY_PRINTER = "  printer {printer}: {cards:,} card(s)"
SAID_TODAY_NOTICE = "  ! {notice}"
SAID_TODAY_ARRIVAL = "  arriving for pickup: {who} from {district}"
SAID_WROTE = "wrote {path}"
SAID_DONE = ("{day}: {cards:,} card(s) recorded printed ({per_printer}); {not_printed:,} listed "
             "not printed; {sent:,} blank(s) recorded sent")
MAPPING_AS_NAMED = "as named"
NOTHING_APPENDED = "nothing appended"
SAID_EVENT = "event {event}: {appended}; {repairs} repair(s); {arrivals:,} new applicant(s)"
SAID_CHANGES = "{count:,} applicant(s) moved between plan {since} and plan {until}"
SAID_NO_HISTORY = "no plan yet"
SAID_BACKUP = "backed up the ledger to {path} ({size:,} bytes)"
SAID_PROBLEM = "problem: {problem}"
SAID_CHECK_FAILED = "{count} problem(s) found"
DB_ERROR = "the database refused: {why}"

# Last: from here on `words.NAME` reads in the current language.
read_in_current_language(__name__)
