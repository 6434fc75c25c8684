"""`print-list` at scale (issues 13 and 15): whole commands timed, peak memory measured.

A region of 10 districts, 2 printers each of 2,800 cards a day, 90 days, blanks for all,
and a queue FILE of N applicants (a 16-digit NIK, the district, a ready day in the two
months before the horizon; first-come by ready day then id). It is solved once by the flow
engine; then `print-list INSTANCE PLAN -o lists.xlsx` (the whole horizon) is timed as a
fresh process, start-up included, with its peak resident memory (`ru_maxrss` of the child),
for each N; beside it the peak of `validate` on the same files: reading the instance (its N
ids) and the plan, which every command that reads a plan pays. The time should grow linearly
with N, and print-list's peak stay at validate's plus a constant: the lists add no memory
per card. 5,040,000 cards fit the region's capacity, so 5 million applicants
are all on the lists: a printer prints 252,000 cards, every sheet within Excel's rows.

Nothing is asserted; the table goes to stdout. Sizes default to 1, 2.5 and 5 million.

    python benchmarks/print_list.py [--sizes 1000000,5000000] [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

DISTRICTS = [f"14.{k:02d}" for k in range(1, 11)]
START = date(2017, 5, 22)
DAYS = 90
CAPACITY = 2_800


def region(folder: Path, applicants: int) -> Path:
    """The instance and its queue file of `applicants` rows."""
    queue = folder / "queue.csv"
    ready_days = [(START - timedelta(days=60 - d)).isoformat() for d in range(60)]
    per_district = applicants // len(DISTRICTS)
    with queue.open("w", encoding="utf-8") as handle:
        handle.write("applicant_id,district,ready\n")
        for k, district in enumerate(DISTRICTS):
            count = per_district + (1 if k < applicants % len(DISTRICTS) else 0)
            lines = [f"14{k:02d}01{i:010d},{district},{ready_days[i * 60 // count]}\n"
                     for i in range(count)]
            handle.writelines(lines)
    instance = folder / "region.json"
    instance.write_text(json.dumps({
        "format": "ektp-instance/1", "name": f"region-{applicants}",
        "horizon": {"start": START.isoformat(), "days": DAYS},
        "districts": [{"id": d, "blanks": applicants,
                       "workdays": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}
                      for d in DISTRICTS],
        "printers": [{"id": f"{d.replace('.', '')}-{n}", "district": d, "capacity": CAPACITY}
                     for d in DISTRICTS for n in (1, 2)],
        "queue": {"file": queue.name},
    }))
    return instance


def timed(*args: str) -> tuple[float, float, str]:
    """Seconds and peak resident MB of `python -m scheduler ARGS` (its own `ru_maxrss`,
    from wait4), and the last line it printed."""
    with tempfile.TemporaryFile("w+") as output:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "scheduler", *args], stdout=output,
                                 stderr=subprocess.STDOUT, env={**os.environ, "COLUMNS": "120"})
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        output.seek(0)
        said = output.read().strip()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args[:2])} failed: {said}")
    return seconds, usage.ru_maxrss / 1024, said.splitlines()[-1]


def sheets_of(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(1 for name in archive.namelist() if name.startswith("xl/worksheets/"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,2500000,5000000")
    parser.add_argument("--keep", type=Path, default=None, help="Keep the files in FOLDER.")
    options = parser.parse_args()
    print("applicants,solve_s,validate_peak_mb,print_list_s,print_list_peak_mb,xlsx_mb,sheets,"
          "said")
    for size in (int(n) for n in options.sizes.split(",")):
        with tempfile.TemporaryDirectory() as scratch:
            folder = options.keep or Path(scratch)
            folder.mkdir(parents=True, exist_ok=True)
            instance = region(folder, size)
            plan, lists = folder / "plan.json", folder / "lists.xlsx"
            solve_s, _, _ = timed("solve", str(instance), "-o", str(plan), "--no-blanks-short")
            _, inputs_peak, _ = timed("validate", str(instance), str(plan))
            seconds, peak, said = timed("print-list", str(instance), str(plan), "-o", str(lists))
            print(f"{size},{solve_s:.1f},{inputs_peak:.0f},{seconds:.1f},{peak:.0f},"
                  f"{lists.stat().st_size / 2**20:.0f},{sheets_of(lists)},{said}", flush=True)


if __name__ == "__main__":
    main()
