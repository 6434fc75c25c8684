"""The benchmark runner: hand-worked figures on reroute-tiny, an unreadable instance, jobs.

instances/tiny/reroute-tiny.json (hand-worked as in tests/commands/test_cli.py): 3 days, every day
open; A holds 4 cards ready on day 0, printer A1 prints 1 a day, 10 blanks; B has
printer B1 (2 a day) and no blanks; link A→B lead 1, daily limit 1, cost 2.
Optimum: A1 prints on days 0, 1, 2 (waits 0, 1, 2); one blank goes to B on day 0,
B1 prints the fourth card on day 1, home on day 2 (wait 2): misses 0, waiting 5,
transfer 2 (card) + 2 (blank) = 4. The flow's potentials prove it, so the bound is
(0, 5, 4) and the gap 0. All 4 applicants are printed, and no plan prints more than
the 4 there are: ceiling 4, printed 4.

The first-come greedy prints at home only: A1 prints 1 a day on days 0, 1, 2 (waits
0, 1, 2) and the fourth applicant is never printed (waits to the horizon's end, 3):
misses 0, waiting 6, 3 cards printed. The plan's gain over it: 0 misses saved, 6 − 5 = 1
waiting day saved, 4 − 3 = 1 more card printed.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import shutil
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.bench.run import ERROR, BenchRow, BenchTask, Solved, find_instances, run_bench
from scheduler.cli import cli
from scheduler.instance.reader import read_instance
from scheduler.pool import tasks as task_pool
from scheduler.pool.tasks import TaskPool
from scheduler.validator import validate_solution
from tests.support.dask_local import unused_port
from tests.support.paths import READER_DATA, TINY

FULL = READER_DATA / "full.json"  # the reader's every-field case


def _broken(folder: Path) -> Path:
    path = folder / "broken.json"
    path.write_text('{"format": "ektp-instance/1", "name": ', encoding="utf-8")
    return path


def _without_measures(row: BenchRow) -> BenchRow:
    return replace(row, seconds=0.0, peak_mb=0.0)


def test_tiny_row_has_the_hand_worked_figures() -> None:
    [row] = run_bench([TINY])
    assert row.status == "OPTIMAL"
    assert row.engine == "flow"
    assert row.objective == (0, 5, 4)
    assert row.bound == (0, 5, 4)
    assert (row.gap_figure, row.gap) == (None, 0)
    assert row.validated is True
    assert (row.ceiling, row.printed) == (4, 4)
    assert row.peak_mb > 0 and row.error is None and not row.failed
    assert (row.greedy_misses, row.greedy_waiting, row.greedy_printed) == (0, 6, 3)
    assert row.improvement == (0, 1, 1)


def test_broken_instance_is_an_error_row_and_the_run_goes_on(tmp_path: Path) -> None:
    broken = _broken(tmp_path)
    rows = run_bench([broken, TINY])
    assert [r.instance for r in rows] == [str(broken), str(TINY)]
    assert rows[0].status == ERROR and rows[0].failed
    assert rows[0].error is not None and "\n" not in rows[0].error
    assert rows[0].validated is None and rows[0].objective is None
    assert rows[1].objective == (0, 5, 4)


def test_jobs_do_not_change_rows_or_order(tmp_path: Path) -> None:
    paths = [_broken(tmp_path), TINY, FULL, TINY]
    serial = run_bench(paths, jobs=1, workers=1)
    parallel = run_bench(paths, jobs=2, workers=1)
    assert [_without_measures(r) for r in parallel] == [_without_measures(r) for r in serial]
    assert [r.instance for r in parallel] == [str(p) for p in paths]


def kill_worker_for(label: str, function: Callable[[BenchTask], Solved],
                    task: BenchTask) -> Solved:
    """The bench task, except that the instance named `label` SIGKILLs its worker."""
    if task.label == label:
        os.kill(os.getpid(), signal.SIGKILL)
    return function(task)


class FirstInstanceKillsItsWorker(TaskPool[BenchTask, Solved]):
    """Local processes in which the first instance's worker dies on every attempt."""

    def run(self, function: Callable[[BenchTask], Solved], items: Sequence[BenchTask], *,
            on_lost: Callable[[BenchTask, str], Solved] | None = None,
            ) -> Iterator[tuple[int, Solved]]:
        return super().run(partial(kill_worker_for, items[0].label, function), items,
                           on_lost=on_lost)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_worker_that_dies_twice_is_an_error_row_and_the_others_run(
        jobs: int, tmp_path: Path) -> None:
    """A copy of reroute-tiny killed with its worker (SIGKILL, twice) is an ERROR row with
    the reason; the instance beside it still gets its hand-worked (0, 5, 4)."""
    doomed = shutil.copy(TINY, tmp_path / "doomed.json")
    with FirstInstanceKillsItsWorker(jobs=jobs, fresh_process=True) as pool:
        first, second = run_bench([Path(doomed), TINY], pool=pool)
    assert (first.status, first.error) == (ERROR, "worker process died (signal SIGKILL) twice")
    assert first.failed and first.objective is None
    assert second.objective == (0, 5, 4) and second.validated is True


