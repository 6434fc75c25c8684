"""The change a scenario makes to a figure, run by run against the reference on the same future.

With common random numbers run r of every scenario lives through the same
drawn future, so the change is measured per run: d_r = scenario_r − reference_r.
The paired interval is Student's t on the d_r: mean ± t(0.975, n−1) · sd(d) / √n.
Most of what varies between runs (how often and when the server broke) moves
both scenarios alike and cancels in d_r, so this interval is far narrower
than the one for the difference of two independent means, which is given
beside it for comparison: Welch's, (mean_s − mean_ref) ± t(0.975, ν) ·
√(var_s/n + var_ref/n) with the Welch–Satterthwaite ν, rounded down (t from
simulate/summary.py's table: at most 30 runs, the normal's 1.96 beyond).

A run in which either scenario lacks the figure (a backlog that never clears)
has no difference; the mean and both intervals are then None (the runs that
do have it would flatter one side), and `both` says in how many runs it exists.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scheduler.simulate.summary import t_quantile


@dataclass(frozen=True)
class Change:
    """A scenario's change of one figure against the reference over `runs` paired runs."""

    runs: int
    both: int
    mean: float | None
    ci_low: float | None
    ci_high: float | None
    unpaired_low: float | None
    unpaired_high: float | None


def paired_change(scenario: Sequence[float | None], reference: Sequence[float | None]) -> Change:
    """The change per run (scenario − reference, runs in the same order), summarised."""
    if len(scenario) != len(reference):
        raise ValueError("paired figures need the same runs on both sides")
    runs = len(scenario)
    pairs = [(s, r) for s, r in zip(scenario, reference, strict=True)
             if s is not None and r is not None]
    if runs == 0 or len(pairs) < runs:
        return Change(runs, len(pairs), None, None, None, None, None)
    s = np.array([p[0] for p in pairs], dtype=np.float64)
    r = np.array([p[1] for p in pairs], dtype=np.float64)
    d = s - r
    mean = float(d.mean())
    if runs < 2:
        return Change(runs, runs, mean, None, None, None, None)
    half = t_quantile(runs) * float(d.std(ddof=1)) / math.sqrt(runs)
    unpaired = _welch_half(s, r)  # around the same mean: mean(s) − mean(r) is mean(d)
    return Change(runs, runs, mean, mean - half, mean + half, mean - unpaired, mean + unpaired)


def _welch_half(s: np.ndarray, r: np.ndarray) -> float:
    """Half the Welch interval of mean(s) − mean(r) (0 when neither side varies)."""
    n = len(s)
    a, b = float(s.var(ddof=1)) / n, float(r.var(ddof=1)) / n
    if a + b == 0:
        return 0.0
    dof = (a + b) ** 2 / (a**2 / (n - 1) + b**2 / (n - 1))
    return t_quantile(math.floor(dof + 1e-9) + 1) * math.sqrt(a + b)
