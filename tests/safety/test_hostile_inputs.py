"""Hostile input gets one line, the right exit code, and harms nothing (issue 13).

Every case runs a real command in a scratch folder holding copies of the inputs,
and checks: the exit code, exactly one `error:` line (no traceback), every input
file's bytes unchanged, and no file left that the case did not start with
(outputs, temporaries, derived files).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from tests.support.paths import READER_DATA, TINY, TINY_PLAN

GRAPH = Path(__file__).resolve().parents[3] / "shared" / "data"
Setup = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    """A command line (with {tmp} for the scratch folder), its setup, and what it must say."""

    name: str
    args: list[str]
    code: int
    said: str
    setup: Setup = field(default=lambda folder: None)
    env: dict[str, str] = field(default_factory=dict)


def _tiny(folder: Path) -> None:
    shutil.copy(TINY, folder / "i.json")
    shutil.copy(TINY_PLAN, folder / "p.json")


def _file_queue(folder: Path) -> None:
    shutil.copy(READER_DATA / "file_queue.json", folder / "q.json")
    shutil.copy(READER_DATA / "applicants.csv", folder / "applicants.csv")


def _solved_file_queue(folder: Path) -> None:
    _file_queue(folder)
    assert CliRunner().invoke(cli, ["solve", str(folder / "q.json"), "-o",
                                    str(folder / "p.json")]).exit_code == 0


def _queue_edited_after_solving(folder: Path) -> None:
    """Two applicants of one queue swap ids: same counts, other people."""
    _solved_file_queue(folder)
    path = folder / "applicants.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2], lines[3] = (lines[3].split(",", 1)[0] + "," + lines[2].split(",", 1)[1],
                          lines[2].split(",", 1)[0] + "," + lines[3].split(",", 1)[1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _edited(name: str, change: Callable[[dict[str, object]], None]) -> Setup:
    def setup(folder: Path) -> None:
        doc = json.loads(TINY.read_text(encoding="utf-8"))
        change(doc)
        (folder / name).write_text(json.dumps(doc), encoding="utf-8")
    return setup


def _district_id(value: str) -> Callable[[dict[str, object]], None]:
    def change(doc: dict[str, object]) -> None:
        text = json.dumps(doc).replace('"B"', json.dumps(value))
        doc.clear()
        doc.update(json.loads(text))
    return change


def _huge_weight(doc: dict[str, object]) -> None:
    doc["classes"] = [{"id": "regular", "weight": 10**12}]
    doc["queue"] = {"cohorts": [{"district": "A", "class": "regular", "ready": "2023-12-31",
                                 "count": 10**7}]}


def _bomb(folder: Path) -> None:
    (folder / "bomb.json.gz").write_bytes(gzip.compress(b" " * (4 << 20)))


def _fifo_instance(folder: Path) -> None:
    os.mkfifo(folder / "fifo.json")


def _queue_is(kind: str) -> Setup:
    def setup(folder: Path) -> None:
        _file_queue(folder)
        (folder / "applicants.csv").unlink()
        if kind == "folder":
            (folder / "applicants.csv").mkdir()
        elif kind == "fifo":
            os.mkfifo(folder / "applicants.csv")
        else:  # a link to a file that is not a queue: its text must not be shown
            (folder / "secret.txt").write_text("applicant_id,district,ready\n"
                                               "root:x:0:0:TOPSECRET\n", encoding="utf-8")
            (folder / "applicants.csv").symlink_to(folder / "secret.txt")
    return setup


def _deep_plan(folder: Path) -> None:
    _tiny(folder)
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


def _replan_over_queue(folder: Path) -> None:
    """The new instance's queue file would be the original's: q.json -> q.queue.csv."""
    _solved_file_queue(folder)
    shutil.move(folder / "applicants.csv", folder / "q.queue.csv")
    doc = json.loads((folder / "q.json").read_text(encoding="utf-8"))
    doc["queue"] = {"file": "q.queue.csv"}
    (folder / "q.json").write_text(json.dumps(doc), encoding="utf-8")
    assert CliRunner().invoke(cli, ["solve", str(folder / "q.json"), "-o",
                                    str(folder / "p.json")]).exit_code == 0


def _not_a_folder(folder: Path) -> None:
    _tiny(folder)
    (folder / "file").write_text("not a folder", encoding="utf-8")


T = "{tmp}"
CASES = [
    # outputs onto inputs, devices, nowhere
    Case("solve onto its instance", ["solve", f"{T}/i.json", "-o", f"{T}/i.json"], 2,
         "-o would overwrite the instance file", _tiny),
    Case("assignments onto the plan", ["solve", f"{T}/i.json", "-o", f"{T}/x.json",
                                       "--assignments", f"{T}/x.json"], 2,
         "--assignments would overwrite -o", _tiny),
    Case("report onto its plan", ["report", f"{T}/i.json", f"{T}/p.json", "-o", f"{T}/p.json"],
         2, "-o would overwrite the plan", _tiny),
    Case("print list onto the queue file", ["print-list", f"{T}/q.json", f"{T}/p.json", "-o",
                                            f"{T}/applicants.csv"], 2,
         "-o would overwrite the queue file", _solved_file_queue),
    Case("replan's two outputs the same", ["replan", f"{T}/i.json", f"{T}/p.json", "--as-of",
                                           "2024-01-02", "-o", f"{T}/x.json", "--instance-out",
                                           f"{T}/x.json"], 2,
         "--instance-out would overwrite -o", _tiny),
    Case("replan's queue file over the original", [
        "replan", f"{T}/q.json", f"{T}/p.json", "--as-of", "2017-05-23", "-o",
        f"{T}/new.json", "--instance-out", f"{T}/q.json.gz"], 2,
        "the new queue file: the file exists already", _replan_over_queue),
    Case("empty output name", ["solve", f"{T}/i.json", "-o", ""], 2, "an empty file name",
         _tiny),
    Case("output under a file", ["solve", f"{T}/i.json", "-o", f"{T}/file/x.json"], 2,
         "Not a directory", _not_a_folder),
    # a plan bound to its inputs
    Case("queue edited after solving", ["print-list", f"{T}/q.json", f"{T}/p.json", "-o",
                                        f"{T}/l.csv"], 2,
         "the queue file", _queue_edited_after_solving),
    # reading: sizes, kinds of file, nesting
    Case("gzip bomb", ["solve", f"{T}/bomb.json.gz", "-o", f"{T}/x.json"], 2,
         "larger than", _bomb, {"EKTP_MAX_INPUT_GIB": "0.001"}),
    Case("instance is a FIFO", ["solve", f"{T}/fifo.json", "-o", f"{T}/x.json"], 2,
         "not a regular file", _fifo_instance),
    Case("queue is a folder", ["solve", f"{T}/q.json", "-o", f"{T}/x.json"], 2,
         "a folder, not a file", _queue_is("folder")),
    Case("queue is a FIFO", ["solve", f"{T}/q.json", "-o", f"{T}/x.json"], 2,
         "not a regular file", _queue_is("fifo")),
    Case("queue links to another file", ["solve", f"{T}/q.json", "-o", f"{T}/x.json"], 2,
         "queue.file applicants.csv", _queue_is("link")),
    Case("solution nested 100,000 deep", ["validate", f"{T}/i.json", f"{T}/deep.json"], 2,
         "nested too deeply", _deep_plan),
    # values the engines cannot hold exactly, text no one can read
    Case("figures past 2^53", ["solve", f"{T}/w.json", "-o", f"{T}/x.json"], 2,
         "too large to plan exactly", _edited("w.json", _huge_weight)),
    Case("lone surrogate in an id", ["solve", f"{T}/s.json", "-o", f"{T}/x.json"], 2,
         "U+D800", _edited("s.json", _district_id("B\ud800"))),
    Case("NUL in an id", ["solve", f"{T}/n.json", "-o", f"{T}/x.json"], 2, "U+0000",
         _edited("n.json", _district_id("B\u0000"))),
    Case("carriage return in an id", ["solve", f"{T}/r.json", "-o", f"{T}/x.json"], 2,
         "U+000D", _edited("r.json", _district_id("B\r"))),
    # generators
    Case("generate with a negative seed", ["generate", "region", "--province", "Riau",
                                           "--graph", str(GRAPH), "--seed", "-1", "-o",
                                           f"{T}/g.json"], 2, "'--seed'"),
    Case("generate past the calendar", ["generate", "region", "--province", "Riau", "--graph",
                                        str(GRAPH), "--start", "9999-12-01", "-o",
                                        f"{T}/g.json"], 2, "would end after 9999-12-31"),
    Case("generate three million days", ["generate", "region", "--province", "Riau",
                                         "--graph", str(GRAPH), "--days", "3000000", "-o",
                                         f"{T}/g.json"], 2, "'--days'"),
    Case("generate 10^22 applicants", ["generate", "region", "--province", "Riau", "--graph",
                                       str(GRAPH), "--applicants", str(10**22), "-o",
                                       f"{T}/g.json"], 2, "'--applicants'"),
    # nothing to do
    Case("bench with nothing to run", ["bench", f"{T}/empty"], 2, "no *.json",
         lambda folder: (folder / "empty").mkdir()),
]


def _snapshot(folder: Path) -> dict[str, str]:
    """Every regular file's SHA-256 (FIFOs and folders named, not read)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.is_symlink() or not path.exists():
            out[rel] = "link"
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[rel] = "dir" if path.is_dir() else "special"
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_input_is_one_line_and_harms_nothing(
        case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if "--graph" in case.args and not GRAPH.is_dir():
        pytest.skip("needs ../shared/data")
    case.setup(tmp_path)
    before = _snapshot(tmp_path)
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    args = [a.replace(T, str(tmp_path)) for a in case.args]
    result = _invoke_with_deadline(args, seconds=120)
    lines = result.output.strip().splitlines()
    assert result.exit_code == case.code, result.output
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert case.said in lines[0], lines[0]
    assert "TOPSECRET" not in result.output
    assert _snapshot(tmp_path) == before  # inputs intact, nothing new, no temporary left


def _invoke_with_deadline(args: list[str], seconds: float):  # type: ignore[no-untyped-def]
    """Run the command; a hang (a FIFO read) fails the test instead of blocking the suite."""
    box: dict[str, object] = {}
    thread = threading.Thread(target=lambda: box.update(
        result=CliRunner().invoke(cli, args)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert "result" in box, f"{args} did not finish within {seconds} s"
    return box["result"]


def test_too_many_workers_are_lowered_with_a_warning(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["solve", str(TINY), "-o", str(tmp_path / "p.json"),
                                      "--workers", "5000"])
    assert result.exit_code == 0, result.output
    assert f"warning: --workers 5000 is more than this machine's {os.cpu_count()} core(s)" in (
        result.output)
