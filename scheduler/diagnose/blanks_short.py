"""Blanks to ask for: how many more blanks each district needs, and by which dates.

Definition. The *ample* instance is the instance plus one virtual supplier
district that holds more blanks than there are applicants, has no printer, is
open every day, and has a lead-0 link without a daily limit to every district.
Its links cost M per blank, M larger than any transfer cost an optimum of the
instance can have (every card rerouted and every blank carried over every other
district). Solving the ample instance lexicographically therefore finds:
1. the fewest deadline misses and 2. the least waiting that the printers, the
outages, the queue and the links allow when blanks never run out; then
3. among those plans, the fewest blanks taken from the supplier (and, among
those, the cheapest real transfers). Surplus blanks at a neighbour are moved
before anything is asked for.

For each district k of that plan, the blanks it must have been given by day t
are its cards printed on days ≤ t plus the blanks it sent by t, minus the
instance's own stock and deliveries usable by t and the blanks that arrived by t
along real links: the shortfall D_k(t). The blanks k must receive in addition to
its deliveries by day t are max(0, max over s ≤ t of D_k(s)), a staircase; its
last value N_k is what k is short, and its steps say "the first M by DATE, all
N_k by DATE". At the optimum N_k equals what the supplier sends k (a supplier
blank beyond the largest shortfall could be left out, saving M).

The answer is a property of the instance (its capacities, outages, queue, links
and blank supply), not of one plan of it: every optimal plan of the instance
faces the same shortage. It is zero for every district exactly when blanks do
not hold back the optimum (misses and waiting equal the ample ones), since the
instance's own optimum is then an ample plan taking nothing from the supplier.

The first-come plan (`solve --method greedy`) has blank needs of its own, not
the optimum's: the same greedy run with blanks that never run out prints at
least as much each day, and a district given max(0, max over s ≤ t of (its
cards printed by s in that run − its stock and deliveries by s)) more blanks by
each day t prints exactly that run's cards (by induction over the days: same
backlog, and the blank stock no longer binds). Zero exactly when blanks never
hold the greedy back.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

import numpy as np

from scheduler.engines.dispatch import DEFAULT_WORKERS, solve_instance
from scheduler.engines.greedy import greedy_plan
from scheduler.i18n import _, ngettext, number, short_date
from scheduler.instance.calendar import Calendar, build_calendar
from scheduler.instance.model import District, Instance, Link
from scheduler.plan.result import EngineResult, NoPlan
from scheduler.plan.stock import blank_stock

SUPPLIER_ID = "ample-blank-supplier"


@dataclass(frozen=True)
class BlankStep:
    """By `date`, `blanks` more blanks in total than the instance delivers (cumulative)."""

    date: date
    blanks: int


@dataclass(frozen=True)
class BlanksShort:
    """One district's shortage: `blanks` in all, needed by the dates of `steps`."""

    district: str
    name: str
    blanks: int
    steps: tuple[BlankStep, ...]

    @property
    def first(self) -> BlankStep:
        return self.steps[0]

    def sentence(self) -> str:
        """`short 3 blanks: the first 1 by 2024-01-01, all 3 by 2024-01-02`."""
        first, last = self.steps[0], self.steps[-1]
        if len(self.steps) == 1:
            return ngettext("short {count} blank, needed by {day}",
                            "short {count} blanks, needed by {day}", self.blanks).format(
                count=number(self.blanks), day=short_date(last.date))
        return _("short {count} blanks: the first {first} by {first_day}, all {count} by "
                 "{last_day}").format(count=number(self.blanks), first=number(first.blanks),
                                      first_day=short_date(first.date),
                                      last_day=short_date(last.date))


