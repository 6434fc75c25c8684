"""instances/INDEX.csv: one row per shipped instance, its figures matching the files.

The manifest is written by hand from the instance and solution files; this test is
what keeps it honest when an instance or its solution is regenerated.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from scheduler.bench.run import find_instances

ROOT = Path(__file__).parent.parent
INDEX = ROOT / "instances" / "INDEX.csv"
FIGURES = ("deadline_misses", "waiting_days", "transfer_cost")


def _rows() -> dict[str, dict[str, str]]:
    with INDEX.open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def test_every_instance_has_exactly_one_row() -> None:
    shipped = {str(p.relative_to(ROOT / "instances")) for p in find_instances([ROOT / "instances"])}
    with INDEX.open(encoding="utf-8", newline="") as handle:
        files = [row["file"] for row in csv.DictReader(handle)]
    assert sorted(files) == sorted(shipped)
    assert len(files) == len(set(files))


def test_rows_match_their_instance_and_shipped_solution() -> None:
    for file, row in _rows().items():
        doc = json.loads((ROOT / "instances" / file).read_text(encoding="utf-8"))
        assert row["name"] == doc["name"]
        assert int(row["districts"]) == len(doc["districts"])
        assert int(row["days"]) == doc["horizon"]["days"]
        assert int(row["applicants"]) == sum(c["count"] for c in doc["queue"]["cohorts"])
        assert row["command"].startswith("python -m scheduler.generate.")
        solution = json.loads((ROOT / row["solution"]).read_text(encoding="utf-8"))
        assert solution["instance"] == doc["name"]
        assert [int(row[f]) for f in FIGURES] == [solution["objective"][f] for f in FIGURES]
        bound = solution["solver"]["bound"]
        assert [int(row[f"bound_{f}"]) for f in FIGURES] == [bound[f] for f in FIGURES]
