"""The nation split into provinces along the relaxed flow's cross-border cards and blanks.

The national relaxed flow (side constraints folded into capacities or dropped;
proven optimal) decides what crosses a province border: cards of a home
district printed in another province, and blanks sent along a link between
provinces. Those are fixed; each province then becomes an instance of its own
whose every plan, put beside the fixed crossings, is a plan for the nation:

- **Cards printed for another province** at office k on day t: placed on k's
  printers as SPEC 6 and 7 allow (`split_batches`: each printer 0 or within its
  batch and capacity, at most `operators` of them); what cannot be placed stays
  home (it does not cross). In k's province each used printer keeps what is
  left of its capacity that day (a one-day outage at capacity − cards; a
  printer with a minimum batch already printed one, so anything the province
  adds keeps it within the rule), and where k has an operator limit, its
  smallest other printers are closed that day until no more than `operators`
  can print in all. Their blanks leave k's own supply usable by that day, the
  latest first: every plan of the province then has, on every day, its blanks
  less the crossings' so far (as many cross as k's own supply by then covers).
- **Cards of a home district printed in another province** on day t: as many of
  the queue's applicants ready by t leave its queue, the latest-ready first.
  Whatever the province prints of the rest, its cards plus the crossing ones
  never exceed what was ready on any day: by each day at least the crossing
  cards printed so far left among those ready by then.
- **Blanks sent across a border** on day s along a link of lead L: rounded to
  whole boxes (up while the sender's own supply covers it, else down), taken
  from the sender's own supply as above, and a delivery to the receiver on s + L.

Every province plan is validated on its own instance (make_plan), and the
assembled plan on the national one. The cost: the crossings are the relaxed
flow's, not chosen with the side constraints in view, and the province
instances are stricter than needed (own supply only, whole printers closed).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

import numpy as np

from scheduler.engines.cpsat.hint import split_batches
from scheduler.engines.cpsat.variables import capacities, side_data
from scheduler.instance.arrays import IntArray
from scheduler.instance.calendar import Calendar
from scheduler.instance.model import Cohort, Delivery, District, Instance, Outage
from scheduler.plan.result import EngineResult, PlannedPrint, PlannedTransfer


@dataclass
class Crossings:
    """What crosses province borders (fixed), and what each district's own supply gives up."""

    prints: list[PlannedPrint] = field(default_factory=list)
    transfers: list[PlannedTransfer] = field(default_factory=list)
    leaving: dict[int, list[tuple[int, int]]] = field(
        default_factory=lambda: defaultdict(list))  # queue -> (day, cards) printed across
    outages: list[Outage] = field(default_factory=list)
    supply: IntArray | None = None  # (district, day): own blanks the crossings left


def provinces(calendar: Calendar) -> dict[str, list[int]]:
    """Province name -> its district indices (a district without one is its own province)."""
    out: dict[str, list[int]] = defaultdict(list)
    for k, district in enumerate(calendar.instance.districts):
        out[district.province or f"district {district.id}"].append(k)
    return dict(sorted(out.items()))


class _Supply:
    """Each district's own blanks per day (stock, deliveries) less what crossings took.

    A crossing on day t takes blanks that became usable on or before t, the
    latest first: the province keeps its early blanks for its own early prints.
    """

    def __init__(self, calendar: Calendar) -> None:
        self.left = calendar.supply.copy()

    def room(self, k: int, day: int) -> int:
        """The most blanks k's own supply can give up on `day`."""
        return int(self.left[k, : day + 1].sum())

    def take(self, k: int, day: int, blanks: int) -> None:
        for d in range(day, -1, -1):
            cut = min(blanks, int(self.left[k, d]))
            self.left[k, d] -= cut
            blanks -= cut


def _province_of(calendar: Calendar) -> list[str]:
    return [d.province or f"district {d.id}" for d in calendar.instance.districts]


