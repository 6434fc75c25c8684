"""Mutation check: break a rule residents rely on, in a copy, and see the tests fail.

Each `Mutant` replaces one exact piece of text in one module of `scheduler/`.
`run_mutant` copies the project's code, tests and data into a temporary folder,
applies the change there (the worktree is never written), and runs the mutant's
tests with that copy first on the import path; the mutant is *killed* when a
test fails. `benchmarks/mutations.py` runs the whole table and prints who
killed what; tests/test_mutants.py keeps the table true to the code (every
`old` text still found exactly once) and kills two mutants on every run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from tests.support.paths import ROOT

COPIED = ("scheduler", "tests", "instances", "solutions", "docs", "benchmarks", ".ci",
          "README.md", "pyproject.toml", "setup.py")  # what the suite reads, docs' tests included


@dataclass(frozen=True)
class Mutant:
    """Replace `old` (found exactly once) by `new` in `module`; `tests` should then fail."""

    name: str
    module: str  # path from the project root, e.g. "scheduler/plan/assignment.py"
    old: str
    new: str
    tests: tuple[str, ...]  # pytest paths or node ids, from the project root
    rule: str  # what the mutant breaks, in one line


@dataclass(frozen=True)
class Outcome:
    """How a mutant's run ended, from pytest's exit code, and the failing tests' node ids.

    `status`: "killed" (tests ran and some failed: exit 1), "survived" (all passed:
    exit 0), or "error" (pytest could not run them: a usage or collection problem).
    """

    mutant: str
    status: str
    failed: tuple[str, ...]
    returncode: int


PAIRING = ("tests/plan/test_first_come_ties.py", "tests/plan/test_assignment.py",
           "tests/supervisor")
VALIDATOR = ("tests/validator",)

MUTANTS: tuple[Mutant, ...] = (
    Mutant("pairing: printer id before home day", "scheduler/plan/assignment.py",
           "queue_cards = sorted(cards.get(q, []))",
           "queue_cards = sorted(cards.get(q, []), key=lambda c: (c[0], c[2], c[1]))",
           PAIRING, "cards ordered by (print day, printer id, home day)"),
    Mutant("pairing: home day first", "scheduler/plan/assignment.py",
           "queue_cards = sorted(cards.get(q, []))",
           "queue_cards = sorted(cards.get(q, []), key=lambda c: (c[1], c[0], c[2]))",
           PAIRING, "cards ordered by (home day, print day, printer id)"),
    Mutant("validator pairing: printer id before home day", "scheduler/validator/objective.py",
           "sorted(cards.get((h, c), []))",
           "sorted(cards.get((h, c), []), key=lambda card: (card[0], card[2], card[1]))",
           ("tests/plan/test_first_come_ties.py", *VALIDATOR),
           "the validator's own first-come pairing by (print day, printer id, home day)"),
    Mutant("lookup: ahead ignores earlier cohorts", "scheduler/supervisor/lookup.py",
           "ahead = self._rank[cohort] + position - self._printed.get(q, 0)",
           "ahead = position - self._printed.get(q, 0)",
           ("tests/supervisor/test_lookup.py",),
           "'N ahead still waiting' counts only the applicant's own cohort"),
    Mutant("validator: lent blanks a day early", "scheduler/validator/constraints.py",
           "lead = 0 if link is None else link.lead_days",
           "lead = 0 if link is None else link.lead_days - 1",
           VALIDATOR, "constraint 4: blanks sent on s usable from s + L - 1"),
    Mutant("validator: lent blanks a day late", "scheduler/validator/constraints.py",
           "lead = 0 if link is None else link.lead_days",
           "lead = 0 if link is None else link.lead_days + 1",
           VALIDATOR, "constraint 4: blanks sent on s usable from s + L + 1"),
    Mutant("validator: waiting past the horizon's end", "scheduler/validator/objective.py",
           "waiting += take * (min(home_day, days) - ready)",
           "waiting += take * (home_day - ready)",
           VALIDATOR, "waiting_days: a card home after the horizon waits past its end"),
    Mutant("validator: home on the deadline day misses", "scheduler/validator/objective.py",
           "home_day > deadline_day", "home_day >= deadline_day",
           VALIDATOR, "deadline_misses: a card home on the deadline day counts as late"),
    Mutant("validator: misses judged by print day", "scheduler/validator/objective.py",
           "and home_day > deadline_day", "and cards[j][0] > deadline_day",
           VALIDATOR, "deadline_misses: a rerouted card is on time when printed by the deadline"),
    Mutant("validator: outage's last day free", "scheduler/validator/facts.py",
           "for t in range(lo, hi + 1):", "for t in range(lo, hi):",
           VALIDATOR, "an outage window's end is not inclusive"),
    Mutant("plan objective: home on the deadline day misses", "scheduler/plan/objective.py",
           "home <= queue.deadline", "home < queue.deadline",
           ("tests/engines/test_greedy.py",),
           "the greedy's objective counts a card home on the deadline day as late"),
    Mutant("blank stock: lent blanks arrive when sent", "scheduler/plan/stock.py",
           "arrival = tr.day + int(calendar.link_lead[tr.link])", "arrival = tr.day",
           ("tests/plan/test_stock.py", "tests/supervisor/test_print_list.py"),
           "'Blanks left after day' counts blanks still on their way"),
    Mutant("explain: blank lever on day 0", "scheduler/diagnose/explain/check.py",
           "supply[lever.district, lever.day] += amount", "supply[lever.district, 0] += amount",
           ("tests/diagnose/test_explain.py",),
           "explain's re-solve check adds the blank at the horizon's start"),
)


def mutant_named(name: str) -> Mutant:
    """The mutant of that name (KeyError if none)."""
    for mutant in MUTANTS:
        if mutant.name == name:
            return mutant
    raise KeyError(name)


def occurrences(mutant: Mutant, root: Path = ROOT) -> int:
    """How often the mutant's `old` text appears in its module (it must be exactly once)."""
    return (root / mutant.module).read_text(encoding="utf-8").count(mutant.old)


