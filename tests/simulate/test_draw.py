"""Drawing futures from the outage model (scheduler/simulate/draw.py).

Exact cases use certain events (mean_days_between 1: an episode starts on every
normal day; probability 1: every delivery is late; spread 0 with a whole mean:
every length is the mean), so the future can be worked by hand. Statistical
cases use fixed seeds and tolerances of four standard errors from the model's
own figures, so they test the rates and means, not a recorded output.
"""

from __future__ import annotations

import copy
import math
import zlib
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.instance.model import Duration, Instance
from scheduler.instance.reader import parse_instance
from scheduler.simulate.draw import draw_future, whole_days
from scheduler.simulate.future import Episode, Future, LateDelivery


def instance(days: int = 20, **fields: Any) -> Instance:
    """Offices A (printers A-1, A-2, 300 a day) and B (B-1, 300), open every day."""
    data: dict[str, Any] = {
        "format": "ektp-instance/1",
        "name": "draw",
        "horizon": {"start": "2024-01-01", "days": days},
        "districts": [{"id": "A"}, {"id": "B"}],
        "printers": [{"id": "A-1", "district": "A", "capacity": 300},
                     {"id": "A-2", "district": "A", "capacity": 300},
                     {"id": "B-1", "district": "B", "capacity": 300}],
        "queue": {"cohorts": []},
    }
    data.update(copy.deepcopy(fields))
    return parse_instance(data, "draw.json")


def failures(every: float, mean: float, spread: float = 0) -> dict[str, Any]:
    return {"mean_days_between": every, "days": {"mean": mean, "spread": spread}}


def test_certain_failures_around_a_known_outage() -> None:
    """A-1 fails on every normal day and each repair takes exactly 3 days.

    Days 0-9 are under the instance's own outage (known: no random start there),
    so episodes start on days 10, 13, 16 and 19; the last is cut at the horizon's
    end (day 19 only). A-2 and B-1 have no model: they never fail.
    """
    inst = instance(outages=[{"printer": "A-1", "start": "2023-12-25", "end": "2024-01-10"}],
                    outage_model=[{"printer": "A-1", "failures": failures(1, 3)}])
    assert draw_future(inst, seed=7, run=0) == Future(episodes=(
        Episode("A-1", 10, 3, 0, expected_days=3),
        Episode("A-1", 13, 3, 0, expected_days=3),
        Episode("A-1", 16, 3, 0, expected_days=3),
        Episode("A-1", 19, 1, 0, expected_days=3),
    ))


def test_a_failure_beats_a_degraded_episode_on_the_same_day() -> None:
    """Both kinds certain on every normal day: only failures (1 day each) happen.

    The district's degraded window (day 2, capacity 250) is known: nothing starts then.
    expected_days is the mean repair length rounded up: 1.5 -> 2.
    """
    inst = instance(days=4,
                    outages=[{"district": "A", "start": "2024-01-03", "end": "2024-01-03",
                              "capacity": 250}],
                    outage_model=[{"printer": "A-2", "failures": failures(1, 1.5, 0),
                                   "degraded": {**failures(1, 1), "capacity": 100}}])
    episodes = draw_future(inst, seed=1, run=3).episodes
    assert all(e.capacity == 0 and e.expected_days == 2 for e in episodes)
    # Lengths 1 or 2 (mean 1.5, no spread); day 2 is known, so it starts no episode.
    assert 2 not in {e.start for e in episodes}
    assert episodes[0].start == 0
    covered = [d for e in episodes for d in range(e.start, e.start + e.days)]
    assert len(covered) == len(set(covered))
    assert set(covered) | {2} == {0, 1, 2, 3}


def test_degraded_episodes_carry_their_capacity() -> None:
    inst = instance(days=6, outage_model=[
        {"district": "B", "degraded": {**failures(1, 2), "capacity": 100}}])
    # Certain, 2 days each: days 0-1, 2-3, 4-5 at 100 cards a day.
    assert draw_future(inst, seed=0, run=0).episodes == tuple(
        Episode("B-1", t, 2, 100, expected_days=2) for t in (0, 2, 4))


def test_certain_late_deliveries_inside_the_horizon_only() -> None:
    """Every delivery to A inside the horizon is 4 days late; B has no delay model.

    Deliveries: [0] A before the start (in the stock already), [1] A day 3, [2] B day 3,
    [3] A day 3 again, [4] A after the horizon's end.
    """
    inst = instance(
        days=10,
        deliveries=[{"district": "A", "date": "2023-12-30", "blanks": 5},
                    {"district": "A", "date": "2024-01-04", "blanks": 5},
                    {"district": "B", "date": "2024-01-04", "blanks": 5},
                    {"district": "A", "date": "2024-01-04", "blanks": 5},
                    {"district": "A", "date": "2024-01-11", "blanks": 5}],
        delivery_delay=[{"district": "A", "probability": 1, "days_late": {"mean": 4,
                                                                          "spread": 0}}])
    assert draw_future(inst, seed=3, run=1) == Future(late_deliveries=(
        LateDelivery(1, 4, expected_late=4), LateDelivery(3, 4, expected_late=4)))


