"""Which constraints held a plan back (issue 5, part 6 (a)).

A district-day binds when applicants who could have been printed there were
still waiting at the end of that day: its printers ran at capacity
(`capacity`, or `outage` when an outage had lowered that capacity), or its
blank stock ran out with capacity left (`blanks`). "Could have been printed
there" counts the district's own applicants and those of every district with
a link that may carry prints into it. A link binds on a day its remote prints
reached its daily limit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scheduler.engines.network.graph import print_links
from scheduler.instance.arrays import IntArray
from scheduler.instance.calendar import Calendar
from scheduler.plan.result import EngineResult
from scheduler.plan.stock import blank_stock


@dataclass(frozen=True)
class BoundDay:
    """District `district` on day `day` held back applicants; `kind` says by what."""

    district: int
    day: int
    kind: str  # "capacity", "outage" or "blanks"
    printed: int
    capacity: int
    stock: int
    waiting: int


@dataclass(frozen=True)
class BoundLink:
    """Link `link` carried its daily limit of remote prints on day `day`."""

    link: int
    day: int
    cards: int


def nominal_capacity(calendar: Calendar) -> IntArray:
    """District capacity on open days as if no outage happened."""
    nominal = np.zeros_like(calendar.district_capacity)
    for index, printer in enumerate(calendar.instance.printers):
        district = int(calendar.printer_district[index])
        nominal[district] += np.where(calendar.open[district], printer.capacity, 0)
    return nominal


def binding_constraints(
    calendar: Calendar, result: EngineResult
) -> tuple[list[BoundDay], list[BoundLink]]:
    """The binding district-days and link-days of a plan, in day order."""
    districts, days = calendar.district_capacity.shape
    home = np.array([q.home for q in calendar.queues], dtype=np.int64)
    printed = np.zeros((districts, days), dtype=np.int64)
    queue_printed = np.zeros_like(calendar.ready)
    link_cards = np.zeros((calendar.link_source.size, days), dtype=np.int64)
    links = print_links(calendar)
    for pp in result.prints:
        where = int(calendar.printer_district[pp.printer])
        printed[where, pp.day] += pp.count
        queue_printed[pp.queue, pp.day] += pp.count
        if where != home[pp.queue]:
            link_cards[links[(int(home[pp.queue]), where)], pp.day] += pp.count
    left = np.cumsum(calendar.ready - queue_printed, axis=1)
    waiting_home = np.zeros((districts, days), dtype=np.int64)
    np.add.at(waiting_home, home, left)
    waiting = waiting_home.copy()
    for (source, target), link in links.items():
        if calendar.link_limit[link] != 0:
            waiting[target] += waiting_home[source]
    stock = blank_stock(calendar, result)
    capacity = calendar.district_capacity
    outage = capacity < nominal_capacity(calendar)
    days_bound: list[BoundDay] = []
    for t in range(days):
        for k in range(districts):
            if waiting[k, t] <= 0 or (capacity[k, t] <= 0 and not outage[k, t]):
                continue
            if printed[k, t] >= capacity[k, t]:
                kind = "outage" if outage[k, t] else "capacity"
            elif stock[k, t] <= 0:
                kind = "blanks"
            else:
                continue
            days_bound.append(BoundDay(k, t, kind, int(printed[k, t]), int(capacity[k, t]),
                                       int(stock[k, t]), int(waiting[k, t])))
    limited = calendar.link_limit > 0
    full = limited[:, None] & (link_cards >= calendar.link_limit[:, None])
    link_bound = [BoundLink(int(link), int(t), int(link_cards[link, t]))
                  for t, link in zip(*np.nonzero(full.T), strict=True)]
    return days_bound, link_bound
