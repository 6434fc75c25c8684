"""The benchmark runner: hand-worked figures on reroute-tiny, an unreadable instance, jobs.

tests/data/reroute-tiny.json (hand-worked as in tests/test_cli.py): 3 days, every day
open; A holds 4 cards ready on day 0, printer A1 prints 1 a day, 10 blanks; B has
printer B1 (2 a day) and no blanks; link A→B lead 1, daily limit 1, cost 2.
Optimum: A1 prints on days 0, 1, 2 (waits 0, 1, 2); one blank goes to B on day 0,
B1 prints the fourth card on day 1, home on day 2 (wait 2): misses 0, waiting 5,
transfer 2 (card) + 2 (blank) = 4. The flow's potentials prove it, so the bound is
(0, 5, 4) and the gap 0. All 4 applicants are printed, and no plan prints more than
the 4 there are: ceiling 4, printed 4.
"""

from __future__ import annotations

import csv
import gzip
import shutil
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from scheduler.bench.run import ERROR, BenchRow, find_instances, run_bench
from scheduler.cli import cli

TINY = Path(__file__).parent / "data" / "reroute-tiny.json"


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


def test_broken_instance_is_an_error_row_and_the_run_goes_on(tmp_path: Path) -> None:
    broken = _broken(tmp_path)
    rows = run_bench([broken, TINY])
    assert [r.instance for r in rows] == [str(broken), str(TINY)]
    assert rows[0].status == ERROR and rows[0].failed
    assert rows[0].error is not None and "\n" not in rows[0].error
    assert rows[0].validated is None and rows[0].objective is None
    assert rows[1].objective == (0, 5, 4)


def test_jobs_do_not_change_rows_or_order(tmp_path: Path) -> None:
    paths = [_broken(tmp_path), TINY, TINY.parent / "reader" / "full.json", TINY]
    serial = run_bench(paths, jobs=1, workers=1)
    parallel = run_bench(paths, jobs=2, workers=1)
    assert [_without_measures(r) for r in parallel] == [_without_measures(r) for r in serial]
    assert [r.instance for r in parallel] == [str(p) for p in paths]


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


def test_cli_writes_csv_and_exits_1_on_an_error_row(tmp_path: Path) -> None:
    broken = _broken(tmp_path)
    out = tmp_path / "results.csv"
    result = CliRunner().invoke(cli, ["bench", str(TINY), str(broken), "--workers", "1",
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
    assert rows[1]["error"] and rows[1]["validated"] == ""


def test_cli_exits_0_when_every_plan_validates(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["bench", str(TINY), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output


def test_cli_folder_without_instances_is_bad_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["bench", str(tmp_path)])
    assert result.exit_code == 2
