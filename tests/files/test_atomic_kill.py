"""A writer killed with SIGKILL at any moment leaves the old file whole (issue 13).

A child process rewrites one file again and again through `write_atomic`,
alternating two contents; the parent kills it at random moments. After each
kill the file holds one of the two contents whole, and once the next write has
run (it removes what dead writers left), no temporary file of ours remains.
Both ways of writing are tried: the unnamed file (O_TMPFILE) and the named
temporary file used where a file system has no unnamed files.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from scheduler.files.atomic import TEMP_SUFFIX
from scheduler.files.json_files import write_json_file

WRITER = textwrap.dedent("""
    import sys
    from scheduler.files import atomic
    from scheduler.files.json_files import write_json_file
    if sys.argv[2] == "named":
        atomic._unnamed_file = lambda folder: None
    target = sys.argv[1]
    big = ["x" * 100] * 200_000  # about 20 MB: a write takes a while
    n = 0
    while True:
        write_json_file(target, {"version": n % 2, "rows": big})
        n += 1
""")


@pytest.mark.parametrize("way", ["unnamed", "named"])
def test_a_killed_writer_leaves_the_old_file_whole(tmp_path: Path, way: str) -> None:
    target = tmp_path / "plan.json"
    write_json_file(target, {"version": 0, "rows": ["x" * 100] * 200_000})
    chance = random.Random(13)
    for _ in range(8):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(target), way],
                                 env={**os.environ, "PYTHONPATH": str(Path.cwd())})
        time.sleep(0.3 + chance.random() * 0.7)  # somewhere inside a write, or between
        child.send_signal(signal.SIGKILL)
        child.wait()
        document = json.loads(target.read_text(encoding="utf-8"))  # whole, or this fails
        assert document["version"] in (0, 1) and len(document["rows"]) == 200_000
    write_json_file(target, {"version": 2})  # the next write clears what the dead left
    assert json.loads(target.read_text(encoding="utf-8")) == {"version": 2}
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]
    assert not list(tmp_path.glob(f"*{TEMP_SUFFIX}"))
