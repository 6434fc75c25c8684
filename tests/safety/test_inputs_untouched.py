"""No command changes an input, and none leaves a file it was not asked to write (issue 13).

Every command runs on copies of shipped instances and plans in a scratch folder;
afterwards each input's bytes are what they were, and the folder holds the
inputs plus exactly the outputs the command names (a re-plan's new queue file and
printed-before record among them).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from tests.support.paths import READER_DATA, SAMPANG, TINY, scenario_file, shipped_plan

INPUTS = {"i.json": TINY, "p.json": shipped_plan(TINY), "s.json": SAMPANG,
          "sp.json": shipped_plan(SAMPANG), "sc.json": scenario_file("sampang-2018"),
          "q.json": READER_DATA / "file_queue.json", "applicants.csv": READER_DATA /
          "applicants.csv"}

# (command line, the files it is asked to write)
RUNS = [
    (["solve", "i.json", "-o", "o.json", "--assignments", "o.csv"], {"o.json", "o.csv"}),
    (["solve", "q.json", "-o", "o.json", "--assignments", "o.csv"], {"o.json", "o.csv"}),
    (["validate", "i.json", "p.json"], set()),
    (["print-list", "i.json", "p.json", "-o", "l.xlsx"], {"l.xlsx"}),
    (["print-list", "i.json", "p.json", "-o", "l.csv"], {"l.csv"}),
    (["lookup", "i.json", "p.json", "cohort-0-0", "nobody"], set()),
    (["replan", "i.json", "p.json", "--as-of", "2024-01-02", "-o", "n.json",
      "--instance-out", "ni.json", "--workers", "1"], {"n.json", "ni.json", "n.printed.csv"}),
    (["report", "s.json", "sp.json", "-o", "r.html"], {"r.html"}),
    (["network", "s.json", "sp.json", "-o", "m.svg"], {"m.svg"}),
    (["whatif", "s.json", "sc.json", "-o", "w.csv", "--jobs", "1"], {"w.csv"}),
    (["explain", "i.json", "p.json", "--top", "1"], set()),
    (["simulate", "i.json", "--runs", "2", "-o", "sim.csv", "--report", "sim.html"],
     {"sim.csv", "sim.html"}),
]


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.mark.parametrize(("args", "outputs"), RUNS, ids=lambda v: " ".join(v)
                         if isinstance(v, list) else "")
def test_a_command_changes_no_input_and_writes_only_its_outputs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
        outputs: set[str]) -> None:
    for name, source in INPUTS.items():
        shutil.copy(source, tmp_path / name)
    before = _hashes(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    after = _hashes(tmp_path)
    assert {name: after.get(name) for name in before} == before
    assert set(after) - set(before) == outputs
