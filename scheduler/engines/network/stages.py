"""Lexicographic stages by reduced-cost fixing (NETWORK.md, 'The three stages').

Stage s minimises cost[s] over the flows optimal for the stages before it.
After solving a stage, its potentials π give each free arc a reduced cost;
by complementary slackness *every* optimal flow of that stage carries 0 on an
arc with reduced cost > 0 and fills one with reduced cost < 0. So the next
stage drops the former and fixes the latter at capacity (capacity leaves the
tail's supply and enters the head's): what remains is exactly the set of
optimal flows of the stages so far. A stage whose free arcs all cost 0 has
every flow optimal (π = 0 proves it) and is not solved at all.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from ortools.graph.python.max_flow import SimpleMaxFlow
from ortools.graph.python.min_cost_flow import SimpleMinCostFlow

from scheduler.engines.network.graph import MISSES, FlowGraph, IntArray
from scheduler.engines.network.potentials import potentials
from scheduler.plan.result import FIGURES


@dataclass(frozen=True)
class StageGraph:
    """One stage's graph: the arcs still free (indices into the full graph) and supplies."""

    free: IntArray
    supply: IntArray
    potential: IntArray
    seconds: float


@dataclass(frozen=True)
class StagedFlow:
    """The final flow on every arc of the full graph and the graph of each stage."""

    flow: IntArray
    stages: tuple[StageGraph, ...]


def min_cost_flow(
    nodes: int, tail: IntArray, head: IntArray, capacity: IntArray, cost: IntArray,
    supply: IntArray,
) -> IntArray:
    """One OR-Tools min-cost flow, bulk-loaded; raises when not every unit can be routed."""
    solver = SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(
        tail.astype(np.int32), head.astype(np.int32), capacity, cost)
    solver.set_nodes_supplies(np.arange(nodes, dtype=np.int32), supply)
    status = solver.solve()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}: not every unit routed")
    return np.asarray(solver.flows(np.arange(tail.size, dtype=np.int32)), dtype=np.int64)


def fewest_misses(graph: FlowGraph) -> IntArray:
    """An optimal flow of the misses stage from one max-flow (no min-cost flow needed).

    An applicant ready by its deadline misses unless its path avoids every arc
    of miss cost 1, and no path crosses two such arcs; other applicants never
    miss. So the fewest misses leave the most eligible applicants on miss-free
    paths: a max-flow from the eligible supplies to Z over the miss-free arcs
    (the unprinted arcs `Q → Z` left out). Every applicant it leaves over waits
    along its queue's chain into Z, paying one miss when eligible. The misses
    stage's potentials then certify this flow like any other.
    """
    chain_node = graph.tail[graph.chain_arc]
    eligible = graph.chain_day <= graph.queue_deadline[graph.chain_queue]
    source = graph.nodes
    sink = graph.nodes - 1
    usable = graph.cost[MISSES] == 0
    usable[graph.chain_arc[graph.head[graph.chain_arc] == sink]] = False
    arcs = np.nonzero(usable)[0]
    sources = chain_node[eligible]
    solver = SimpleMaxFlow()
    solver.add_arcs_with_capacity(
        np.concatenate([graph.tail[arcs], np.full(sources.size, source)]).astype(np.int32),
        np.concatenate([graph.head[arcs], sources]).astype(np.int32),
        np.concatenate([graph.capacity[arcs], graph.supply[sources]]))
    status = solver.solve(source, sink)
    if status != solver.OPTIMAL:
        raise RuntimeError(f"max-flow of the misses stage failed with status {status}")
    carried = np.asarray(solver.flows(np.arange(arcs.size + sources.size, dtype=np.int32)),
                         dtype=np.int64)
    flow = np.zeros(graph.arcs, dtype=np.int64)
    flow[arcs] = carried[: arcs.size]
    left = graph.supply[chain_node]
    left[eligible] -= carried[arcs.size:]
    waiting = np.cumsum(left)
    first = np.concatenate([[True], graph.chain_queue[1:] != graph.chain_queue[:-1]])
    before = np.where(first, waiting - left, 0)
    waiting -= np.maximum.accumulate(before)
    flow[graph.chain_arc] += waiting
    return flow


def solve_stages(
    graph: FlowGraph, log: Callable[[int, int, float], None] | None = None,
    stages: int = len(FIGURES),
) -> StagedFlow:
    """Run the first `stages` stages in order; `log(stage, Σ cost·flow, seconds)` after each.

    Fewer than all: the flow is optimal for those stages only (`explain` prices and
    checks misses and waiting, and needs no transfer stage).
    """
    free = np.arange(graph.arcs, dtype=np.int64)
    supply = graph.supply.copy()
    fixed = np.zeros(graph.arcs, dtype=np.int64)
    solved: list[StageGraph] = []
    flow = fixed
    for stage in range(stages):
        started = time.perf_counter()
        tail, head = graph.tail[free], graph.head[free]
        capacity, cost = graph.capacity[free], graph.cost[stage, free]
        next_free, next_supply = free, supply
        last = stage == stages - 1
        if not cost.any() and not last:
            potential = np.zeros(graph.nodes, dtype=np.int64)
        else:
            if stage == MISSES:
                stage_flow = fewest_misses(graph)[free]
            else:
                stage_flow = min_cost_flow(graph.nodes, tail, head, capacity, cost, supply)
            potential = potentials(graph.nodes, tail, head, capacity, cost, stage_flow)
            flow = fixed.copy()
            flow[free] = stage_flow
        if not last and cost.any():
            reduced = cost + potential[tail] - potential[head]
            full = reduced < 0
            fixed[free[full]] = capacity[full]
            next_supply = supply.copy()
            np.subtract.at(next_supply, tail[full], capacity[full])
            np.add.at(next_supply, head[full], capacity[full])
            next_free = free[reduced == 0]
        solved.append(StageGraph(free, supply, potential, time.perf_counter() - started))
        free, supply = next_free, next_supply
        if log is not None:
            log(stage, int(graph.cost[stage] @ flow), solved[-1].seconds)
    return StagedFlow(flow, tuple(solved))
