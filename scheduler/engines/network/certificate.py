"""The proof of optimality a flow plan carries: one set of potentials per stage.

A flow is a min-cost flow iff some potentials π give every residual arc a
reduced cost c(u,v) + π(u) − π(v) ≥ 0. Each stage is checked on its own graph
(the arcs still free after the earlier stages' fixing, with the supplies that
fixing left) against the *final* flow: every stage's optimum is then proven for
the plan returned, not only the last one. These few lines share nothing with
the solver but the arrays, so anyone can rerun them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scheduler.engines.network.graph import IntArray


@dataclass(frozen=True)
class StageCertificate:
    """What the check of one stage found; `valid` when nothing is violated."""

    stage: str
    arcs_checked: int
    min_reduced_cost: int | None  # over residual arcs; None when there is none
    violations: tuple[str, ...]

    @property
    def valid(self) -> bool:
        return not self.violations

    def as_dict(self) -> dict[str, object]:
        return {
            "arcs_checked": self.arcs_checked,
            "min_reduced_cost": self.min_reduced_cost,
            "valid": self.valid,
            "violations": list(self.violations),
        }


def check_stage(
    stage: str,
    nodes: int,
    tail: IntArray,
    head: IntArray,
    capacity: IntArray,
    cost: IntArray,
    supply: IntArray,
    flow: IntArray,
    potential: IntArray,
) -> StageCertificate:
    """Check bounds, conservation and complementary slackness of `flow` under `potential`."""
    violations: list[str] = []
    below = int(np.count_nonzero(flow < 0))
    above = int(np.count_nonzero(flow > capacity))
    if below or above:
        violations.append(f"{below} arcs below 0 and {above} above their capacity")
    balance = np.bincount(tail, weights=flow, minlength=nodes) - np.bincount(
        head, weights=flow, minlength=nodes)
    unbalanced = int(np.count_nonzero(balance != supply))
    if unbalanced:
        violations.append(f"{unbalanced} nodes where outflow − inflow ≠ supply")
    reduced = cost + potential[tail] - potential[head]
    residual = np.concatenate([reduced[flow < capacity], -reduced[flow > 0]])
    least = int(residual.min()) if residual.size else None
    negative = int(np.count_nonzero(residual < 0))
    if negative:
        violations.append(f"{negative} residual arcs with a negative reduced cost (least {least})")
    return StageCertificate(stage, int(tail.size), least, tuple(violations))
