"""Shadow prices of the levers from the flow engine's potentials (issue 5, part 6 (b)).

Each lever is one more unit on a zero-cost arc `u → v` of the flow graph:
- `capacity`: one more card of printer capacity at district k on day t (`K[k,t] → B[k,t]`);
- `blank`: one more blank usable at k from day t (a new or bigger `B[k,t] → Z` delivery;
  priced only on days k has printer capacity, where `B[k,t]` exists);
- `link`: one more card a day along a limited link, every day (its `R[l,t] → K` arcs).

Sign convention: a price is the *change* of an optimum for +1 unit, so ≤ 0,
and -3 means "saves 3". With potentials π (reduced cost c + π[u] − π[v] ≥ 0
on every residual arc), one more unit on a zero-cost arc changes that stage's
optimum by at least min(0, π[u] − π[v]), by exactly that when the potential is
tight for it, and never by more than 0; a link lever adds its days' prices up
(the same bound, for raising several arcs at once). The price is valid for a
+1 change only, not for larger ones.

Stages: a lever whose stage-1 price is < 0 may save deadline misses; then the
lexicographic optimum itself moves and no waiting price is claimed (`waiting`
is None). A lever whose stage-1 price is 0 keeps the misses optimum, and its
`waiting` is the stage-2 price: the change of the least waiting among plans
keeping the fewest misses. Transfer cost is not priced.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from scheduler.engines.network.graph import MISSES, WAITING, FlowGraph, IntArray
from scheduler.engines.network.stages import StagedFlow
from scheduler.instance.calendar import Calendar


@dataclass(frozen=True)
class Lever:
    """One more unit of `kind` at `district` on `day`, or along `link`; predicted changes."""

    kind: str  # "capacity", "blank" or "link"
    district: int | None
    day: int | None
    link: int | None
    misses: int  # predicted change of deadline misses (≤ 0; a bound)
    waiting: int | None  # predicted change of waiting days, None when misses move

    @property
    def key(self) -> tuple[int, int]:
        """Ranking: most misses saved first, then most waiting saved."""
        return self.misses, 0 if self.waiting is None else self.waiting


def price_of(staged: StagedFlow, tails: IntArray, heads: IntArray) -> tuple[int, int | None]:
    """(misses, waiting) price of raising zero-cost arcs tails → heads by one unit each."""
    misses, waiting = _arc_prices(staged, tails, heads)
    if misses.sum() < 0:
        return int(misses.sum()), None
    return 0, int(waiting.sum())


def _arc_prices(staged: StagedFlow, tails: IntArray, heads: IntArray) -> tuple[IntArray, IntArray]:
    """Per arc: the misses price, and the waiting price where the misses price is 0 (else 0)."""
    first = staged.stages[MISSES].potential
    second = staged.stages[WAITING].potential
    misses = np.minimum(first[tails] - first[heads], 0)
    keeps = first[tails] == first[heads]
    waiting = np.where(keeps, np.minimum(second[tails] - second[heads], 0), 0)
    return misses, waiting


def b_nodes(graph: FlowGraph) -> IntArray:
    """Per node, the head of an arc leaving it: for `K[k,t]`, its only arc's head `B[k,t]`."""
    head_of = np.full(graph.nodes, -1, dtype=np.int64)
    head_of[graph.tail] = graph.head
    return head_of


def lever_arcs(
    calendar: Calendar, graph: FlowGraph, lever: Lever, head_of: IntArray
) -> tuple[IntArray, IntArray]:
    """The zero-cost arcs (tails, heads) a lever raises by one unit (`head_of` from b_nodes)."""
    if lever.kind == "link":
        assert lever.link is not None
        days = np.nonzero(graph.r_node[lever.link] >= 0)[0]
        target = int(calendar.link_target[lever.link])
        return graph.r_node[lever.link, days], graph.k_node[target, days]
    assert lever.district is not None and lever.day is not None
    k_node = int(graph.k_node[lever.district, lever.day])
    b_node = int(head_of[k_node])
    if lever.kind == "capacity":
        return np.array([k_node]), np.array([b_node])
    return np.array([b_node]), np.array([graph.nodes - 1])


def lever_prices(calendar: Calendar, graph: FlowGraph, staged: StagedFlow) -> list[Lever]:
    """Every lever with a nonzero predicted saving, best first."""
    kk, kt = np.nonzero(graph.k_node >= 0)
    k_node = graph.k_node[kk, kt]
    b_node = b_nodes(graph)[k_node]
    sink = np.full(k_node.size, graph.nodes - 1, dtype=np.int64)
    levers = []
    for kind, tails, heads in (("capacity", k_node, b_node), ("blank", b_node, sink)):
        misses, waiting = _arc_prices(staged, tails, heads)
        for i in np.nonzero((misses < 0) | (waiting < 0))[0].tolist():
            levers.append(Lever(kind, int(kk[i]), int(kt[i]), None, int(misses[i]),
                                None if misses[i] < 0 else int(waiting[i])))
    head_of = b_nodes(graph)
    for link in np.nonzero(calendar.link_limit > 0)[0].tolist():
        if not (graph.r_node[link] >= 0).any():
            continue
        lever = Lever("link", None, None, link, 0, 0)
        misses_sum, waiting_sum = price_of(staged, *lever_arcs(calendar, graph, lever, head_of))
        levers.append(replace(lever, misses=misses_sum, waiting=waiting_sum))
    useful = [lv for lv in levers if lv.key < (0, 0)]
    return sorted(useful, key=lambda lv: lv.key)
