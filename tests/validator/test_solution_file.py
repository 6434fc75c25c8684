"""A solution file is read as strictly as an instance (issue 13): what is not a solution
is one line, exit 2; a row with a field the SPEC does not define is a violation."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.errors import InputError
from scheduler.validator import read_solution_document
from tests.support.paths import PELALAWAN, SAMPANG, TINY, TINY_PLAN, shipped_plan


def plan_text() -> str:
    return TINY_PLAN.read_text(encoding="utf-8")


def test_a_byte_order_mark_is_read_like_the_instance_reader_does(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + plan_text().encode("utf-8"))
    assert read_solution_document(path)["instance"] == "reroute-tiny"


@pytest.mark.parametrize(("text", "said"), [
    ('{"format": "ektp-solution/1", "format": "x"}', "key 'format' given twice"),
    ('{"format": "ektp-solution/1", "prints": [], "objective": NaN}', "NaN is not a JSON"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_what_is_not_json_a_solution_can_be_is_one_line(tmp_path: Path, text: str,
                                                         said: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=said):
        read_solution_document(path)


def test_a_solution_file_states_its_objective(tmp_path: Path) -> None:
    document = json.loads(plan_text())
    del document["objective"]
    path = tmp_path / "no-objective.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InputError, match="objective: missing"):
        read_solution_document(path)


def test_a_row_field_the_spec_does_not_define_is_named(runner: CliRunner, tmp_path: Path
                                                        ) -> None:
    document = json.loads(plan_text())
    document["prints"][0]["colour"] = "red"
    path = tmp_path / "extra.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(TINY), str(path)])
    assert result.exit_code == 1
    assert "prints[0].colour: unknown field 'colour'" in result.output


def test_a_gzip_bomb_stops_at_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scheduler.validator.document.MAX_INFLATED", 1 << 20)
    path = tmp_path / "bomb.json.gz"
    path.write_bytes(gzip.compress(b" " * (8 << 20)))  # 8 MiB of spaces, 8 KiB packed
    with pytest.raises(InputError, match="inflates to more than 1,048,576 bytes"):
        read_solution_document(path)


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.json"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_solution_document(fifo)


def test_a_plan_for_another_instance_is_said_first_and_once(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", str(SAMPANG), str(shipped_plan(PELALAWAN))])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "format: instance: the solution is for 'pelalawan-2017', not 'sampang-2018'",
        "invalid: 1 violation(s) in " + str(shipped_plan(PELALAWAN))]
