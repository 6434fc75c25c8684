"""What an engine returns: a plan in index space, its objective, bound and proof.

Both engines (network/ and cpsat/) return an `EngineResult`; `solution.py`
turns it into an `ektp-solution/1` document. Keeping this contract small lets
the CLI, the summary and later tools treat the engines alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN")


@dataclass(frozen=True)
class Objective:
    """The SPEC's lexicographic objective, compared as a tuple."""

    deadline_misses: int
    waiting_days: int
    transfer_cost: int

    def as_tuple(self) -> tuple[int, int, int]:
        return (self.deadline_misses, self.waiting_days, self.transfer_cost)

    def as_dict(self) -> dict[str, int]:
        return {
            "deadline_misses": self.deadline_misses,
            "waiting_days": self.waiting_days,
            "transfer_cost": self.transfer_cost,
        }


@dataclass(frozen=True)
class Bound:
    """A lexicographic lower bound; a later figure is None when it is not proven.

    A figure bounds its stage only among plans that attain the earlier figures,
    so `waiting_days` is a bound only when `deadline_misses` equals the plan's.
    """

    deadline_misses: int | None
    waiting_days: int | None = None
    transfer_cost: int | None = None

    def as_dict(self) -> dict[str, int | None]:
        return {
            "deadline_misses": self.deadline_misses,
            "waiting_days": self.waiting_days,
            "transfer_cost": self.transfer_cost,
        }


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
class StageReport:
    """One lexicographic stage: what it minimised, its value, bound, status, time."""

    name: str
    status: str
    value: int | None
    bound: int | None
    seconds: float


@dataclass(frozen=True)
class EngineResult:
    """A solved (or failed) instance as an engine reports it."""

    engine: str
    status: str
    objective: Objective | None
    bound: Bound
    proof: str
    prints: tuple[PlannedPrint, ...] = ()
    transfers: tuple[PlannedTransfer, ...] = ()
    stages: tuple[StageReport, ...] = ()
    seconds: float = 0.0
    extra: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown engine status {self.status!r}")

    @property
    def has_plan(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")
