"""`ektp-sched simulate` end to end: the same seed gives the same rows whatever the jobs.

The instance is WITH_OUTAGES (tests/support/two_offices.py): TWO_OFFICES (its optimum,
worked in tests/simulate/test_walk.py: waiting 5, transfer 1) with an outage model: both
printers fail about every other day for about 2 days, so the drawn futures differ from run
to run.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.instance.reader import parse_instance
from scheduler.pool import tasks as task_pool
from scheduler.simulate.draw import draw_future
from scheduler.simulate.runs import simulate_runs
from scheduler.simulate.walk import simulate_run
from tests.support.dask_local import unused_port
from tests.support.two_offices import TWO_OFFICES, WITH_OUTAGES

TIMING = ("seconds", "solve_seconds")  # wall-clock: the only columns that may differ


@pytest.fixture
def instance_path(tmp_path: Path) -> Path:
    path = tmp_path / "two-offices.json"
    path.write_text(json.dumps(WITH_OUTAGES), encoding="utf-8")
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [{k: v for k, v in row.items() if k not in TIMING}
                for row in csv.DictReader(handle)]


def test_same_seed_same_rows_with_one_or_two_jobs(runner: CliRunner, instance_path: Path,
                                                  tmp_path: Path) -> None:
    outputs = []
    for jobs in (1, 2):
        out = tmp_path / f"runs-{jobs}.csv"
        result = runner.invoke(cli, ["simulate", str(instance_path), "--runs", "6",
                                     "--seed", "3", "--policy", "all", "--jobs", str(jobs),
                                     "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert "6 run(s) x 3 policies in" in result.stdout
        assert f"with {jobs} job(s); wrote {out}" in result.stdout
        outputs.append(_rows(out))
    one, two = outputs
    assert one == two
    assert [(r["run"], r["policy"]) for r in one] == [
        (str(run), policy) for run in range(6) for policy in ("replan", "fixed", "greedy")]
    assert list(one[0]) == ["run", "policy", "printed", "waiting_days", "deadline_misses",
                            "transfer_cost", "days_to_clear_A", "days_to_clear_B", "solves"]
    assert len({r["waiting_days"] for r in one if r["policy"] == "replan"}) > 1


def test_a_run_is_its_drawn_future(instance_path: Path) -> None:
    """Run r under each policy lives through draw_future(instance, seed, r)."""
    instance = parse_instance(WITH_OUTAGES, source=str(instance_path))
    futures = [draw_future(instance, 3, run) for run in range(4)]
    assert len(set(futures)) > 1
    rows = simulate_runs(instance, ("replan",), 4, seed=3)
    for row, future in zip(rows, futures, strict=True):
        assert row.waiting_days == simulate_run(instance, future, "replan", seed=3).waiting_days


def test_report_and_policy_choice(runner: CliRunner, instance_path: Path, tmp_path: Path) -> None:
    out, page = tmp_path / "runs.csv", tmp_path / "sim.html"
    result = runner.invoke(cli, ["simulate", str(instance_path), "--runs", "3",
                                 "--policy", "greedy", "--policy", "fixed",
                                 "-o", str(out), "--report", str(page)])
    assert result.exit_code == 0, result.output
    assert {r["policy"] for r in _rows(out)} == {"fixed", "greedy"}
    assert "waiting days" in result.stdout and "95% CI of mean" in result.stdout
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg") == 2 and "<script" not in html
    assert "Simulated outages: two-offices" in html and "3 run(s), seed 0" in html


def test_without_an_outage_model_every_run_is_the_optimum(runner: CliRunner,
                                                           tmp_path: Path) -> None:
    """No outage_model, no delivery_delay: a warning, and each run is the optimum (0, 5, 1)."""
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(TWO_OFFICES), encoding="utf-8")
    out = tmp_path / "runs.csv"
    result = runner.invoke(cli, ["simulate", str(path), "--runs", "2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "has no outage_model or delivery_delay" in result.stderr
    assert [(r["waiting_days"], r["transfer_cost"], r["solves"]) for r in _rows(out)] == [
        ("5", "1", "1")] * 2


def test_bad_input_is_one_line_exit_2(runner: CliRunner, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    missing = runner.invoke(cli, ["simulate", str(tmp_path / "none.json")])
    assert missing.exit_code == 2 and missing.stderr.startswith("error: ")
    assert missing.stderr.count("\n") == 1
    monkeypatch.setattr(task_pool, "CONNECT_SECONDS", 1.0)
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(TWO_OFFICES), encoding="utf-8")
    address = f"tcp://127.0.0.1:{unused_port()}"
    unreachable = runner.invoke(cli, ["simulate", str(path), "--dask-address", address])
    assert unreachable.exit_code == 2
    assert unreachable.stderr.splitlines()[-1].startswith(
        f"error: {address}: cannot reach the Dask scheduler")


def test_dask_gives_the_local_rows(runner: CliRunner, instance_path: Path, tmp_path: Path,
                                   dask_address: str) -> None:
    outputs = []
    for where in (["--jobs", "1"], ["--dask-address", dask_address]):
        out = tmp_path / "runs.csv"
        result = runner.invoke(cli, ["simulate", str(instance_path), "--runs", "4",
                                     "--policy", "all", *where, "-o", str(out)])
        assert result.exit_code == 0, result.output
        outputs.append(_rows(out))
    assert outputs[0] == outputs[1]
