"""The ceiling: the most cards the horizon could print (NETWORK.md, "The same graph answers more").

A max-flow on the time-expanded network of NETWORK.md with costs ignored and the
"not printed" arcs left out, so every unit that reaches the sink is a printed
card with a blank traced back to its delivery:

    S → Q[q,t] → … → Q[q,t'] → (R[h→k,t'] →) K[k,t'] → B[k,t'] → … → B[j,s] → Z

The arcs are built here from the Calendar, unpruned: the flow engine drops
remote prints whose home day falls past the horizon (they save no waiting) but
they are still printed cards, so they count towards the ceiling. Every node
exists for every day (Q, R, K, B blocks, numbered arithmetically).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python.max_flow import SimpleMaxFlow

from scheduler.engines.network.graph import print_links
from scheduler.i18n import _, number
from scheduler.instance.arrays import IntArray
from scheduler.instance.calendar import Calendar


@dataclass(frozen=True)
class Ceiling:
    """The most cards printable within the horizon, and how many of them are worth printing.

    `cards` counts every print; `home_in_time` only those whose card is home within
    the horizon or by its class deadline (what the flow engine keeps after pruning).
    `per_district` (when asked for): the most cards of each home district's
    residents alone, the other districts printing nothing.
    """

    cards: int
    home_in_time: int
    per_district: dict[str, int] | None = None

    def sentence(self, printed: int) -> str:
        """'printed 41,200 of at most 41,950'."""
        return _("printed {printed} of at most {cards}").format(
            printed=number(printed), cards=number(self.cards))

    def gap_reason(self, printed: int) -> str | None:
        """One line saying why a plan prints fewer than the ceiling (None without a gap)."""
        if printed >= self.cards:
            return None
        late = self.cards - max(printed, self.home_in_time)
        traded = max(0, self.home_in_time - printed)
        parts = []
        if late > 0:
            parts.append(_("{late} would be home only after the horizon and are not worth "
                           "printing for waiting").format(late=number(late)))
        if traded > 0:
            parts.append(_("{traded} traded for fewer deadline misses or less waiting "
                           "(the objective ranks waiting above throughput)").format(
                               traded=number(traded)))
        return _("short of the ceiling by {count}: {reasons}").format(
            count=number(self.cards - printed), reasons="; ".join(parts))


@dataclass(frozen=True)
class _Network:
    """Arc arrays of the unpruned max-flow network; `source_queue[i]` is source arc i's queue."""

    nodes: int
    source: int
    sink: int
    tail: IntArray
    head: IntArray
    capacity: IntArray
    source_queue: IntArray  # queue of each source arc (arcs 0 … len-1)


class _Builder:
    """Numbers every node arithmetically (Q, R, K, B blocks by day) and collects arcs."""

    def __init__(self, calendar: Calendar) -> None:
        self.days = days = calendar.days
        self.infinite = max(int(calendar.ready.sum()), 1)
        self.r_first = len(calendar.queues) * days
        self.k_first = self.r_first + int(calendar.link_source.size) * days
        self.b_first = self.k_first + len(calendar.district_ids) * days
        self.source = self.b_first + len(calendar.district_ids) * days
        self.sink = self.source + 1
        self.tails: list[IntArray] = []
        self.heads: list[IntArray] = []
        self.caps: list[IntArray] = []

    def q(self, queue: IntArray | int, t: IntArray | int) -> IntArray:
        return np.asarray(queue, dtype=np.int64) * self.days + t

    def r(self, link: IntArray, t: IntArray) -> IntArray:
        return self.r_first + link * self.days + t

    def k(self, district: IntArray, t: IntArray) -> IntArray:
        return self.k_first + district * self.days + t

    def b(self, district: IntArray, t: IntArray) -> IntArray:
        return self.b_first + district * self.days + t

    def add(self, tail: IntArray, head: IntArray, capacity: IntArray | int) -> None:
        self.tails.append(np.asarray(tail, dtype=np.int64))
        self.heads.append(np.asarray(head, dtype=np.int64))
        self.caps.append(np.broadcast_to(np.asarray(capacity, dtype=np.int64),
                                         tail.shape).copy())

    def network(self, source_queue: IntArray) -> _Network:
        return _Network(nodes=self.sink + 1, source=self.source, sink=self.sink,
                        tail=np.concatenate(self.tails), head=np.concatenate(self.heads),
                        capacity=np.concatenate(self.caps), source_queue=source_queue)


def _queue_arcs(net: _Builder, calendar: Calendar) -> IntArray:
    """Applicants enter on their ready day and may wait any number of days; returns the
    queue of each entering (source) arc."""
    sq, st = np.nonzero(calendar.ready > 0)
    net.add(np.full(sq.size, net.source, dtype=np.int64), net.q(sq, st), calendar.ready[sq, st])
    wq, wt = np.nonzero(np.ones((len(calendar.queues), max(net.days - 1, 0)), dtype=np.bool_))
    net.add(net.q(wq, wt), net.q(wq, wt + 1), net.infinite)
    return sq.astype(np.int64)


