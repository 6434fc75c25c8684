"""Constraints every lexicographically optimal plan obeys, read off the relaxed network's duals.

The argument (NETWORK.md's stages, complementary slackness). Let N be the
relaxed network (capacities of `relaxed_calendar`) *without* the flow graph's
pruning: besides the graph G's arcs it has an arc for every CP-SAT print x
that G dropped, a `Q` node for every day the graph contracted away, and an
`R` node where a dropped print needs one. Every CP-SAT plan is a feasible flow
of N (CP-SAT's capacities are at most the relaxed ones; the blanks are G's).

Extend the potentials π_s of G's stages to N: a contracted `Q[q,t]` gets
π_s(Q[q,t0]) + c_s(Q[q,t0] → Q[q,t]) from the queue's previous node t0 (so
the two halves of the contracted chain arc carry its reduced cost and 0), and
a new `R` node gets π_s of its `K`. If then every arc of N free in stage s has
a reduced cost ≥ 0 where the relaxed flow f* carries nothing — checked below
for every CP-SAT print; G's own arcs are certified by the flow engine — f* and
π_s satisfy complementary slackness in N, so π_s are optimal duals of N's stage
s and *every* flow optimal for stages 0..s of N carries 0 on an arc of
positive reduced cost and fills one of negative reduced cost. When CP-SAT's
optimum of stages 0..s equals the relaxed one, every plan CP-SAT still
considers is such a flow, so:

- a print or send whose arc has a positive reduced cost is 0;
- a printing capacity arc `K[k,t] → B[k,t]` with a positive reduced cost
  carries 0, one with a negative reduced cost is full: Σ x at (k, t) = cap.

If the check fails anywhere, or a CP-SAT variable has no arc to map to, no
constraint is derived (`stage_cuts` returns None).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from scheduler.engines.cpsat.variables import Variables
from scheduler.engines.network.graph import MISSES, TRANSFER, WAITING, FlowGraph, print_links
from scheduler.engines.network.stages import StagedFlow
from scheduler.instance.calendar import Calendar, IntArray

Sum = tuple[list[cp_model.IntVar], int]  # Σ variables == value


@dataclass
class StageCuts:
    """What stage s's complementary slackness fixes: variables at 0, district-day totals."""

    zero: list[cp_model.IntVar] = field(default_factory=list)
    totals: list[Sum] = field(default_factory=list)

    def add_to(self, model: cp_model.CpModel, switch: cp_model.IntVar | None = None) -> None:
        """Add every constraint, enforced only while `switch` is 1 when one is given."""
        constraints = [model.add(var == 0) for var in self.zero]
        constraints += [model.add(cp_model.LinearExpr.sum(variables) == value)
                        for variables, value in self.totals]
        if switch is not None:
            for constraint in constraints:
                constraint.only_enforce_if(switch)


def _print_costs(calendar: Calendar, graph: FlowGraph, v: Variables) -> IntArray:
    """(stage, x) unit costs of each CP-SAT print's arc, as the graph prices them."""
    days = calendar.days
    remote = v.x_link >= 0
    lead = np.zeros(len(v.x), dtype=np.int64)
    lead[remote] = calendar.link_lead[v.x_link[remote]]
    deadline = graph.queue_deadline[v.x_queue]
    weight = np.array([q.weight for q in calendar.queues], dtype=np.int64)[v.x_queue]
    cost = np.zeros((3, len(v.x)), dtype=np.int64)
    cost[MISSES] = remote & (v.x_day <= deadline) & (deadline < v.x_day + lead)
    cost[WAITING] = weight * np.minimum(lead, days - v.x_day)
    cost[TRANSFER][remote] = calendar.link_cost[v.x_link[remote]]
    return cost


def _chain_costs(calendar: Calendar, graph: FlowGraph, v: Variables, previous: IntArray
                 ) -> IntArray:
    """(stage, x) costs of the chain from the queue's previous `Q` node to the print's day."""
    deadline = graph.queue_deadline[v.x_queue]
    weight = np.array([q.weight for q in calendar.queues], dtype=np.int64)[v.x_queue]
    cost = np.zeros((3, len(v.x)), dtype=np.int64)
    cost[MISSES] = (previous <= deadline) & (deadline < v.x_day)
    cost[WAITING] = weight * (v.x_day - previous)
    return cost


