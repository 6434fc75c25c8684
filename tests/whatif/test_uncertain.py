"""`whatif --runs`: scenarios simulated on the same futures, compared run by run.

ONE_OFFICE (worked on paper; every day open, horizon 4 days, day 0 = 2024-01-01): district
A, printer A1 prints 2 a day, 6 applicants ready before the start (ready day 0), 10 blanks.
A card printed on day t waits t days. Its outage model names A1 only.

Two futures, built by hand (each scenario gets the episodes of the printers its own model
still covers, as the keyed draw would give them):
- run 0: A1 broken on day 1 only (the planner expects 1 day);
- run 1: nothing goes wrong.

Baseline, policy replan. Run 1: 2, 2, 2 on days 0–2: waiting 0+0+1+1+2+2 = 6, cleared on
day 2 (3 days). Run 0: the first plan is the same; day 1 prints nothing; on morning 2 the
breakdown is known (and over), the 4 left print on days 2 and 3: waiting 0+0+2+2+3+3 = 10,
cleared on day 3 (4 days). All 6 printed in both runs, no deadline.

"backup printer": a second printer A2 (1 a day) that no model covers. Run 1: 3 and 3 on
days 0 and 1: waiting 0+0+0+1+1+1 = 3, cleared on day 1 (2 days). Run 0: 3 on day 0; on
day 1 only A2 prints (1); the 2 left print on day 2: waiting 0+0+0+1+2+2 = 5, cleared on
day 2 (3 days).

Paired changes (backup − baseline, per run): waiting −5 and −3: mean −4, sd √2, half-width
t(0.975, 1) · √2 / √2 = 12.706: −16.706 … 8.706. Unpaired (Welch): variances 8 and 2,
se √(8/2 + 2/2) = √5, ν = 5² / (4² + 1²) = 1.47 → 1, half-width 12.706 · √5 = 28.4115:
−32.4115 … 24.4115. Days to clear −1 and −1: mean −1, a zero-width interval; unpaired:
variances ½ and ½, se √½, ν = 2, half-width 4.303 · √½ = 3.0427. Printed: 0 in both runs.

"backup server": A1 made `reliable` (the backup takes over whenever it breaks): both runs
are run 1's, waiting 6 and 6: changes −4 and 0, mean −2, sd √8, half-width
12.706 · √8 / √2 = 25.412; the scenario never varies, so Welch's interval is the same.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.cli import cli
from scheduler.instance.model import Duration, EpisodeModel, Instance, OutageModel
from scheduler.simulate.draw import draw_future
from scheduler.simulate.future import Episode, Future
from scheduler.whatif.scenarios import Scenario, read_scenarios
from scheduler.whatif.uncertain import REGION_CLEAR, simulate_scenarios, summarise_scenarios
from tests.support.paths import PELALAWAN, SAMPANG, TINY, scenario_file
from tests.support.two_offices import WITH_OUTAGES

EVERY_DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
FAILS = {"mean_days_between": 10, "days": {"mean": 1, "spread": 0}}
ONE_OFFICE: dict[str, Any] = {
    "format": "ektp-instance/1", "name": "one-office",
    "horizon": {"start": "2024-01-01", "days": 4},
    "districts": [{"id": "A", "blanks": 10, "workdays": EVERY_DAY}],
    "printers": [{"id": "A1", "district": "A", "capacity": 2}],
    "outage_model": [{"printer": "A1", "failures": FAILS}],
    "queue": {"cohorts": [{"district": "A", "ready": "2023-12-31", "count": 6}]},
}
BACKUPS = [
    {"name": "backup printer", "cost_rupiah": 2_000_000,
     "changes": {"printers": [{"id": "A2", "district": "A", "capacity": 1}]}},
    {"name": "backup server", "changes": {"reliable": [{"printer": "A1"}]}},
]
HAND_FUTURES = (Future((Episode("A1", start=1, days=1, capacity=0, expected_days=1),)),
                Future())


def hand_future(instance: Instance, seed: int, run: int) -> Future:
    """Run `run`'s hand-built future, for the printers the scenario's model still covers."""
    covered = {m.printer for m in instance.outage_model}
    return Future(tuple(e for e in HAND_FUTURES[run].episodes if e.printer in covered))


def write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_hand_worked_paired_changes(tmp_path: Path) -> None:
    scenarios = read_scenarios(write(tmp_path / "one.json", ONE_OFFICE),
                               write(tmp_path / "s.json", BACKUPS))
    results = simulate_scenarios(scenarios, 2, seed=0, make_future=hand_future)
    assert [[(r.waiting_days, r.printed, dict(r.days_to_clear)["A"]) for r in s.rows]
            for s in results] == [[(10, 6, 4), (6, 6, 3)],
                                  [(5, 6, 3), (3, 6, 2)],
                                  [(6, 6, 3), (6, 6, 3)]]
    summary = {(s.scenario, s.figure): s for s in summarise_scenarios(results)}
    assert summary["baseline", "waiting_days"].change is None  # the reference itself

    waiting = summary["backup printer", "waiting_days"].change
    assert waiting is not None and (waiting.runs, waiting.both) == (2, 2)
    assert waiting.mean == -4
    assert (waiting.ci_low, waiting.ci_high) == pytest.approx((-16.706, 8.706))
    assert (waiting.unpaired_low, waiting.unpaired_high) == pytest.approx(
        (-4 - 12.706 * 5**0.5, -4 + 12.706 * 5**0.5))
    assert waiting.unpaired_low == pytest.approx(-32.4115, abs=1e-4)

    for figure in (REGION_CLEAR, "days_to_clear_A"):
        clear = summary["backup printer", figure].change
        assert clear is not None
        assert (clear.mean, clear.ci_low, clear.ci_high) == (-1, -1, -1)
        assert (clear.unpaired_low, clear.unpaired_high) == pytest.approx(
            (-1 - 4.303 * 0.5**0.5, -1 + 4.303 * 0.5**0.5))
    printed = summary["backup printer", "printed"].change
    assert printed is not None and (printed.mean, printed.ci_low, printed.ci_high) == (0, 0, 0)

    server = summary["backup server", "waiting_days"].change
    assert server is not None and server.mean == -2
    assert (server.ci_low, server.ci_high) == pytest.approx((-27.412, 23.412))
    assert (server.unpaired_low, server.unpaired_high) == pytest.approx((-27.412, 23.412))
    assert summary["baseline", "waiting_days"].stats.mean == 8


@pytest.fixture(scope="module")
def unchanged(tmp_path_factory: pytest.TempPathFactory) -> list[Scenario]:
    """WITH_OUTAGES (both printers fail often) and a scenario that changes nothing."""
    path = tmp_path_factory.mktemp("unchanged")
    return read_scenarios(write(path / "i.json", WITH_OUTAGES),
                          write(path / "s.json", [{"name": "same", "changes": {}}]))


@settings(derandomize=True, max_examples=8, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_a_scenario_without_changes_changes_nothing_in_any_run(
        unchanged: list[Scenario], seed: int) -> None:
    """Common random numbers: the same future per run, so every change is exactly 0."""
    results = simulate_scenarios(unchanged, 3, seed=seed)
    base, same = results
    untimed = [[replace(r, seconds=0.0, solve_seconds=0.0) for r in s.rows] for s in results]
    assert untimed[0] == untimed[1]
    for row in summarise_scenarios(results):
        if row.scenario != "same":
            continue
        change = row.change
        assert change is not None
        if change.both < change.runs:  # a backlog never clears in some run: no mean
            assert change.mean is None
            continue
        assert (change.mean, change.ci_low, change.ci_high) == (0, 0, 0), row.figure
        if len({r.waiting_days for r in base.rows}) > 1 and row.figure == "waiting_days":
            assert change.unpaired_high is not None and change.unpaired_high > 0


def test_scenario_draws_keep_what_they_leave_alone() -> None:
    """Pelalawan: a repair or a reliable PLW-1 changes PLW-1's episodes, never a delivery."""
    scenarios = read_scenarios(PELALAWAN, scenario_file("pelalawan-2017"))
    by_name = {s.name: s.instance for s in scenarios}
    assert [m.printer for m in by_name["new server 2017-06-01"].outage_model] == ["PLW-1"]
    assert by_name["backup server 2017-06-01"].outage_model == ()
    for run in range(3):
        futures = {s.name: draw_future(s.instance, 0, run) for s in scenarios}
        assert len({f.late_deliveries for f in futures.values()}) == 1
        assert futures["backup server 2017-06-01"].episodes == ()
    sampang = read_scenarios(SAMPANG, scenario_file("sampang-2018"))
    assert [s.instance.outage_model == () for s in sampang] == [False, True, False]