def test_expected_lateness_is_the_mean_rounded_half_up() -> None:
    inst = instance(deliveries=[{"district": "B", "date": "2024-01-02", "blanks": 1}],
                    delivery_delay=[{"probability": 1, "days_late": {"mean": 2.5,
                                                                     "spread": 0}}])
    (late,) = draw_future(inst, seed=0, run=0).late_deliveries
    assert late.expected_late == 3 and late.days_late in (2, 3)


def test_zero_rates_give_the_empty_future() -> None:
    inst = instance(
        days=365,
        deliveries=[{"district": "A", "date": "2024-01-05", "blanks": 5}],
        outage_model=[{"district": "A", "failures": failures(1e12, 5, 2),
                       "degraded": {**failures(1e12, 3, 1), "capacity": 100}}],
        delivery_delay=[{"probability": 0, "days_late": {"mean": 7, "spread": 3}}])
    assert all(draw_future(inst, seed=11, run=r) == Future() for r in range(50))


BUSY = {"outage_model": [{"district": "A", "failures": failures(10, 3, 1),
                          "degraded": {**failures(8, 2, 1), "capacity": 100}}],
        "deliveries": [{"district": "A", "date": f"2024-01-{d:02}", "blanks": 5}
                       for d in range(2, 30, 3)],
        "delivery_delay": [{"district": "A", "probability": 0.5,
                            "days_late": {"mean": 4, "spread": 2}}]}


def test_same_seed_and_run_same_future_in_any_order() -> None:
    inst = instance(days=60, **BUSY)
    forwards = [draw_future(inst, 5, r) for r in range(10)]
    backwards = [draw_future(inst, 5, r) for r in reversed(range(10))][::-1]
    assert forwards == backwards
    assert len({f for f in forwards}) == 10  # different runs, different futures
    assert draw_future(inst, 6, 0) != forwards[0]  # another seed, another future
    assert all(f.episodes and f.late_deliveries for f in forwards)


def test_common_random_numbers_across_instances() -> None:
    """Adding a printer, a model or a delivery elsewhere leaves the others' draws alone.

    The bigger instance has a new office C with printer C-1 and its own model,
    a model on B-1, an instance outage on B-1 and two more deliveries (to C, and
    to A on a new date).
    """
    small = instance(days=60, **BUSY)
    bigger_fields = copy.deepcopy(BUSY)
    bigger_fields["outage_model"] += [{"printer": "C-1", "failures": failures(5, 2, 1)},
                                      {"printer": "B-1", "failures": failures(4, 2, 1)}]
    bigger_fields["deliveries"] = ([{"district": "C", "date": "2024-01-02", "blanks": 9},
                                    {"district": "A", "date": "2024-01-03", "blanks": 9}]
                                   + bigger_fields["deliveries"])
    bigger_fields["delivery_delay"].append({"district": "C", "probability": 0.5,
                                            "days_late": {"mean": 4, "spread": 2}})
    bigger = instance(
        days=60,
        districts=[{"id": "A"}, {"id": "B"}, {"id": "C"}],
        printers=[{"id": "C-1", "district": "C", "capacity": 300},
                  {"id": "A-1", "district": "A", "capacity": 300},
                  {"id": "A-2", "district": "A", "capacity": 300},
                  {"id": "B-1", "district": "B", "capacity": 300}],
        outages=[{"printer": "B-1", "start": "2024-01-05", "end": "2024-01-09"}],
        **bigger_fields)
    for run in range(20):
        before, after = draw_future(small, 2, run), draw_future(bigger, 2, run)
        for printer in ("A-1", "A-2"):
            assert ([e for e in before.episodes if e.printer == printer]
                    == [e for e in after.episodes if e.printer == printer])
        # The same deliveries to A, two places further down the bigger list.
        assert [(d.index + 2, d.days_late) for d in before.late_deliveries] == [
            (d.index, d.days_late) for d in after.late_deliveries if d.index >= 2]
    assert any(e.printer == "C-1" for r in range(20) for e in draw_future(bigger, 2, r).episodes)


