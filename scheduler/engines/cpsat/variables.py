"""The CP-SAT decision variables, on counts, created only where they can be non-zero.

SPEC's objective is linear in counts (NETWORK.md, "why it is exact", point 2),
so the model never looks at single applicants:

- x[q, r, t]: cards of queue q printed on day t along route r: at home (r = -1,
  district home(q), lead 0) or along a link home(q) -> k (r = the link index).
- y[g, t], u[g, t]: cards printed on day t by a group g of a district's printers
  that are alike that day (same capacity, same min_batch), and how many of them
  print — only on district-days where a minimum batch (7) makes the split over
  printers matter. Alike printers are interchangeable, so U of them can print
  any total in [U·min_batch, U·cap]: one count instead of symmetric literals.
  Elsewhere the district's summed capacity is exact and the cards are placed
  on printers afterwards.
- n[l, t]: boxes of blanks sent along link l on day t; the blanks z = box_l * n
  (side constraint 8: a whole number of boxes; box 1 is the plain count).
- v[l, t]: "blanks travel along l on day t", only on links with a trip cost (8).

Pruning keeps the model lean and never cuts off a plan that matters:
no x where the district has no effective capacity or cannot hold a blank yet,
or before the queue's first ready day; no remote x whose home day is past the
horizon and past the queue's deadline (it saves nothing, costs >= 0) unless the
printing district has a minimum batch to fill; no n on days the source is
closed (SPEC 5), before the source can hold a blank, or when the blanks arrive
after the last day the target could still print them or pass them on.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from ortools.sat.python import cp_model

from scheduler.instance.calendar import BoolArray, Calendar, IntArray


@dataclass(frozen=True)
class SideData:
    """Side-constraint figures (SPEC 6–8) per printer, district and link."""

    min_batch: IntArray  # per printer; <= 1 means no constraint
    operators: IntArray  # per district; -1 = no limit
    box: IntArray  # per link
    trip_cost: IntArray  # per link


def side_data(calendar: Calendar) -> SideData:
    """Read the optional fields of SPEC 6–8 from the instance (the calendar omits them)."""
    inst = calendar.instance
    return SideData(
        min_batch=np.array([p.min_batch for p in inst.printers], dtype=np.int64),
        operators=np.array(
            [-1 if d.operators is None else d.operators for d in inst.districts], dtype=np.int64
        ),
        box=np.array([lk.box for lk in inst.links], dtype=np.int64),
        trip_cost=np.array([lk.trip_cost for lk in inst.links], dtype=np.int64),
    )


@dataclass(frozen=True)
class Capacities:
    """Printing capacity after SPEC 6 and 7 are folded in where that is exact.

    - `printer[p, t]`: capacity, 0 when it is below p's min_batch (7: such a day
      prints nothing) or the district has no operator (6: operators 0).
    - `total[k, t]`: Σ of `printer` over k's printers.
    - `operated[k, t]`: Σ of the `operators` largest `printer` capacities of k
      that day; without a minimum batch this is exactly what 6 allows (any total
      up to it is printed by filling the largest printers first).
    - `detailed[k, t]`: a printer of k with min_batch > 1 can print that day, so
      the model needs per-printer totals y and literals u.
    """

    printer: IntArray
    total: IntArray
    operated: IntArray
    detailed: BoolArray


def capacities(calendar: Calendar, side: SideData) -> Capacities:
    """Effective capacities per printer and district-day (see `Capacities`)."""
    cap = calendar.printer_capacity.copy()
    cap[cap < side.min_batch[:, None]] = 0
    districts = len(calendar.district_ids)
    cap[side.operators[calendar.printer_district] == 0] = 0
    total = np.zeros((districts, calendar.days), dtype=np.int64)
    np.add.at(total, calendar.printer_district, cap)
    operated = total.copy()
    detailed = np.zeros((districts, calendar.days), dtype=np.bool_)
    for k in range(districts):
        mine = np.flatnonzero(calendar.printer_district == k)
        if mine.size == 0:
            continue
        batch = (side.min_batch[mine, None] > 1) & (cap[mine] > 0)
        detailed[k] = batch.any(axis=0)
        o = int(side.operators[k])
        if 0 <= o < mine.size:
            top = -np.sort(-cap[mine], axis=0)[:o]
            operated[k] = top.sum(axis=0)
    return Capacities(cap, total, operated, detailed)


def blank_window(calendar: Calendar, total: IntArray) -> tuple[IntArray, IntArray]:
    """First day each district can hold a blank; last day a blank arriving there is used.

    first[k]: the earliest day blanks are at k (own supply, or sent along a link
    from a district that has them on an open day). last[k]: the last day k prints
    or sends blanks that are used later. Outside [first, last] every print or
    send at k is zero in every feasible plan, or pointless.
    """
    days = calendar.days
    supply_days = np.cumsum(calendar.supply, axis=1) > 0
    first = np.where(supply_days.any(axis=1), supply_days.argmax(axis=1), days)
    prints = total > 0
    last = np.where(prints.any(axis=1), days - 1 - prints[:, ::-1].argmax(axis=1), -1)
    links = range(len(calendar.link_source))
    changed = True
    while changed:
        changed = False
        for lk in links:
            j, k, lead = (int(calendar.link_source[lk]), int(calendar.link_target[lk]),
                          int(calendar.link_lead[lk]))
            open_days = np.flatnonzero(calendar.open[j])
            sends = open_days[(open_days >= first[j]) & (open_days + lead < days)]
            if sends.size and sends[0] + lead < first[k]:
                first[k] = sends[0] + lead
                changed = True
            useful = open_days[open_days + lead <= last[k]]
            if useful.size and useful[-1] > last[j]:
                last[j] = useful[-1]
                changed = True
    return first, last


def upper(var: cp_model.IntVar) -> int:
    """The largest value in a variable's domain."""
    domain = var.proto.domain
    return int(domain[len(domain) - 1])


