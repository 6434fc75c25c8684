"""Drawing one future (outages and late deliveries) from an instance's outage model.

Common random numbers: each printer draws from its own stream, keyed by
(seed, run, CRC-32 of its id), and each delivery from one keyed by (seed, run,
CRC-32 of its district, its date, its position among that district's
deliveries on that date). The same (seed, run) therefore gives the same future
whatever the number of jobs, and adding a printer, a delivery or a scenario
change elsewhere leaves every other printer's and delivery's draws as they were.

Within a printer's stream the draws are aligned by day: for every horizon day
there is one uniform and one length for a failure, and one of each for a
degraded episode, whether or not an episode starts then. A change that frees
or blocks some days (a repair in a what-if) changes only the episodes it must.

Rules (README "Outage model"): an episode can start only on a day the printer
runs normally — not inside an episode already drawn and not under one of the
instance's own outages (those are known; a broken printer cannot break again).
On such a day a failure starts with probability 1/mean_days_between, else a
degraded episode with its own probability; the printer is up on day 0.
"""

from __future__ import annotations

import math
import zlib

import numpy as np
import numpy.typing as npt

from scheduler.instance.model import Duration, EpisodeModel, Instance, OutageModel
from scheduler.simulate.future import Episode, Future, LateDelivery

#: A spread below this fraction of the mean's excess over 1 day is taken as none:
#: the gamma would be constant to far below a day (and its shape could overflow).
_NEGLIGIBLE_SPREAD = 1e-6


def draw_future(instance: Instance, seed: int, run: int) -> Future:
    """The outages and late deliveries of run `run` (seed and run whole numbers >= 0)."""
    episodes: list[Episode] = []
    for model in instance.outage_model:
        episodes += _printer_episodes(instance, model, seed, run)
    return Future(tuple(episodes), _late_deliveries(instance, seed, run))


def whole_days(
    rng: np.random.Generator, duration: Duration, n: int, cap: int
) -> npt.NDArray[np.int64]:
    """`n` lengths in whole days: 1 + gamma(mean - 1, sd spread), rounded at random, at most `cap`.

    Rounding up with the fraction as probability keeps the mean exact (E[days] =
    `duration.mean`); the gamma keeps lengths >= 1 and skewed to long ones, as
    repairs and late deliveries are. Lengths beyond `cap` (the horizon) would
    change nothing, so they are cut there.
    """
    excess = duration.mean - 1
    if duration.spread <= _NEGLIGIBLE_SPREAD * excess or excess == 0:
        extra = np.full(n, excess)
    else:
        shape = (excess / duration.spread) ** 2
        extra = rng.gamma(shape, duration.spread**2 / excess, n)
    extra = np.minimum(extra, cap)
    whole = np.floor(extra)
    rounded_up = rng.random(n) < extra - whole
    return np.minimum(1 + whole + rounded_up, cap).astype(np.int64)


def _printer_episodes(instance: Instance, model: OutageModel, seed: int, run: int
                      ) -> list[Episode]:
    days = instance.days
    failure_stream, degraded_stream = np.random.SeedSequence(
        [seed, run, zlib.crc32(model.printer.encode())]
    ).spawn(2)
    # Failures first: when both kinds would start on one day, the failure happens.
    draws = [
        (kind, *_daily_draws(stream, kind, days))
        for kind, stream in ((model.failures, failure_stream), (model.degraded, degraded_stream))
        if kind is not None
    ]
    normal = ~_known_outage_days(instance, model.printer)
    episodes: list[Episode] = []
    free_from = 0  # the first day not inside an episode already drawn
    for t in range(days):
        if t < free_from or not normal[t]:
            continue
        for kind, starting, lengths in draws:
            if starting[t]:
                length = min(int(lengths[t]), days - t)
                episodes.append(Episode(model.printer, t, length, kind.capacity,
                                        expected_days=math.ceil(kind.days.mean)))
                free_from = t + length
                break
    return episodes


def _daily_draws(stream: np.random.SeedSequence, model: EpisodeModel, days: int
                 ) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64]]:
    """Per horizon day: whether an episode would start then, and how long it would last."""
    rng = np.random.default_rng(stream)
    starting = rng.random(days) < 1 / model.mean_days_between
    return starting, whole_days(rng, model.days, days, days)


def _known_outage_days(instance: Instance, printer_id: str) -> npt.NDArray[np.bool_]:
    """Horizon days on which one of the instance's own outages covers the printer."""
    district = next(p.district for p in instance.printers if p.id == printer_id)
    covered = np.zeros(instance.days, dtype=bool)
    for outage in instance.outages:
        if outage.printer == printer_id or outage.district == district:
            first = max(instance.day_index(outage.start), 0)
            last = min(instance.day_index(outage.end), instance.days - 1)
            covered[first:last + 1] = True  # empty when the window misses the horizon
    return covered


def _late_deliveries(instance: Instance, seed: int, run: int) -> tuple[LateDelivery, ...]:
    """Deliveries dated inside the horizon whose district has a delay model, each drawn alone."""
    delays = {d.district: d for d in instance.delivery_delays}
    seen: dict[tuple[str, int], int] = {}  # (district, day) -> deliveries met so far
    late: list[LateDelivery] = []
    for index, delivery in enumerate(instance.deliveries):
        t = instance.day_index(delivery.date)
        ordinal = seen.get((delivery.district, t), 0)
        seen[delivery.district, t] = ordinal + 1
        delay = delays.get(delivery.district)
        if delay is None or not 0 <= t < instance.days:
            continue
        rng = np.random.default_rng(np.random.SeedSequence(
            [seed, run, zlib.crc32(delivery.district.encode()), delivery.date.toordinal(),
             ordinal]
        ))
        if rng.random() < delay.probability:
            days_late = int(whole_days(rng, delay.days_late, 1, instance.days)[0])
            late.append(LateDelivery(index, days_late,
                                     expected_late=math.floor(delay.days_late.mean + 0.5)))
    return tuple(late)