def test_each_printer_draws_from_its_own_documented_stream() -> None:
    """The key (seed, run, CRC-32 of the id), first child stream: failures' daily uniforms."""
    inst = instance(days=200, outage_model=[{"printer": "B-1", "failures": failures(10, 1)}])
    failure_stream = np.random.SeedSequence([4, 9, zlib.crc32(b"B-1")]).spawn(2)[0]
    uniforms = np.random.default_rng(failure_stream).random(200)
    # Repairs last exactly one day, so every day is normal and starts are the days u < 1/10.
    assert [e.start for e in draw_future(inst, 4, 9).episodes] == np.flatnonzero(
        uniforms < 0.1).tolist()


def test_failure_rate_and_repair_mean_over_many_draws() -> None:
    """Each normal day is a Bernoulli(1/8) trial; repairs average 4 days (spread 3).

    Over 300 runs of 120 days: failures / trial days within 4 standard errors of 1/8,
    sqrt(p(1-p)/trials); repair lengths of episodes starting at least 60 days before
    the end (a cut there has a probability far below 1e-6 at this spread) within
    4 sd/sqrt(n) of 4, where sd <= sqrt(3^2 + 1/4) (the random rounding adds at most 1/4).
    """
    days, p = 120, 1 / 8
    inst = instance(days=days, outage_model=[{"printer": "A-1", "failures": failures(8, 4, 3)}])
    trials = starts = 0
    lengths: list[int] = []
    for run in range(300):
        episodes = draw_future(inst, 21, run).episodes
        covered = sum(e.days for e in episodes)
        trials += days - covered + len(episodes)  # days not inside an earlier episode
        starts += len(episodes)
        lengths += [e.days for e in episodes if e.start < days - 60]
    assert abs(starts / trials - p) < 4 * math.sqrt(p * (1 - p) / trials)
    assert min(lengths) >= 1
    sd = math.sqrt(3**2 + 0.25)
    assert abs(np.mean(lengths) - 4) < 4 * sd / math.sqrt(len(lengths))


def test_late_probability_over_many_draws() -> None:
    inst = instance(days=30, deliveries=[{"district": "B", "date": "2024-01-05", "blanks": 1}],
                    delivery_delay=[{"probability": 0.3, "days_late": {"mean": 6,
                                                                       "spread": 2}}])
    runs = 2000
    late = [d.days_late for r in range(runs) for d in draw_future(inst, 8, r).late_deliveries]
    assert abs(len(late) / runs - 0.3) < 4 * math.sqrt(0.3 * 0.7 / runs)
    assert abs(np.mean(late) - 6) < 4 * math.sqrt(2**2 + 0.25) / math.sqrt(len(late))


@settings(max_examples=40, deadline=None, derandomize=True)
@given(mean=st.floats(1, 20), spread=st.floats(0, 10), seed=st.integers(0, 2**32))
def test_lengths_average_the_mean(mean: float, spread: float, seed: int) -> None:
    """Whole days >= 1 whose sample mean is within 4 standard errors of `mean`."""
    if mean == 1:
        spread = 0
    n = 4000
    lengths = whole_days(np.random.default_rng(seed), Duration(mean, spread), n, cap=10**9)
    assert lengths.min() >= 1
    assert abs(lengths.mean() - mean) < 4 * math.sqrt(spread**2 + 0.25) / math.sqrt(n)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(days=st.integers(1, 80), every=st.floats(1, 30), mean=st.floats(1, 12),
       spread=st.floats(0, 6), degraded_every=st.floats(1, 30), run=st.integers(0, 1000),
       known=st.tuples(st.integers(-5, 80), st.integers(0, 10)))
def test_episodes_stay_in_the_horizon_and_never_overlap(
        days: int, every: float, mean: float, spread: float, degraded_every: float,
        run: int, known: tuple[int, int]) -> None:
    spread = 0 if mean == 1 else spread
    first, length = known
    start = np.datetime64("2024-01-01") + first
    inst = instance(
        days=days,
        outages=[{"printer": "A-2", "start": str(start), "end": str(start + length)}],
        outage_model=[{"district": "A", "failures": failures(every, mean, spread),
                       "degraded": {**failures(degraded_every, mean, spread), "capacity": 50}}])
    known_days = set(range(first, first + length + 1))
    for printer in ("A-1", "A-2"):
        episodes = [e for e in draw_future(inst, 0, run).episodes if e.printer == printer]
        for e in episodes:
            assert 0 <= e.start and e.days >= 1 and e.start + e.days <= days
            assert e.capacity in (0, 50)
        for e, after in zip(episodes, episodes[1:], strict=False):
            assert e.start + e.days <= after.start
            if printer == "A-2":
                assert e.start not in known_days