def _print_arcs(net: _Builder, calendar: Calendar, home_in_time: bool) -> None:
    """Q[q,t] → K[h,t] at home; Q[q,t] → R[l,t] → K[k,t] at a neighbour along link h→k.

    With `home_in_time`, a remote print whose card is home neither within the horizon
    nor by the deadline is left out (the flow engine prunes it)."""
    days = net.days
    dayline = np.arange(days, dtype=np.int64)
    capacity = calendar.district_capacity
    home = np.array([q.home for q in calendar.queues], dtype=np.int64)
    deadline = calendar.deadline_days()
    hq, ht = np.nonzero(capacity[home] > 0)
    net.add(net.q(hq, ht), net.k(home[hq], ht), net.infinite)
    for link in print_links(calendar).values():
        limit = int(calendar.link_limit[link])
        if limit == 0:
            continue
        target = int(calendar.link_target[link])
        lead = int(calendar.link_lead[link])
        days_open = dayline[capacity[target] > 0]
        net.add(net.r(np.full(days_open.size, link), days_open),
                net.k(np.full(days_open.size, target), days_open),
                net.infinite if limit < 0 else limit)
        for q in np.flatnonzero(home == calendar.link_source[link]):
            t = days_open
            if home_in_time:
                t = t[(t + lead < days) | (t + lead <= deadline[q])]
            net.add(net.q(int(q), t), net.r(np.full(t.size, link), t), net.infinite)


def _blank_arcs(net: _Builder, calendar: Calendar) -> None:
    """K[k,t] → B[k,t] the printers; a blank used on day t was in stock the day before,
    came along a link that carries blanks, or was delivered that day (B → Z)."""
    days = net.days
    dayline = np.arange(days, dtype=np.int64)
    capacity = calendar.district_capacity
    kk, kt = np.nonzero(capacity > 0)
    net.add(net.k(kk, kt), net.b(kk, kt), capacity[kk, kt])
    bk, bt = np.nonzero(np.ones((len(calendar.district_ids), max(days - 1, 0)), dtype=np.bool_))
    net.add(net.b(bk, bt + 1), net.b(bk, bt), net.infinite)
    for link, record in enumerate(calendar.instance.links):
        src, dst = int(calendar.link_source[link]), int(calendar.link_target[link])
        lead = int(calendar.link_lead[link])
        if src == dst or not record.carries_blanks:
            continue
        sent = dayline[(dayline + lead < days) & calendar.open[src]]
        net.add(net.b(np.full(sent.size, dst), sent + lead),
                net.b(np.full(sent.size, src), sent), net.infinite)
    dk, dt = np.nonzero(calendar.supply > 0)
    net.add(net.b(dk, dt), np.full(dk.size, net.sink, dtype=np.int64), calendar.supply[dk, dt])


def _network(calendar: Calendar, home_in_time: bool) -> _Network:
    """Build the network; with `home_in_time`, drop remote prints the flow engine prunes."""
    net = _Builder(calendar)
    source_queue = _queue_arcs(net, calendar)
    _print_arcs(net, calendar, home_in_time)
    _blank_arcs(net, calendar)
    return net.network(source_queue)


def _max_flow(network: _Network, capacity: IntArray) -> int:
    solver = SimpleMaxFlow()
    solver.add_arcs_with_capacity(network.tail.astype(np.int32), network.head.astype(np.int32),
                                  capacity)
    status = solver.solve(network.source, network.sink)
    if status != solver.OPTIMAL:
        raise RuntimeError(f"max-flow failed with status {status}")
    return int(solver.optimal_flow())


def throughput_ceiling(calendar: Calendar, *, per_district: bool = False) -> Ceiling:
    """The most cards printable within the horizon (and those home in time).

    With `per_district`, one more max-flow per home district with only its
    residents entering the network.
    """
    if not calendar.queues or calendar.days == 0:
        empty = {d: 0 for d in calendar.district_ids} if per_district else None
        return Ceiling(0, 0, empty)
    full = _network(calendar, home_in_time=False)
    cards = _max_flow(full, full.capacity)
    in_time = _network(calendar, home_in_time=True)
    home_in_time = _max_flow(in_time, in_time.capacity)
    districts: dict[str, int] | None = None
    if per_district:
        districts = {}
        arc_home = np.array([q.home for q in calendar.queues], dtype=np.int64)[full.source_queue]
        entering = full.source_queue.size  # the source arcs come first
        for k, district in enumerate(calendar.district_ids):
            capacity = full.capacity.copy()
            capacity[:entering][arc_home != k] = 0
            districts[district] = _max_flow(full, capacity) if (arc_home == k).any() else 0
    return Ceiling(cards, home_in_time, districts)
