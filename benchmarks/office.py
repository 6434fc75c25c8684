"""The ledger at an office's size (issue 14, part 6): whole `ektp-sched office` commands timed.

A region of 8 districts and 134,640 applicants: Pelalawan 2017 (instances/pelalawan-2017.json,
the real Riau regencies), its queue turned into a SIAK export of one row per applicant (a
16-digit NIK, the district code, TGL_REKAM as DD-MM-YYYY, nama, alamat), so that `import`
reads what an office would give it. On each backend (a SQLite file; a PostgreSQL database
when --postgres URL is given) the day is timed as fresh `python -m scheduler office ...`
processes, start-up included, as a person waits for them:

  init (queue empty) -> import SIAK.csv -> plan -> today (one office, .xlsx) ->
  lookup of 10 ids -> done --as-planned (the first day) + an outage event -> replan

Targets (issue 14): import <= 5 s, plan <= 3 s, today <= 1 s, lookup <= 0.5 s, replan <= 3 s.
Nothing is asserted; the table goes to stdout (and --out).

    python benchmarks/office.py [--postgres postgresql://user@/db?host=/tmp/...] [--out F]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INSTANCE = ROOT / "instances" / "pelalawan-2017.json"
TARGETS = {"import": 5.0, "plan": 3.0, "today": 1.0, "lookup": 0.5, "replan": 3.0}


def siak_export(folder: Path) -> tuple[Path, Path, list[str]]:
    """The instance with an empty queue, its queue as a SIAK CSV, and 10 of its NIKs."""
    data = json.loads(INSTANCE.read_text())
    rows = []
    number = 0
    for cohort in data["queue"]["cohorts"]:
        ready = date.fromisoformat(cohort["ready"])
        code = cohort["district"].replace(".", "")
        for _ in range(cohort["count"]):
            number += 1
            rows.append((f"{code}01{number:010d}", cohort["district"],
                         ready.strftime("%d-%m-%Y"), f"Warga {number}",
                         f"Jl. Contoh {number % 97}"))
    data["queue"] = {"cohorts": []}
    instance = folder / "region.json"
    instance.write_text(json.dumps(data))
    export = folder / "siak.csv"
    with export.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("NIK", "KODE_WIL", "TGL_REKAM", "nama", "alamat"))
        writer.writerows(rows)
    step = len(rows) // 10
    return instance, export, [rows[i * step][0] for i in range(10)]


Timing = tuple[float, float]  # (wall seconds, processor seconds of the command)


def timed(url: str, *args: str) -> Timing:
    """The whole command's wall time and its processor time (user + system, its children
    included): on a machine shared with other work the second is the one that still means
    what a quiet office PC would see."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "scheduler", "office", *args, "--db", url],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"office {args[0]} failed: {done.stderr.strip() or done.stdout}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def day_on(url: str, folder: Path, instance: Path, export: Path, ids: list[str]
           ) -> dict[str, Timing]:
    start = date.fromisoformat(json.loads(instance.read_text())["horizon"]["start"])
    outage = folder / "outage.json"
    window = {"start": str(start + timedelta(days=1)), "end": str(start + timedelta(days=3))}
    outage.write_text(json.dumps({"outages": [{"printer": "1401-1", **window, "capacity": 0}]}))
    times = {"init": timed(url, "init", "--instance", str(instance))}
    times["import"] = timed(url, "import", str(export), "--columns",
                            "NIK=applicant_id,KODE_WIL=district,TGL_REKAM=ready")
    times["plan"] = timed(url, "plan")
    times["today"] = timed(url, "today", "--date", str(start), "--district", "14.05", "-o",
                           str(folder / "today.xlsx"))
    times["lookup"] = timed(url, "lookup", *ids)
    times["done"] = timed(url, "done", "--date", str(start), "--as-planned")
    times["event"] = timed(url, "event", str(outage))
    times["replan"] = timed(url, "replan", "--as-of", str(start + timedelta(days=1)))
    times["check"] = timed(url, "check")
    return times


def table(results: dict[str, dict[str, Timing]]) -> str:
    names = list(next(iter(results.values())))
    lines = ["| command | " + " | ".join(results) + " | target |",
             "|---|" + "---:|" * len(results) + "---:|"]
    for name in names:
        target = f"<= {TARGETS[name]:g} s" if name in TARGETS else ""
        cells = " | ".join(f"{r[name][0]:.2f} s ({r[name][1]:.2f} s)" for r in results.values())
        lines.append(f"| {name} | {cells} | {target} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=os.environ.get("EKTP_TEST_POSTGRES_URL"),
                        help="A PostgreSQL database URL to time as well (a new database in it).")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    results: dict[str, dict[str, Timing]] = {}
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        instance, export, ids = siak_export(folder)
        results["SQLite"] = day_on(f"sqlite:///{folder / 'ledger.db'}", folder, instance,
                                   export, ids)
        if args.postgres:
            results["PostgreSQL"] = day_on(fresh_database(args.postgres), folder, instance,
                                           export, ids)
    text = (f"{INSTANCE.name}: 8 districts, 134,640 applicants imported from a SIAK CSV; "
            f"whole commands, {os.cpu_count()} cores, load average {load:.1f} at the start; "
            f"wall seconds (processor seconds)\n\n{table(results)}\n")
    print(text)
    if args.out:
        args.out.write_text(text)


def fresh_database(base: str) -> str:
    """A new database on the server of `base`, named after the time."""
    import sqlalchemy as sa

    name = f"ektp_bench_{int(time.time())}"
    admin = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    path, _, query = base.partition("?")
    return f"{path.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


if __name__ == "__main__":
    main()
