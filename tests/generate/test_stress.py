"""The stress families (scheduler/generate/stress.py, `ektp-sched generate stress`): each
family's mark on the instance, seeded generation, the whole country, bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.instance.reader import read_instance
from tests.support.paths import GRAPH, needs_graph


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
        paths[-1].parent.mkdir()
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
