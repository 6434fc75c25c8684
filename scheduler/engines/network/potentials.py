"""Node potentials of an optimal flow: shortest distances in its residual graph.

OR-Tools returns flows but no duals, so the proof of optimality is computed
here. With a virtual root joined to every node by a 0-cost arc, the distances
d(v) in the residual graph of an optimal flow exist (it has no negative cycle)
and satisfy d(v) ≤ d(u) + c(u,v) on every residual arc: they are potentials
under which every residual arc has a reduced cost ≥ 0.

Label-correcting Bellman–Ford in numpy: each round relaxes only the arcs that
leave nodes whose label dropped in the round before, and stops when none does.
scipy's `bellman_ford` is not used: it adds up parallel arcs between two nodes
(which changes costs) and has no early stop.
"""

from __future__ import annotations

import numpy as np

from scheduler.engines.network.graph import IntArray


def residual_arcs(
    tail: IntArray, head: IntArray, capacity: IntArray, cost: IntArray, flow: IntArray
) -> tuple[IntArray, IntArray, IntArray]:
    """Arcs of the residual graph: forward where flow < capacity, backward where flow > 0."""
    forward = flow < capacity
    backward = flow > 0
    return (
        np.concatenate([tail[forward], head[backward]]),
        np.concatenate([head[forward], tail[backward]]),
        np.concatenate([cost[forward], -cost[backward]]),
    )


def _node_set(nodes: int, members: IntArray) -> IntArray:
    """The distinct nodes of `members`, ascending: a mark per node instead of np.unique's
    sort (each round of a large graph's Bellman–Ford sorted its frontier: half its time)."""
    mark = np.zeros(nodes, dtype=np.bool_)
    mark[members] = True
    return np.flatnonzero(mark)


def shortest_distances(nodes: int, tail: IntArray, head: IntArray, cost: IntArray) -> IntArray:
    """Distances from a virtual root (0 to every node); raises on a negative cycle."""
    order = np.argsort(tail, kind="stable")
    tail, head, cost = tail[order], head[order], cost[order]
    indptr = np.zeros(nodes + 1, dtype=np.int64)
    np.cumsum(np.bincount(tail, minlength=nodes), out=indptr[1:])
    distance = np.zeros(nodes, dtype=np.int64)
    frontier = _node_set(nodes, tail[cost < 0])
    for _ in range(nodes + 1):
        if frontier.size == 0:
            return distance
        starts = indptr[frontier]
        counts = indptr[frontier + 1] - starts
        offsets = np.repeat(starts - (np.cumsum(counts) - counts), counts)
        arcs = offsets + np.arange(int(counts.sum()), dtype=np.int64)
        candidate = distance[tail[arcs]] + cost[arcs]
        heads = head[arcs]
        better = candidate < distance[heads]
        heads = heads[better]
        np.minimum.at(distance, heads, candidate[better])
        frontier = _node_set(nodes, heads)
    raise RuntimeError("the residual graph has a negative cycle: the flow is not optimal")


def potentials(
    nodes: int, tail: IntArray, head: IntArray, capacity: IntArray, cost: IntArray,
    flow: IntArray,
) -> IntArray:
    """Potentials proving `flow` optimal for `cost` (reduced costs ≥ 0 on residual arcs)."""
    return shortest_distances(nodes, *residual_arcs(tail, head, capacity, cost, flow))