def test_same_table_with_one_or_two_jobs_and_a_report(runner: CliRunner, tmp_path: Path) -> None:
    instance = write(tmp_path / "two.json", WITH_OUTAGES)
    scenarios = write(tmp_path / "s.json", [
        {"name": "backup server", "cost_rupiah": 5_000_000,
         "changes": {"reliable": [{"district": "A"}]}},
        {"name": "second printer", "changes": {"printers": [
            {"id": "A2", "district": "A", "capacity": 2}]}}])
    tables = []
    for jobs in (1, 2):
        out = tmp_path / f"table-{jobs}.csv"
        page = tmp_path / f"page-{jobs}.html"
        result = runner.invoke(cli, [
            "whatif", str(instance), str(scenarios), "--runs", "4", "--seed", "3",
            "--jobs", str(jobs), "-o", str(out), "--report", str(page)])
        assert result.exit_code == 0, result.output
        assert "3 scenario(s) x 4 run(s) in" in result.stdout
        assert f"with {jobs} job(s); wrote {out}, {page}" in result.stdout
        tables.append(out.read_text(encoding="utf-8"))
        html = page.read_text(encoding="utf-8")
        assert html.count("<svg") == 3 and "<script" not in html
        assert "backup server" in html and "5,000,000" in html
    assert tables[0] == tables[1]
    lines = tables[0].splitlines()
    assert lines[0].startswith("scenario,cost_rupiah,figure,runs,reached,mean,ci_low,ci_high")
    assert lines[1].startswith("baseline,,printed,4,4,")
    figures = [line.split(",")[2] for line in lines[1:]]
    assert figures == [f for f in ("printed", "waiting_days", "deadline_misses",
                                   "transfer_cost", REGION_CLEAR, "days_to_clear_A",
                                   "days_to_clear_B") for _ in range(3)]


