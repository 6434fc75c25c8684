"""The residual graph's shortest distances behind every flow certificate (network/potentials.py).

The frontier of its label-correcting rounds is kept as a set of marked nodes rather
than by np.unique's sort (a speed-up on national graphs); the distances must be the
same: exactly those of a plain Bellman–Ford from a virtual root joined to every node
by a 0-cost arc.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.engines.network.potentials import shortest_distances


def plain_bellman_ford(nodes: int, tail: list[int], head: list[int],
                       cost: list[int]) -> list[int]:
    """Every arc relaxed `nodes` times: the textbook algorithm, no frontier."""
    distance = [0] * nodes
    for _ in range(nodes):
        for u, v, c in zip(tail, head, cost, strict=True):
            distance[v] = min(distance[v], distance[u] + c)
    return distance


def arrays(*lists: list[int]) -> tuple[np.ndarray, ...]:
    return tuple(np.array(values, dtype=np.int64) for values in lists)


def test_hand_worked_distances() -> None:
    """Arcs 0→1 (−2), 1→2 (−3), 0→2 (−1), 2→3 (+4), 3→0 (+1); the cycle 0-1-2-3-0 costs 0.
    From the root (0 to each node): d1 = −2, d2 = min(0, −2 − 3, 0 − 1) = −5,
    d3 = min(0, −5 + 4) = −1, d0 = min(0, −1 + 1) = 0."""
    tail, head, cost = arrays([0, 1, 0, 2, 3], [1, 2, 2, 3, 0], [-2, -3, -1, 4, 1])
    assert shortest_distances(4, tail, head, cost).tolist() == [0, -2, -5, -1]


def test_a_negative_cycle_is_refused() -> None:
    """0→1 (−1), 1→0 (0): going round lowers every label forever."""
    tail, head, cost = arrays([0, 1], [1, 0], [-1, 0])
    with pytest.raises(RuntimeError, match="negative cycle"):
        shortest_distances(2, tail, head, cost)


@st.composite
def graphs_without_negative_cycles(draw: st.DrawFn
                                   ) -> tuple[int, list[int], list[int], list[int]]:
    """Costs p(v) − p(u) + slack with slack ≥ 0: every cycle costs its slack, never < 0;
    parallel arcs and loops allowed."""
    nodes = draw(st.integers(1, 12))
    node = st.integers(0, nodes - 1)
    price = draw(st.lists(st.integers(-20, 20), min_size=nodes, max_size=nodes))
    arcs = draw(st.lists(st.tuples(node, node, st.integers(0, 3)), max_size=40))
    tail = [u for u, _, _ in arcs]
    head = [v for _, v, _ in arcs]
    cost = [price[v] - price[u] + slack for u, v, slack in arcs]
    return nodes, tail, head, cost


@settings(max_examples=200, derandomize=True, deadline=None)
@given(graphs_without_negative_cycles())
def test_distances_equal_plain_bellman_ford(
        graph: tuple[int, list[int], list[int], list[int]]) -> None:
    nodes, tail, head, cost = graph
    got = shortest_distances(nodes, *arrays(tail, head, cost))
    assert got.tolist() == plain_bellman_ford(nodes, tail, head, cost)
