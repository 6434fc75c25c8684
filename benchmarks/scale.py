"""Scale study of the flow engine (issue 6, part 4): time and memory against size.

Builds seeded regional instances on the real district graph into a work folder
(nothing big is kept in the repository) and solves each as a fresh
`python -m scheduler solve --engine flow --no-blanks-short --log` process: the whole
command a user waits for, reading and writing included, the plan proven optimal by
the flow's potentials and validated by `solve` itself. Three sweeps:

- districts: 12, 40, 120, 250 districts met by breadth-first search from Kota Semarang
  (33.74) on the real graph, and all 514, at 90 days;
- days: 30, 60, 90, 180 at 120 districts (the arrival rate stays: applicants grow with
  the horizon, as `generate region` makes them);
- applicants: 0.5, 1, 2, 4 times the 120-district count at 90 days.
Applicants are 2 % of the population over 90 days (`scheduler/generate/region.py`).
The 120-district, 90-day, 1x case is shared by the three sweeps and run once.

Each case runs `--repeats` times; the CSV keeps the range of wall seconds and peak
resident memory (the child's ru_maxrss, measured as benchmarks/speed.py does) and the
1-minute load average seen before each run. Nothing is asserted: the figures go into
docs/performance.md.

    python benchmarks/scale.py --data ../shared/data [--repeats 3] [--sweeps districts]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from speed import PEAK_SHIM

from scheduler.engines.network.graph import build_graph
from scheduler.generate.region import region_document
from scheduler.generate.synthetic import connected_districts, load_graph
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import read_instance

CENTRE = "33.74"  # Kota Semarang: its 120 nearest units are Java and Bali
STAGE_LINE = re.compile(r"stage \d \((?P<name>[^)]*)\): value \S+ in (?P<seconds>[\d.]+) s")
COLUMNS = ("sweeps", "case", "districts", "days", "factor", "applicants", "nodes", "arcs", "runs",
           "seconds_min", "seconds_max", "solve_seconds_min", "stage_seconds",
           "peak_mb_min", "peak_mb_max", "plan_mb", "load_max", "status", "deadline_misses",
           "waiting_days", "transfer_cost", "gap")


@dataclass(frozen=True)
class Case:
    """One instance: districts, horizon days and the applicant factor (1 = 2 % of people)."""

    districts: int = 120
    days: int = 90
    factor: float = 1.0

    @property
    def name(self) -> str:
        return f"d{self.districts}-t{self.days}-x{self.factor:g}"


SWEEPS = {
    "districts": [Case(districts=n) for n in (12, 40, 120, 250, 514)],
    "days": [Case(days=d) for d in (30, 60, 90, 180)],
    "applicants": [Case(factor=f) for f in (0.5, 1.0, 2.0, 4.0)],
}


def cases_of(sweeps: list[str]) -> dict[Case, list[str]]:
    """Each distinct case and the sweeps it belongs to (the shared one only once)."""
    found: dict[Case, list[str]] = {}
    for sweep in sweeps:
        for case in SWEEPS[sweep]:
            found.setdefault(case, []).append(sweep)
    return found


def build_case(case: Case, data: Path, folder: Path, seed: int) -> Path:
    """Write the case's instance (seeded, so the same arguments give the same file)."""
    regencies, adjacency = load_graph(data)
    if case.districts >= len(regencies):
        codes = sorted(regencies["code"].astype(str))
    else:
        codes = connected_districts(adjacency, CENTRE, case.districts)
    population = float(regencies.set_index("code").loc[codes, "population"].sum())
    applicants = int(round(population * 0.02 * case.days / 90 * case.factor))
    document = region_document(data, codes=codes, seed=seed, days=case.days,
                               applicants=applicants, name=case.name)
    path = folder / f"{case.name}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def graph_size(path: Path) -> tuple[int, int, int]:
    """Applicants, nodes and arcs of the instance's flow graph (before any stage)."""
    calendar = build_calendar(read_instance(path))
    graph = build_graph(calendar)
    return int(calendar.ready.sum()), graph.nodes, graph.arcs


