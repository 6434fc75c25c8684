"""instances/INDEX.csv: one row per shipped instance, its figures matching the files.

The manifest is written by hand from the instance and solution files; this test is
what keeps it honest when an instance or its solution is regenerated. Whether each
row's command really rebuilds its file is tests/generate/test_ladder.py's job.
"""

from __future__ import annotations

import csv

from scheduler.bench.run import find_instances
from scheduler.instance.json_file import load_json
from scheduler.instance.reader import read_instance
from scheduler.validator import read_solution_document, validate_solution
from tests.support.paths import INDEX, INSTANCES, ROOT, SOLUTIONS

FIGURES = ("deadline_misses", "waiting_days", "transfer_cost")
COMMANDS = ("python -m scheduler.generate.", "ektp-sched generate ")
MAX_BYTES = 5 * 1024 * 1024  # nothing over 5 MiB is committed


def _rows() -> dict[str, dict[str, str]]:
    with INDEX.open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def _figure(text: str) -> int | None:
    """A bound column: empty when that figure is unbounded (a FEASIBLE plan whose earlier
    figure is above its bound, so nothing bounds the later ones)."""
    return None if text == "" else int(text)


def test_every_instance_has_exactly_one_row() -> None:
    shipped = {str(p.relative_to(INSTANCES)) for p in find_instances([INSTANCES])}
    with INDEX.open(encoding="utf-8", newline="") as handle:
        files = [row["file"] for row in csv.DictReader(handle)]
    assert sorted(files) == sorted(shipped)
    assert len(files) == len(set(files))


def test_rows_match_their_instance_and_shipped_solution() -> None:
    for file, row in _rows().items():
        doc = load_json(INSTANCES / file)
        assert isinstance(doc, dict)
        assert row["name"] == doc["name"]
        assert int(row["districts"]) == len(doc["districts"])
        assert int(row["days"]) == doc["horizon"]["days"]
        assert int(row["applicants"]) == sum(c["count"] for c in doc["queue"]["cohorts"])
        assert row["command"].startswith(COMMANDS), row["command"]
        solution = read_solution_document(ROOT / row["solution"])
        assert solution["instance"] == doc["name"]
        assert [int(row[f]) for f in FIGURES] == [solution["objective"][f] for f in FIGURES]
        bound = solution["solver"]["bound"]
        assert [_figure(row[f"bound_{f}"]) for f in FIGURES] == [bound[f] for f in FIGURES]
        assert (row["engine"], row["status"]) == (solution["solver"]["engine"],
                                                  solution["solver"]["status"])


def test_large_files_are_compressed_and_none_exceeds_5_mib() -> None:
    for folder in (INSTANCES, SOLUTIONS):
        for path in folder.rglob("*"):
            if path.is_file():
                assert path.stat().st_size <= MAX_BYTES, path
    for row in _rows().values():
        if row["file"].endswith(".gz"):
            assert row["solution"].endswith(".json.gz")
            for path in (INSTANCES / row["file"], ROOT / row["solution"]):
                assert path.read_bytes()[:2] == b"\x1f\x8b", path


def test_every_shipped_plan_passes_the_validator() -> None:
    """The national plan too: validating is cheap, solving is what the tests never do."""
    for file, row in _rows().items():
        instance = read_instance(INSTANCES / file)
        report = validate_solution(instance, read_solution_document(ROOT / row["solution"]))
        assert report.valid, (file, [v.message for v in report.violations[:3]])