def _endpoints(calendar: Calendar, graph: FlowGraph, v: Variables
               ) -> tuple[IntArray, IntArray, IntArray] | None:
    """Per print: previous existing `Q` node and its day, and the head node (`R` or `K`).

    A print into a limited link whose `R` node the graph lacks gets its `K`
    node as head: a new `R` node's potential is its `K`'s, so the reduced cost
    is the same. None when a print's `K` node or its queue's first `Q` is missing.
    """
    days = np.arange(calendar.days, dtype=np.int64)
    exists = graph.q_node >= 0
    latest = np.maximum.accumulate(np.where(exists, days[None, :], -1), axis=1)
    previous = latest[v.x_queue, v.x_day]
    if (previous < 0).any():
        return None
    tail = graph.q_node[v.x_queue, previous]
    head = graph.k_node[v.x_district, v.x_day]
    if (head < 0).any():
        return None
    links = print_links(calendar)
    for i in np.flatnonzero(v.x_link >= 0).tolist():
        lk, t = int(v.x_link[i]), int(v.x_day[i])
        home = calendar.queues[int(v.x_queue[i])].home
        if calendar.link_limit[lk] > 0 and links.get((home, int(v.x_district[i]))) == lk:
            if graph.r_node[lk, t] >= 0:
                head[i] = graph.r_node[lk, t]
    return previous, tail, head


def stage_cuts(calendar: Calendar, v: Variables, graph: FlowGraph, staged: StagedFlow
               ) -> list[StageCuts] | None:
    """Per non-last stage s, the constraints its duals give (module docstring); None: refused.

    `graph` and `staged` are the relaxed flow engine's, on `relaxed_calendar(calendar)`.
    """
    ends = _endpoints(calendar, graph, v)
    if ends is None:
        return None
    previous, tail, head = ends
    x_cost = _print_costs(calendar, graph, v)
    chain_cost = _chain_costs(calendar, graph, v, previous)
    n_arc = {(int(lk), int(t)): int(a) for a, lk, t in zip(
        graph.transfer_arc, graph.transfer_link, graph.transfer_day, strict=True)}
    n_arcs = np.array([n_arc.get((int(lk), int(t)), -1)
                       for lk, t in zip(v.n_link, v.n_day, strict=True)], dtype=np.int64)
    if (n_arcs < 0).any():
        return None
    k_nodes = np.flatnonzero(graph.k_node.ravel() >= 0)
    is_k = np.zeros(graph.nodes, dtype=np.bool_)
    is_k[graph.k_node.ravel()[k_nodes]] = True
    capacity_arcs = np.flatnonzero(is_k[graph.tail])
    at: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for i, var in enumerate(v.x):
        at[int(graph.k_node[v.x_district[i], v.x_day[i]])].append(var)

    x_free = np.ones(len(v.x), dtype=np.bool_)
    cuts: list[StageCuts] = []
    for s, stage in enumerate(staged.stages[:-1]):
        pi = stage.potential
        free = np.zeros(graph.arcs, dtype=np.bool_)
        free[stage.free] = True
        reduced = graph.cost[s] + pi[graph.tail] - pi[graph.head]
        x_reduced = x_cost[s] + pi[tail] + chain_cost[s] - pi[head]
        if (x_free & (x_reduced < 0)).any() or (free[n_arcs] & (reduced[n_arcs] < 0)).any():
            return None
        cut = StageCuts()
        cut.zero += [v.x[i] for i in np.flatnonzero(x_free & (x_reduced > 0)).tolist()]
        cut.zero += [v.n[i] for i in np.flatnonzero(
            free[n_arcs] & (reduced[n_arcs] > 0)).tolist()]
        for a in capacity_arcs[free[capacity_arcs]].tolist():
            prints = at.get(int(graph.tail[a]), [])
            if reduced[a] > 0:
                cut.zero += prints
            elif reduced[a] < 0:
                cut.totals.append((prints, int(graph.capacity[a])))
        cuts.append(cut)
        x_free &= x_reduced == 0
    return cuts
