"""The independent checker: an instance and a plan in, every violation and the objective out.

It shares no code with the engines: it imports only the instance records,
recomputes the calendar itself (`facts.py`), checks
SPEC constraints 1–8 day by day (`constraints.py`) and the objective by the
first-come rule (`objective.py`), and refuses a stated objective that differs.
"""

from __future__ import annotations

from typing import Any

from scheduler.instance.model import Instance
from scheduler.validator.constraints import check_constraints, day_totals
from scheduler.validator.document import check_structure, read_counts, stated_objective
from scheduler.validator.facts import build_facts
from scheduler.validator.objective import compare_objective, recompute_objective
from scheduler.validator.report import ValidationReport, Violation


def validate_solution(
    instance: Instance, document: dict[str, Any], source: str = "<solution>"
) -> ValidationReport:
    """Check a solution document against an instance (InputError if it is no solution)."""
    document = check_structure(document, source)
    facts = build_facts(instance)
    named = document.get("instance")
    if named != instance.name:
        # Said first and once: every row checked against the wrong instance is noise.
        mismatch = Violation("format", None, "instance",
                             f"instance: the solution is for {named!r}, not {instance.name!r}")
        return ValidationReport(violations=[mismatch], objective={}, stated=None)
    counts, found = read_counts(instance, facts, document)
    found += check_constraints(instance, facts, day_totals(facts, counts))
    objective = recompute_objective(instance, facts, counts)
    stated = stated_objective(document)
    found += compare_objective(stated, objective)
    # Day by day: row and whole-plan problems (no date) first, then in date order.
    found.sort(key=lambda v: v.date or "")
    return ValidationReport(violations=found, objective=objective, stated=stated)
