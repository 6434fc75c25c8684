"""ektp-sched: exact print scheduling for e-KTP offices (SPEC: ../shared/SPEC.md).

The library every interface calls (the command line, the office ledger, the web
page): read an instance, make a plan, validate it, write it.

>>> from scheduler import make_plan, read_instance, read_solution, validate, write_solution
>>> instance = read_instance("instances/tiny/reroute-tiny.json")
>>> planned = make_plan(instance, workers=1)
>>> print(planned.result.status, planned.result.engine, planned.objective.as_tuple())
OPTIMAL flow (0, 5, 4)
>>> [(f.district, f.printed, f.not_printed) for f in planned.figures]
[('A', 4, 0), ('B', 0, 0)]
>>> validate(instance, planned.document).valid
True

Closing a lever, or planning by hand as an office does (first come, home only):

>>> make_plan(instance, levers=["no-reroute"]).objective.as_tuple()
(0, 6, 0)
>>> greedy = make_plan(instance, method="greedy")
>>> print(greedy.result.status, greedy.result.bound.as_tuple())
FEASIBLE (None, None, None)

A plan written to a file and read back is validated again on the way in:

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder) / "plan.json"
...     write_solution(planned, path)
...     again = read_solution(instance, path)
>>> again.objective == planned.objective
True

Names are imported on first use, so `import scheduler` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from scheduler.errors import EngineError, InputError
    from scheduler.instance.model import Instance
    from scheduler.instance.reader import read_instance
    from scheduler.plan.document import write_solution
    from scheduler.plan.make import DeadlinesMissed, Decomposition, NoPlanFound, make_plan
    from scheduler.plan.planned import Lever, Method, Planned, PlanSettings
    from scheduler.plan.read import read_solution
    from scheduler.plan.result import (
        FIGURES,
        Bound,
        EngineResult,
        NoPlan,
        Objective,
        PlanCounts,
        Status,
    )
    from scheduler.validator import ValidationReport, validate

# Public name -> the module that defines it.
_PUBLIC = {
    "read_instance": "scheduler.instance.reader",
    "Instance": "scheduler.instance.model",
    "make_plan": "scheduler.plan.make",
    "NoPlanFound": "scheduler.plan.make",
    "DeadlinesMissed": "scheduler.plan.make",
    "Decomposition": "scheduler.plan.make",
    "Planned": "scheduler.plan.planned",
    "PlanSettings": "scheduler.plan.planned",
    "Method": "scheduler.plan.planned",
    "Lever": "scheduler.plan.planned",
    "read_solution": "scheduler.plan.read",
    "write_solution": "scheduler.plan.document",
    "validate": "scheduler.validator",
    "ValidationReport": "scheduler.validator",
    "FIGURES": "scheduler.plan.result",
    "Status": "scheduler.plan.result",
    "Objective": "scheduler.plan.result",
    "Bound": "scheduler.plan.result",
    "EngineResult": "scheduler.plan.result",
    "NoPlan": "scheduler.plan.result",
    "PlanCounts": "scheduler.plan.result",
    "InputError": "scheduler.errors",
    "EngineError": "scheduler.errors",
}



__all__ = [
    "Bound",
    "DeadlinesMissed",
    "Decomposition",
    "EngineError",
    "EngineResult",
    "FIGURES",
    "InputError",
    "Instance",
    "Lever",
    "Method",
    "NoPlan",
    "NoPlanFound",
    "Objective",
    "PlanCounts",
    "PlanSettings",
    "Planned",
    "Status",
    "ValidationReport",
    "make_plan",
    "read_instance",
    "read_solution",
    "validate",
    "write_solution",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module when the name is first used (PEP 562)."""
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'scheduler' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
