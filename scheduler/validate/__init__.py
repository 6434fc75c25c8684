"""The independent validator: recomputes every SPEC constraint and the objective.

Imports only the instance records, `scheduler.errors` and the
standard library, never the engines or their calendar, so that a shared
mistake cannot make a wrong plan pass.
"""

from scheduler.validate.checker import validate_solution
from scheduler.validate.document import SOLUTION_FORMAT, read_solution_document
from scheduler.validate.report import OBJECTIVE_KEYS, ValidationReport, Violation

__all__ = [
    "OBJECTIVE_KEYS",
    "SOLUTION_FORMAT",
    "ValidationReport",
    "Violation",
    "read_solution_document",
    "validate_solution",
]
