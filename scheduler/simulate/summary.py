"""A figure over runs: mean, median, 10th and 90th percentiles, and a 95% interval for the mean.

The interval is Student's t: mean ± t(0.975, n−1) · s / √n, with s the sample
standard deviation. scipy is not a dependency, so t comes from the table below
for n ≤ 30 runs and is the normal's 1.96 beyond (so the interval is narrower
than Student's by 4% at 31 runs, 2.5% at 50, 1.2% at 100). One run has no
interval. Percentiles interpolate linearly between order statistics (numpy's
default).

A figure may be missing in some runs: days to clear is None when a backlog
never empties within the horizon. Such a run is read as "later than any
day": a percentile that falls on or between missing runs is None (not within
the horizon), and the mean and its interval are None unless every run has the
figure — an average of the runs that did clear would flatter the policy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# t(0.975, df) for df = 1 … 29 (n = 2 … 30 runs).
T_975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
         2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
         2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045)
Z_975 = 1.96


@dataclass(frozen=True)
class Stats:
    """One figure over `runs` runs, `reached` of them with a value (the rest None)."""

    runs: int
    reached: int
    mean: float | None
    median: float | None
    p10: float | None
    p90: float | None
    ci_low: float | None
    ci_high: float | None


def t_quantile(runs: int) -> float:
    """t(0.975, runs − 1): the table up to 30 runs, the normal's 1.96 beyond."""
    if runs < 2:
        raise ValueError("an interval needs at least 2 runs")
    return T_975[runs - 2] if runs - 2 < len(T_975) else Z_975


def describe(values: Sequence[float | None]) -> Stats:
    """The statistics of one figure over runs (None: not reached, read as later than all)."""
    runs = len(values)
    known = np.array(sorted(v for v in values if v is not None), dtype=np.float64)
    ordered = np.concatenate([known, np.full(runs - len(known), np.inf)])
    median, p10, p90 = (_percentile(ordered, q) for q in (50, 10, 90))
    if runs == 0 or len(known) < runs:
        return Stats(runs, len(known), None, median, p10, p90, None, None)
    mean = float(known.mean())
    if runs < 2:
        return Stats(runs, runs, mean, median, p10, p90, None, None)
    half = t_quantile(runs) * float(known.std(ddof=1)) / math.sqrt(runs)
    return Stats(runs, runs, mean, median, p10, p90, mean - half, mean + half)


def _percentile(ordered: np.ndarray, q: float) -> float | None:
    """Linear interpolation between the order statistics; None where a missing run counts."""
    if len(ordered) == 0:
        return None
    position = q / 100 * (len(ordered) - 1)
    lo, hi = math.floor(position), math.ceil(position)
    if math.isinf(ordered[hi]):
        return None
    return float(ordered[lo] + (ordered[hi] - ordered[lo]) * (position - lo))
