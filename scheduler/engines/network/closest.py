"""A fourth flow stage: among the lexicographic optima, the plan closest to a previous one.

`moved` (replan/closeness.py) is Σ over (queue, printer, day) of
max(0, previous − new) = Σ previous − Σ min(previous, new). So the stage
maximises the cards kept, Σ min(previous, new), over the optimal flows:

1. The optimal flows. After stage 3, by complementary slackness
   (network/stages.py), a flow is lexicographically optimal iff it carries 0
   on every arc some stage's potentials price above 0, fills every arc priced
   below 0, and is any feasible flow on the rest. So the stage works on the
   arcs of reduced cost 0 under stage 3's potentials among stage 3's free ones,
   with the supplies that the full arcs leave (`optimal_arcs`).
2. At printer level. A district-day with several printers gets a node per
   printer P[p,t] and an arc P[p,t] → K[k,t] of that printer's capacity; a
   print arc Q[q,t] → K[k,t] becomes one arc Q[q,t] → P[p,t] per printer. A
   limited link's arc R[l,t] → K[k,t] (its daily limit) keeps the limit and
   ends in a new node R'[l,t], which reaches each printer: R'[l,t] → P[p,t].
   Printers of a district differ in nothing else, so the flows of this graph
   are exactly the optimal plans with their cards placed on printers.
3. Kept cards. Every arc that carries one queue's cards to one printer on one
   day is split in two parallel arcs: one of capacity previous(q,p,t) at cost
   −1 (a card kept) and one of the rest at cost 0. A min-cost flow then keeps
   the most cards: cost = −Σ min(previous, new), exactly. That holds as long as
   every such arc carries one queue: an R'[l,t] → P[p,t] arc carries all the
   queues of the link's home district, so where two of them may use one
   limited link into a district-day with several printers the stage is not
   exact and `closest_flow` returns None (the caller then uses CP-SAT).

The stage's potentials certify its optimum like the other stages'.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from scheduler.engines.network.certificate import StageCertificate, check_stage
from scheduler.engines.network.graph import TRANSFER, FlowGraph
from scheduler.engines.network.potentials import potentials
from scheduler.engines.network.stages import StagedFlow, min_cost_flow
from scheduler.instance.arrays import IntArray
from scheduler.instance.calendar import Calendar
from scheduler.plan.result import PlannedPrint

Key = tuple[int, int, int]  # (queue, printer, day)


@dataclass(frozen=True)
class Closest:
    """The closest optimal flow on the graph's arcs, its prints per printer and its proof."""

    flow: IntArray
    prints: tuple[PlannedPrint, ...]
    kept: int
    certificate: StageCertificate


def optimal_arcs(graph: FlowGraph, staged: StagedFlow) -> tuple[IntArray, IntArray, IntArray]:
    """Arcs free after stage 3's fixing, their flow fixed elsewhere, and the supplies left.

    Returns (free arcs, fixed flow on every arc, supplies): every flow on the
    free arcs that meets the supplies, plus the fixed flow, is optimal.
    """
    last = staged.stages[-1]
    free, supply, pi = last.free, last.supply, last.potential
    fixed = staged.flow.copy()
    fixed[free] = 0
    reduced = graph.cost[TRANSFER, free] + pi[graph.tail[free]] - pi[graph.head[free]]
    full = reduced < 0
    fixed[free[full]] = graph.capacity[free[full]]
    supply = supply.copy()
    np.subtract.at(supply, graph.tail[free[full]], graph.capacity[free[full]])
    np.add.at(supply, graph.head[free[full]], graph.capacity[free[full]])
    return free[reduced == 0], fixed, supply


class _Expanded:
    """The printer-level graph of the free arcs: arrays of new arcs and what they stand for."""

    def __init__(self, graph: FlowGraph, capacity: IntArray) -> None:
        self.nodes = graph.nodes
        self.printer_capacity = capacity
        self.tail: list[int] = []
        self.head: list[int] = []
        self.capacity: list[int] = []
        self.cost: list[int] = []
        self.origin: list[int] = []  # the graph arc each new arc stands for, -1 none
        self.key: list[Key | None] = []  # (queue, printer, day) it prints, if one
        self.printer_node: dict[tuple[int, int], int] = {}

    def node(self) -> int:
        self.nodes += 1
        return self.nodes - 1

    def add(self, tail: int, head: int, capacity: int, origin: int, key: Key | None,
            previous: dict[Key, int]) -> None:
        """An arc; split into a kept part (cost −1) and the rest when it prints `key`."""
        kept = min(previous.get(key, 0), capacity) if key is not None else 0
        for cap, cost in ((kept, -1), (capacity - kept, 0)):
            if cap > 0:
                self.tail.append(tail)
                self.head.append(head)
                self.capacity.append(cap)
                self.cost.append(cost)
                self.origin.append(origin)
                self.key.append(key)

    def printer(self, p: int, day: int, k_node: int) -> int:
        """P[p,t], made with its arc P[p,t] → K[k,t] (the printer's capacity) on first use."""
        node = self.printer_node.get((p, day))
        if node is None:
            node = self.node()
            self.printer_node[p, day] = node
            self.add(node, k_node, int(self.printer_capacity[p, day]), -1, None, {})
        return node


def printers_by_day(calendar: Calendar) -> dict[tuple[int, int], list[int]]:
    """(district, day) -> its printers with capacity that day."""
    out: dict[tuple[int, int], list[int]] = defaultdict(list)
    for p, t in zip(*np.nonzero(calendar.printer_capacity > 0), strict=True):
        out[int(calendar.printer_district[p]), int(t)].append(int(p))
    return out


