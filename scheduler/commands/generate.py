"""`ektp-sched generate region|stress`: seeded instances on the real district graph."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from scheduler.commands.common import EXIT_BAD_INPUT, fail, guarded
from scheduler.i18n import _, say

MAX_DAYS = 3660  # ten years: a plan's horizon is weeks to months
MAX_APPLICANTS = 10**9  # more than Indonesia's population


@click.group()
def generate() -> None:
    """Build instances from the district graph files."""


@generate.command("region")
@click.option("--province", default=None, help="A province's name, e.g. Riau.")
@click.option("--districts", "codes", default=None, metavar="CODE,...",
              help="District codes, e.g. 35.26,35.27.")
@click.option("--all", "every", is_flag=True,
              help="All districts of regencies.csv: the whole country, sea links included.")
@click.option("--graph", "graph", required=True, type=click.Path(file_okay=False),
              help="Folder with regencies.csv and adjacency.csv (e.g. ../shared/data).")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True)
@click.option("--days", type=click.IntRange(min=14, max=MAX_DAYS), default=90, show_default=True)
@click.option("--start", "start_text", metavar="YYYY-MM-DD", default="2024-01-01",
              show_default=True)
@click.option("--applicants", type=click.IntRange(min=0, max=MAX_APPLICANTS), default=None,
              help="Applicants in all (default: 2% of the population over 90 days).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The instance file; gzip-compressed when it ends in .json.gz.")
@guarded
def generate_region(province: str | None, codes: str | None, every: bool, graph: str,
                    seed: int, days: int, start_text: str, applicants: int | None,
                    output: str) -> None:
    """Write an ektp-instance/1 over a province, a list of districts or the country (seeded).

    \b
    Example:
      ektp-sched generate region --province Riau --graph ../shared/data -o riau.json
      ektp-sched generate region --all --graph ../shared/data -o indonesia.json.gz
    """
    from scheduler.generate.region import region_document

    if sum((province is not None, codes is not None, every)) != 1:
        fail(_("give exactly one of --province, --districts and --all"), EXIT_BAD_INPUT)
    listed = None if codes is None else [c.strip() for c in codes.split(",") if c.strip()]
    document = region_document(Path(graph), province=province, codes=listed, every=every,
                               seed=seed, days=days, start=_start_date(start_text, days),
                               applicants=applicants, name=_document_name(output))
    _write_generated(output, graph, document)


def _start_date(text: str, days: int) -> date:
    """--start as a date whose horizon of `days` ends on a date the calendar has."""
    try:
        start = date.fromisoformat(text)
    except ValueError:
        fail(say("--start: not a date (YYYY-MM-DD): {text!r}", text=text), EXIT_BAD_INPUT)
    if (date.max - start).days < days - 1:
        fail(say("--start {text} with --days {days} would end after {last}", text=text, days=days,
                 last=date.max), EXIT_BAD_INPUT)
    return start


def _document_name(output: str) -> str:
    from scheduler.files.json_files import document_stem

    return document_stem(output)


def _write_generated(output: str, graph: str, document: dict[str, Any]) -> None:
    """Write the document once its own reader accepts it (nothing written otherwise)."""
    from scheduler.files.guard import check_files
    from scheduler.files.json_files import write_json_file
    from scheduler.instance.reader import parse_instance

    check_files({f"the graph file {p.name}": p for p in Path(graph).glob("*")},
                {"-o": output})
    parse_instance(document, output)
    write_json_file(output, document)
    click.echo(say("wrote {path}: {districts} districts, {links} links, {applicants:,} applicants",
                   path=output, districts=len(document["districts"]),
                   links=len(document["links"]),
                   applicants=sum(c["count"] for c in document["queue"]["cohorts"])))


@generate.command("stress")
@click.option("--family", required=True,
              type=click.Choice(["blank-starved", "outage-heavy", "election-deadline",
                                 "long-lead", "one-printer", "side-constraints",
                                 "boxes-and-trips"]),
              help="What is pushed to its limit (scheduler/generate/stress.py).")
@click.option("--graph", "graph", required=True, type=click.Path(file_okay=False),
              help="Folder with regencies.csv and adjacency.csv (e.g. ../shared/data).")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Draws the region (unless --around) and every figure.")
@click.option("--around", default=None, metavar="CODE",
              help="Grow the region from this district (one-printer: the hub).")
@click.option("--all", "every", is_flag=True,
              help="The whole country instead of a region (not with --around, --size or "
                   "one-printer).")
@click.option("--size", type=click.IntRange(min=2), default=None,
              help="Districts in the region (default 12; one-printer 9, side-constraints 8).")
@click.option("--days", type=click.IntRange(min=14, max=MAX_DAYS), default=90, show_default=True)
@click.option("--start", "start_text", metavar="YYYY-MM-DD", default="2024-01-01",
              show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The instance file; gzip-compressed when it ends in .json.gz.")
@guarded
def generate_stress(family: str, graph: str, seed: int, around: str | None, every: bool,
                    size: int | None, days: int, start_text: str, output: str) -> None:
    """Write a stress-family instance on real districts of the graph (seeded).

    \b
    Example:
      ektp-sched generate stress --family outage-heavy --graph ../shared/data \\
          --seed 1 -o outage-heavy.json
      ektp-sched generate stress --family side-constraints --all --graph ../shared/data \\
          --seed 1 -o indonesia-side.json.gz
    """
    from scheduler.generate.stress import stress_document

    document = stress_document(Path(graph), family, seed=seed, around=around, size=size,
                               every=every, days=days, start=_start_date(start_text, days),
                               name=_document_name(output))
    _write_generated(output, graph, document)
