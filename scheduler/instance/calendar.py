"""Day-indexed facts the engines need, computed once from an Instance.

Engines (flow and CP-SAT) read these arrays instead of the records so that
calendar rules — open days, outage caps, ready counts, blank arrivals — are
applied in one place. The independent validator does *not* use this module: it
recomputes the same facts from the records on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

# Re-exported: the engines, diagnoses and reports import the array types from here.
from scheduler.instance.arrays import BoolArray as BoolArray
from scheduler.instance.arrays import IntArray as IntArray
from scheduler.instance.model import Instance, Link

#: `Calendar.deadline_days()` of a queue without a deadline, or with one before day 0:
#: below every day index, so no home day meets it and no plan decision counts a miss.
NO_DEADLINE = -1


@dataclass(frozen=True)
class Queue:
    """Queue q = (home district, class): indices into the instance's tuples."""

    home: int
    service_class: int
    weight: int
    deadline: int | None  # day index of the deadline (may be < 0 or ≥ T)


@dataclass(frozen=True)
class Calendar:
    """Arrays over (district|printer|queue|link, day) for one instance.

    - `open[k, t]`: district k prints and sends blanks on day t.
    - `printer_capacity[p, t]`: capacity that day (0 when closed, outage caps applied).
    - `district_capacity[k, t]`: the sum over k's printers.
    - `ready[q, t]`: applicants of q that become ready on day t (before start: t = 0).
    - `eligible[q]`: applicants of q whose ready *date* is on or before q's deadline date.
    - `supply[k, t]`: blanks usable at k from day t (stock and early deliveries at t = 0).
    - link arrays, one entry per directed link.
    """

    instance: Instance
    days: int
    district_ids: tuple[str, ...]
    printer_ids: tuple[str, ...]
    class_ids: tuple[str, ...]
    open: BoolArray
    printer_district: IntArray
    printer_capacity: IntArray
    district_capacity: IntArray
    queues: tuple[Queue, ...]
    cohort_queue: IntArray
    ready: IntArray
    eligible: IntArray
    supply: IntArray
    link_source: IntArray
    link_target: IntArray
    link_lead: IntArray
    link_limit: IntArray  # -1 = no limit
    link_cost: IntArray

    @property
    def queue_total(self) -> IntArray:
        return np.asarray(self.ready.sum(axis=1), dtype=np.int64)

    def queue_index(self) -> dict[tuple[str, str], int]:
        """(home district id, class id) -> queue index."""
        return {
            (self.district_ids[q.home], self.class_ids[q.service_class]): i
            for i, q in enumerate(self.queues)
        }

    def link_index(self) -> dict[tuple[int, int], int]:
        """(source district index, target district index) -> link index."""
        pairs = zip(self.link_source.tolist(), self.link_target.tolist(), strict=True)
        return {pair: i for i, pair in enumerate(pairs)}

    def link_index_by_id(self) -> dict[tuple[str, str], int]:
        """(source district id, target district id) -> link index."""
        return {(self.district_ids[a], self.district_ids[b]): i
                for (a, b), i in self.link_index().items()}

    def deadline_days(self) -> IntArray:
        """Each queue's deadline day index, NO_DEADLINE when it has none or it lies before day 0.

        A deadline before day 0 cannot be met by any card printed in the horizon:
        its ready applicants are missed whatever the plan, so no decision prices it.
        """
        return np.array(
            [NO_DEADLINE if q.deadline is None or q.deadline < 0 else q.deadline
             for q in self.queues],
            dtype=np.int64,
        )


def build_calendar(instance: Instance) -> Calendar:
    """Compute every day-indexed fact of an instance (vectorised per record)."""
    district_ids = tuple(d.id for d in instance.districts)
    class_ids = tuple(c.id for c in instance.classes)
    k_of = {d: i for i, d in enumerate(district_ids)}
    is_open = _open_days(instance)
    printer_district = np.array([k_of[p.district] for p in instance.printers], dtype=np.int64)
    printer_capacity = _printer_capacity(instance, is_open, printer_district)
    district_capacity = np.zeros((len(district_ids), instance.days), dtype=np.int64)
    np.add.at(district_capacity, printer_district, printer_capacity)
    queues, cohort_queue = _queues(instance, k_of)
    ready, eligible = _ready_and_eligible(instance, queues, cohort_queue)
    links = instance.links
    return Calendar(
        instance=instance,
        days=instance.days,
        district_ids=district_ids,
        printer_ids=tuple(p.id for p in instance.printers),
        class_ids=class_ids,
        open=is_open,
        printer_district=printer_district,
        printer_capacity=printer_capacity,
        district_capacity=district_capacity,
        queues=queues,
        cohort_queue=cohort_queue,
        ready=ready,
        eligible=eligible,
        supply=_supply(instance, k_of),
        link_source=_link_column(links, lambda lk: k_of[lk.source]),
        link_target=_link_column(links, lambda lk: k_of[lk.target]),
        link_lead=_link_column(links, lambda lk: lk.lead_days),
        link_limit=_link_column(links, lambda lk: -1 if lk.daily_limit is None else lk.daily_limit),
        link_cost=_link_column(links, lambda lk: lk.cost),
    )


