"""Reading `outage_model` and `delivery_delay`: how often printers fail and blanks arrive late.

Plans ignore both; `simulate` and `whatif --runs` draw their futures from them.
Each printer (each district) may be covered once only: two models for one
printer would be ambiguous (drawn together? one replacing the other?).
"""

from __future__ import annotations

from collections.abc import Mapping

from scheduler.instance.fields import Record, describe
from scheduler.instance.model import (
    DeliveryDelay,
    District,
    Duration,
    EpisodeModel,
    OutageModel,
    Printer,
)

OUTAGE_MODEL_KEYS = frozenset({"printer", "district", "failures", "degraded"})
FAILURE_KEYS = frozenset({"mean_days_between", "days"})
DEGRADED_KEYS = FAILURE_KEYS | {"capacity"}
DURATION_KEYS = frozenset({"mean", "spread"})
DELIVERY_DELAY_KEYS = frozenset({"district", "probability", "days_late"})


def outage_models(
    top: Record, printers: tuple[Printer, ...], districts: Mapping[str, District]
) -> tuple[OutageModel, ...]:
    """One record per printer covered, in file order; a district entry covers its printers."""
    covered_by: dict[str, str] = {}
    models: list[OutageModel] = []
    for r in top.records("outage_model", OUTAGE_MODEL_KEYS):
        key, covered = _covered_printers(r, printers, districts)
        if not r.has("failures") and not r.has("degraded"):
            raise r.error(None, "needs 'failures', 'degraded' or both")
        failures = _episodes(r.record("failures", FAILURE_KEYS)) if r.has("failures") else None
        degraded = _degraded(r, covered) if r.has("degraded") else None
        for printer in covered:
            if printer.id in covered_by:
                raise r.error(key, f"printer {printer.id!r} is already covered by "
                              f"{covered_by[printer.id]}")
            covered_by[printer.id] = r.path
            models.append(OutageModel(printer.id, failures, degraded))
    return tuple(models)


def _covered_printers(
    r: Record, printers: tuple[Printer, ...], districts: Mapping[str, District]
) -> tuple[str, list[Printer]]:
    """The key naming what the record covers ('printer' or 'district') and its printers."""
    if r.one_of("printer", "district"):
        by_id = {p.id: p for p in printers}
        return "printer", [by_id[r.reference("printer", by_id, "printer")]]
    district = r.reference("district", districts, "district")
    return "district", [p for p in printers if p.district == district]


def _degraded(r: Record, covered: list[Printer]) -> EpisodeModel:
    """Degraded episodes: their capacity must be below every covered printer's own."""
    episodes = r.record("degraded", DEGRADED_KEYS)
    degraded = _episodes(episodes, capacity=episodes.whole("capacity"))
    for printer in covered:
        if degraded.capacity >= printer.capacity:
            raise episodes.error("capacity", f"must be below printer {printer.id!r}'s "
                                 f"capacity {printer.capacity}, got {degraded.capacity}")
    return degraded


def _episodes(rec: Record, capacity: int = 0) -> EpisodeModel:
    """`mean_days_between` >= 1: an episode starts on a normal day with probability 1/it."""
    return EpisodeModel(rec.number("mean_days_between", 1), _duration(rec, "days"), capacity)


def _duration(rec: Record, key: str) -> Duration:
    """Whole days >= 1 with a mean >= 1 and a spread >= 0 (0 when the mean is 1)."""
    days = rec.record(key, DURATION_KEYS)
    mean, spread = days.number("mean", 1), days.number("spread", 0)
    if mean == 1 and spread > 0:
        raise days.error("spread", f"must be 0 when the mean is 1 (days are whole and at "
                         f"least 1, so a mean of 1 has no spread), got {describe(spread)}")
    return Duration(mean, spread)


def delivery_delays(top: Record, districts: tuple[District, ...]) -> tuple[DeliveryDelay, ...]:
    """One record per district covered; an entry without `district` covers every district."""
    known = {d.id: d for d in districts}
    covered_by: dict[str, str] = {}
    delays: list[DeliveryDelay] = []
    for r in top.records("delivery_delay", DELIVERY_DELAY_KEYS):
        if r.has("district"):
            covered = [r.reference("district", known, "district")]
        else:
            covered = [d.id for d in districts]
        probability = r.number("probability", 0, 1)
        days_late = _duration(r, "days_late")
        for district in covered:
            if district in covered_by:
                where = "district" if r.has("district") else None
                raise r.error(where, f"district {district!r} is already covered by "
                              f"{covered_by[district]}")
            covered_by[district] = r.path
            delays.append(DeliveryDelay(district, probability, days_late))
    return tuple(delays)
