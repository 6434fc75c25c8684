"""Day-indexed facts the engines need, computed once from an Instance.

Engines (flow and CP-SAT) read these arrays instead of the records so that
calendar rules — open days, outage caps, ready counts, blank arrivals — are
applied in one place. The independent validator does *not* use this module: it
recomputes the same facts from the records on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from scheduler.instance.model import Instance

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


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


def build_calendar(instance: Instance) -> Calendar:
    """Compute every day-indexed fact of an instance (vectorised per record)."""
    days = instance.days
    district_ids = tuple(d.id for d in instance.districts)
    printer_ids = tuple(p.id for p in instance.printers)
    class_ids = tuple(c.id for c in instance.classes)
    k_of = {d: i for i, d in enumerate(district_ids)}
    c_of = {c: i for i, c in enumerate(class_ids)}

    is_open = np.zeros((len(district_ids), days), dtype=np.bool_)
    for k, d in enumerate(instance.districts):
        is_open[k] = [instance.is_open(d, t) for t in range(days)]

    printer_district = np.array([k_of[p.district] for p in instance.printers], dtype=np.int64)
    printer_capacity = np.zeros((len(printer_ids), days), dtype=np.int64)
    for i, p in enumerate(instance.printers):
        printer_capacity[i] = np.where(is_open[printer_district[i]], p.capacity, 0)
    p_of = {p: i for i, p in enumerate(printer_ids)}
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
    district_capacity = np.zeros((len(district_ids), days), dtype=np.int64)
    np.add.at(district_capacity, printer_district, printer_capacity)

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
    ready = np.zeros((len(queues), days), dtype=np.int64)
    eligible = np.zeros(len(queues), dtype=np.int64)
    for j, c in enumerate(instance.cohorts):
        q = int(cohort_queue[j])
        ready[q, max(instance.day_index(c.ready), 0)] += c.count
        deadline_date = instance.classes[queues[q].service_class].deadline
        if deadline_date is not None and c.ready <= deadline_date:
            eligible[q] += c.count

    supply = np.zeros((len(district_ids), days), dtype=np.int64)
    for k, d in enumerate(instance.districts):
        supply[k, 0] += d.blanks
    for dl in instance.deliveries:
        t = instance.day_index(dl.date)
        if t < days:
            supply[k_of[dl.district], max(t, 0)] += dl.blanks

    links = instance.links
    return Calendar(
        instance=instance,
        days=days,
        district_ids=district_ids,
        printer_ids=printer_ids,
        class_ids=class_ids,
        open=is_open,
        printer_district=printer_district,
        printer_capacity=printer_capacity,
        district_capacity=district_capacity,
        queues=tuple(queues),
        cohort_queue=cohort_queue,
        ready=ready,
        eligible=eligible,
        supply=supply,
        link_source=np.array([k_of[lk.source] for lk in links], dtype=np.int64),
        link_target=np.array([k_of[lk.target] for lk in links], dtype=np.int64),
        link_lead=np.array([lk.lead_days for lk in links], dtype=np.int64),
        link_limit=np.array(
            [-1 if lk.daily_limit is None else lk.daily_limit for lk in links], dtype=np.int64
        ),
        link_cost=np.array([lk.cost for lk in links], dtype=np.int64),
    )
