"""Checking levers by re-solving with the change (issue 5, part 6 (c); issue 15, item 5).

The change goes into the calendar, which is all the flow engine reads: more
capacity on a district-day (an extra printer's day, or a capacity bump), more
blanks usable from a day (a delivery), +1 on a link's daily limit, or an
outage ended a day sooner. A price times the units is a bound, exact when the
potentials are tight over the whole change, so `actual` may save less than
predicted, never more (see prices.py and offers.py).

A re-solve needs only the misses and waiting stages (the prices claim nothing
about transfer cost), and the re-solves are independent: with more than one
core they run side by side in forked processes, each on its own changed
calendar, the results put back in order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import as_completed
from dataclasses import dataclass, replace

from scheduler.diagnose.explain.offers import BLANKS, Offer
from scheduler.diagnose.explain.prices import Lever
from scheduler.engines.network.engine import stage_values
from scheduler.engines.network.graph import build_graph
from scheduler.engines.network.stages import solve_stages
from scheduler.instance.calendar import Calendar
from scheduler.pool.forked import cores, forked_pool

MEASURED_REPAIRS = 10  # repairs of outages that stop a district, measured by re-solving


@dataclass(frozen=True)
class Check:
    """A lever, its predicted changes and the re-solved changes (misses, waiting)."""

    lever: Lever
    misses: int
    waiting: int


@dataclass(frozen=True)
class OfferCheck:
    """A purchase, its predicted (bound) changes and the re-solved ones (misses, waiting)."""

    offer: Offer
    misses: int
    waiting: int


def changed_calendar(calendar: Calendar, lever: Lever, amount: int = 1) -> Calendar:
    """The calendar with `amount` more of the lever (arrays copied, the original untouched)."""
    if lever.kind == "link":
        assert lever.link is not None
        limit = calendar.link_limit.copy()
        limit[lever.link] += amount
        return replace(calendar, link_limit=limit)
    assert lever.district is not None and lever.day is not None
    if lever.kind == "capacity":
        capacity = calendar.district_capacity.copy()
        capacity[lever.district, lever.day] += amount
        return replace(calendar, district_capacity=capacity)
    supply = calendar.supply.copy()
    supply[lever.district, lever.day] += amount
    return replace(calendar, supply=supply)


def flow_values(calendar: Calendar) -> tuple[int, int]:
    """The lexicographic optimum (misses, waiting) of a calendar's pure network."""
    graph = build_graph(calendar)
    misses, waiting, _ = stage_values(graph, solve_stages(graph, stages=2).flow)
    return misses, waiting


def check_levers(calendar: Calendar, levers: list[Lever], top: int) -> list[Check]:
    """Re-solve with each of the first `top` priced levers (+1 each) and report the changes."""
    misses, waiting = flow_values(calendar)
    checks = []
    for lever in levers[:top]:
        after = flow_values(changed_calendar(calendar, lever))
        checks.append(Check(lever, after[0] - misses, after[1] - waiting))
    return checks


def offer_calendar(calendar: Calendar, offer: Offer) -> Calendar:
    """The calendar with a priced purchase made.

    A repair a day sooner gives its day's capacity back and changes no other day
    (offers.repair_day: the outage's later days in the horizon are closed).
    """
    kind = {"printer-day": "capacity", "repair": "capacity", "blanks": "blank",
            "link": "link"}[offer.kind]
    lever = Lever(kind, offer.district, offer.day, offer.link, 0, 0)
    return changed_calendar(calendar, lever, BLANKS if kind == "blank" else offer.units)


def resolve_all(calendars: Sequence[Calendar],
                done: Callable[[int], None] | None = None) -> list[tuple[int, int]]:
    """`flow_values` of each calendar, side by side on the cores there are; `done(n)` counts."""
    results: list[tuple[int, int]] = [(0, 0)] * len(calendars)
    jobs = min(cores(), len(calendars))
    if jobs <= 1:
        for n, calendar in enumerate(calendars):
            results[n] = flow_values(calendar)
            if done is not None:
                done(n + 1)
        return results
    with forked_pool(jobs) as pool:
        futures = {pool.submit(flow_values, calendar): n for n, calendar in enumerate(calendars)}
        for finished, future in enumerate(as_completed(futures), start=1):
            results[futures[future]] = future.result()
            if done is not None:
                done(finished)
    return results


def best_of_each(offers: list[Offer]) -> list[Offer]:
    """The best offer of each (kind, district or link), one kind after another.

    The order takes the best of every kind before the second best of any (kinds
    in the order of their best), so a few checks test each kind of purchase: a
    thousand blanks' bound, much looser than a printer-day's, never crowds the
    others out.
    """
    seen: set[tuple[str, int | None]] = set()
    by_kind: dict[str, list[Offer]] = {}
    for offer in sorted(offers, key=lambda o: o.key):
        group = (offer.kind, offer.district if offer.kind != "link" else offer.link)
        if group not in seen:
            seen.add(group)
            by_kind.setdefault(offer.kind, []).append(offer)
    ranked = []
    for rank in range(max(map(len, by_kind.values()), default=0)):
        ranked += [group[rank] for group in by_kind.values() if rank < len(group)]
    return ranked


def settle(calendar: Calendar, base: tuple[int, int], offers: list[Offer],
           to_measure: list[Offer], top: int,
           done: Callable[[int], None] | None = None) -> tuple[list[Offer], list[OfferCheck]]:
    """Measure the repairs with no price and check the `top` best priced offers, in one go.

    The checked offers come from `best_of_each`: a printer-day on the next day
    says little more than on the best one. `base` is the plan's
    (misses, waiting) optimum. Returns the measured repairs that save something
    (exact changes) and the checks, best offer first.
    """
    checked = best_of_each(offers)[:top]
    measured = to_measure[:MEASURED_REPAIRS]
    calendars = [offer_calendar(calendar, o) for o in [*checked, *measured]]
    values = resolve_all(calendars, done)
    checks = [OfferCheck(o, m - base[0], w - base[1])
              for o, (m, w) in zip(checked, values, strict=False)]
    repairs = [replace(o, misses=m - base[0], waiting=w - base[1], measured=True)
               for o, (m, w) in zip(measured, values[len(checked):], strict=True)]
    return [r for r in repairs if r.key < (0, 0)], checks
