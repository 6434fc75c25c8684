"""The regional coordinator: closed levers (hand-worked) and the region generator."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.engines.dispatch import solve_instance
from scheduler.generate.region import region_document
from scheduler.instance.calendar import build_calendar
from scheduler.instance.levers import close_levers
from scheduler.instance.model import Instance
from scheduler.instance.reader import parse_instance
from scheduler.plan.document import solution_document
from scheduler.plan.result import EngineResult
from scheduler.validator import validate_solution
from tests.support.paths import GRAPH, needs_graph

ENGINES = ["flow", "cpsat"]


def two_districts(a: dict[str, Any], b: dict[str, Any], link: dict[str, Any],
                  printers: list[dict[str, Any]], count: int, days: int) -> Instance:
    """`count` applicants of A ready on Monday 1 January 2024, horizon `days` from then."""
    return parse_instance({
        "format": "ektp-instance/1", "name": "two",
        "horizon": {"start": "2024-01-01", "days": days},
        "districts": [{"id": "A", **a}, {"id": "B", **b}],
        "printers": printers,
        "links": [link],
        "queue": {"cohorts": [{"district": "A", "ready": "2024-01-01", "count": count}]},
    })


def solved(instance: Instance, engine: str) -> tuple[EngineResult, dict[str, Any]]:
    """Solve, and check the plan against the very instance that was solved."""
    calendar = build_calendar(instance)
    result = solve_instance(calendar, engine=engine, workers=1)
    document = solution_document(calendar, result)
    report = validate_solution(instance, document)
    assert report.valid, [v.message for v in report.violations]
    return result, document


def reroute_case() -> Instance:
    """A: 6 applicants, a printer of 2 a day; B: a printer of 1 a day; A->B lead 0, cost 1.

    Mon-Wed. At home only: 2 cards a day on days 0, 1, 2 -> waiting 0·2 + 1·2 + 2·2 = 6.
    With rerouting: 3 a day (B prints one of A's each day) on days 0 and 1 ->
    waiting 0·3 + 1·3 = 3, half; 2 rerouted cards at cost 1 -> transfer cost 2.
    """
    return two_districts(
        {"blanks": 10}, {"blanks": 10},
        {"from": "A", "to": "B", "lead_days": 0, "cost": 1},
        [{"id": "A-1", "district": "A", "capacity": 2},
         {"id": "B-1", "district": "B", "capacity": 1}],
        count=6, days=3)


@pytest.mark.parametrize("engine", ENGINES)
def test_rerouting_halves_the_waiting(engine: str) -> None:
    instance = reroute_case()
    open_result, _ = solved(instance, engine)
    closed_result, closed_doc = solved(close_levers(instance, reroute=False), engine)
    assert open_result.objective is not None and closed_result.objective is not None
    assert open_result.objective.as_dict() == {
        "deadline_misses": 0, "waiting_days": 3, "transfer_cost": 2}
    assert closed_result.objective.as_dict() == {
        "deadline_misses": 0, "waiting_days": 6, "transfer_cost": 0}
    assert {p["printer"] for p in closed_doc["prints"] if p["count"]} == {"A-1"}


def test_the_validator_refuses_a_rerouted_plan_when_rerouting_is_closed() -> None:
    instance = reroute_case()
    _, document = solved(instance, "flow")
    report = validate_solution(close_levers(instance, reroute=False), document)
    assert not report.valid
    assert {v.rule for v in report.violations} == {"daily_limit"}


def lending_case() -> Instance:
    """A: 3 applicants and a printer of 5 a day but no blanks; B: 10 blanks, no printer.

    One day (Monday), link B->A lead 0, cost 1. Lending: B sends 3 blanks, A prints
    all 3 on day 0 -> waiting 0, transfer cost 3. Without lending A prints nothing
    -> 0 printed, each of the 3 waits to the horizon's end: waiting 3·1 = 3.
    """
    return two_districts(
        {"blanks": 0}, {"blanks": 10},
        {"from": "B", "to": "A", "lead_days": 0, "cost": 1},
        [{"id": "A-1", "district": "A", "capacity": 5}],
        count=3, days=1)


@pytest.mark.parametrize("engine", ENGINES)
def test_lending_blanks_is_the_only_way_to_print(engine: str) -> None:
    instance = lending_case()
    open_result, open_doc = solved(instance, engine)
    closed_result, closed_doc = solved(close_levers(instance, blank_transfers=False), engine)
    assert open_result.objective is not None and closed_result.objective is not None
    assert sum(p["count"] for p in open_doc["prints"]) == 3
    assert open_result.objective.as_dict() == {
        "deadline_misses": 0, "waiting_days": 0, "transfer_cost": 3}
    assert sum(p["count"] for p in closed_doc["prints"]) == 0
    assert closed_doc["transfers"] == []
    assert closed_result.objective.as_dict() == {
        "deadline_misses": 0, "waiting_days": 3, "transfer_cost": 0}


def test_the_validator_refuses_lent_blanks_when_lending_is_closed() -> None:
    instance = lending_case()
    _, document = solved(instance, "flow")
    report = validate_solution(close_levers(instance, blank_transfers=False), document)
    assert not report.valid
    assert any(v.rule == "route" and "closed to blanks" in v.message
               for v in report.violations)


def test_solve_flags_close_the_levers(runner: CliRunner, tmp_path: Path) -> None:
    """The lending case through the command line: 3 printed, then 0 with --no-blank-transfers."""
    path = tmp_path / "two.json"
    lending = {
        "format": "ektp-instance/1", "name": "two",
        "horizon": {"start": "2024-01-01", "days": 1},
        "districts": [{"id": "A", "blanks": 0}, {"id": "B", "blanks": 10}],
        "printers": [{"id": "A-1", "district": "A", "capacity": 5}],
        "links": [{"from": "B", "to": "A", "lead_days": 0, "cost": 1}],
        "queue": {"cohorts": [{"district": "A", "ready": "2024-01-01", "count": 3}]},
    }
    path.write_text(json.dumps(lending))
    both = runner.invoke(cli, ["solve", str(path), "-o", str(tmp_path / "a.json")])
    assert both.exit_code == 0, both.output
    assert "waiting days 0" in both.output
    closed = runner.invoke(cli, ["solve", str(path), "-o", str(tmp_path / "b.json"),
                                 "--no-blank-transfers", "--no-reroute"])
    assert closed.exit_code == 0, closed.output
    assert "waiting days 3" in closed.output


@needs_graph
def test_the_generator_is_deterministic(runner: CliRunner, tmp_path: Path) -> None:
    args = ["generate", "region", "--districts", "35.26,35.27,35.28,35.29", "--graph",
            str(GRAPH), "--seed", "7", "--days", "30"]
    first = runner.invoke(cli, [*args, "-o", str(tmp_path / "one" / "madura.json")])
    second = runner.invoke(cli, [*args, "-o", str(tmp_path / "two" / "madura.json")])
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert ((tmp_path / "one" / "madura.json").read_bytes()
            == (tmp_path / "two" / "madura.json").read_bytes())
    other = region_document(GRAPH, codes=["35.26", "35.27", "35.28", "35.29"], seed=8,
                            days=30)
    same = region_document(GRAPH, codes=["35.26", "35.27", "35.28", "35.29"], seed=7,
                           days=30)
    assert other["printers"] != same["printers"]


@needs_graph
def test_a_generated_province_reads_and_links_only_along_its_borders() -> None:
    """Riau has 12 units and 22 borders between two of them in adjacency.csv."""
    document = region_document(GRAPH, province="riau", seed=1, days=30)
    instance = parse_instance(document)
    assert len(instance.districts) == 12
    assert len(instance.links) == 2 * 22  # bidirectional links become two
    assert all(p.capacity % 10 == 0 and 100 <= p.capacity <= 400 for p in instance.printers)
    assert all(d.lat is not None and d.name for d in instance.districts)


@needs_graph
@pytest.mark.parametrize(("args", "names"), [
    (["--districts", "35.27,99.99"], "99.99"),
    (["--province", "Atlantis"], "Atlantis"),
])
def test_unknown_districts_or_province_are_refused(runner: CliRunner, tmp_path: Path,
                                                   args: list[str], names: str) -> None:
    out = tmp_path / "r.json"
    result = runner.invoke(
        cli, ["generate", "region", *args, "--graph", str(GRAPH), "-o", str(out)])
    assert result.exit_code == 2
    assert names in result.output and "regencies.csv" in result.output
    assert not out.exists()


@needs_graph
def test_a_graph_file_missing_a_column_is_named(runner: CliRunner, tmp_path: Path) -> None:
    pd.read_csv(GRAPH / "regencies.csv", dtype=str).drop(columns=["population"]).to_csv(
        tmp_path / "regencies.csv", index=False)
    (tmp_path / "adjacency.csv").write_bytes((GRAPH / "adjacency.csv").read_bytes())
    out = tmp_path / "r.json"
    result = runner.invoke(cli, ["generate", "region", "--province", "Riau", "--graph",
                                 str(tmp_path), "-o", str(out)])
    assert result.exit_code == 2
    assert "regencies.csv" in result.output and "population" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_a_missing_graph_file_is_named(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = runner.invoke(cli, ["generate", "region", "--districts", "35.27", "--graph",
                                 str(tmp_path), "-o", str(out)])
    assert result.exit_code == 2
    assert "regencies.csv" in result.output and "not found" in result.output
    assert not out.exists()


@needs_graph
def test_all_districts_make_the_national_instance() -> None:
    """--all: every one of regencies.csv's 514 units and adjacency.csv's 1,066 edges, the
    55 sea_island and 14 sea_component ones (lead 3) included."""
    document = region_document(GRAPH, every=True, seed=1, days=30)
    assert len(document["districts"]) == 514
    assert len(document["links"]) == 1066
    assert sum(link["lead_days"] == 3 for link in document["links"]) >= 55 + 14
    assert "all 514 districts" in document["description"]


@needs_graph
@pytest.mark.parametrize("args", [["--all", "--province", "Riau"], []])
def test_exactly_one_choice_of_districts(runner: CliRunner, tmp_path: Path,
                                         args: list[str]) -> None:
    out = tmp_path / "r.json"
    result = runner.invoke(cli, ["generate", "region", *args, "--graph", str(GRAPH),
                                 "-o", str(out)])
    assert result.exit_code == 2
    assert "exactly one of --province, --districts and --all" in result.output
    assert not out.exists()


@needs_graph
def test_a_json_gz_output_is_compressed_and_named_without_its_suffixes(
        runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "madura.json.gz"
    result = runner.invoke(cli, ["generate", "region", "--districts", "35.26,35.27",
                                 "--graph", str(GRAPH), "--days", "14", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:2] == b"\x1f\x8b"
    assert parse_instance(json.loads(gzip.decompress(out.read_bytes()))).name == "madura"
