"""What an engine returns: a plan in index space, its objective, bound and proof.

Both engines (network/ and cpsat/) return an `EngineResult`; `solution.py`
turns it into an `ektp-solution/1` document. Keeping this contract small lets
the CLI, the summary and later tools treat the engines alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from scheduler.instance.calendar import Calendar

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


def blank_stock(calendar: Calendar, result: EngineResult) -> npt.NDArray[np.int64]:
    """`stock[k, t]`: blanks at district k at the end of day t under a plan.

    SPEC constraint 4's left side: stock and deliveries by t, plus blanks arrived by
    t, less blanks sent and cards printed by t. Blanks still on their way (or
    arriving after the horizon) are not counted.
    """
    change = calendar.supply.copy()
    for pp in result.prints:
        change[calendar.printer_district[pp.printer], pp.day] -= pp.count
    for tr in result.transfers:
        change[calendar.link_source[tr.link], tr.day] -= tr.count
        arrival = tr.day + int(calendar.link_lead[tr.link])
        if arrival < calendar.days:
            change[calendar.link_target[tr.link], arrival] += tr.count
    return np.cumsum(change, axis=1)


def split_over_printers(
    calendar: Calendar, district_prints: Iterable[tuple[int, int, int, int]]
) -> tuple[PlannedPrint, ...]:
    """Split cards printed per (queue, district, day) over that district's printers.

    Printers of one district are interchangeable for the pure network (only
    their summed capacity matters), so each day's cards fill the printers in
    the instance's order, each up to its own capacity that day, queues taken in
    index order. Raises if a district-day holds more than its printers can.
    """
    by_district_day: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for q, k, t, n in district_prints:
        if n > 0:
            by_district_day.setdefault((k, t), []).append((q, n))
    printers_of: dict[int, list[int]] = {}
    for p, k in enumerate(calendar.printer_district.tolist()):
        printers_of.setdefault(int(k), []).append(p)
    result: list[PlannedPrint] = []
    for (k, t), items in sorted(by_district_day.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        printers = printers_of.get(k, [])
        left = [int(calendar.printer_capacity[p, t]) for p in printers]
        slot = 0
        for q, n in sorted(items):
            while n > 0:
                while slot < len(printers) and left[slot] == 0:
                    slot += 1
                if slot == len(printers):
                    raise ValueError(
                        f"district {calendar.district_ids[k]} day {t}: more cards than capacity"
                    )
                take = min(n, left[slot])
                result.append(PlannedPrint(q, printers[slot], t, take))
                left[slot] -= take
                n -= take
    return tuple(result)


def objective_from_counts(
    calendar: Calendar,
    prints: Iterable[PlannedPrint],
    transfers: Iterable[PlannedTransfer],
    link_of_print: dict[tuple[int, int], int],
    trips_cost: int = 0,
) -> Objective:
    """The objective of a plan from its counts (NETWORK.md, 'why it is exact', point 2).

    waiting = Σ_q w_q (Σ_cards min(home, T) + unprinted_q·T − Σ_applicants ready);
    misses = eligible_q − cards of q home by D_q; transfer = Σ counts × link cost.
    `link_of_print[(home, k)]` gives the link used to print home's queue in k.
    """
    days = calendar.days
    ready_days = np.arange(days, dtype=np.int64)
    printed = np.zeros(len(calendar.queues), dtype=np.int64)
    end_sum = np.zeros(len(calendar.queues), dtype=np.int64)
    home_by_deadline = np.zeros(len(calendar.queues), dtype=np.int64)
    transfer = trips_cost
    for pp in prints:
        queue = calendar.queues[pp.queue]
        k = int(calendar.printer_district[pp.printer])
        lead = 0
        if k != queue.home:
            link = link_of_print[(queue.home, k)]
            lead = int(calendar.link_lead[link])
            transfer += pp.count * int(calendar.link_cost[link])
        home = pp.day + lead
        printed[pp.queue] += pp.count
        end_sum[pp.queue] += pp.count * min(home, days)
        if queue.deadline is not None and home <= queue.deadline:
            home_by_deadline[pp.queue] += pp.count
    for tr in transfers:
        transfer += tr.count * int(calendar.link_cost[tr.link])
    misses = 0
    waiting = 0
    for q, queue in enumerate(calendar.queues):
        total = int(calendar.ready[q].sum())
        ready_sum = int((calendar.ready[q] * ready_days).sum())
        waiting += queue.weight * (int(end_sum[q]) + (total - int(printed[q])) * days - ready_sum)
        if queue.deadline is not None:
            misses += int(calendar.eligible[q]) - int(home_by_deadline[q])
    return Objective(misses, waiting, transfer)
