"""What the planner believes on a morning: the future.py knowledge rules, and two more.

future.py's rules: the instance's own outages are known from day 0; an episode
is learned at the end of its first day and then believed to last
`expected_days` in all; a delivery is learned to be late on the morning after
its planned day and then believed to arrive `expected_late` days late.

They leave two cases open; this module reads them so:
- A repair is seen like a breakdown: at the end of the episode's last day. On
  a later morning the episode is over and nothing of it is believed; an
  episode shorter than expected is so known to be over the morning after.
- An overdue belief is moved to today: a printer still broken on the morning
  after its believed last day is believed broken today and back tomorrow; a
  late delivery not there by its believed day is believed to come today. The
  planner learns each such morning that it is still waiting.

Day numbers are horizon day indices; a delivery dated before the horizon
counts at day 0, as the calendar counts it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scheduler.instance.calendar import Calendar, IntArray
from scheduler.instance.model import Outage
from scheduler.simulate.future import Future
from scheduler.simulate.world import episode_outage


@dataclass(frozen=True)
class Belief:
    """The world from morning `day` on, as the planner sees it then.

    `capacity[p, t]` is meaningful for t >= day: each printer's capacity with
    the known episodes still believed to run. `outages` are those episodes as
    outage records (from `day` to their believed end). `delivery_days[i]` is
    when delivery i is believed to arrive — its real day once it has come;
    it is still to come exactly when that day is >= `day`.
    """

    day: int
    capacity: IntArray
    outages: tuple[Outage, ...]
    delivery_days: tuple[int, ...]

    def same_future(self, other: Belief) -> bool:
        """Whether both beliefs see the same days from this morning on (no news between)."""
        return (self.delivery_days == other.delivery_days
                and np.array_equal(self.capacity[:, self.day:], other.capacity[:, self.day:]))


def real_delivery_days(calendar: Calendar, future: Future) -> tuple[int, ...]:
    """The day each delivery really arrives (before the horizon: 0; may be past its end)."""
    late = {ld.index: ld.days_late for ld in future.late_deliveries}
    instance = calendar.instance
    return tuple(max(instance.day_index(d.date) + late.get(i, 0), 0)
                 for i, d in enumerate(instance.deliveries))


def belief_at(calendar: Calendar, future: Future, day: int) -> Belief:
    """The planner's belief on the morning of `day` (rules in the module docstring)."""
    instance = calendar.instance
    printer_of = {p: i for i, p in enumerate(calendar.printer_ids)}
    capacity = calendar.printer_capacity.copy()
    outages: list[Outage] = []
    for e in future.episodes:
        last = e.start + e.days - 1
        if e.start < day <= last:  # learned, and not repaired by last night
            believed_last = max(e.start + e.expected_days - 1, day)
            p = printer_of[e.printer]
            np.minimum(capacity[p, day:believed_last + 1], e.capacity,
                       out=capacity[p, day:believed_last + 1])
            outages.append(episode_outage(instance, e, day, believed_last))
    expected = {ld.index: ld.expected_late for ld in future.late_deliveries if ld.days_late > 0}
    real = real_delivery_days(calendar, future)
    believed: list[int] = []
    for i, delivery in enumerate(instance.deliveries):
        planned = instance.day_index(delivery.date)
        if real[i] < day:
            believed.append(real[i])  # it has come
        elif day <= planned or i not in expected:
            believed.append(max(planned, 0))  # not known to be late (yet)
        else:
            believed.append(max(planned + expected[i], day))
    return Belief(day, capacity, tuple(outages), tuple(believed))