def ample_instance(instance: Instance) -> Instance:
    """The instance with the virtual supplier of blanks (see the module docstring)."""
    ids = {d.id for d in instance.districts}
    supplier = SUPPLIER_ID
    while supplier in ids:
        supplier += "-"
    applicants = instance.applicant_count
    # An optimum's real transfer cost is below applicants × (one reroute + a blank
    # carried through every other district): a blank path never revisits a district.
    price = applicants * max((lk.cost for lk in instance.links), default=0) * len(ids) + 1
    new_links = tuple(
        Link(source=supplier, target=d.id, lead_days=0, cost=price,
             index=len(instance.links) + i)
        for i, d in enumerate(instance.districts)
    )
    district = District(id=supplier, name="supplier of blanks", blanks=applicants + 1,
                        workdays=frozenset(range(7)))
    return dataclasses.replace(
        instance,
        districts=instance.districts + (district,),
        links=instance.links + new_links,
        source=f"{instance.source or instance.name} (ample blanks)",
    )


def stock_runs_out(calendar: Calendar, plan: EngineResult) -> bool:
    """Whether some district's blank stock (constraint 4's left side) reaches 0 on some day."""
    return bool((blank_stock(calendar, plan) <= 0).any())


def shortfall_steps(calendar: Calendar, ample: Calendar, result: EngineResult
                    ) -> list[BlanksShort]:
    """Each real district's staircase of extra blanks from the ample plan `result`.

    `calendar` is the instance's own; `ample` the ample instance's, whose first
    districts are the instance's in the same order (the supplier is last).
    """
    n = len(calendar.district_ids)
    days = calendar.days
    need = np.zeros((n, days), dtype=np.int64)  # D_k(t) per day, cumulated below
    for pp in result.prints:
        need[int(ample.printer_district[pp.printer]), pp.day] += pp.count
    for tr in result.transfers:
        source = int(ample.link_source[tr.link])
        target = int(ample.link_target[tr.link])
        if source < n:  # a real link: the supplier's blanks are what is being measured
            need[source, tr.day] += tr.count
            arrival = tr.day + int(ample.link_lead[tr.link])
            if arrival < days:
                need[target, arrival] -= tr.count
    need -= calendar.supply
    staircase = np.maximum.accumulate(np.maximum(np.cumsum(need, axis=1), 0), axis=1)
    instance = calendar.instance
    shortages = []
    for k, district in enumerate(instance.districts):
        row = staircase[k]
        if row[-1] == 0:
            continue
        rises = np.flatnonzero(np.diff(row, prepend=0) > 0)
        steps = tuple(BlankStep(instance.date_of(int(t)), int(row[t])) for t in rises)
        shortages.append(BlanksShort(district.id, district.name, int(row[-1]), steps))
    return shortages


def blanks_short(
    calendar: Calendar,
    *,
    engine: str = "auto",
    time_limit: float | None = None,
    workers: int = DEFAULT_WORKERS,
    seed: int = 0,
    plan: EngineResult | None = None,
) -> list[BlanksShort]:
    """The districts short of blanks (none when blanks do not hold the optimum back).

    `plan`, the instance's own optimum when known, saves the re-solve for a pure
    network whose blank stock never runs out in it.

    Solves the ample instance with the same engine settings as the plan; with a
    time limit (or side constraints solved by CP-SAT to FEASIBLE) the figures are
    those of the best ample plan found, which may ask for more than the least.
    """
    if plan is not None and not calendar.instance.side_constraints_used():
        if not stock_runs_out(calendar, plan):
            # Constraint 4 is slack on every day: in a linear program (a pure network)
            # relaxing slack constraints leaves the optimum where it is, so more blanks
            # would change nothing and no re-solve is needed.
            return []
    ample = build_calendar(ample_instance(calendar.instance))
    result = solve_instance(ample, engine=engine, time_limit=time_limit, workers=workers,
                            seed=seed)
    if isinstance(result, NoPlan):
        raise RuntimeError(f"the ample-blank instance has no plan ({result.status})")
    return shortfall_steps(calendar, ample, result)


def first_come_blanks_short(calendar: Calendar) -> list[BlanksShort]:
    """Each district's extra blanks (and by when) that would let the greedy print as if
    blanks never ran out; empty when they never hold it back."""
    instance = calendar.instance
    plenty = instance.applicant_count + 1
    ample = dataclasses.replace(
        instance, districts=tuple(dataclasses.replace(d, blanks=plenty)
                                  for d in instance.districts))
    ample_calendar = build_calendar(ample)
    return shortfall_steps(calendar, ample_calendar, greedy_plan(ample_calendar))
