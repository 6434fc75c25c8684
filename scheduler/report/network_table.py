"""The network view's figures: each district's load and, with a plan, what moved (issue 5.2).

Load is the ready queue over the printers' capacity within the horizon: above 1
a district cannot clear its own queue alone, which is where rerouting and
lending pay. With a plan: cards of the district's residents printed elsewhere
(sent out), cards of other districts printed here (taken in), blanks sent and
received, and the day its backlog first reaches zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scheduler.instance.calendar import Calendar
from scheduler.plan.assignment import assign_first_come
from scheduler.plan.figures import district_figures
from scheduler.plan.result import EngineResult


@dataclass(frozen=True)
class PlanFlows:
    """What a plan moved for one district; `days_to_clear` counts horizon days up to and
    including the day its backlog first reaches zero (None: not within the horizon)."""

    sent_out: int
    taken_in: int
    blanks_lent: int
    blanks_borrowed: int
    days_to_clear: int | None


@dataclass(frozen=True)
class DistrictView:
    """One district's row; `load` is None when it has no capacity within the horizon."""

    district: str
    name: str
    lat: float | None
    lon: float | None
    queue: int
    capacity: int
    load: float | None
    outage_days: int
    blanks: int
    flows: PlanFlows | None


def _outage_days(calendar: Calendar) -> list[int]:
    """Per district: open days on which an outage cuts its printers below their capacity."""
    instance = calendar.instance
    nominal = np.zeros(len(calendar.district_ids), dtype=np.int64)
    np.add.at(nominal, calendar.printer_district,
              np.array([p.capacity for p in instance.printers], dtype=np.int64))
    cut = calendar.open & (calendar.district_capacity < nominal[:, None])
    return [int(n) for n in cut.sum(axis=1)]


def _plan_flows(calendar: Calendar, result: EngineResult) -> list[PlanFlows]:
    n = len(calendar.district_ids)
    k_of = {d: k for k, d in enumerate(calendar.district_ids)}
    sent_out = np.zeros(n, dtype=np.int64)
    taken_in = np.zeros(n, dtype=np.int64)
    for (home, at), count in rerouted_cards(calendar, result).items():
        sent_out[k_of[home]] += count
        taken_in[k_of[at]] += count
    lent = np.zeros(n, dtype=np.int64)
    borrowed = np.zeros(n, dtype=np.int64)
    for tr in result.transfers:
        lent[calendar.link_source[tr.link]] += tr.count
        borrowed[calendar.link_target[tr.link]] += tr.count
    start = calendar.instance.start
    figures = district_figures(calendar, result, assign_first_come(calendar, result))
    return [
        PlanFlows(int(sent_out[k]), int(taken_in[k]), int(lent[k]), int(borrowed[k]),
                  None if f.cleared is None else (f.cleared - start).days + 1)
        for k, f in enumerate(figures)
    ]


def network_view(calendar: Calendar, result: EngineResult | None = None) -> list[DistrictView]:
    """Each district's figures in the instance's order (with a plan: what it moved)."""
    n = len(calendar.district_ids)
    queue = np.zeros(n, dtype=np.int64)
    for q, spec in enumerate(calendar.queues):
        queue[spec.home] += int(calendar.ready[q].sum())
    capacity = calendar.district_capacity.sum(axis=1)
    blanks = calendar.supply.sum(axis=1)
    outages = _outage_days(calendar)
    flows = None if result is None else _plan_flows(calendar, result)
    views = []
    for k, district in enumerate(calendar.instance.districts):
        cap = int(capacity[k])
        views.append(DistrictView(
            district=district.id, name=district.name, lat=district.lat, lon=district.lon,
            queue=int(queue[k]), capacity=cap,
            load=None if cap == 0 else int(queue[k]) / cap,
            outage_days=outages[k], blanks=int(blanks[k]),
            flows=None if flows is None else flows[k],
        ))
    return views


def rerouted_cards(calendar: Calendar, result: EngineResult) -> dict[tuple[str, str], int]:
    """(home district, printing district) -> cards of the home printed there."""
    moved: dict[tuple[str, str], int] = {}
    for p in result.prints:
        home = calendar.queues[p.queue].home
        at = int(calendar.printer_district[p.printer])
        if home != at:
            key = (calendar.district_ids[home], calendar.district_ids[at])
            moved[key] = moved.get(key, 0) + p.count
    return moved
