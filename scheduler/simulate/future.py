"""One possible future: the outages and late deliveries a simulated run lives through.

A future is what the world does, drawn from the instance's outage model
(`scheduler/simulate/draw.py`) or built by hand in a test. It is separate from
what a planner knows: the planner learns an episode at the end of its first day
(that day's prints are already cut by it) and from then on believes it lasts
`expected_days` in all, the model's mean; it learns a delivery is late on the
morning after its planned day, and from then on believes it arrives
`expected_late` days late. The instance's own `outages` are known from day 0.
What the planner believes when reality departs from these expectations (a
repair sooner or later than expected, a delivery later still) is read in
`scheduler/simulate/knowledge.py`.
Day numbers are horizon day indices (0 = the instance's start).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Episode:
    """A printer prints at most `capacity` cards a day (0: broken) on days start … start+days-1."""

    printer: str
    start: int
    days: int
    capacity: int = 0
    expected_days: int = 1


@dataclass(frozen=True)
class LateDelivery:
    """Delivery `index` (its position in the instance's deliveries) arrives `days_late` late."""

    index: int
    days_late: int
    expected_late: int = 1


@dataclass(frozen=True)
class Future:
    """Everything that goes wrong in one run; the empty future is the deterministic plan's world."""

    episodes: tuple[Episode, ...] = ()
    late_deliveries: tuple[LateDelivery, ...] = ()
