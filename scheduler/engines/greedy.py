"""The first-come greedy baseline: what an office does by hand, to compare the optimum with.

Each day each district prints its own oldest ready applicants (all its queues
merged by ready day, ties in queue order) on its own printers, as many as its
printers can that day and its blanks allow (stock and deliveries so far, less
what it has printed). No rerouting, no lending of blanks. Printers are filled
in the instance's order; a printer is skipped when its batch would fall below
its `min_batch`, and no more printers run than the district has operators, so
the plan stays valid when side constraints are present.

`solve --method greedy` writes this plan: valid (status FEASIBLE), with no bound,
since nothing here proves how far from optimal it is.
"""

from __future__ import annotations

import time

from scheduler.instance.calendar import Calendar
from scheduler.plan.objective import objective_from_counts
from scheduler.plan.result import Bound, EngineResult, PlannedPrint, Status


def _printer_batches(calendar: Calendar, k: int, t: int, budget: int,
                     printers: list[int]) -> list[tuple[int, int]]:
    """(printer, cards) for district k on day t, at most `budget` cards in all."""
    instance = calendar.instance
    operators = instance.districts[k].operators
    batches: list[tuple[int, int]] = []
    for p in printers:
        if budget == 0 or (operators is not None and len(batches) >= operators):
            break
        n = min(int(calendar.printer_capacity[p, t]), budget)
        if n >= max(1, instance.printers[p].min_batch):
            batches.append((p, n))
            budget -= n
    return batches


def greedy_plan(calendar: Calendar) -> EngineResult:
    """The first-come plan: home printing only, oldest ready first, while blanks last."""
    started = time.perf_counter()
    printers_of: dict[int, list[int]] = {}
    for p, k in enumerate(calendar.printer_district.tolist()):
        printers_of.setdefault(int(k), []).append(p)
    queues_of: dict[int, list[int]] = {}
    for q, queue in enumerate(calendar.queues):
        queues_of.setdefault(queue.home, []).append(q)
    # waiting[q][t]: applicants of q ready on day t not yet printed
    waiting = [[int(n) for n in row] for row in calendar.ready.tolist()]
    blanks = [0] * len(calendar.district_ids)
    prints: list[PlannedPrint] = []
    for t in range(calendar.days):
        for k in range(len(calendar.district_ids)):
            blanks[k] += int(calendar.supply[k, t])
            queues = queues_of.get(k, [])
            backlog = sum(sum(waiting[q][: t + 1]) for q in queues)
            budget = min(backlog, blanks[k], int(calendar.district_capacity[k, t]))
            if budget <= 0:
                continue
            # oldest ready first: day ascending, then queue order
            oldest = [(r, q) for r in range(t + 1) for q in queues if waiting[q][r] > 0]
            for p, n in _printer_batches(calendar, k, t, budget, printers_of.get(k, [])):
                blanks[k] -= n
                per_queue: dict[int, int] = {}
                while n > 0:
                    r, q = oldest[0]
                    take = min(n, waiting[q][r])
                    waiting[q][r] -= take
                    per_queue[q] = per_queue.get(q, 0) + take
                    n -= take
                    if waiting[q][r] == 0:
                        oldest.pop(0)
                prints += [PlannedPrint(q, p, t, c) for q, c in sorted(per_queue.items())]
    objective = objective_from_counts(calendar, prints, ())
    return EngineResult("greedy", Status.FEASIBLE, objective, Bound(None),
                        proof="none: a first-come baseline, not optimised",
                        prints=tuple(prints), seconds=time.perf_counter() - started)
