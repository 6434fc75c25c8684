"""The independent validator: recomputes every SPEC constraint and the objective.

Imports only the instance records, `scheduler.errors` and the
standard library, never the engines or their calendar, so that a shared
mistake cannot make a wrong plan pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scheduler.instance.model import Instance
from scheduler.validator.checker import validate_solution
from scheduler.validator.document import SOLUTION_FORMAT, read_solution_document
from scheduler.validator.report import OBJECTIVE_KEYS, ValidationReport, Violation

__all__ = [
    "OBJECTIVE_KEYS",
    "SOLUTION_FORMAT",
    "ValidationReport",
    "Violation",
    "read_solution_document",
    "validate",
    "validate_solution",
]


def validate(instance: Instance, solution: Mapping[str, Any] | str | Path) -> ValidationReport:
    """Check a plan, given as its document or its file, against `instance`.

    A file that is no solution at all is an InputError; a solution whose rows
    break the SPEC is a report with `valid` False and every violation listed.
    """
    if isinstance(solution, str | Path):
        return validate_solution(instance, read_solution_document(solution), source=str(solution))
    return validate_solution(instance, dict(solution))
