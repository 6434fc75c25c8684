"""Checking the top levers by re-solving with the change (issue 5, part 6 (c)).

The change goes into the calendar, which is all the flow engine reads: +1
capacity on a district-day (what an extra outage-free printer of capacity 1, or
a capacity bump, gives that day), +1 blank usable from that day (a delivery of
one), +1 on a link's daily limit. A price is a bound that is exact when the
potentials are tight for the lever, so `actual` may save less than predicted,
never more (see prices.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from scheduler.explain.prices import Lever
from scheduler.instance.calendar import Calendar
from scheduler.network.graph import build_graph
from scheduler.network.solve import stage_values
from scheduler.network.stages import solve_stages


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


def check_levers(calendar: Calendar, levers: list[Lever], top: int) -> list[Check]:
    """Re-solve with each of the first `top` levers and report the actual changes."""
    misses, waiting, _ = flow_values(calendar)
    checks = []
    for lever in levers[:top]:
        after = flow_values(changed_calendar(calendar, lever))
        checks.append(Check(lever, after[0] - misses, after[1] - waiting))
    return checks