@dataclass(frozen=True)
class Variables:
    """Every decision variable and what it stands for (index arrays parallel to the lists)."""

    x: list[cp_model.IntVar]
    x_queue: IntArray
    x_link: IntArray  # -1 = printed at home
    x_district: IntArray  # where it is printed
    x_day: IntArray
    x_home: IntArray  # home day = day + lead
    y: list[cp_model.IntVar]
    y_district: IntArray
    y_day: IntArray
    y_cap: IntArray  # capacity of each printer of the group that day
    y_batch: IntArray  # their min_batch
    y_members: tuple[tuple[int, ...], ...]  # the group's printers
    u: list[cp_model.IntVar]
    u_of_y: IntArray  # position of y's printing count in u, -1 none
    n: list[cp_model.IntVar]
    n_link: IntArray
    n_day: IntArray
    n_box: IntArray
    v: list[cp_model.IntVar]
    v_of_n: IntArray  # position of the trip literal in v, -1 none
    capacity: Capacities
    side: SideData

    @staticmethod
    def indices(variables: list[cp_model.IntVar]) -> IntArray:
        """Proto indices of variables, to read values out of a solution vector."""
        return np.array([var.index for var in variables], dtype=np.int64)


def _prints(model: cp_model.CpModel, calendar: Calendar, cap: Capacities,
            first_blank: IntArray) -> tuple[list[cp_model.IntVar], IntArray]:
    """x[q, r, t]: rows (queue, link, district, day, home day) and their variables."""
    days = calendar.days
    rows: list[tuple[int, int, int, int, int]] = []
    upper: list[int] = []
    cumulative_ready = np.cumsum(calendar.ready, axis=1)
    for q, queue in enumerate(calendar.queues):
        ready_days = np.flatnonzero(cumulative_ready[q] > 0)
        if ready_days.size == 0:
            continue
        routes = [(-1, queue.home, 0, -1)]
        routes += [
            (lk, int(calendar.link_target[lk]), int(calendar.link_lead[lk]),
             int(calendar.link_limit[lk]))
            for lk in np.flatnonzero(calendar.link_source == queue.home).tolist()
            if int(calendar.link_target[lk]) != queue.home
        ]
        horizon_end = days - 1 if queue.deadline is None else max(days - 1, queue.deadline)
        for lk, k, lead, limit in routes:
            if limit == 0:
                continue
            for t in range(max(int(ready_days[0]), int(first_blank[k])), days):
                room = int(cap.total[k, t])
                if room == 0:
                    continue
                if t + lead > horizon_end and not cap.detailed[k, t]:
                    continue
                bound = min(room, int(cumulative_ready[q, t]))
                if limit > 0:
                    bound = min(bound, limit)
                rows.append((q, lk, k, t, t + lead))
                upper.append(bound)
    xs = [model.new_int_var(0, ub, "") for ub in upper]
    table = np.array(rows, dtype=np.int64).reshape(-1, 5)
    return xs, table


@dataclass
class _Batches:
    """y (cards of a group of equal printers on a detailed district-day) and u (how many
    of them run), with each y's (district, day, capacity, batch) row and its printers."""

    rows: list[tuple[int, int, int, int]] = field(default_factory=list)
    members: list[tuple[int, ...]] = field(default_factory=list)
    ys: list[cp_model.IntVar] = field(default_factory=list)
    us: list[cp_model.IntVar] = field(default_factory=list)
    u_of_y: list[int] = field(default_factory=list)


