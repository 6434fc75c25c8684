"""A validated plan with everything people ask of it: figures, ceiling, blanks to ask for.

`make_plan` (plan/make.py) returns one after solving and `read_solution`
(plan/read.py) after reading a plan file back; both have passed the independent
validator. What costs time beyond the plan (the first-come pairing, the
per-district figures, the throughput ceiling) is computed on first use, so a
caller that only needs the document pays for nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any

from scheduler.diagnose.blanks_short import BlanksShort
from scheduler.diagnose.ceiling import Ceiling, throughput_ceiling
from scheduler.instance.calendar import Calendar
from scheduler.instance.model import Instance
from scheduler.plan.assignment import AssignedRun, assign_first_come
from scheduler.plan.figures import DistrictFigures, district_figures
from scheduler.plan.result import EngineResult, Objective


class Method(StrEnum):
    """How a plan is made: the proven optimum, or the first-come plan an office makes by hand."""

    OPTIMAL = "optimal"
    GREEDY = "greedy"


class Lever(StrEnum):
    """A coordinator's lever to close, to compare a plan with and without it."""

    NO_REROUTE = "no-reroute"
    NO_BLANK_TRANSFERS = "no-blank-transfers"


@dataclass(frozen=True)
class PlanSettings:
    """What a plan was made with; the document's `solver.settings` records it."""

    method: Method = Method.OPTIMAL
    engine: str = "auto"
    time_limit: float | None = None
    workers: int = 1
    seed: int = 0

    def as_document(self) -> dict[str, Any]:
        if self.method == Method.GREEDY:
            return {"method": "greedy"}
        return {"time_limit": self.time_limit, "workers": self.workers, "seed": self.seed}


@dataclass(frozen=True)
class Planned:
    """A plan that passed the validator, on the instance it was made for.

    `instance` is the one solved (with any closed lever applied); `document` the
    `ektp-solution/1` plan; `settings` None for a plan read from a file;
    `seconds` the time to the validated plan; `shortages` the blanks each district
    must ask for, or None when they were not computed (switched off, or no time
    left within the limit).
    """

    instance: Instance
    calendar: Calendar
    result: EngineResult
    document: dict[str, Any]
    settings: PlanSettings | None = None
    seconds: float = 0.0
    shortages: tuple[BlanksShort, ...] | None = None

    @property
    def objective(self) -> Objective:
        return self.result.objective

    @cached_property
    def runs(self) -> list[AssignedRun]:
        """Who gets which card: the SPEC's first-come pairing of applicants with cards."""
        return assign_first_come(self.calendar, self.result)

    @cached_property
    def figures(self) -> list[DistrictFigures]:
        """Per home district: applicants, printed, cleared, blanks left, longest wait."""
        return district_figures(self.calendar, self.result, self.runs)

    @cached_property
    def ceiling(self) -> Ceiling:
        """The most cards the horizon could print, whatever the plan (a max-flow)."""
        return throughput_ceiling(self.calendar)
