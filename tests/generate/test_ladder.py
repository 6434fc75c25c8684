"""The instance ladder (scheduler/generate/ladder.py): INDEX.csv's commands rebuild every
shipped instance, nothing else is run; the national instance is only read here (its size and
districts), never solved.

The tiny rungs' optima are checked in tests/generate/test_tiny.py, the stress families in
tests/generate/test_stress.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scheduler.generate.ladder import read_commands, run_command
from scheduler.instance.json_file import load_json
from tests.support.paths import GRAPH, INDEX, INSTANCES, ROOT, needs_graph


@needs_graph
def test_the_recorded_commands_rebuild_every_shipped_instance(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each distinct INDEX.csv command, run verbatim in a scratch copy of the layout
    (main/ beside shared/data), writes byte for byte the shipped file."""
    work = tmp_path / "main"
    (tmp_path / "shared").mkdir()
    os.symlink(GRAPH, tmp_path / "shared" / "data")
    work.mkdir()
    monkeypatch.chdir(work)
    for command in read_commands(INDEX):
        run_command(command)
    shipped = sorted(p.relative_to(ROOT) for p in INSTANCES.rglob("*.json*")
                     if "scenarios" not in p.parts)
    rebuilt = sorted(p.relative_to(work) for p in (work / "instances").rglob("*.json*"))
    assert rebuilt == shipped
    for path in shipped:
        assert (work / path).read_bytes() == (ROOT / path).read_bytes(), path


def test_only_generator_commands_are_run() -> None:
    from scheduler.errors import InputError

    with pytest.raises(InputError, match="not a generator command"):
        run_command("rm -rf instances")
    with pytest.raises(InputError, match="not a generator command"):
        run_command("ektp-sched solve instances/sampang-2018.json -o x.json")


def test_the_national_instance_is_compressed_and_covers_the_country() -> None:
    """Read, never solved here: 514 units, 90 days, the graph's 1,066 edges incl. sea links."""
    path = INSTANCES / "national" / "indonesia.json.gz"
    assert path.read_bytes()[:2] == b"\x1f\x8b"
    document = load_json(path)
    assert isinstance(document, dict)
    assert len(document["districts"]) == 514
    assert document["horizon"]["days"] == 90
    assert len(document["links"]) == 1066
    assert sum(link["lead_days"] == 3 for link in document["links"]) >= 69  # 55 + 14 by sea
