"""Where the tests find the project's files: shipped instances and plans, the test data.

Plain constants rather than fixtures: parametrize tables, module constants and default
arguments use them. TINY is reroute-tiny, the instance most tests work by hand (the
working is in tests/commands/test_cli.py); TINY_PLAN is its optimum's rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTANCES = ROOT / "instances"
SOLUTIONS = ROOT / "solutions"
INDEX = INSTANCES / "INDEX.csv"
DATA = ROOT / "tests" / "data"
READER_DATA = DATA / "reader"  # the reader's fixtures: every field, a file queue
TINY_FOLDER = INSTANCES / "tiny"


def tiny(name: str) -> Path:
    """A hand-worked tiny instance: `tiny("deadline-tiny")`."""
    return TINY_FOLDER / f"{name}.json"


def seed(name: str) -> Path:
    """A seed instance drawn from a report: `seed("sampang-2018")`."""
    return INSTANCES / f"{name}.json"


def scenario_file(name: str) -> Path:
    """The what-if scenarios shipped for a seed instance."""
    return INSTANCES / "scenarios" / f"{name}.json"


def shipped_plan(instance: Path) -> Path:
    """The plan shipped for a shipped instance: solutions/ mirrors instances/."""
    return SOLUTIONS / instance.relative_to(INSTANCES)


TINY = tiny("reroute-tiny")
TINY_PLAN = DATA / "reroute-tiny.plan.json"  # the shipped plan's rows, without solver details
SEEDS = ("pelalawan-2017", "sampang-2018", "madura-2018", "riau-2017")
PELALAWAN = seed("pelalawan-2017")
SAMPANG = seed("sampang-2018")

# The regency graph the generators read lives beside the project, in ../shared/data.
GRAPH = ROOT.parent / "shared" / "data"
needs_graph = pytest.mark.skipif(not (GRAPH / "regencies.csv").is_file(),
                                 reason="../shared/data not present")