@dataclass(frozen=True)
class _Arcs:
    """What the expansion needs to know of the graph's arcs into `K` nodes."""

    k_of_node: dict[int, tuple[int, int]]  # K node -> (district, day)
    print_at: dict[int, int]  # graph arc -> its position among the print arcs
    r_queues: dict[int, set[int]]  # R node -> the queues whose free print arcs reach it


def _arc_facts(graph: FlowGraph, free: IntArray) -> _Arcs:
    k_of_node = {int(n): (int(k), int(t)) for (k, t), n in np.ndenumerate(graph.k_node)
                 if n >= 0}
    print_at = {int(a): i for i, a in enumerate(graph.print_arc.tolist())}
    r_queues: dict[int, set[int]] = defaultdict(set)
    for a in free.tolist():
        i = print_at.get(a)
        if i is not None and int(graph.head[a]) not in k_of_node:
            r_queues[int(graph.head[a])].add(int(graph.print_queue[i]))
    return _Arcs(k_of_node, print_at, r_queues)


def _expand(calendar: Calendar, graph: FlowGraph, free: IntArray,
            previous: dict[Key, int]) -> _Expanded | None:
    """The printer-level graph (module docstring, 2 and 3); None where it is not exact."""
    out = _Expanded(graph, calendar.printer_capacity)
    printers = printers_by_day(calendar)
    facts = _arc_facts(graph, free)
    for a in free.tolist():
        tail, head, cap = int(graph.tail[a]), int(graph.head[a]), int(graph.capacity[a])
        i = facts.print_at.get(a)
        place = facts.k_of_node.get(head)
        if place is None:  # not into K: Q → R (one queue; a printer if k has one) or other
            key = None
            if i is not None:
                day = int(graph.print_day[i])
                target = printers.get((int(graph.print_district[i]), day), [])
                key = (int(graph.print_queue[i]), target[0], day) if len(target) == 1 else None
            out.add(tail, head, cap, a, key, previous)
            continue
        mine = printers.get(place, [])
        queues = sorted(facts.r_queues.get(tail, set())) if i is None else [
            int(graph.print_queue[i])]
        if len(mine) < 2:  # one printer: the arc itself (a Q → R arc holds the credit)
            key = (queues[0], mine[0], place[1]) if i is not None and mine else None
            out.add(tail, head, cap, a, key, previous)
        elif i is not None:  # a print into a district-day of several printers
            for p in mine:
                out.add(tail, out.printer(p, place[1], head), cap, a,
                        (queues[0], p, place[1]), previous)
        elif len(queues) > 1:
            return None  # two queues share a limited link into several printers
        else:  # a limited link's R → K: the limit into R', then R' → each printer
            relay = out.node()
            out.add(tail, relay, cap, a, None, previous)
            for p in mine:
                key = (queues[0], p, place[1]) if queues else None
                out.add(relay, out.printer(p, place[1], head), cap, -1, key, previous)
    return out


def _fixed_prints(calendar: Calendar, graph: FlowGraph, free: IntArray, fixed: IntArray
                  ) -> list[PlannedPrint] | None:
    """Prints on arcs the stages fixed; None if one lands on a day of several printers
    (its printer would be the stage's to choose, and it has no arc for it)."""
    printers = printers_by_day(calendar)
    is_free = np.zeros(graph.arcs, dtype=np.bool_)
    is_free[free] = True
    out: list[PlannedPrint] = []
    for i in np.flatnonzero((fixed[graph.print_arc] > 0) & ~is_free[graph.print_arc]).tolist():
        day = int(graph.print_day[i])
        mine = printers.get((int(graph.print_district[i]), day), [])
        if len(mine) != 1:
            return None
        out.append(PlannedPrint(int(graph.print_queue[i]), mine[0], day,
                                int(fixed[graph.print_arc[i]])))
    return out


def closest_flow(calendar: Calendar, graph: FlowGraph, staged: StagedFlow,
                 previous: tuple[PlannedPrint, ...]) -> Closest | None:
    """The optimal flow keeping the most of `previous` (module docstring); None: not exact
    for this instance (a limited link shared by two queues into several printers)."""
    free, fixed, supply = optimal_arcs(graph, staged)
    before: dict[Key, int] = defaultdict(int)
    for pp in previous:
        before[pp.queue, pp.printer, pp.day] += pp.count
    fixed_prints = _fixed_prints(calendar, graph, free, fixed)
    out = _expand(calendar, graph, free, before)
    if out is None or fixed_prints is None:
        return None
    tail, head = np.array(out.tail, dtype=np.int64), np.array(out.head, dtype=np.int64)
    capacity = np.array(out.capacity, dtype=np.int64)
    cost = np.array(out.cost, dtype=np.int64)
    nodes_supply = np.zeros(out.nodes, dtype=np.int64)
    nodes_supply[: graph.nodes] = supply
    stage_flow = min_cost_flow(out.nodes, tail, head, capacity, cost, nodes_supply)
    pi = potentials(out.nodes, tail, head, capacity, cost, stage_flow)
    certificate = check_stage("moved", out.nodes, tail, head, capacity, cost, nodes_supply,
                              stage_flow, pi)
    origin = np.array(out.origin, dtype=np.int64)
    flow = fixed.copy()
    mapped = origin >= 0
    np.add.at(flow, origin[mapped], stage_flow[mapped])
    counts: dict[Key, int] = defaultdict(int)
    for j in np.flatnonzero(stage_flow).tolist():
        key = out.key[j]
        if key is not None:
            counts[key] += int(stage_flow[j])
    prints = [PlannedPrint(q, p, t, n) for (q, p, t), n in counts.items()] + fixed_prints
    prints.sort(key=lambda pp: (pp.day, pp.printer, pp.queue))
    return Closest(flow, tuple(prints), -int(cost @ stage_flow), certificate)