def test_folders_give_json_and_gz_files_sorted_without_scenarios(tmp_path: Path) -> None:
    shutil.copy(TINY, tmp_path / "b.json")
    (tmp_path / "a.json.gz").write_bytes(gzip.compress(TINY.read_bytes()))
    (tmp_path / "notes.txt").write_text("not an instance", encoding="utf-8")
    (tmp_path / "scenarios").mkdir()
    shutil.copy(TINY, tmp_path / "scenarios" / "b.json")
    found = find_instances([tmp_path, tmp_path / "b.json"])
    assert found == [tmp_path / "a.json.gz", tmp_path / "b.json"]
    [row] = run_bench(found[:1])
    assert row.objective == (0, 5, 4) and row.validated is True


def test_cli_writes_csv_and_exits_1_on_an_error_row(runner: CliRunner, tmp_path: Path) -> None:
    broken = _broken(tmp_path)
    out = tmp_path / "results.csv"
    result = runner.invoke(cli, ["bench", str(TINY), str(broken), "--workers", "1",
                                 "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "1 failed" in result.output
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["status"] for r in rows] == ["OPTIMAL", ERROR]
    tiny = rows[0]
    assert [tiny[k] for k in ("deadline_misses", "waiting_days", "transfer_cost")] == ["0", "5",
                                                                                     "4"]
    assert [tiny[k] for k in ("bound_deadline_misses", "bound_waiting_days",
                              "bound_transfer_cost")] == ["0", "5", "4"]
    assert (tiny["validated"], tiny["ceiling"], tiny["printed"], tiny["gap"]) == ("yes", "4",
                                                                                 "4", "0")
    assert [tiny[k] for k in ("greedy_misses", "greedy_waiting", "greedy_printed")] == ["0", "6",
                                                                                        "3"]
    assert [tiny[k] for k in ("misses_saved", "waiting_days_saved", "cards_gained")] == ["0",
                                                                                         "1",
                                                                                         "1"]
    assert rows[1]["error"] and rows[1]["validated"] == ""


def test_cli_exits_0_when_every_plan_validates(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["bench", str(TINY), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output


def test_cli_folder_without_instances_is_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["bench", str(tmp_path)])
    assert result.exit_code == 2


def test_cli_default_jobs_never_exceed_cores_and_too_many_warn(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On 2 cores: two instances get 2 jobs x 1 worker, one instance 1 job x 2 workers, no
    warning; asking for 2 jobs x 2 workers is 4 > 2 and warns in one line on stderr."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    shutil.copy(TINY, tmp_path / "copy.json")
    two = runner.invoke(cli, ["bench", str(TINY), str(tmp_path / "copy.json")])
    assert two.exit_code == 0, two.output
    assert "with 2 job(s) x 1 worker(s)" in two.stdout and "warning" not in two.stderr
    one = runner.invoke(cli, ["bench", str(TINY)])
    assert "with 1 job(s) x 2 worker(s)" in one.stdout and "warning" not in one.stderr
    crowded = runner.invoke(cli, ["bench", str(TINY), "--jobs", "2", "--workers", "2"])
    assert crowded.exit_code == 0, crowded.output
    [warning] = [line for line in crowded.stderr.splitlines() if line.startswith("warning")]
    assert "2 job(s) x 2 worker(s) > 2 core(s)" in warning


def test_cli_markdown_has_the_protocol_and_the_table(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    result = runner.invoke(cli, ["bench", str(TINY), "--jobs", "1", "--workers", "1",
                                 "--seed", "7", "--time-limit", "30", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "results.md").read_text(encoding="utf-8")
    protocol = text[text.index("## Protocol"):text.index("## Results")]
    for expected in ("**seed**: 7", "**time limit**: 30 s per instance",
                     "**CP-SAT workers**: 1 per solve", "**jobs**: 1 local process(es)",
                     f"{os.cpu_count()} CPU(s)", "memory", "Python 3.", "OR-Tools 9.",
                     "**date**: 20", "**result**: 0 of 1 failed"):
        assert expected in protocol, expected
    [row] = [line for line in text.splitlines() if line.startswith(f"| {TINY} |")]
    assert "| OPTIMAL | flow | 0 | 5 | 4 | 0 / 5 / 4 | 0 | yes |" in row
    assert row.endswith("| 0 / 6 / 3 | 0 / +1 / +1 |")
    elsewhere = tmp_path / "elsewhere.md"
    again = runner.invoke(cli, ["bench", str(TINY), "--markdown", str(elsewhere)])
    assert again.exit_code == 0 and "## Protocol" in elsewhere.read_text(encoding="utf-8")


def test_cli_writes_validated_solutions_only(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    broken = _broken(tmp_path)
    result = runner.invoke(cli, ["bench", str(TINY), str(broken), "--solutions",
                                 str(folder)])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["reroute-tiny.json"]
    document = json.loads((folder / "reroute-tiny.json").read_text(encoding="utf-8"))
    report = validate_solution(read_instance(TINY), document)
    assert report.valid and report.objective == {"deadline_misses": 0, "waiting_days": 5,
                                                 "transfer_cost": 4}


def test_cli_refuses_solutions_with_the_same_name(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    shutil.copy(TINY, tmp_path / "a" / "reroute-tiny.json")
    result = runner.invoke(cli, ["bench", str(TINY), str(tmp_path / "a"), "--solutions",
                                 str(tmp_path / "plans")])
    assert result.exit_code == 2
    assert "would overwrite" in result.stderr and not (tmp_path / "plans").exists()


def test_dask_rows_equal_the_local_rows(dask_address: str, tmp_path: Path) -> None:
    """The same two instances on the cluster and in local processes: the same rows (time and
    memory aside), in path order; a broken instance is an ERROR row there too."""
    paths = [FULL, TINY]
    local = run_bench(paths, jobs=2, workers=1)
    with TaskPool[BenchTask, Solved](dask_address=dask_address, fresh_process=True) as pool:
        remote = run_bench(paths, workers=1, pool=pool, solutions=tmp_path / "plans")
        [error] = run_bench([_broken(tmp_path)], pool=pool)
    assert [_without_measures(r) for r in remote] == [_without_measures(r) for r in local]
    assert remote[1].objective == (0, 5, 4) and all(r.validated for r in remote)
    assert sorted(p.name for p in (tmp_path / "plans").iterdir()) == ["full.json",
                                                                      "reroute-tiny.json"]
    assert error.status == ERROR and error.error is not None and "\n" not in error.error


def test_cli_through_dask(runner: CliRunner, dask_address: str, tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    result = runner.invoke(cli, ["bench", str(TINY), "--dask-address", dask_address,
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"with {dask_address} (2 thread(s)) x 1 worker(s); 0 failed" in result.stdout
    with out.open(encoding="utf-8") as handle:
        [row] = list(csv.DictReader(handle))
    assert (row["status"], row["waiting_days"], row["validated"]) == ("OPTIMAL", "5", "yes")
    protocol = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert f"**dask**: {dask_address}: 2 worker(s), 2 thread(s) on 127.0.0.1" in protocol


def test_cli_unreachable_dask_is_one_line_exit_2(runner: CliRunner,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(task_pool, "CONNECT_SECONDS", 1.0)
    address = f"tcp://127.0.0.1:{unused_port()}"
    result = runner.invoke(cli, ["bench", str(TINY), "--dask-address", address])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {address}: cannot reach the Dask scheduler")
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_cli_jobs_with_dask_is_bad_input(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["bench", str(TINY), "--jobs", "2", "--dask-address",
                                 "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--jobs counts local processes" in result.stderr
