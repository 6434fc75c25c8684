"""The office's ledger: a database (SQLite file or PostgreSQL) holding an office's days.

The library the `ektp-sched office` commands and the web page call alike; each
function takes an engine or a connection and plain values and returns a
dataclass, never prints. One job a module:

- `db`: the ledger's URL, opening it (SQLite file 0600, WAL, busy timeout), transactions.
- `schema`, `migrate`, `migrations/`: the tables and their Alembic revisions.
- `meta`: the instance JSON, the horizon and the write counter.
- `load`: `init_ledger` from an instance file (permanent ids for inline cohorts).
- `import_file`, `importing`: `import_queue` of a SIAK export (CSV, XLSX, Parquet).
- `state`: `ledger_state`, the ledger as an instance on a morning.
- `planning`, `versions`: `plan` and `replan`, stored as versions with their diff.
- `workorder`, `workorder_file`: `work_order` of a day and its .xlsx/.csv.
- `ticks`, `done`: `record_done` from the plan or the ticked work order.
- `events`: `record_events` (outages, repairs, deliveries, printers, links, arrivals).
- `lookup`: `look_up` ids; `changes`: `changes_since`, `history`, notices CSV.
- `backup`, `check`: `backup` (SQLite online backup), `check_ledger`.
- `words`: every sentence shown to a person.
"""
