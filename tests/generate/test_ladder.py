"""The instance ladder: hand-worked tiny optima, re-runnable commands, stress families, gzip.

The tiny instances in instances/tiny/ carry their working in their `description`
(scheduler/generate/tiny.py); the optima below are those worked on paper:
- reroute-tiny (0, 5, 4): A prints 1 a day at home; one card printed at B on day 1
  (home day 2 instead of never) saves a day of waiting for 2 + 2 (card + blank).
- lend-only-tiny (0, 6, 6): A has no blanks; B's arrive from day 1, C's from day 2;
  2 cards on day 1 and 2 on day 2 (waiting 1+1+2+2); 2 blanks from B at 2, 2 from C at 1.
- deadline-tiny (0, 8, 2): both first voters home by day 1 (A day 1, B day 0) cost
  the elderly (weight 3) a day: elderly at A days 0 and 2, 1 + 1 + 3 x 2 = 8; the
  voter printed at B costs 2.
- calendar-tiny (0, 18, 0): outage before the start covers day 0, 2 blanks on day 1
  (stock + a pre-start delivery), a holiday on day 2, a district outage of 1 a day on
  days 3-4: cards on days 1, 1, 3, 4 -> 1+1+3+4+5 for the old five, 2+2 for the new two.
The national instance is only read here (its size and districts), never solved.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.engines.dispatch import solve_instance
from scheduler.generate.ladder import read_commands, run_command
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import load_json, read_instance
from scheduler.plan.document import solution_document, write_solution
from scheduler.plan.make import make_plan
from scheduler.plan.read import read_solution
from scheduler.plan.result import EngineResult
from scheduler.validator import read_solution_document, validate_solution
from tests.support.brute_force import optimum
from tests.support.paths import (
    GRAPH,
    INDEX,
    INSTANCES,
    ROOT,
    TINY,
    TINY_FOLDER,
    needs_graph,
    tiny,
)

HAND_WORKED = {
    "reroute-tiny": (0, 5, 4),
    "lend-only-tiny": (0, 6, 6),
    "deadline-tiny": (0, 8, 2),
    "calendar-tiny": (0, 18, 0),
}


def test_every_tiny_instance_has_a_hand_worked_optimum() -> None:
    assert sorted(p.name for p in TINY_FOLDER.iterdir()) == sorted(f"{n}.json" for n in HAND_WORKED)


@pytest.mark.parametrize("engine", ["flow", "cpsat"])
@pytest.mark.parametrize("name", sorted(HAND_WORKED))
def test_both_engines_reach_the_hand_worked_optimum(name: str, engine: str) -> None:
    instance = read_instance(tiny(name))
    calendar = build_calendar(instance)
    result = solve_instance(calendar, engine=engine, workers=1)
    assert result.status == "OPTIMAL"
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == HAND_WORKED[name]
    report = validate_solution(instance, solution_document(calendar, result))
    assert report.valid, [v.message for v in report.violations]


@pytest.mark.parametrize("name", sorted(HAND_WORKED))
def test_exhaustive_search_agrees_with_the_paper(name: str) -> None:
    """Every plan enumerated (tests/support/brute_force.py shares no code with the engines)."""
    document = json.loads(tiny(name).read_text(encoding="utf-8"))
    assert optimum(document) == HAND_WORKED[name]


def test_the_deadline_comes_before_the_waiting() -> None:
    """deadline-tiny without its deadline: waiting alone reaches 6 (elderly at homes 0
    and 1, voters at 1 and 2); A has only 3 slots, so one of the four still goes to B (2)."""
    document = json.loads(tiny("deadline-tiny").read_text(encoding="utf-8"))
    del document["classes"][0]["deadline"]
    assert optimum(document) == (0, 6, 2)


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


# --- stress families ---------------------------------------------------------------


def _stress(runner: CliRunner, family: str, tmp_path: Path, *extra: str) -> dict[str, Any]:
    out = tmp_path / f"{family}.json"
    result = runner.invoke(cli, ["generate", "stress", "--family", family, "--graph",
                                 str(GRAPH), "--seed", "3", *extra, "-o", str(out)])
    assert result.exit_code == 0, result.output
    read_instance(out)  # a valid ektp-instance/1
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return document


def _queue(document: dict[str, Any]) -> int:
    return sum(c["count"] for c in document["queue"]["cohorts"])


@needs_graph
def test_blank_starved_holds_few_blanks(runner: CliRunner, tmp_path: Path) -> None:
    document = _stress(runner, "blank-starved", tmp_path, "--around", "14.05")
    stock = sum(d["blanks"] for d in document["districts"])
    assert stock <= 0.10 * _queue(document)
    assert 1 <= len({d["district"] for d in document["deliveries"]}) <= 12 // 3


@needs_graph
def test_outage_heavy_breaks_every_printer_often(runner: CliRunner, tmp_path: Path) -> None:
    document = _stress(runner, "outage-heavy", tmp_path, "--around", "35.27")
    capacity = {p["id"]: p["capacity"] for p in document["printers"]}
    for printer in capacity:
        assert sum(o.get("printer") == printer for o in document["outages"]) >= 2
    degraded = [o for o in document["outages"]
                if "printer" in o and 0 < o["capacity"] < capacity[o["printer"]]]
    assert degraded


@needs_graph
def test_election_deadline_puts_the_eve_a_third_in(runner: CliRunner, tmp_path: Path) -> None:
    document = _stress(runner, "election-deadline", tmp_path, "--around", "32.73", "--days", "60")
    voters = next(c for c in document["classes"] if c["id"] == "first_voter")
    assert voters["deadline"] == "2024-01-20"  # day 60 // 3 - 1 = 19, day 0 = 2024-01-01
    assert all(c["ready"] <= voters["deadline"] for c in document["queue"]["cohorts"]
               if c["class"] == "first_voter")


@needs_graph
def test_long_lead_links_take_three_days_or_more(runner: CliRunner, tmp_path: Path) -> None:
    document = _stress(runner, "long-lead", tmp_path, "--around", "53.71")
    leads = [link["lead_days"] for link in document["links"]]
    assert min(leads) >= 3 and max(leads) == 7  # Kupang's region has sea links


@needs_graph
def test_one_printer_prints_for_its_neighbours(runner: CliRunner, tmp_path: Path) -> None:
    """Jayawijaya 95.01 and its five neighbours in adjacency.csv; only the hub prints."""
    document = _stress(runner, "one-printer", tmp_path, "--around", "95.01")
    assert {d["id"] for d in document["districts"]} == {
        "95.01", "95.03", "95.05", "95.06", "95.07", "95.08"}
    assert {p["district"] for p in document["printers"]} == {"95.01"}
    assert all("95.01" in (link["from"], link["to"]) for link in document["links"])


@needs_graph
def test_stress_generation_is_seeded(runner: CliRunner, tmp_path: Path) -> None:
    base = ["generate", "stress", "--family", "outage-heavy", "--graph", str(GRAPH)]
    paths = []
    for seed, folder in (("4", "a"), ("4", "b"), ("5", "c")):
        paths.append(tmp_path / folder / "s.json")
        result = runner.invoke(cli, [*base, "--seed", seed, "-o", str(paths[-1])])
        assert result.exit_code == 0, result.output
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert paths[0].read_bytes() != paths[2].read_bytes()


@needs_graph
def test_side_constraints_use_all_three_kinds_mildly(runner: CliRunner, tmp_path: Path) -> None:
    """Operators one fewer than printers (only where there are several), minimum batches
    of 10-20% of capacity in tens, boxes of 10 with trips of 50 or 100 on a quarter of
    the links (rounded up): an instance `auto` hands to CP-SAT."""
    document = _stress(runner, "side-constraints", tmp_path, "--around", "35.27")
    assert len(document["districts"]) == 8
    printers: dict[str, int] = {}
    for printer in document["printers"]:
        printers[printer["district"]] = printers.get(printer["district"], 0) + 1
        if "min_batch" in printer:
            assert printer["min_batch"] % 10 == 0
            capacity = printer["capacity"]
            assert 0.1 * capacity - 10 < printer["min_batch"] <= 0.2 * capacity
    short = {d["id"]: d["operators"] for d in document["districts"] if "operators" in d}
    assert short and all(printers[k] >= 2 and o == printers[k] - 1 for k, o in short.items())
    boxed = [link for link in document["links"] if "box" in link]
    assert len(boxed) == -(-len(document["links"]) // 4)
    assert all(link["box"] == 10 and link["trip_cost"] in (50, 100) for link in boxed)
    instance = read_instance(tmp_path / "side-constraints.json")
    assert instance.side_constraints_used() == ["operators", "min_batch", "box", "trip_cost"]


@needs_graph
def test_a_family_over_the_whole_country_is_the_national_region_changed(
        runner: CliRunner, tmp_path: Path) -> None:
    """`stress --all` starts from exactly `region --all` (same seed): only the family's
    fields differ."""
    changed = _stress(runner, "side-constraints", tmp_path, "--all")
    national = tmp_path / "national.json"
    result = runner.invoke(cli, ["generate", "region", "--all", "--graph", str(GRAPH),
                                 "--seed", "3", "-o", str(national)])
    assert result.exit_code == 0, result.output
    base = json.loads(national.read_text(encoding="utf-8"))
    side_fields = {"operators", "min_batch", "box", "trip_cost"}
    for kind in ("districts", "printers", "links", "queue", "outages", "deliveries"):
        rows = changed[kind]["cohorts"] if kind == "queue" else changed[kind]
        plain = [{f: v for f, v in row.items() if f not in side_fields} for row in rows]
        assert plain == (base[kind]["cohorts"] if kind == "queue" else base[kind]), kind
    assert len(changed["districts"]) == 514
    assert "all 514 districts" in changed["description"]


@needs_graph
@pytest.mark.parametrize("extra", [["--family", "side-constraints", "--around", "35.27"],
                                   ["--family", "one-printer"]])
def test_the_whole_country_refuses_a_region_or_a_hub(runner: CliRunner, extra: list[str],
                                                      tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    result = runner.invoke(cli, ["generate", "stress", *extra, "--all", "--graph",
                                 str(GRAPH), "-o", str(out)])
    assert result.exit_code == 2
    assert "--all" in result.output and len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_the_command_offers_exactly_the_families() -> None:
    from scheduler.generate.stress import FAMILIES

    generate = cli.commands["generate"]
    assert isinstance(generate, click.Group)
    option = next(p for p in generate.commands["stress"].params if p.name == "family")
    assert isinstance(option.type, click.Choice)
    assert list(option.type.choices) == list(FAMILIES)


@needs_graph
def test_an_unknown_district_to_grow_from_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    result = runner.invoke(cli, ["generate", "stress", "--family", "long-lead", "--graph",
                                 str(GRAPH), "--around", "99.99", "-o", str(out)])
    assert result.exit_code == 2
    assert "99.99" in result.output and len(result.output.strip().splitlines()) == 1
    assert not out.exists()


# --- plans stored compressed -------------------------------------------------------


def test_a_plan_written_as_json_gz_is_read_back_and_validated(runner: CliRunner,
                                                              tmp_path: Path) -> None:
    instance_path = TINY
    planned = make_plan(read_instance(instance_path), engine="flow", blanks_short=False)
    document = planned.document
    path = tmp_path / "plan.json.gz"
    write_solution(planned, path)
    assert path.read_bytes()[:2] == b"\x1f\x8b"
    assert json.loads(gzip.decompress(path.read_bytes())) == document
    assert read_solution_document(path) == document
    assert read_solution(planned.instance, path).objective.as_tuple() == (0, 5, 4)
    result = runner.invoke(cli, ["validate", str(instance_path), str(path)])
    assert result.exit_code == 0, result.output


def test_solve_writes_gzip_when_asked_and_a_broken_gzip_is_one_line(runner: CliRunner,
                                                                     tmp_path: Path) -> None:
    plan = tmp_path / "plan.json.gz"
    solved = runner.invoke(cli, ["solve", str(TINY), "-o", str(plan)])
    assert solved.exit_code == 0, solved.output
    assert json.loads(gzip.decompress(plan.read_bytes()))["objective"]["waiting_days"] == 5
    plan.write_bytes(plan.read_bytes()[:40])  # cut short
    broken = runner.invoke(cli, ["validate", str(TINY), str(plan)])
    assert broken.exit_code == 2
    assert str(plan) in broken.output and len(broken.output.strip().splitlines()) == 1
