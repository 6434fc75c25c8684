"""Lexicographic lower bounds shared by the engines that stage SPEC's three figures.

A stage's bound holds only among plans that attain the earlier figures, so a
bound is a triple read from the left, and two of them (an engine's own and the
relaxed network's) combine into the tighter one.
"""

from __future__ import annotations

import math

Triple = tuple[int | None, int | None, int | None]


def lex_max(a: Triple, b: Triple) -> Triple:
    """The tighter of two lexicographic lower bounds (None: not bounded, below everything)."""
    def key(t: Triple) -> tuple[float, ...]:
        return tuple(-math.inf if x is None else x for x in t)

    return a if key(a) >= key(b) else b


def relative(bound: Triple, values: tuple[int, int, int]) -> Triple:
    """Keep a figure only while every earlier figure's bound equals the plan's value.

    A later stage's bound holds among plans that attain the earlier figures; if
    an earlier bound is below the plan's value it says nothing about this plan.
    """
    out: list[int | None] = []
    for i, figure in enumerate(bound):
        attained = i == 0 or (out[-1] is not None and out[-1] == values[i - 1])
        out.append(figure if attained else None)
    return (out[0], out[1], out[2])
