"""Speed benchmark of the whole `ektp-sched solve` command (reading and writing included).

Builds the issue's cases with the seeded generators into a work folder, runs each
as a fresh process, and reports wall seconds, peak memory (the child's max RSS),
status and objective. Nothing here is asserted: the figures go into the notes.

    python benchmarks/speed.py --data ../shared/data [--cases office,riau12] [--out DIR]
"""

from __future__ import annotations

import argparse
import copy
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scheduler.generate.synthetic import (
    connected_districts,
    load_graph,
    office_with_file_queue,
    region_instance,
)

RIAU = ["14.01", "14.02", "14.03", "14.04", "14.05", "14.06", "14.07", "14.08", "14.09",
        "14.10", "14.71", "14.72"]


def _write(folder: Path, name: str, document: dict[str, Any]) -> Path:
    path = folder / f"{name}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _with_side_constraints(document: dict[str, Any], *, operators: bool, boxes: bool
                           ) -> dict[str, Any]:
    """Operators one fewer than printers and min_batch 50; or boxes of 50 and trips on links."""
    doc = copy.deepcopy(document)
    if operators:
        counts: dict[str, int] = {}
        for p in doc["printers"]:
            counts[p["district"]] = counts.get(p["district"], 0) + 1
            p["min_batch"] = 50
        for d in doc["districts"]:
            d["operators"] = max(1, counts.get(d["id"], 1) - 1)
    if boxes:
        for link in doc["links"]:
            link["box"] = 50
            link["trip_cost"] = 100
    doc["name"] += "-side"
    return doc


def build_cases(data: Path, folder: Path) -> dict[str, tuple[Path, list[str]]]:
    """Case name -> (instance path, extra solve arguments)."""
    _, adjacency = load_graph(data)
    cases: dict[str, tuple[Path, list[str]]] = {}
    cases["office-60k-csv"] = (office_with_file_queue(folder / "office"), [])
    riau = region_instance(data, RIAU, applicants=340_000, seed=12, name="riau-12")
    cases["riau-12"] = (_write(folder, "riau-12", riau), [])
    cases["riau-12-cpsat"] = (cases["riau-12"][0], ["--engine", "cpsat", "--workers", "2"])
    region40 = region_instance(data, connected_districts(adjacency, "35.78", 40),
                               applicants=1_000_000, seed=40, name="region-40")
    cases["region-40"] = (_write(folder, "region-40", region40), [])
    region120 = region_instance(data, connected_districts(adjacency, "33.74", 120),
                                applicants=3_000_000, seed=120, name="region-120")
    cases["region-120"] = (_write(folder, "region-120", region120), [])
    for seed_name in ("pelalawan-2017", "sampang-2018"):
        seed = json.loads(Path(f"instances/{seed_name}.json").read_text(encoding="utf-8"))
        side = _with_side_constraints(seed, operators=True, boxes=False)
        cases[f"{seed_name}-operators"] = (_write(folder, side["name"], side),
                                           ["--workers", "2", "--time-limit", "300"])
    boxed = _with_side_constraints(riau, operators=False, boxes=True)
    cases["riau-12-boxes"] = (_write(folder, "riau-12-boxes", boxed),
                              ["--workers", "2", "--time-limit", "60"])
    # Issue 3's protocol times the plan itself; `solve` by default also works out the
    # blanks to ask for (a second solve when blanks run out), timed on its own below.
    for name in list(cases):
        path, extra = cases[name]
        cases[name] = (path, [*extra, "--no-blanks-short"])
    for name in ("riau-12", "region-120"):
        path, extra = cases[name]
        cases[f"{name}-with-blanks-short"] = (path, [a for a in extra if a != "--no-blanks-short"])
    return cases


# A small process forks the solve and reports its peak RSS: Linux carries a process's
# peak across exec, so a child spawned straight from this (large) process would report
# this process's memory as its own peak.
PEAK_SHIM = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_case(path: Path, extra: list[str], folder: Path) -> dict[str, Any]:
    """Run one solve as a fresh process; wall time and the solve's peak RSS."""
    output = folder / f"{path.stem}.solution.json"
    log = folder / f"{path.stem}.log"
    peak = folder / f"{path.stem}.peak"
    solve = [sys.executable, "-m", "scheduler", "solve", str(path), "-o", str(output), *extra]
    started = time.perf_counter()
    with log.open("wb") as sink:
        done = subprocess.run([sys.executable, "-S", "-c", PEAK_SHIM, str(peak), *solve],
                              stdout=sink, stderr=sink, check=False)
    seconds = time.perf_counter() - started
    row: dict[str, Any] = {"seconds": round(seconds, 2),
                           "peak_mb": round(int(peak.read_text()) / 1024),
                           "exit": done.returncode}
    if row["exit"] == 0:
        solution = json.loads(output.read_text(encoding="utf-8"))
        row.update(status=solution["solver"]["status"], engine=solution["solver"]["engine"],
                   **solution["objective"], bound=solution["solver"]["bound"],
                   gap=solution["solver"]["gap"])
    else:
        row["error"] = log.read_text(encoding="utf-8").strip().splitlines()[-1:]
    return row


def main(argv: list[str] | None = None, echo: Callable[[str], None] = print) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/ektp-bench"))
    parser.add_argument("--cases", default="", help="comma-separated subset of case names")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    cases = build_cases(args.data, args.out)
    wanted = [c for c in args.cases.split(",") if c] or list(cases)
    for name in wanted:
        path, extra = cases[name]
        echo(json.dumps({"case": name, **run_case(path, extra, args.out)}))


if __name__ == "__main__":
    main()
