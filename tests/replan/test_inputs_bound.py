"""A re-plan's plan is bound to the instance it writes (issue 13): read back as is, refused
once that instance changes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from scheduler.cli import cli
from tests.support.paths import READER_DATA


def test_the_new_plan_names_the_new_instance_and_its_queue(runner: CliRunner,
                                                           tmp_path: Path) -> None:
    shutil.copy(READER_DATA / "file_queue.json", tmp_path / "q.json")
    shutil.copy(READER_DATA / "applicants.csv", tmp_path / "applicants.csv")
    assert runner.invoke(cli, ["solve", str(tmp_path / "q.json"), "-o",
                               str(tmp_path / "p.json")]).exit_code == 0
    result = runner.invoke(cli, ["replan", str(tmp_path / "q.json"), str(tmp_path / "p.json"),
                                 "--as-of", "2017-05-24", "-o", str(tmp_path / "n.json"),
                                 "--instance-out", str(tmp_path / "n-instance.json")])
    assert result.exit_code == 0, result.output
    inputs = json.loads((tmp_path / "n.json").read_text(encoding="utf-8"))["inputs"]
    assert {role: entry["file"] for role, entry in inputs.items()} == {
        "instance": "n-instance.json", "queue": "n-instance.queue.csv"}
    lists = ["print-list", str(tmp_path / "n-instance.json"), str(tmp_path / "n.json"), "-o",
             str(tmp_path / "l.csv")]
    assert runner.invoke(cli, lists).exit_code == 0
    queue = tmp_path / "n-instance.queue.csv"
    queue.write_text(queue.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    refused = runner.invoke(cli, lists)
    assert refused.exit_code == 2
    assert "the queue file" in refused.output and "changed after this plan" in refused.output