def _open_days(instance: Instance) -> BoolArray:
    """`open[k, t]`: district k works on day t (its workdays, no holiday)."""
    is_open = np.zeros((len(instance.districts), instance.days), dtype=np.bool_)
    for k, d in enumerate(instance.districts):
        is_open[k] = [instance.is_open(d, t) for t in range(instance.days)]
    return is_open


def _printer_capacity(instance: Instance, is_open: BoolArray, printer_district: IntArray
                      ) -> IntArray:
    """Each printer's capacity per day: 0 when its district is closed, outage caps applied."""
    days = instance.days
    printer_capacity = np.zeros((len(instance.printers), days), dtype=np.int64)
    for i, p in enumerate(instance.printers):
        printer_capacity[i] = np.where(is_open[printer_district[i]], p.capacity, 0)
    p_of = {p.id: i for i, p in enumerate(instance.printers)}
    for o in instance.outages:
        lo = max(instance.day_index(o.start), 0)
        hi = min(instance.day_index(o.end), days - 1)
        if lo > hi:
            continue
        if o.printer is not None:
            rows = [p_of[o.printer]]
        else:
            rows = [i for i, p in enumerate(instance.printers) if p.district == o.district]
        for r in rows:
            np.minimum(printer_capacity[r, lo : hi + 1], o.capacity,
                       out=printer_capacity[r, lo : hi + 1])
    return printer_capacity


def _queues(instance: Instance, k_of: dict[str, int]) -> tuple[tuple[Queue, ...], IntArray]:
    """The queues in order of their first cohort, and each cohort's queue."""
    c_of = {c.id: i for i, c in enumerate(instance.classes)}
    queue_of: dict[tuple[int, int], int] = {}
    queues: list[Queue] = []
    cohort_queue = np.zeros(len(instance.cohorts), dtype=np.int64)
    for j, c in enumerate(instance.cohorts):
        key = (k_of[c.district], c_of[c.service_class])
        if key not in queue_of:
            cls = instance.classes[key[1]]
            deadline = None if cls.deadline is None else instance.day_index(cls.deadline)
            queue_of[key] = len(queues)
            queues.append(Queue(key[0], key[1], cls.weight, deadline))
        cohort_queue[j] = queue_of[key]
    return tuple(queues), cohort_queue


def _ready_and_eligible(instance: Instance, queues: tuple[Queue, ...], cohort_queue: IntArray
                        ) -> tuple[IntArray, IntArray]:
    """`ready[q, t]` (ready before the start: day 0) and `eligible[q]` (ready by the deadline)."""
    ready = np.zeros((len(queues), instance.days), dtype=np.int64)
    eligible = np.zeros(len(queues), dtype=np.int64)
    for j, cohort in enumerate(instance.cohorts):
        q = int(cohort_queue[j])
        ready[q, max(instance.day_index(cohort.ready), 0)] += cohort.count
        deadline_date = instance.classes[queues[q].service_class].deadline
        if deadline_date is not None and cohort.ready <= deadline_date:
            eligible[q] += cohort.count
    return ready, eligible


def _supply(instance: Instance, k_of: dict[str, int]) -> IntArray:
    """Blanks usable per district and day: stock and early deliveries on day 0."""
    days = instance.days
    supply = np.zeros((len(instance.districts), days), dtype=np.int64)
    for k, d in enumerate(instance.districts):
        supply[k, 0] += d.blanks
    for dl in instance.deliveries:
        t = instance.day_index(dl.date)
        if t < days:
            supply[k_of[dl.district], max(t, 0)] += dl.blanks
    return supply


def _link_column(links: tuple[Link, ...], value: Callable[[Link], int]) -> IntArray:
    """One figure of every directed link, in link order."""
    return np.array([value(lk) for lk in links], dtype=np.int64)
