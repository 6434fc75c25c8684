"""Mutation check: the suite must fail when a rule residents rely on breaks (issue 13).

Runs every mutant of tests/support/mutants.py (the first-come pairing order, the
look-up's "N ahead", the validator's blank lead days, the deadline and horizon
rules, ...) on a temporary copy of the project, never on the files here, after
checking that the same tests pass on an unchanged copy. Prints one line per
mutant: killed or survived, and the tests that failed. Exit 0 when every mutant
is killed, 1 when one survived or could not run.

    python benchmarks/mutations.py [--only NAME ...] [--jobs N] [--tests PATH ...]

`--tests` runs those tests (e.g. `--tests tests`: the whole suite) for every mutant
instead of each mutant's own list.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.mutants import MUTANTS, Mutant, Outcome, mutant_named, run_mutant  # noqa: E402


def table(mutants: list[Mutant], outcomes: list[Outcome]) -> list[str]:
    """A Markdown table: mutant, module, the rule it breaks, outcome, the tests that failed."""
    lines = ["| mutant | module | breaks | outcome | failed tests |", "|---|---|---|---|---|"]
    for mutant, outcome in zip(mutants, outcomes, strict=True):
        failed = "<br>".join(f"`{t}`" for t in outcome.failed) or "none"
        lines.append(f"| {mutant.name} | `{mutant.module}` | {mutant.rule} | {outcome.status} "
                     f"| {failed} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run only this mutant (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants run at once")
    parser.add_argument("--tests", action="append", default=[], metavar="PATH",
                        help="run these tests for every mutant (repeatable)")
    args = parser.parse_args(argv)
    mutants = [mutant_named(n) for n in args.only] if args.only else list(MUTANTS)
    chosen = tuple(args.tests) or None
    every_test = chosen or tuple(dict.fromkeys(t for m in mutants for t in m.tests))
    baseline = run_mutant(None, every_test)
    if baseline.status != "survived":
        print(f"the unchanged copy fails its tests: {', '.join(baseline.failed) or baseline}")
        return 1
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        outcomes = list(pool.map(lambda m: run_mutant(m, chosen), mutants))
    print("\n".join(table(mutants, outcomes)))
    alive = [o.mutant for o in outcomes if o.status != "killed"]
    print(f"{len(outcomes) - len(alive)} of {len(outcomes)} mutant(s) killed"
          + (f"; not killed: {', '.join(alive)}" if alive else ""))
    return 1 if alive else 0


if __name__ == "__main__":
    sys.exit(main())
