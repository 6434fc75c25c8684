"""What an engine returns: a plan in index space with its objective, bound and proof, or no plan.

Every engine (engines/network, engines/cpsat, engines/greedy) returns an
`EngineResult` when it has a plan and a `NoPlan` when it has none, so a caller
that holds an `EngineResult` never needs to ask whether its objective exists.
`plan/document.py` turns a result into an `ektp-solution/1` document.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

# The SPEC's lexicographic objective, in order. The validator keeps its own copy on
# purpose (validate/report.py): it shares no code with what it checks.
FIGURES: tuple[str, str, str] = ("deadline_misses", "waiting_days", "transfer_cost")


class Status(StrEnum):
    """An engine's verdict, as the `solver.status` of a solution document names it."""

    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"


@dataclass(frozen=True)
class Objective:
    """The SPEC's lexicographic objective, compared as a tuple."""

    deadline_misses: int
    waiting_days: int
    transfer_cost: int

    def as_tuple(self) -> tuple[int, int, int]:
        return (self.deadline_misses, self.waiting_days, self.transfer_cost)

    def as_dict(self) -> dict[str, int]:
        return dict(zip(FIGURES, self.as_tuple(), strict=True))


@dataclass(frozen=True)
class Bound:
    """A lexicographic lower bound; a later figure is None when it is not proven.

    A figure bounds its stage only among plans that attain the earlier figures,
    so `waiting_days` is a bound only when `deadline_misses` equals the plan's.
    """

    deadline_misses: int | None
    waiting_days: int | None = None
    transfer_cost: int | None = None

    def as_tuple(self) -> tuple[int | None, int | None, int | None]:
        return (self.deadline_misses, self.waiting_days, self.transfer_cost)

    def as_dict(self) -> dict[str, int | None]:
        return dict(zip(FIGURES, self.as_tuple(), strict=True))


@dataclass(frozen=True)
class PlannedPrint:
    """`count` cards of queue `queue` printed on printer `printer` on day `day`."""

    queue: int
    printer: int
    day: int
    count: int


@dataclass(frozen=True)
class PlannedTransfer:
    """`count` blanks sent along directed link `link` on day `day`."""

    link: int
    day: int
    count: int


@dataclass(frozen=True)
class PlanCounts:
    """Prints and sends with no claim about them: a previous plan offered as a hint."""

    prints: tuple[PlannedPrint, ...] = ()
    transfers: tuple[PlannedTransfer, ...] = ()


@dataclass(frozen=True)
class StageReport:
    """One lexicographic stage: what it minimised, its value, bound, status, time."""

    name: str
    status: Status
    value: int | None
    bound: int | None
    seconds: float


@dataclass(frozen=True)
class EngineResult:
    """A plan as an engine reports it: its counts, objective, bound and how it was proven.

    `certificate` is what the flow engine checked per stage (its potentials'
    reduced costs), written into the solution document beside the proof.
    """

    engine: str
    status: Status
    objective: Objective
    bound: Bound
    proof: str
    prints: tuple[PlannedPrint, ...] = ()
    transfers: tuple[PlannedTransfer, ...] = ()
    stages: tuple[StageReport, ...] = ()
    seconds: float = 0.0
    certificate: dict[str, dict[str, Any]] | None = None

    def __post_init__(self) -> None:
        if self.status not in (Status.OPTIMAL, Status.FEASIBLE):
            raise ValueError(f"a result with a plan cannot be {self.status}")

    @property
    def counts(self) -> PlanCounts:
        """The plan's prints and sends alone, e.g. to hint the next solve with."""
        return PlanCounts(self.prints, self.transfers)

    @property
    def cards(self) -> int:
        """Cards the plan prints over the horizon."""
        return sum(pp.count for pp in self.prints)


@dataclass(frozen=True)
class NoPlan:
    """An engine that found no plan: proven infeasible, or out of time before the first."""

    engine: str
    status: Status
    proof: str
    stages: tuple[StageReport, ...] = ()
    seconds: float = 0.0

    def __post_init__(self) -> None:
        if self.status not in (Status.INFEASIBLE, Status.UNKNOWN):
            raise ValueError(f"a result without a plan cannot be {self.status}")


Outcome = EngineResult | NoPlan
