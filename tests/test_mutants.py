"""The mutation check (benchmarks/mutations.py) stays true to the code and still kills.

The whole table takes minutes, so here: every mutant's text is still in its module
exactly once (a refactoring that moves a rule must move its mutant too), and two of
them, run on a copy exactly as the script runs them, are killed by the test written
for them, while the unchanged copy passes that test.
"""

from __future__ import annotations

import pytest

from tests.support.mutants import MUTANTS, Mutant, mutant_named, occurrences, run_mutant
from tests.support.paths import ROOT

PAIRING_TEST = ("tests/plan/test_first_come_ties.py::"
                "test_the_library_pairs_by_print_day_then_home_day_then_printer_id")
AHEAD_TEST = ("tests/supervisor/test_lookup.py::"
              "test_the_ones_ahead_include_earlier_cohorts_of_the_queue_only")


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.name for m in MUTANTS])
def test_every_mutant_still_applies_to_the_code(mutant: Mutant) -> None:
    assert occurrences(mutant) == 1
    assert mutant.old != mutant.new
    for test in mutant.tests:
        assert (ROOT / test.split("::")[0]).exists(), test


def test_mutant_names_are_unique() -> None:
    assert len({m.name for m in MUTANTS}) == len(MUTANTS)


def test_the_copy_passes_and_two_mutants_are_killed() -> None:
    unchanged = run_mutant(None, (PAIRING_TEST, AHEAD_TEST))
    assert (unchanged.status, unchanged.failed) == ("survived", ())
    pairing = run_mutant(mutant_named("pairing: printer id before home day"), (PAIRING_TEST,))
    assert (pairing.status, pairing.failed) == ("killed", (PAIRING_TEST,))
    ahead = run_mutant(mutant_named("lookup: ahead ignores earlier cohorts"), (AHEAD_TEST,))
    assert (ahead.status, ahead.failed) == ("killed", (AHEAD_TEST,))
