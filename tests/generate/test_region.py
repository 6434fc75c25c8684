"""The region generator (scheduler/generate/region.py, `ektp-sched generate region`):
deterministic, borders only, the whole country, bad graph files and choices."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.generate.region import region_document
from scheduler.instance.reader import parse_instance
from tests.support.paths import GRAPH, needs_graph


@needs_graph
def test_the_generator_is_deterministic(runner: CliRunner, tmp_path: Path) -> None:
    args = ["generate", "region", "--districts", "35.26,35.27,35.28,35.29", "--graph",
            str(GRAPH), "--seed", "7", "--days", "30"]
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
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