def _batches(model: cp_model.CpModel, calendar: Calendar, cap: Capacities,
             side: SideData) -> _Batches:
    """One y per group of printers with equal capacity and batch on each detailed day;
    a u where operators bind or batches exceed 1."""
    out = _Batches()
    for k, t in zip(*np.nonzero(cap.detailed), strict=True):
        mine = np.flatnonzero((calendar.printer_district == k) & (cap.printer[:, t] > 0))
        o = int(side.operators[k])
        binding = 0 <= o < mine.size
        groups: dict[tuple[int, int], list[int]] = {}
        for p in mine.tolist():
            key = (int(cap.printer[p, t]), max(int(side.min_batch[p]), 1))
            groups.setdefault(key, []).append(p)
        for (each, batch), printers in sorted(groups.items(), reverse=True):
            out.rows.append((int(k), int(t), each, batch))
            out.members.append(tuple(printers))
            out.ys.append(model.new_int_var(0, each * len(printers), ""))
            if binding or batch > 1:
                out.u_of_y.append(len(out.us))
                out.us.append(model.new_int_var(0, len(printers), ""))
            else:
                out.u_of_y.append(-1)
    return out


@dataclass
class _Sends:
    """n (boxes sent along a link on a day) with its (link, day, box) row, and v (a trip)."""

    rows: list[tuple[int, int, int]] = field(default_factory=list)
    ns: list[cp_model.IntVar] = field(default_factory=list)
    vs: list[cp_model.IntVar] = field(default_factory=list)
    v_of_n: list[int] = field(default_factory=list)


def _sends(model: cp_model.CpModel, calendar: Calendar, side: SideData,
           first_blank: IntArray, last_use: IntArray) -> _Sends:
    """An n per link carrying blanks and open sending day on which a blank could be useful;
    a trip v where the link has a trip cost."""
    out = _Sends()
    days = calendar.days
    total_supply = np.cumsum(calendar.supply.sum(axis=0))
    for lk in range(len(calendar.link_source)):
        j, k = int(calendar.link_source[lk]), int(calendar.link_target[lk])
        lead, box = int(calendar.link_lead[lk]), int(side.box[lk])
        if j == k or not calendar.instance.links[lk].carries_blanks:
            continue
        for t in np.flatnonzero(calendar.open[j]).tolist():
            if t < first_blank[j] or t + lead > last_use[k] or t + lead >= days:
                continue
            boxes = int(total_supply[t]) // box
            if boxes == 0:
                continue
            out.rows.append((lk, t, box))
            out.ns.append(model.new_int_var(0, boxes, ""))
            if side.trip_cost[lk] > 0:
                out.v_of_n.append(len(out.vs))
                out.vs.append(model.new_bool_var(""))
            else:
                out.v_of_n.append(-1)
    return out


def create_variables(model: cp_model.CpModel, calendar: Calendar) -> Variables:
    """Create x, y, u, n, v (see the module docstring) in `model`, in that order."""
    side = side_data(calendar)
    cap = capacities(calendar, side)
    first_blank, last_use = blank_window(calendar, cap.total)
    xs, table = _prints(model, calendar, cap, first_blank)
    batches = _batches(model, calendar, cap, side)
    sends = _sends(model, calendar, side, first_blank, last_use)
    y_table = np.array(batches.rows, dtype=np.int64).reshape(-1, 4)
    n_table = np.array(sends.rows, dtype=np.int64).reshape(-1, 3)
    return Variables(
        x=xs, x_queue=table[:, 0], x_link=table[:, 1], x_district=table[:, 2],
        x_day=table[:, 3], x_home=table[:, 4],
        y=batches.ys, y_district=y_table[:, 0], y_day=y_table[:, 1], y_cap=y_table[:, 2],
        y_batch=y_table[:, 3], y_members=tuple(batches.members),
        u=batches.us, u_of_y=np.array(batches.u_of_y, dtype=np.int64),
        n=sends.ns, n_link=n_table[:, 0], n_day=n_table[:, 1], n_box=n_table[:, 2],
        v=sends.vs, v_of_n=np.array(sends.v_of_n, dtype=np.int64),
        capacity=cap, side=side,
    )


def relaxed_calendar(calendar: Calendar) -> Calendar:
    """The calendar with SPEC 6 and 7 folded into capacities as far as a network allows.

    A printer-day below its min_batch prints nothing, and a district-day prints
    at most its `operators` largest capacities; every plan obeys both, so a flow
    on these capacities is still a lexicographic lower bound (and exact when no
    min_batch binds) — a far tighter one, and a far better hint, than the flow
    with the side constraints simply dropped.
    """
    cap = capacities(calendar, side_data(calendar))
    return replace(calendar, printer_capacity=cap.printer, district_capacity=cap.operated)
