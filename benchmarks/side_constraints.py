"""The side-constraint ladder: `solve --engine mip|cpsat` beside plain HiGHS, in one run.

Issue 16's comparison. Each case runs, in turns and `--repeats` times:

- `mip`: the whole `ektp-sched solve --engine mip --workers 2 --no-blanks-short` command
  (interpreter start, reading, the relaxed flow, the MIP's stages, validation, writing);
- `cpsat`: the same with `--engine cpsat` (what `auto` took before), within `--cpsat-limit`;
- `plain`: HiGHS on the same aggregated count model with none of the flow's help (no start,
  no lexicographic floor, no reduced-cost fixing): `solve_mip_engine(calendar)` alone, in a
  fresh process, within `--plain-limit`.

Cases: the shipped `stress/side-constraints.json` and `stress/boxes-and-trips-{7,12}.json`,
and Pelalawan and Sampang with operators and minimum batches (the shipped seeds changed as
`benchmarks/speed.py` does). It prints one JSON line per run and, with `--write`, puts the
table into docs/performance.md between its markers. Nothing is asserted: tests never time.

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

from speed import _with_side_constraints, run_case  # benchmarks/ is this script's folder

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- side-constraints table: begin -->", "<!-- side-constraints table: end -->"
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


def build_cases(folder: Path) -> dict[str, Path]:
    """Case name -> instance path (shipped, or written into `folder`)."""
    cases = {name: ROOT / "instances" / "stress" / f"{name}.json"
             for name in ("side-constraints", "boxes-and-trips-7", "boxes-and-trips-12")}
    for seed_name in ("pelalawan-2017", "sampang-2018"):
        seed = json.loads((ROOT / "instances" / f"{seed_name}.json").read_text("utf-8"))
        side = _with_side_constraints(seed, operators=True, boxes=False)
        path = folder / f"{seed_name}-operators.json"
        path.write_text(json.dumps(side), encoding="utf-8")
        cases[f"{seed_name}-operators"] = path
    return cases


def run_plain(path: Path, limit: float) -> dict[str, Any]:
    """Plain HiGHS on the aggregated model in a fresh process (wall time around it)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PLAIN, str(path), str(limit)],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    row: dict[str, Any] = {"seconds": round(time.perf_counter() - started, 2)}
    if done.returncode != 0:
        return {**row, "error": done.stderr.strip().splitlines()[-1:]}
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    return {**row, "status": answer["status"], "objective": answer["objective"],
            "stages": answer["stages"]}


def run_engine(path: Path, engine: str, limit: float | None, folder: Path) -> dict[str, Any]:
    extra = ["--engine", engine, "--workers", "2", "--no-blanks-short"]
    if limit is not None:
        extra += ["--time-limit", str(limit)]
    row = run_case(path, extra, folder)
    if row.get("exit") == 0:
        row["objective"] = {k: row.pop(k) for k in ("deadline_misses", "waiting_days",
                                                    "transfer_cost")}
    return row


def _span(values: list[float]) -> str:
    return f"{min(values):.1f}" if len(values) == 1 else f"{min(values):.1f}–{max(values):.1f}"


def table(results: dict[str, dict[str, list[dict[str, Any]]]]) -> str:
    """The markdown table: per case, each way's time range, status and objective."""
    lines = ["| case | mip s | mip result | plain HiGHS s | plain result | cpsat s | "
             "cpsat result | mip ≤ ½ plain |", "|---|---|---|---|---|---|---|---|"]
    for case, ways in results.items():
        cells = [case]
        for way in ("mip", "plain", "cpsat"):
            runs = ways.get(way, [])
            if not runs:
                cells += ["–", "–"]
                continue
            objective = runs[0].get("objective") or {}
            figures = ", ".join(f"{v:,}" for v in objective.values())
            cells += [_span([r["seconds"] for r in runs]),
                      f"{runs[0].get('status', 'error')} ({figures})"]
        mip = [r["seconds"] for r in ways.get("mip", []) if r.get("status") == "OPTIMAL"]
        plain = [r["seconds"] for r in ways.get("plain", [])]
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
    parser.add_argument("--write", action="store_true", help="write the table into the docs")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    cases = build_cases(args.out)
    wanted = [c for c in args.cases.split(",") if c] or list(cases)
    results: dict[str, dict[str, list[dict[str, Any]]]] = {c: {} for c in wanted}
    for _ in range(args.repeats):
        for case in wanted:
            for way in args.ways.split(","):
                load = os.getloadavg()[0]
                if way == "plain":
                    row = run_plain(cases[case], args.plain_limit)
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