def run_once(path: Path, folder: Path) -> dict[str, Any]:
    """One fresh `solve` process: wall seconds, its peak RSS, the plan's figures."""
    output = folder / f"{path.stem}.solution.json"
    log = folder / f"{path.stem}.log"
    peak = folder / f"{path.stem}.peak"
    solve = [sys.executable, "-m", "scheduler", "solve", str(path), "-o", str(output),
             "--engine", "flow", "--no-blanks-short", "--log"]
    load = os.getloadavg()[0]
    started = time.perf_counter()
    with log.open("wb") as sink:
        done = subprocess.run([sys.executable, "-S", "-c", PEAK_SHIM, str(peak), *solve],
                              stdout=sink, stderr=sink, check=False)
    seconds = time.perf_counter() - started
    text = log.read_text(encoding="utf-8")
    if done.returncode != 0:
        raise RuntimeError(f"{path.name}: solve exited {done.returncode}: {text[-500:]}")
    solution = json.loads(output.read_text(encoding="utf-8"))
    solver = solution["solver"]
    inside = re.search(r"by flow in ([\d.]+) s", text)
    return {
        "seconds": seconds,
        "solve_seconds": float(inside.group(1)) if inside else float("nan"),
        "stages": {m["name"]: float(m["seconds"]) for m in STAGE_LINE.finditer(text)},
        "peak_mb": int(peak.read_text()) / 1024,
        "plan_mb": output.stat().st_size / 2**20,
        "load": load,
        "status": solver["status"],
        "gap": solver["gap"]["figure"] or 0,
        **solution["objective"],
    }


