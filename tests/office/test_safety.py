"""Nothing lost, nothing shown: kill -9 at random moments leaves the previous state; concurrent
writers wait and never interleave a half plan; the SQLite file is 0600; a password on the
command line is refused; NIKs are masked on screen; a backup is a ledger of its own."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select

from scheduler.office.db import ledger_url, open_ledger, reading
from scheduler.office.schema import applicants, plan_versions, printed
from tests.office.conftest import TINY, office

ROOT = Path(__file__).resolve().parents[2]


def medium_instance(folder: Path) -> Path:
    """office-tiny at a size where each command takes a noticeable moment (15,000 applicants)."""
    data = json.loads(TINY.read_text())
    data["horizon"]["days"] = 30
    for district in data["districts"]:
        district["blanks"] = 6000
    for printer in data["printers"]:
        printer["capacity"] = 150
    for cohort in data["queue"]["cohorts"]:
        cohort["count"] = 5000
    path = folder / "medium.json"
    path.write_text(json.dumps(data))
    return path


def siak_export(path: Path, count: int) -> Path:
    lines = ["NIK,district,ready,nama"]
    lines += [f"3527{i:012d},{'ABC'[i % 3]},2024-01-0{1 + i % 5},Warga {i}" for i in range(count)]
    path.write_text("\n".join(lines) + "\n")
    return path


def counts(url: str) -> tuple[int, int, int]:
    """(applicants, printed cards, plan versions)."""
    engine = open_ledger(ledger_url(url, typed=False))
    with reading(engine) as connection:
        return tuple(int(connection.execute(select(func.count()).select_from(table)).scalar()
                         or 0) for table in (applicants, printed, plan_versions))  # type: ignore[return-value]


def spawn(url: str, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "scheduler", "office", *args, "--db", url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)


def finish(url: str, *args: str) -> None:
    process = spawn(url, *args)
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, (out + err).decode()


def killed_at_random(url: str, seconds: float, rng: random.Random, *args: str) -> bool:
    """Run the command and kill -9 it after a random moment; True if it finished first."""
    process = spawn(url, *args)
    time.sleep(rng.uniform(0.05, seconds))
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.communicate(timeout=600)
    return process.returncode == 0


def assert_sound(runner: CliRunner, url: str) -> None:
    code, output = office(runner, url, "check")
    assert code == 0 and "all checks pass" in output, output


def test_kill_minus_nine_leaves_the_previous_state(
        ledger: str, runner: CliRunner, tmp_path: Path) -> None:
    """Each of import, plan, done and replan killed at three random moments (or finished
    first): the ledger is always whole, before or after, and `office check` passes."""
    rng = random.Random(14)
    finish(ledger, "init", "--instance", str(medium_instance(tmp_path)))
    export = siak_export(tmp_path / "siak.csv", 20_000)
    steps = [
        (("import", str(export), "--columns", "NIK=applicant_id"), (20_000, 0, 0)),
        (("plan",), (0, 0, 1)),
        (("done", "--date", "2024-01-01", "--as-planned"), (0, 450, 0)),
        (("replan", "--as-of", "2024-01-02", "--time-limit", "5"), (0, 0, 1)),
    ]
    for args, change in steps:
        start = counts(ledger)
        whole = tuple(a + b for a, b in zip(start, change, strict=True))
        for _ in range(3):
            finished = killed_at_random(ledger, 2.0, rng, *args)
            now = counts(ledger)
            assert now in (start, whole), (args, start, now)
            assert_sound(runner, ledger)
            if finished or now != start:
                break
        if counts(ledger) == start:
            finish(ledger, *args)
        assert counts(ledger)[:2] == whole[:2]
    assert_sound(runner, ledger)


def test_concurrent_writers_wait_and_never_interleave(
        ledger: str, runner: CliRunner, tmp_path: Path) -> None:
    finish(ledger, "init", "--instance", str(medium_instance(tmp_path)))
    finish(ledger, "plan")
    done = [spawn(ledger, "done", "--date", "2024-01-01", "--as-planned", "--printer", p)
            for p in ("A1", "B1", "C1")]
    for process in done:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, (out + err).decode()
    assert counts(ledger)[1] == 450  # each printer's 150, none lost to a lock
    replans = [spawn(ledger, "replan", "--as-of", "2024-01-02", "--time-limit", "5")
               for _ in range(2)]
    results = [p.communicate(timeout=600) for p in replans]
    codes = [p.returncode for p in replans]
    assert sorted(codes) in ([0, 0], [0, 2]), results
    for code, (_, err) in zip(codes, results, strict=True):
        if code == 2:
            assert b"the ledger changed while the plan was being made" in err
    assert counts(ledger)[2] == 1 + codes.count(0)
    assert_sound(runner, ledger)


def test_the_sqlite_file_is_private_and_a_backup_is_a_ledger(
        sqlite_ledger: str, runner: CliRunner, tmp_path: Path) -> None:
    assert office(runner, sqlite_ledger, "init", "--instance", str(TINY))[0] == 0
    assert office(runner, sqlite_ledger, "plan")[0] == 0
    path = Path(sqlite_ledger.removeprefix("sqlite:///"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    copy = tmp_path / "copy.db"
    code, output = office(runner, sqlite_ledger, "backup", "-o", str(copy))
    assert code == 0, output
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert_sound(runner, f"sqlite:///{copy}")
    assert counts(f"sqlite:///{copy}") == counts(sqlite_ledger)


def test_a_password_on_the_command_line_is_refused(runner: CliRunner) -> None:
    code, output = office(runner, "postgresql://clerk:rahasia@db.example/ektp", "history")
    assert code == 2 and output.count("\n") == 1 and "rahasia" not in output
    assert "put the password in PGPASSWORD or ~/.pgpass" in output


def test_niks_are_masked_on_screen_unless_asked(
        sqlite_ledger: str, runner: CliRunner, tmp_path: Path) -> None:
    assert office(runner, sqlite_ledger, "init", "--instance", str(TINY))[0] == 0
    export = siak_export(tmp_path / "siak.csv", 3)
    assert office(runner, sqlite_ledger, "import", str(export), "--columns",
                  "NIK=applicant_id")[0] == 0
    assert office(runner, sqlite_ledger, "plan")[0] == 0
    code, output = office(runner, sqlite_ledger, "lookup", "3527000000000001")
    assert code == 0 and "3527**********01 (Warga 1)" in output
    assert "3527000000000001" not in output
    code, output = office(runner, sqlite_ledger, "lookup", "3527000000000001", "--show-ids")
    assert "3527000000000001 (Warga 1)" in output
    code, output = office(runner, sqlite_ledger, "lookup", "3527999999999999", "x")
    assert code == 2 and output.count("unknown id") == 2 and "3527999999999999" not in output
