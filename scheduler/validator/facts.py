"""Day-by-day facts of an instance, recomputed from its records alone.

The engines get the same facts from `scheduler.instance.calendar`; the
validator deliberately does not, so that a mistake there (an outage window off
by one, a holiday missed) shows up as a violation instead of being shared.
Everything here is plain Python over the frozen records of `Instance`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from scheduler.instance.model import Cohort, Instance, Link


@dataclass(frozen=True)
class Facts:
    """What the checks need per district, printer, link and queue, day-indexed.

    - `open[k][t]`: district k is open on day t (its workdays, not a holiday).
    - `capacity[p][t]`: printer p's cap on day t (0 closed, every covering outage applied).
    - `supply[k][t]`: blanks that become usable at k on day t (stock and early deliveries at 0).
    - `links[(a, b)]`: the directed link a->b (the first one listed, if several).
    - `cohorts[(h, c)]`: the queue's cohorts inside the horizon, in first-come order.
    """

    start: date
    days: int
    open: dict[str, list[bool]]
    capacity: dict[str, list[int]]
    printer_district: dict[str, str]
    supply: dict[str, list[int]]
    links: dict[tuple[str, str], Link]
    cohorts: dict[tuple[str, str], list[Cohort]]

    def iso(self, t: int) -> str:
        """ISO date of day index t."""
        return (self.start + timedelta(days=t)).isoformat()

    def index(self, when: date) -> int:
        """Day index of a date (negative before the horizon)."""
        return (when - self.start).days


def build_facts(instance: Instance) -> Facts:
    """Compute the facts of SPEC's Time and Instance sections from the records."""
    is_open = _open_days(instance)
    return Facts(
        start=instance.start,
        days=instance.days,
        open=is_open,
        capacity=_capacities(instance, is_open),
        printer_district={p.id: p.district for p in instance.printers},
        supply=_supplies(instance),
        links=_links(instance),
        cohorts=_queues(instance),
    )


def _open_days(instance: Instance) -> dict[str, list[bool]]:
    """Per district and day: a workday of the district and nobody's holiday."""
    dates = [instance.start + timedelta(days=t) for t in range(instance.days)]
    return {
        d.id: [
            when.weekday() in d.workdays
            and when not in instance.holidays
            and when not in d.holidays
            for when in dates
        ]
        for d in instance.districts
    }


def _capacities(instance: Instance, is_open: dict[str, list[bool]]) -> dict[str, list[int]]:
    """Per printer and day: its capacity on open days, lowered by every outage covering it."""
    start, days = instance.start, instance.days
    capacity: dict[str, list[int]] = {}
    for p in instance.printers:
        capacity[p.id] = [p.capacity if open_day else 0 for open_day in is_open[p.district]]
    for o in instance.outages:
        lo = max((o.start - start).days, 0)
        hi = min((o.end - start).days, days - 1)
        covered = [
            p.id
            for p in instance.printers
            if p.id == o.printer or (o.printer is None and p.district == o.district)
        ]
        for pid in covered:
            row = capacity[pid]
            for t in range(lo, hi + 1):
                row[t] = min(row[t], o.capacity)
    return capacity


def _supplies(instance: Instance) -> dict[str, list[int]]:
    """Per district and day: blanks that become usable (stock and early deliveries on day 0)."""
    days = instance.days
    supply = {d.id: [0] * days for d in instance.districts}
    for d in instance.districts:
        supply[d.id][0] += d.blanks
    for dl in instance.deliveries:
        t = (dl.date - instance.start).days
        if t < days:
            supply[dl.district][max(t, 0)] += dl.blanks
    return supply


def _links(instance: Instance) -> dict[tuple[str, str], Link]:
    """Each directed pair's link (the first one listed, if several)."""
    links: dict[tuple[str, str], Link] = {}
    for lk in instance.links:
        links.setdefault((lk.source, lk.target), lk)
    return links


def _queues(instance: Instance) -> dict[tuple[str, str], list[Cohort]]:
    """Each queue's cohorts inside the horizon, first-come.

    First-come within a queue is "earlier ready first, ties in the given
    order"; a stable sort by ready date keeps the reader's tie order and
    does not trust it for the rest.
    """
    cohorts: dict[tuple[str, str], list[Cohort]] = {}
    for c in instance.cohorts:
        if (c.ready - instance.start).days < instance.days:
            cohorts.setdefault((c.district, c.service_class), []).append(c)
    for queue in cohorts.values():
        queue.sort(key=lambda c: c.ready)
    return cohorts
