"""The side-constraint ladder: `solve --engine mip|cpsat` beside plain HiGHS, in one run.

Issue 16's comparison. Each case runs, in turns and `--repeats` times:

- `mip`: the whole `ektp-sched solve --engine mip --workers 2 --no-blanks-short` command
  (interpreter start, reading, the relaxed flow, the MIP's stages, validation, writing);
- `cpsat`: the same with `--engine cpsat` (what `auto` took before), within `--cpsat-limit`;
- `plain`: HiGHS on the same aggregated count model with none of the flow's help (no start,
  no lexicographic floor, no reduced-cost fixing): `solve_mip_engine(calendar)` alone, in a
  fresh process, within `--plain-limit`.

Cases: the shipped `stress/side-constraints.json`, the `boxes-and-trips` family on 7 and 12
districts around Pelalawan (14.05; generated here with seed 1), and Pelalawan and Sampang
with operators and minimum batches (the shipped seeds changed as `benchmarks/speed.py`
does). It prints one JSON line per run and, with `--write`, puts the table into
docs/performance.md between its markers. Nothing is asserted: tests never time.

    python benchmarks/side_constraints.py [--repeats 3] [--cases a,b] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from speed import _with_side_constraints  # benchmarks/ is this script's folder

from scheduler.generate.stress import stress_document

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- side-constraints table: begin -->", "<!-- side-constraints table: end -->"
# A small process forks the command and reports its peak RSS and CPU seconds (user + system):
# on a machine others load, CPU seconds say more than wall seconds (speed.py's shim, plus CPU).
SHIM = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
sys.exit(os.waitstatus_to_exitcode(status))
"""
PLAIN = """
import json, sys, time
started = time.perf_counter()
from scheduler.engines.mip.engine import solve_mip_engine
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import read_instance
result = solve_mip_engine(build_calendar(read_instance(sys.argv[1])),
                          time_limit=float(sys.argv[2]))
print(json.dumps({"seconds": round(time.perf_counter() - started, 2),
                  "status": str(result.status),
                  "objective": getattr(result, "objective", None) and result.objective.as_dict(),
                  "stages": [round(s.seconds, 2) for s in result.stages]}))
"""


def build_cases(folder: Path, data: Path) -> dict[str, Path]:
    """Case name -> instance path (shipped, or generated into `folder`)."""
    cases = {"side-constraints": ROOT / "instances" / "stress" / "side-constraints.json"}
    for size in (7, 12):
        # As `ektp-sched generate stress --family boxes-and-trips --seed 1 --around 14.05
        # --size N` writes it.
        name = f"boxes-and-trips-{size}"
        document = stress_document(data, "boxes-and-trips", seed=1, around="14.05", size=size,
                                   name=name)
        cases[name] = folder / f"{name}.json"
        cases[name].write_text(json.dumps(document), encoding="utf-8")
    for seed_name in ("pelalawan-2017", "sampang-2018"):
        seed = json.loads((ROOT / "instances" / f"{seed_name}.json").read_text("utf-8"))
        side = _with_side_constraints(seed, operators=True, boxes=False)
        path = folder / f"{seed_name}-operators.json"
        path.write_text(json.dumps(side), encoding="utf-8")
        cases[f"{seed_name}-operators"] = path
    return cases


def _timed(command: list[str], folder: Path, name: str) -> tuple[dict[str, Any], str]:
    """Run a command through the shim: wall and CPU seconds, peak MB, exit; and its output."""
    usage = folder / f"{name}.usage"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-S", "-c", SHIM, str(usage), *command],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    seconds = time.perf_counter() - started
    peak, cpu = usage.read_text().split()
    row = {"seconds": round(seconds, 2), "cpu": round(float(cpu), 2),
           "peak_mb": round(int(peak) / 1024), "exit": done.returncode}
    return row, done.stdout + done.stderr


def run_plain(path: Path, limit: float, folder: Path) -> dict[str, Any]:
    """Plain HiGHS on the aggregated model in a fresh process."""
    row, output = _timed([sys.executable, "-c", PLAIN, str(path), str(limit)], folder,
                         f"{path.stem}.plain")
    if row["exit"] != 0:
        return {**row, "error": output.strip().splitlines()[-1:]}
    answer = json.loads(output.strip().splitlines()[-1])
    return {**row, "status": answer["status"], "objective": answer["objective"],
            "stages": answer["stages"]}