def copy_project(root: Path, work: Path) -> Path:
    """Copy the code, tests and data the tests read into `work/project` (caches left out).

    The regency graph some tests read beside the project (../shared) is linked
    beside the copy, read-only use, so the same tests run rather than skip.
    """
    project = work / "project"
    project.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", ".venv*")
    for name in COPIED:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=skip)
        elif source.is_file():
            shutil.copy2(source, project / name)
    shared = root.parent / "shared"
    if shared.is_dir():
        (work / "shared").symlink_to(shared, target_is_directory=True)
    return project


def apply(mutant: Mutant, project: Path) -> None:
    """Write the mutant into the copy; refuse when its text is not there exactly once."""
    path = project / mutant.module
    text = path.read_text(encoding="utf-8")
    if text.count(mutant.old) != 1:
        raise ValueError(f"{mutant.module}: {mutant.old!r} found {text.count(mutant.old)} times")
    path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")


def run_tests(project: Path, tests: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
    """Run `tests` in the copy, the copy's package first; (pytest's exit code, failed ids)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(project), *filter(None, [os.environ.get("PYTHONPATH")])]),
        PYTHONDONTWRITEBYTECODE="1")
    where = subprocess.run([sys.executable, "-c", "import scheduler; print(scheduler.__file__)"],
                           cwd=project, env=env, capture_output=True, text=True, check=True)
    if not Path(where.stdout.strip()).is_relative_to(project):
        raise RuntimeError(f"the tests would import {where.stdout.strip()}, not the copy")
    report = project / "junit.xml"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         f"--junitxml={report}", *tests],
        cwd=project, env=env, capture_output=True, text=True, check=False)
    return done.returncode, failed_tests(report)


def failed_tests(report: Path) -> tuple[str, ...]:
    """Node ids (file::name) of the failed or erroring tests in a JUnit XML report."""
    if not report.is_file():
        return ()
    failed = []
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            module = case.get("classname", "").replace(".", "/")
            failed.append(f"{module}.py::{case.get('name')}")
    return tuple(failed)


def run_mutant(mutant: Mutant | None, tests: tuple[str, ...] | None = None,
               root: Path = ROOT) -> Outcome:
    """Run a mutant's tests (or `tests`) on a mutated copy; None: on an unchanged copy."""
    chosen = tests if tests is not None else (mutant.tests if mutant else ())
    with tempfile.TemporaryDirectory(prefix="ektp-mutant-") as folder:
        project = copy_project(root, Path(folder))
        if mutant is not None:
            apply(mutant, project)
        code, failed = run_tests(project, chosen)
    status = {0: "survived", 1: "killed"}.get(code, "error")
    return Outcome(mutant.name if mutant else "(none)", status, failed, code)