def crossings(calendar: Calendar, relaxed: EngineResult) -> Crossings:
    """The relaxed flow's cross-border cards and blanks, made valid for the province split."""
    province = _province_of(calendar)
    side = side_data(calendar)
    cap = capacities(calendar, side).printer
    supply = _Supply(calendar)
    out = Crossings()
    _cross_transfers(calendar, relaxed, province, supply, out)
    by_office: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for pp in relaxed.prints:
        home, k = calendar.queues[pp.queue].home, int(calendar.printer_district[pp.printer])
        if province[home] != province[k]:
            by_office[k, pp.day].append((pp.queue, pp.count))
    for (k, t), cards in sorted(by_office.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        mine = [p for p in range(len(calendar.printer_ids))
                if calendar.printer_district[p] == k and cap[p, t] > 0]
        # No more cross than k's own supply covers; the split keeps every printer within
        # its batch and capacity and the office within its operators (SPEC 6, 7).
        wanted = min(sum(n for _, n in cards), supply.room(k, t))
        shares = split_batches(wanted, [int(cap[p, t]) for p in mine],
                               [int(side.min_batch[p]) for p in mine], int(side.operators[k]))
        placed = sum(shares)
        supply.take(k, t, placed)
        _place(calendar, k, t, cards, mine, shares, placed, int(side.operators[k]), out)
    out.supply = supply.left
    return out


def _cross_transfers(calendar: Calendar, relaxed: EngineResult, province: list[str],
                     supply: _Supply, out: Crossings) -> None:
    """Blanks sent across a border, in whole boxes, taken from the sender's own supply."""
    for tr in sorted(relaxed.transfers, key=lambda tr: (tr.day, tr.link)):
        j, k = int(calendar.link_source[tr.link]), int(calendar.link_target[tr.link])
        if province[j] == province[k]:
            continue
        box = calendar.instance.links[tr.link].box
        for blanks in (-(-tr.count // box) * box, tr.count // box * box):
            if 0 < blanks <= supply.room(j, tr.day):
                supply.take(j, tr.day, blanks)
                out.transfers.append(PlannedTransfer(tr.link, tr.day, blanks))
                break


def _place(calendar: Calendar, k: int, t: int, cards: list[tuple[int, int]], mine: list[int],
           shares: list[int], placed: int, operators: int, out: Crossings) -> None:
    """Put `placed` of the office-day's crossing cards on its printers; close printers so the
    operators are not exceeded; record the queues' leaving cards and the blanks taken."""
    if placed == 0:
        return
    slots = [(p, s) for p, s in zip(mine, shares, strict=True) if s > 0]
    when = calendar.instance.date_of(t)
    for p, used in slots:
        room = int(calendar.printer_capacity[p, t]) - used
        out.outages.append(Outage(when, when, room, printer=calendar.printer_ids[p]))
    if 0 <= operators:
        open_others = [p for p in mine if p not in {p for p, _ in slots}]
        open_others.sort(key=lambda p: (int(calendar.printer_capacity[p, t]), p))
        while len(open_others) + len(slots) > operators and open_others:
            p = open_others.pop(0)
            out.outages.append(Outage(when, when, 0, printer=calendar.printer_ids[p]))
    left = placed
    slot, room = 0, slots[0][1]
    for q, n in cards:
        n = min(n, left)
        left -= n
        out.leaving[q].append((t, n))
        while n > 0:
            take = min(n, room)
            if take > 0:
                out.prints.append(PlannedPrint(q, slots[slot][0], t, take))
            n -= take
            room -= take
            if room == 0 and slot + 1 < len(slots):
                slot += 1
                room = slots[slot][1]


def province_instance(calendar: Calendar, name: str, members: list[int], cross: Crossings
                      ) -> Instance:
    """Province `name` as an instance of its own, with the crossings fixed (module docstring)."""
    inst = calendar.instance
    ids = {calendar.district_ids[k] for k in members}
    printers = tuple(p for p in inst.printers if p.district in ids)
    printer_ids = {p.id for p in printers}
    districts, deliveries = _supplies(calendar, members, cross)
    arrivals = [
        Delivery(calendar.district_ids[int(calendar.link_target[tr.link])],
                 inst.date_of(tr.day + int(calendar.link_lead[tr.link])), tr.count)
        for tr in cross.transfers
        if calendar.district_ids[int(calendar.link_target[tr.link])] in ids
        and tr.day + int(calendar.link_lead[tr.link]) < inst.days]
    outages = tuple(o for o in (*inst.outages, *cross.outages)
                    if (o.printer in printer_ids) or (o.district in ids))
    return replace(
        inst, name=f"{inst.name}-{name}", districts=districts, printers=printers,
        outages=outages, deliveries=(*deliveries, *arrivals),
        links=tuple(lk for lk in inst.links if lk.source in ids and lk.target in ids),
        cohorts=_cohorts(calendar, ids, cross), applicant_ids=None, outage_model=(),
        delivery_delays=(), inputs=())


def _supplies(calendar: Calendar, members: list[int], cross: Crossings
              ) -> tuple[tuple[District, ...], tuple[Delivery, ...]]:
    """The province's districts and deliveries: each district's own supply by day as the
    crossings left it (day 0: its stock; later days: deliveries)."""
    inst = calendar.instance
    left = calendar.supply if cross.supply is None else cross.supply
    districts = []
    deliveries: list[Delivery] = []
    for k in members:
        districts.append(replace(inst.districts[k], blanks=int(left[k, 0])))
        deliveries += [Delivery(calendar.district_ids[k], inst.date_of(int(d)), int(left[k, d]))
                       for d in np.flatnonzero(left[k, 1:]) + 1]
    return tuple(districts), tuple(deliveries)


def _cohorts(calendar: Calendar, ids: set[str], cross: Crossings) -> tuple[Cohort, ...]:
    """The province's cohorts less the applicants printed across a border: for a crossing
    print on day t, applicants ready by t, the latest first (the earlier ones stay for
    the province's own early prints)."""
    cohorts = [c for c in calendar.instance.cohorts if c.district in ids]
    counts = [c.count for c in cohorts]
    start = calendar.instance.start
    for q, crossing in cross.leaving.items():
        queue = calendar.queues[q]
        key = (calendar.district_ids[queue.home], calendar.class_ids[queue.service_class])
        mine = [i for i, c in enumerate(cohorts) if (c.district, c.service_class) == key]
        for day, cards in sorted(crossing):
            for i in reversed(mine):
                if (cohorts[i].ready - start).days <= day and cards > 0:
                    cut = min(cards, counts[i])
                    counts[i] -= cut
                    cards -= cut
    return tuple(replace(c, count=n) for c, n in zip(cohorts, counts, strict=True) if n > 0)