def test_against_another_scenario(tmp_path: Path) -> None:
    """The hand-worked runs against "backup printer": the baseline's change is +4."""
    scenarios = read_scenarios(write(tmp_path / "one.json", ONE_OFFICE),
                               write(tmp_path / "s.json", BACKUPS))
    results = simulate_scenarios(scenarios, 2, seed=0, make_future=hand_future)
    summary = {(s.scenario, s.figure): s.change for s in summarise_scenarios(results, 1)}
    assert summary["backup printer", "waiting_days"] is None
    change = summary["baseline", "waiting_days"]
    assert change is not None and change.mean == 4


def test_reliable_and_replacing_models_split_a_district_entry(tmp_path: Path) -> None:
    """A district entry over A1 and A2: a change naming A1 leaves A2 its own entry."""
    degraded = {"mean_days_between": 5, "capacity": 1, "days": {"mean": 3, "spread": 1}}
    doc = {**ONE_OFFICE,
           "printers": [*ONE_OFFICE["printers"], {"id": "A2", "district": "A", "capacity": 2}],
           "outage_model": [{"district": "A", "failures": FAILS}]}
    scenarios = read_scenarios(write(tmp_path / "i.json", doc), write(tmp_path / "s.json", [
        {"name": "A1 reliable", "changes": {"reliable": [{"printer": "A1"}]}},
        {"name": "A1 degrades", "changes": {"outage_model": [
            {"printer": "A1", "degraded": degraded}]}},
        {"name": "all reliable", "changes": {"reliable": [{"district": "A"}]}}]))
    fails = OutageModel("A2", failures=EpisodeModel(10, Duration(1, 0)))
    assert [s.instance.outage_model for s in scenarios[1:]] == [
        (fails,),
        (fails, OutageModel("A1", degraded=EpisodeModel(5, Duration(3, 1), capacity=1))),
        (),
    ]


@pytest.mark.parametrize(("changes", "where", "what"), [
    ({"reliable": [{"printer": "Z9"}]}, "changes.reliable[0].printer", "unknown printer 'Z9'"),
    ({"reliable": [{"printer": "B1"}]}, "changes.reliable[0]",
     "'B1' has no outage model to remove"),
    ({"reliable": [{"printer": "A1", "district": "A"}]}, "changes.reliable[0]",
     "needs exactly one of 'printer' or 'district'"),
    ({"reliable": [{"printr": "A1"}]}, "changes.reliable[0].printr", "unknown field"),
    ({"reliable": {"printer": "A1"}}, "changes.reliable", "must be a list"),
    ({"reliable": [{"district": "Q"}]}, "changes.reliable[0].district",
     "no printer in district 'Q'"),
    ({"outage_model": [{"printer": "A1", "failures": {**FAILS, "mean_days_between": 0}}]},
     "changes.outage_model[0].failures.mean_days_between", "must be"),
    ({"outage_model": [{"printer": "B1"}]}, "changes.outage_model[0]",
     "needs 'failures', 'degraded' or both"),
    ({"reliable": [{"printer": "A1"}], "outage_model": [{"printer": "A1", "failures": FAILS}]},
     "changes.outage_model[0]", "printer 'A1' is already named by reliable[0]"),
])
def test_bad_outage_changes_are_one_line_errors(runner: CliRunner, tmp_path: Path,
                                                changes: dict[str, Any], where: str,
                                                what: str) -> None:
    doc = {**ONE_OFFICE,
           "printers": [*ONE_OFFICE["printers"], {"id": "B1", "district": "A", "capacity": 1}]}
    out = tmp_path / "table.csv"
    bad = [BACKUPS[0], {"name": "broken", "changes": changes}]
    result = runner.invoke(cli, ["whatif", str(write(tmp_path / "i.json", doc)),
                                 str(write(tmp_path / "s.json", bad)), "--runs", "2",
                                 "-o", str(out)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert f'scenario "broken": {where}: ' in lines[0] and what in lines[0], lines[0]
    assert not out.exists()


@pytest.mark.parametrize(("options", "message"), [
    (["--report", "x.html"], "--report only with --runs"),
    (["--seed", "1", "--policy", "fixed"], "--seed, --policy only with --runs"),
    (["--runs", "2", "--against", "nope"], "--against: no scenario named 'nope'"),
    (["--runs", "2", "--jobs", "2", "--dask-address", "tcp://127.0.0.1:1"],
     "--jobs and --dask-address exclude each other"),
])
def test_option_errors(runner: CliRunner, tmp_path: Path, options: list[str],
                       message: str) -> None:
    result = runner.invoke(cli, ["whatif", str(TINY),
                                 str(write(tmp_path / "s.json", BACKUPS[:1])), *options])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and message in result.output
