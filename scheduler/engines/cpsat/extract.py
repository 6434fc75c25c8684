"""A CP-SAT solution vector read back as a plan: prints per printer, sends per link-day."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from scheduler.engines.cpsat.variables import Variables
from scheduler.engines.printers import fill_printers
from scheduler.instance.calendar import Calendar, IntArray
from scheduler.plan.result import PlannedPrint, PlannedTransfer


def extract_plan(calendar: Calendar, v: Variables, solution: IntArray
                 ) -> tuple[tuple[PlannedPrint, ...], tuple[PlannedTransfer, ...]]:
    """Prints per printer and transfers per link-day from a solution vector.

    Detailed district-days use the model's y and u: a group's cards are shared
    evenly by as many of its printers as print (each then gets between its
    min_batch and its capacity); elsewhere the cards fill the
    printers largest first (then by index), which uses the fewest printers and
    so respects the operators when the total is within their capacity.
    """
    x = solution[Variables.indices(v.x)]
    y = solution[Variables.indices(v.y)]
    counts: dict[tuple[int, int], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for i in np.flatnonzero(x):
        counts[int(v.x_district[i]), int(v.x_day[i])][int(v.x_queue[i])] += int(x[i])
    u = solution[Variables.indices(v.u)]
    slots: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for i in np.flatnonzero(y):
        cards, each = int(y[i]), int(v.y_cap[i])
        printing = int(u[v.u_of_y[i]]) if v.u_of_y[i] >= 0 else -(-cards // each)
        base, extra = divmod(cards, printing)
        slots[int(v.y_district[i]), int(v.y_day[i])] += [
            (p, base + (j < extra)) for j, p in enumerate(v.y_members[i][:printing])
        ]
    prints: list[PlannedPrint] = []
    for (k, t), per_queue in counts.items():
        if v.capacity.detailed[k, t]:
            printers = slots[k, t]
        else:
            mine = np.flatnonzero(calendar.printer_district == k).tolist()
            mine.sort(key=lambda p: (-int(v.capacity.printer[p, t]), p))
            printers = [(p, int(v.capacity.printer[p, t])) for p in mine]
        prints += fill_printers(printers, sorted(per_queue.items()), t)
    prints.sort(key=lambda pp: (pp.day, pp.printer, pp.queue))
    n = solution[Variables.indices(v.n)]
    transfers = tuple(
        PlannedTransfer(int(v.n_link[i]), int(v.n_day[i]), int(n[i] * v.n_box[i]))
        for i in np.flatnonzero(n)
    )
    return tuple(prints), tuple(sorted(transfers, key=lambda tr: (tr.day, tr.link)))