def run_engine(path: Path, engine: str, limit: float | None, folder: Path) -> dict[str, Any]:
    """The whole `solve` command with one engine, its plan read back."""
    plan = folder / f"{path.stem}.{engine}.json"
    command = [sys.executable, "-m", "scheduler", "solve", str(path), "-o", str(plan),
               "--engine", engine, "--workers", "2", "--no-blanks-short"]
    if limit is not None:
        command += ["--time-limit", str(limit)]
    row, output = _timed(command, folder, f"{path.stem}.{engine}")
    if row["exit"] != 0:
        return {**row, "error": output.strip().splitlines()[-1:]}
    solver = json.loads(plan.read_text(encoding="utf-8"))
    return {**row, "status": solver["solver"]["status"], "objective": solver["objective"],
            "stages": [round(s["seconds"], 2) for s in solver["solver"]["stages"]]}


def _span(values: list[float]) -> str:
    return f"{min(values):.1f}" if len(values) == 1 else f"{min(values):.1f}–{max(values):.1f}"


def table(results: dict[str, dict[str, list[dict[str, Any]]]]) -> str:
    """The markdown table: per case, each way's time range, status and objective."""
    lines = ["| case | mip s (CPU s) | mip result | plain HiGHS s (CPU s) | plain result | "
             "cpsat s (CPU s) | cpsat result | mip ≤ ½ plain |",
             "|---|---|---|---|---|---|---|---|"]
    for case, ways in results.items():
        cells = [case]
        for way in ("mip", "plain", "cpsat"):
            runs = ways.get(way, [])
            if not runs:
                cells += ["–", "–"]
                continue
            objective = runs[0].get("objective") or {}
            figures = ", ".join(f"{v:,}" for v in objective.values())
            cells += [f"{_span([r['seconds'] for r in runs])} "
                      f"({_span([r['cpu'] for r in runs])})",
                      f"{runs[0].get('status', 'error')} ({figures})"]
        # Compared on CPU seconds: HiGHS runs on one thread either way, and on a machine
        # others load, CPU time is what the two ways really cost.
        mip = [r["cpu"] for r in ways.get("mip", []) if r.get("status") == "OPTIMAL"]
        plain = [r["cpu"] for r in ways.get("plain", [])]
        proven = plain and all(r.get("status") == "OPTIMAL" for r in ways["plain"])
        cells.append("–" if not (mip and plain) else (
            f"{'yes' if max(mip) <= statistics.median(plain) / 2 else 'no'}"
            f"{'' if proven else ' (plain not proven)'}"))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_table(text: str) -> None:
    page = DOC.read_text(encoding="utf-8")
    head, rest = page.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cases", default="")
    parser.add_argument("--ways", default="mip,plain,cpsat")
    parser.add_argument("--plain-limit", type=float, default=900.0)
    parser.add_argument("--cpsat-limit", type=float, default=600.0)
    parser.add_argument("--out", type=Path, default=Path("/tmp/ektp-side"))
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--write", action="store_true", help="write the table into the docs")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    cases = build_cases(args.out, args.data)
    wanted = [c for c in args.cases.split(",") if c] or list(cases)
    results: dict[str, dict[str, list[dict[str, Any]]]] = {c: {} for c in wanted}
    for _ in range(args.repeats):
        for case in wanted:
            for way in args.ways.split(","):
                load = os.getloadavg()[0]
                if way == "plain":
                    row = run_plain(cases[case], args.plain_limit, args.out)
                else:
                    limit = args.cpsat_limit if way == "cpsat" else None
                    row = run_engine(cases[case], way, limit, args.out)
                row.update(case=case, way=way, load=round(load, 2))
                results[case].setdefault(way, []).append(row)
                print(json.dumps(row), flush=True)
    text = table(results)
    print(text)
    if args.write:
        write_table(text)


if __name__ == "__main__":
    main()
