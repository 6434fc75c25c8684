"""Statistics over runs, worked by hand (summary.py's definitions)."""

from __future__ import annotations

import math

import pytest

from scheduler.simulate.summary import describe, t_quantile


def test_five_runs_by_hand() -> None:
    """1, 2, 3, 4, 10: mean 4; median 3; p10 at position 0.4 between 1 and 2 -> 1.4; p90 at
    position 3.6 between 4 and 10 -> 7.6. Deviations -3, -2, -1, 0, 6: squares 50, s² =
    50 / 4 = 12.5; half-width t(0.975, 4) · s / √5 = 2.776 · 3.5355 / 2.2361 = 4.389."""
    stats = describe([1, 2, 3, 4, 10])
    assert (stats.runs, stats.reached, stats.mean, stats.median) == (5, 5, 4.0, 3.0)
    assert stats.p10 == pytest.approx(1.4) and stats.p90 == pytest.approx(7.6)
    assert stats.ci_low == pytest.approx(4 - 4.389, abs=1e-3)
    assert stats.ci_high == pytest.approx(4 + 4.389, abs=1e-3)


def test_forty_runs_use_the_normal_quantile() -> None:
    """0 … 39: mean 19.5, s² = n(n+1)/12 = 136.67, half-width 1.96 · 11.690 / √40 = 3.623."""
    stats = describe(list(range(40)))
    assert stats.mean == 19.5
    assert stats.ci_high is not None and stats.ci_high - 19.5 == pytest.approx(3.623, abs=1e-3)
    assert t_quantile(30) == 2.045 and t_quantile(31) == 1.96


def test_runs_that_never_clear_count_as_later_than_every_day() -> None:
    """3, never, 5, never -> ordered 3, 5, ∞, ∞: p10 at 0.3 -> 3.6; the median (1.5) and
    p90 (2.7) touch a run that never cleared: none; no mean, no interval; 2 of 4 reached."""
    stats = describe([3, None, 5, None])
    assert stats.p10 == pytest.approx(3.6)
    assert (stats.median, stats.p90, stats.mean, stats.ci_low) == (None, None, None, None)
    assert (stats.runs, stats.reached) == (4, 2)


def test_one_run_has_a_mean_but_no_interval() -> None:
    stats = describe([7])
    assert (stats.mean, stats.median, stats.p10, stats.p90) == (7, 7, 7, 7)
    assert stats.ci_low is None and stats.ci_high is None
    assert math.isclose(t_quantile(2), 12.706)
