"""Plans stored compressed (scheduler/plan/document.py, read.py): a `.json.gz` plan is
written as gzip, read back, validated; a broken one is one line.

The plan is reroute-tiny's optimum (0, 5, 4), worked in tests/commands/test_cli.py.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.instance.reader import read_instance
from scheduler.plan.document import write_solution
from scheduler.plan.make import make_plan
from scheduler.plan.read import read_solution
from scheduler.validator import read_solution_document
from tests.support.paths import TINY


def test_a_plan_written_as_json_gz_is_read_back_and_validated(runner: CliRunner,
                                                              tmp_path: Path) -> None:
    instance_path = TINY
    planned = make_plan(read_instance(instance_path), engine="flow", blanks_short=False)
    document = planned.document
    path = tmp_path / "plan.json.gz"
    write_solution(planned, path)
    assert path.read_bytes()[:2] == b"\x1f\x8b"
    assert json.loads(gzip.decompress(path.read_bytes())) == document
    assert read_solution_document(path) == document
    assert read_solution(planned.instance, path).objective.as_tuple() == (0, 5, 4)
    result = runner.invoke(cli, ["validate", str(instance_path), str(path)])
    assert result.exit_code == 0, result.output


def test_solve_writes_gzip_when_asked_and_a_broken_gzip_is_one_line(runner: CliRunner,
                                                                     tmp_path: Path) -> None:
    plan = tmp_path / "plan.json.gz"
    solved = runner.invoke(cli, ["solve", str(TINY), "-o", str(plan)])
    assert solved.exit_code == 0, solved.output
    assert json.loads(gzip.decompress(plan.read_bytes()))["objective"]["waiting_days"] == 5
    plan.write_bytes(plan.read_bytes()[:40])  # cut short
    broken = runner.invoke(cli, ["validate", str(TINY), str(plan)])
    assert broken.exit_code == 2
    assert str(plan) in broken.output and len(broken.output.strip().splitlines()) == 1
