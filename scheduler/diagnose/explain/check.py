"""Checking the top levers by re-solving with the change (issue 5, part 6 (c)).

The change goes into the calendar, which is all the flow engine reads: +1
capacity on a district-day (what an extra outage-free printer of capacity 1, or
a capacity bump, gives that day), +1 blank usable from that day (a delivery of
one), +1 on a link's daily limit. A price is a bound that is exact when the
potentials are tight for the lever, so `actual` may save less than predicted,
never more (see prices.py).

A district-day whose outage took its capacity down to 0 has no node in the
flow graph, hence no price, though repairing it may be the best lever there is.
`outage_levers` measures those directly: +1 capacity that day, re-solved. To
keep big instances fast it measures only the first `OUTAGE_DAYS` such binding
days of each district, in day order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from scheduler.diagnose.explain.binding import BoundDay
from scheduler.diagnose.explain.prices import Lever
from scheduler.engines.network.engine import stage_values
from scheduler.engines.network.graph import build_graph
from scheduler.engines.network.stages import solve_stages
from scheduler.instance.calendar import Calendar

OUTAGE_DAYS = 30  # re-solves per district for levers on days an outage took to 0


@dataclass(frozen=True)
class Check:
    """A lever, its predicted changes and the re-solved changes (misses, waiting)."""

    lever: Lever
    misses: int
    waiting: int


def changed_calendar(calendar: Calendar, lever: Lever) -> Calendar:
    """The calendar with the lever's +1 applied (arrays copied, the original untouched)."""
    if lever.kind == "link":
        assert lever.link is not None
        limit = calendar.link_limit.copy()
        limit[lever.link] += 1
        return replace(calendar, link_limit=limit)
    assert lever.district is not None and lever.day is not None
    if lever.kind == "capacity":
        capacity = calendar.district_capacity.copy()
        capacity[lever.district, lever.day] += 1
        return replace(calendar, district_capacity=capacity)
    supply = calendar.supply.copy()
    supply[lever.district, lever.day] += 1
    return replace(calendar, supply=supply)


def flow_values(calendar: Calendar) -> tuple[int, int, int]:
    """The lexicographic optimum (misses, waiting, transfer) of a calendar's pure network."""
    graph = build_graph(calendar)
    return stage_values(graph, solve_stages(graph).flow)


def outage_levers(
    calendar: Calendar, days: list[BoundDay], per_district: int = OUTAGE_DAYS
) -> list[Lever]:
    """+1 capacity on binding open days an outage took to 0, measured by re-solving.

    Takes the first `per_district` such days of each district in `days` (day
    order); keeps those that change the optimum, with both changes exact.
    """
    taken: dict[int, int] = {}
    picked = []
    for bound in days:
        if (bound.kind != "outage" or bound.capacity != 0
                or not calendar.open[bound.district, bound.day]
                or taken.get(bound.district, 0) >= per_district):
            continue
        taken[bound.district] = taken.get(bound.district, 0) + 1
        picked.append(Lever("capacity", bound.district, bound.day, None, 0, 0, measured=True))
    if not picked:
        return []
    misses, waiting, _ = flow_values(calendar)
    levers = []
    for lever in picked:
        after = flow_values(changed_calendar(calendar, lever))
        measured = replace(lever, misses=after[0] - misses, waiting=after[1] - waiting)
        if measured.key < (0, 0):
            levers.append(measured)
    return levers


def check_levers(calendar: Calendar, levers: list[Lever], top: int) -> list[Check]:
    """Re-solve with each of the first `top` priced levers and report the actual changes.

    Measured levers are skipped: they were re-solved already.
    """
    misses, waiting, _ = flow_values(calendar)
    checks = []
    for lever in [lv for lv in levers if not lv.measured][:top]:
        after = flow_values(changed_calendar(calendar, lever))
        checks.append(Check(lever, after[0] - misses, after[1] - waiting))
    return checks