def measure(case: Case, sweeps: list[str], path: Path, folder: Path, repeats: int,
            echo: Any) -> dict[str, Any]:
    """The case's row: ranges over `repeats` runs, figures of the (identical) plans."""
    applicants, nodes, arcs = graph_size(path)
    runs = []
    for index in range(repeats):
        run = run_once(path, folder)
        echo(f"{case.name} run {index + 1}: {run['seconds']:.2f} s, {run['peak_mb']:.0f} MB, "
             f"load {run['load']:.2f}, {run['status']}")
        runs.append(run)
    figures = {(r["deadline_misses"], r["waiting_days"], r["transfer_cost"]) for r in runs}
    if len(figures) != 1:
        raise RuntimeError(f"{case.name}: runs disagree on the objective: {figures}")
    fastest = min(runs, key=lambda r: r["seconds"])
    return {
        "sweeps": "+".join(sweeps), "case": case.name, "districts": case.districts,
        "days": case.days, "factor": case.factor, "applicants": applicants, "nodes": nodes,
        "arcs": arcs, "runs": repeats,
        "seconds_min": round(min(r["seconds"] for r in runs), 2),
        "seconds_max": round(max(r["seconds"] for r in runs), 2),
        "solve_seconds_min": round(min(r["solve_seconds"] for r in runs), 2),
        "stage_seconds": " ".join(f"{v:.2f}" for v in fastest["stages"].values()),
        "peak_mb_min": round(min(r["peak_mb"] for r in runs)),
        "peak_mb_max": round(max(r["peak_mb"] for r in runs)),
        "plan_mb": round(runs[0]["plan_mb"], 1),
        "load_max": round(max(r["load"] for r in runs), 2),
        "status": ",".join(sorted({r["status"] for r in runs})),
        "deadline_misses": runs[0]["deadline_misses"],
        "waiting_days": runs[0]["waiting_days"],
        "transfer_cost": runs[0]["transfer_cost"],
        "gap": ",".join(sorted({str(r["gap"]) for r in runs})),
    }


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a CSV this script wrote, numbers as numbers."""
    frame = pd.read_csv(path, dtype={"stage_seconds": str, "gap": str, "sweeps": str})
    return [dict(row) for row in frame.to_dict("records")]


def markdown(rows: list[dict[str, Any]]) -> str:
    """The table of docs/performance.md: one line per case, ranges as min–max."""
    lines = ["| sweep | districts | days | applicants | nodes | arcs | seconds | solve s "
             "(stages) | peak MB | plan MB | load | result |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        seconds = f"{r['seconds_min']:.1f}–{r['seconds_max']:.1f}"
        peak = f"{r['peak_mb_min']}–{r['peak_mb_max']}"
        result = (f"{r['status']} ({r['deadline_misses']:,}, {r['waiting_days']:,}, "
                  f"{r['transfer_cost']:,}), gap {r['gap']}")
        lines.append(
            f"| {r['sweeps']} | {r['districts']} | {r['days']} | "
            f"{r['applicants']:,} ({r['factor']:g}x) | "
            f"{r['nodes']:,} | {r['arcs']:,} | {seconds} | {r['solve_seconds_min']:.1f} "
            f"({r['stage_seconds']}) | {peak} | {r['plan_mb']} | {r['load_max']} | {result} |")
    return "\n".join(lines)


def _spaced(values: list[float]) -> list[float]:
    """The values to label on an axis, each at least 6 % of the largest from the last."""
    kept: list[float] = []
    for value in sorted(values):
        if not kept or value - kept[-1] >= 0.06 * max(values):
            kept.append(value)
    return kept


def plot(rows: list[dict[str, Any]], path: Path) -> None:
    """Wall seconds (top) and peak MB (bottom) against each swept quantity, min–max bars;
    both axes linear from 0 (growth as it is), a tick at each case."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    frame = pd.DataFrame(rows)
    panels = {"districts": ("districts", "districts (90 days)"),
              "days": ("days", "days (120 districts, applicants grow with days)"),
              "applicants": ("applicants", "applicants, millions (120 districts, 90 days)")}
    figure, axes = plt.subplots(2, 3, figsize=(13, 7), squeeze=False)
    for column, (sweep, (x, label)) in enumerate(panels.items()):
        part = frame[[sweep in s.split("+") for s in frame["sweeps"]]].sort_values(x)
        xs = part[x] / 1e6 if x == "applicants" else part[x]
        for row, (low, high, name) in enumerate(
                (("seconds_min", "seconds_max", "wall seconds"),
                 ("peak_mb_min", "peak_mb_max", "peak MB (max RSS)"))):
            axis = axes[row][column]
            middle = (part[low] + part[high]) / 2
            axis.errorbar(xs, middle, yerr=(middle - part[low], part[high] - middle),
                          marker="o", capsize=3)
            if sweep == "districts" and row == 0:
                axis.axhline(60, color="grey", linestyle="--", linewidth=1)
                axis.text(10, 58, "target for 514 districts: 60 s", color="grey", va="top")
            ticks = _spaced(list(xs))
            axis.set_xticks(ticks, [f"{v:.3g}" for v in ticks])
            axis.set_xlim(left=0)
            top = 66.0 if sweep == "districts" and row == 0 else 0.0  # the target line
            axis.set_ylim(0, max(top, 1.1 * float(part[high].max())))
            axis.set_xlabel(label)
            axis.set_ylabel(name)
            axis.grid(True, alpha=0.3)
    figure.suptitle("ektp-sched solve --engine flow --no-blanks-short: the whole command, "
                    "proven optimal, on 2 cores (peak-memory target 1,024 MB)")
    figure.tight_layout()
    figure.savefig(path, dpi=100)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    here = Path(__file__).parent
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/ektp-scale"),
                        help="work folder for the generated instances and plans")
    parser.add_argument("--sweeps", default="districts,days,applicants")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--csv", type=Path, default=here / "scale.csv")
    parser.add_argument("--plot", type=Path, default=here / "scale.png")
    parser.add_argument("--replot", action="store_true",
                        help="measure nothing: redraw the plot and table from the CSV")
    args = parser.parse_args(argv)

    def echo(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    if args.replot:
        rows = read_rows(args.csv)
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        rows = []
        for case, sweeps in cases_of(args.sweeps.split(",")).items():
            path = build_case(case, args.data, args.out, args.seed)
            rows.append(measure(case, sweeps, path, args.out, args.repeats, echo))
        with args.csv.open("w", newline="", encoding="utf-8") as sink:
            writer = csv.DictWriter(sink, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
    plot(rows, args.plot)
    print(markdown(rows))


if __name__ == "__main__":
    main()
