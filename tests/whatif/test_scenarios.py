"""What-if scenarios: hand-worked figures on reroute-tiny, parallel = serial, bad scenarios.

instances/tiny/reroute-tiny.json: 3 days, every day open; A holds 4 cards ready on day 0,
printer A1 prints 1 a day, 10 blanks; B has printer B1 (2 a day) and no blanks; link
A→B lead 1, daily limit 1, cost 2 (blanks may travel it).

Baseline (hand-worked, as in tests/commands/test_cli.py): A1 prints on days 0, 1, 2
(waits 0, 1, 2); one blank goes to B on day 0 (arrives day 1), B1 prints the fourth card on
day 1, home on day 2 (wait 2): waiting 0+1+2+2 = 5, transfer 2 (card) + 2 (blank) = 4,
4 printed. A's backlog 4 → 3 → 1 → 0 empties on day 2: 3 days to clear; B has no
applicants: "-".
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.errors import InputError
from scheduler.whatif.run import run_scenarios
from scheduler.whatif.scenarios import _closed_links, read_scenarios
from scheduler.whatif.table import comparison_frame
from tests.support.paths import SAMPANG, TINY, scenario_file, seed

# A second printer at A (capacity 1) for Rp 1,500,000: A prints 2 on day 0 (waits 0, 0)
# and 2 on day 1 (waits 1, 1): waiting 2, nothing moves (transfer 0), A clears in 2 days.
# Saved 5 - 2 = 3 person-days; per million rupiah 3 / 1.5 = 2.0.
# The link A→B closed: A1 alone prints days 0, 1, 2, the fourth card waits to the end (3):
# waiting 0+1+2+3 = 6, 3 printed, transfer 0, A never clears; saved 5 - 6 = -1.
SCENARIOS = [
    {"name": "second printer", "cost_rupiah": 1_500_000,
     "changes": {"printers": [{"id": "A2", "district": "A", "capacity": 1}]}},
    {"name": "closed link", "changes": {"closed_links": [{"from": "A", "to": "B"}]}},
]


def write(tmp_path: Path, scenarios: Any) -> Path:
    path = tmp_path / "scenarios.json"
    path.write_text(json.dumps(scenarios), encoding="utf-8")
    return path


def test_hand_worked_rows(tmp_path: Path) -> None:
    scenarios = read_scenarios(TINY, write(tmp_path, SCENARIOS))
    frame = comparison_frame(run_scenarios(scenarios, jobs=1))
    rows = frame.to_dict("records")
    assert [r["scenario"] for r in rows] == ["baseline", "second printer", "closed link"]
    base, printer, closed = rows
    assert (base["cards_printed"], base["waiting_days"], base["deadline_misses"],
            base["transfer_cost"], base["days_to_clear"]) == (4, 5, 0, 4, "A:3 B:-")
    assert base["waiting_saved"] == 0
    assert (printer["cards_printed"], printer["waiting_days"], printer["transfer_cost"],
            printer["days_to_clear"]) == (4, 2, 0, "A:2 B:-")
    assert printer["waiting_saved"] == 3
    assert printer["saved_per_million_rupiah"] == pytest.approx(2.0)
    assert (closed["cards_printed"], closed["waiting_days"], closed["transfer_cost"],
            closed["days_to_clear"]) == (3, 6, 0, "A:- B:-")
    assert closed["waiting_saved"] == -1
    assert closed["saved_per_million_rupiah"] != closed["saved_per_million_rupiah"]  # NaN


def test_parallel_equals_serial(tmp_path: Path) -> None:
    twice = [{**s, "name": f"{s['name']} {i}"} for i, s in enumerate(SCENARIOS * 2)]
    scenarios = read_scenarios(TINY, write(tmp_path, twice))
    serial = run_scenarios(scenarios, jobs=1)
    parallel = run_scenarios(scenarios, jobs=2)
    assert [replace(r, seconds=0.0) for r in parallel] == [
        replace(r, seconds=0.0) for r in serial]
    assert [r.waiting_days for r in serial] == [5, 2, 6, 2, 6]


def test_cli_prints_and_writes_csv(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    result = runner.invoke(cli, ["whatif", str(TINY), str(write(tmp_path, SCENARIOS)),
                                 "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "second printer" in result.output
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["scenario"], r["waiting_saved"], r["saved_per_million_rupiah"]) for r in rows] \
        == [("baseline", "0", ""), ("second printer", "3", "2.0"), ("closed link", "-1", "")]


@pytest.mark.parametrize(("changes", "field"), [
    ({"repairs": [{"printer": "Z9", "date": "2024-01-02"}]}, "changes.repairs[0].printer"),
    ({"printers": [{"id": "A2", "district": "Q", "capacity": 1}]},
     "changes.printers[0].district"),
    ({"deliveries": [{"district": "Q", "date": "2024-01-02", "blanks": 1}]},
     "changes.deliveries[0].district"),
    ({"closed_links": [{"from": "B", "to": "A"}]}, "changes.closed_links[0]"),
    ({"printerz": []}, "changes.printerz"),
])
def test_bad_scenario_is_one_line_exit_2_nothing_written(
        runner: CliRunner, tmp_path: Path, changes: dict[str, Any], field: str) -> None:
    out = tmp_path / "results.csv"
    bad = [SCENARIOS[0], {"name": "broken", "changes": changes}]
    result = runner.invoke(cli, ["whatif", str(TINY), str(write(tmp_path, bad)),
                                 "-o", str(out)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert 'scenario "broken"' in lines[0] and field in lines[0]
    assert not out.exists()


@pytest.mark.parametrize("scenarios", [
    [], {"name": "x"}, [{"name": ""}], [{"name": "x", "cost_rupiah": -1}],
    [{"name": "x"}, {"name": "x"}], [{"name": "baseline"}],
])
def test_bad_scenario_file_shape(tmp_path: Path, scenarios: Any) -> None:
    with pytest.raises(InputError):
        read_scenarios(TINY, write(tmp_path, scenarios))


def test_closing_one_direction_of_a_bidirectional_link_keeps_the_other() -> None:
    data = {"links": [{"from": "A", "to": "B", "cost": 2, "bidirectional": True}]}
    assert _closed_links(data, [{"from": "A", "to": "B"}], "s")["links"] == [
        {"from": "B", "to": "A", "cost": 2, "bidirectional": False}]
    assert _closed_links(data, [{"from": "B", "to": "A"}], "s")["links"] == [
        {"from": "A", "to": "B", "cost": 2, "bidirectional": False}]


@pytest.mark.parametrize("name", ["pelalawan-2017", "sampang-2018"])
def test_shipped_scenario_files_read(name: str) -> None:
    scenarios = read_scenarios(seed(name), scenario_file(name))
    assert len(scenarios) >= 2 and scenarios[1].cost_rupiah is not None


def test_sampang_backup_server_lifts_every_disturbance_window() -> None:
    # The backup prints at full capacity in each window: a repair on each window's first
    # day drops that window (events.py), so the scenario has no outage left.
    baseline, backup = read_scenarios(SAMPANG, scenario_file("sampang-2018"))[:2]
    assert len(baseline.instance.outages) == 3
    assert backup.instance.outages == ()
    assert backup.cost_rupiah == 4_000_000_000
