"""Levers in the units a coordinator buys (issue 15, item 5).

The prices (prices.py) are per card of capacity, per blank, per card a day on a
link. A coordinator buys other units:
- a printer-day: one more printer at district k working on day t, as big as k's
  largest printer (a district without one: the instance's median printer);
- a thousand blanks usable at k from day t (a delivery of 1,000);
- a day sooner repair: an outage's last open day within the horizon gets its
  capacity back (`units` is the capacity it gives back that day);
- one more card a day on a limited link, every day (as priced).

For `units` of a lever priced p per unit, the change is at least `units · p`
(the optimum of each stage is convex in a capacity or a supply, and the
potentials give a subgradient at the plan; see prices.py), so `units · p` is a
saving the purchase can reach at most, and a re-solve (check.py) measures what
it really saves. A repair whose day has no capacity left at all (the outage
stops the district) has no price, as the flow graph has no node for the day:
it is measured by re-solving (check.settle).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from statistics import median

import numpy as np

from scheduler.diagnose.explain.prices import Lever, b_nodes, lever_arcs, price_of
from scheduler.engines.network.graph import FlowGraph
from scheduler.engines.network.stages import StagedFlow
from scheduler.instance.arrays import IntArray
from scheduler.instance.calendar import Calendar
from scheduler.instance.model import Outage

BLANKS = 1000  # blanks in one purchase


@dataclass(frozen=True)
class Offer:
    """One purchase and its change of (misses, waiting): a bound unless `measured`.

    `kind` is "printer-day", "blanks", "repair" or "link"; `day` the day the
    capacity works or the blanks are there by (None for a link); `units` the
    cards of capacity, blanks or cards a day it adds; `outage` the record a
    repair ends sooner. `waiting` is None when misses move (then the waiting
    optimum is re-ranked and no waiting change is claimed).
    """

    kind: str
    district: int | None
    day: int | None
    link: int | None
    units: int
    misses: int
    waiting: int | None
    measured: bool = False
    outage: Outage | None = None

    @property
    def key(self) -> tuple[int, int]:
        """Ranking: most misses saved first, then most waiting saved."""
        return self.misses, 0 if self.waiting is None else self.waiting


def printer_day_units(calendar: Calendar) -> IntArray:
    """Per district: the capacity of its largest printer (none: the median printer's)."""
    capacities = [p.capacity for p in calendar.instance.printers]
    units = np.full(len(calendar.district_ids), int(median(capacities)) if capacities else 1,
                    dtype=np.int64)
    largest: dict[int, int] = {}
    for p, printer in enumerate(calendar.instance.printers):
        k = int(calendar.printer_district[p])
        largest[k] = max(largest.get(k, 0), printer.capacity)
    for k, capacity in largest.items():
        units[k] = capacity
    return units


def _scaled(lever: Lever, kind: str, units: int) -> Offer:
    return Offer(kind, lever.district, lever.day, lever.link, units, units * lever.misses,
                 None if lever.waiting is None else units * lever.waiting)


def priced_offers(calendar: Calendar, levers: list[Lever]) -> list[Offer]:
    """Each priced lever as a purchase: printer-days, thousands of blanks, link cards."""
    printer_day = printer_day_units(calendar)
    offers = []
    for lever in levers:
        if lever.kind == "capacity":
            assert lever.district is not None
            offers.append(_scaled(lever, "printer-day", int(printer_day[lever.district])))
        elif lever.kind == "blank":
            offers.append(_scaled(lever, "blanks", BLANKS))
        else:
            offers.append(_scaled(lever, "link", 1))
    return offers


def outage_printers(calendar: Calendar, outage: Outage) -> list[int]:
    """The printers an outage covers: its printer, or every printer of its district."""
    printers = calendar.instance.printers
    if outage.printer is not None:
        return [p for p, printer in enumerate(printers) if printer.id == outage.printer]
    return [p for p, printer in enumerate(printers) if printer.district == outage.district]


def repair_day(calendar: Calendar, outage: Outage,
               covering: dict[int, list[Outage]]) -> tuple[int, int, int] | None:
    """(district, day, cards) the outage ended a day sooner gives back.

    The day is the outage's last open day within the horizon; on it each of the
    outage's printers gets the capacity the other outages covering it leave
    (the calendar's rule: the least cap of the outages that day). `covering`
    lists each printer's outages. None when no open day or no card is gained.
    """
    instance = calendar.instance
    printers = outage_printers(calendar, outage)
    if not printers:
        return None
    k = int(calendar.printer_district[printers[0]])
    last = min(instance.day_index(outage.end), calendar.days - 1)
    first = max(instance.day_index(outage.start), 0)
    days = [t for t in range(last, first - 1, -1) if calendar.open[k, t]]
    if not days:
        return None
    day = days[0]
    when = instance.date_of(day)
    gained = 0
    for p in printers:
        caps = [o.capacity for o in covering[p] if o is not outage and o.start <= when <= o.end]
        gained += min([instance.printers[p].capacity, *caps]) - int(
            calendar.printer_capacity[p, day])
    return (k, day, gained) if gained > 0 else None


def repair_offers(calendar: Calendar, graph: FlowGraph, staged: StagedFlow,
                  ) -> tuple[list[Offer], list[Offer]]:
    """Every outage's day sooner repair: priced (a bound) when its day has capacity left,
    else returned second, to be measured by re-solving."""
    covering: dict[int, list[Outage]] = {p: [] for p in range(len(calendar.printer_ids))}
    for outage in calendar.instance.outages:
        for p in outage_printers(calendar, outage):
            covering[p].append(outage)
    priced, to_measure = [], []
    head_of = b_nodes(graph)
    for outage in calendar.instance.outages:
        found = repair_day(calendar, outage, covering)
        if found is None:
            continue
        k, day, units = found
        offer = Offer("repair", k, day, None, units, 0, 0, outage=outage)
        if graph.k_node[k, day] < 0:
            to_measure.append(offer)
            continue
        per_card = Lever("capacity", k, day, None, 0, 0)
        misses, waiting = price_of(staged, *lever_arcs(calendar, graph, per_card, head_of))
        scaled = replace(offer, misses=units * misses,
                         waiting=None if waiting is None else units * waiting)
        if scaled.key < (0, 0):
            priced.append(scaled)
    return priced, to_measure
