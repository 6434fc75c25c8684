"""A plan's lexicographic objective recomputed from its counts (NETWORK.md, 'why it is exact')."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from scheduler.instance.calendar import Calendar
from scheduler.plan.result import Objective, PlannedPrint, PlannedTransfer


def objective_from_counts(
    calendar: Calendar,
    prints: Iterable[PlannedPrint],
    transfers: Iterable[PlannedTransfer],
    trips_cost: int = 0,
) -> Objective:
    """The objective of a plan from its counts (NETWORK.md, 'why it is exact', point 2).

    waiting = Σ_q w_q (Σ_cards min(home, T) + unprinted_q·T − Σ_applicants ready);
    misses = eligible_q − cards of q home by D_q; transfer = Σ counts × link cost.
    `trips_cost` is what constraint 8's trips add (the flow and greedy plans make none).
    """
    link_of = calendar.link_index()
    days = calendar.days
    ready_days = np.arange(days, dtype=np.int64)
    printed = np.zeros(len(calendar.queues), dtype=np.int64)
    end_sum = np.zeros(len(calendar.queues), dtype=np.int64)
    home_by_deadline = np.zeros(len(calendar.queues), dtype=np.int64)
    transfer = trips_cost
    for pp in prints:
        queue = calendar.queues[pp.queue]
        k = int(calendar.printer_district[pp.printer])
        lead = 0
        if k != queue.home:
            link = link_of[(queue.home, k)]
            lead = int(calendar.link_lead[link])
            transfer += pp.count * int(calendar.link_cost[link])
        home = pp.day + lead
        printed[pp.queue] += pp.count
        end_sum[pp.queue] += pp.count * min(home, days)
        if queue.deadline is not None and home <= queue.deadline:
            home_by_deadline[pp.queue] += pp.count
    for tr in transfers:
        transfer += tr.count * int(calendar.link_cost[tr.link])
    misses = 0
    waiting = 0
    for q, queue in enumerate(calendar.queues):
        total = int(calendar.ready[q].sum())
        ready_sum = int((calendar.ready[q] * ready_days).sum())
        waiting += queue.weight * (int(end_sum[q]) + (total - int(printed[q])) * days - ready_sum)
        if queue.deadline is not None:
            misses += int(calendar.eligible[q]) - int(home_by_deadline[q])
    return Objective(misses, waiting, transfer)
