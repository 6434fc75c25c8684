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
import numpy.typing as npt
from ortools.graph.python.max_flow import SimpleMaxFlow

from scheduler.engines.network.graph import NO_DEADLINE, print_links
from scheduler.instance.calendar import Calendar

IntArray = npt.NDArray[np.int64]


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
        return f"printed {printed:,} of at most {self.cards:,}"

    def gap_reason(self, printed: int) -> str | None:
        """One line saying why a plan prints fewer than the ceiling (None without a gap)."""
        if printed >= self.cards:
            return None
        late = self.cards - max(printed, self.home_in_time)
        traded = max(0, self.home_in_time - printed)
        parts = []
        if late > 0:
            parts.append(f"{late:,} would be home only after the horizon and are not worth "
                         "printing for waiting")
        if traded > 0:
            parts.append(f"{traded:,} traded for fewer deadline misses or less waiting "
                         "(the objective ranks waiting above throughput)")
        return f"short of the ceiling by {self.cards - printed:,}: " + "; ".join(parts)


@dataclass(frozen=True)
class _Network:
    """Arc arrays of the unpruned max-flow network; `source_arc[q, t]` feeds Q[q,t]."""

    nodes: int
    source: int
    sink: int
    tail: IntArray
    head: IntArray
    capacity: IntArray
    source_queue: IntArray  # queue of each source arc (arcs 0 … len-1)


def _network(calendar: Calendar, home_in_time: bool) -> _Network:
    """Build the network; with `home_in_time`, drop remote prints the flow engine prunes."""
    days = calendar.days
    n_queues = len(calendar.queues)
    n_links = int(calendar.link_source.size)
    n_districts = len(calendar.district_ids)
    infinite = max(int(calendar.ready.sum()), 1)
    dayline = np.arange(days, dtype=np.int64)

    def q_node(q: IntArray | int, t: IntArray | int) -> IntArray:
        return np.asarray(q, dtype=np.int64) * days + t

    r_first = n_queues * days
    k_first = r_first + n_links * days
    b_first = k_first + n_districts * days
    source = b_first + n_districts * days
    sink = source + 1

    def r_node(link: IntArray, t: IntArray) -> IntArray:
        return r_first + link * days + t

    def k_node(k: IntArray, t: IntArray) -> IntArray:
        return k_first + k * days + t

    def b_node(k: IntArray, t: IntArray) -> IntArray:
        return b_first + k * days + t

    tails: list[IntArray] = []
    heads: list[IntArray] = []
    caps: list[IntArray] = []

    def add(tail: IntArray, head: IntArray, capacity: IntArray | int) -> None:
        tails.append(np.asarray(tail, dtype=np.int64))
        heads.append(np.asarray(head, dtype=np.int64))
        caps.append(np.broadcast_to(np.asarray(capacity, dtype=np.int64), tail.shape).copy())

    # Applicants enter on their ready day; they may wait any number of days.
    sq, st = np.nonzero(calendar.ready > 0)
    add(np.full(sq.size, source, dtype=np.int64), q_node(sq, st), calendar.ready[sq, st])
    wq, wt = np.nonzero(np.ones((n_queues, max(days - 1, 0)), dtype=np.bool_))
    add(q_node(wq, wt), q_node(wq, wt + 1), infinite)

    capacity = calendar.district_capacity
    home = np.array([q.home for q in calendar.queues], dtype=np.int64)
    deadline = np.array(
        [NO_DEADLINE if q.deadline is None or q.deadline < 0 else q.deadline
         for q in calendar.queues], dtype=np.int64)

    # Printed at home: Q[q,t] → K[h,t] on days the home district has capacity.
    hq, ht = np.nonzero(capacity[home] > 0)
    add(q_node(hq, ht), k_node(home[hq], ht), infinite)

    # Printed at a neighbour along link h→k: Q[q,t] → R[l,t] → K[k,t].
    for link in print_links(calendar).values():
        limit = int(calendar.link_limit[link])
        if limit == 0:
            continue
        target = int(calendar.link_target[link])
        lead = int(calendar.link_lead[link])
        days_open = dayline[capacity[target] > 0]
        add(r_node(np.full(days_open.size, link), days_open),
            k_node(np.full(days_open.size, target), days_open),
            infinite if limit < 0 else limit)
        for q in np.flatnonzero(home == calendar.link_source[link]):
            t = days_open
            if home_in_time:
                t = t[(t + lead < days) | (t + lead <= deadline[q])]
            add(q_node(int(q), t), r_node(np.full(t.size, link), t), infinite)

    # The district's printers that day: K[k,t] → B[k,t].
    kk, kt = np.nonzero(capacity > 0)
    add(k_node(kk, kt), b_node(kk, kt), capacity[kk, kt])

    # A blank used on day t was in stock the day before: B[k,t] → B[k,t-1].
    bk, bt = np.nonzero(np.ones((n_districts, max(days - 1, 0)), dtype=np.bool_))
    add(b_node(bk, bt + 1), b_node(bk, bt), infinite)

    # ... or came along link j→k, sent on an open day s of j: B[k,s+L] → B[j,s].
    for link in range(n_links):
        src, dst = int(calendar.link_source[link]), int(calendar.link_target[link])
        lead = int(calendar.link_lead[link])
        if src == dst:
            continue
        sent = dayline[(dayline + lead < days) & calendar.open[src]]
        add(b_node(np.full(sent.size, dst), sent + lead), b_node(np.full(sent.size, src), sent),
            infinite)

    # ... or was delivered that day: B[k,t] → Z.
    dk, dt = np.nonzero(calendar.supply > 0)
    add(b_node(dk, dt), np.full(dk.size, sink, dtype=np.int64), calendar.supply[dk, dt])

    return _Network(
        nodes=sink + 1, source=source, sink=sink,
        tail=np.concatenate(tails), head=np.concatenate(heads),
        capacity=np.concatenate(caps), source_queue=sq.astype(np.int64),
    )


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
