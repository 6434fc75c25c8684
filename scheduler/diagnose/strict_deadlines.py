"""Strict deadlines: every eligible applicant home by its class's deadline, or why not.

Deadline misses are the objective's first stage, so strict deadlines can be met
exactly when the lexicographic optimum misses none (the optimum is proven by the
engine). When it misses some, a coordinator needs more than "infeasible": for
each queue (home district, class) that misses, how many, whether it could make
it with every printer, link and blank to itself (a solve with only its
applicants), and which resource falls short by the deadline.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

import numpy as np

from scheduler.engines.dispatch import DEFAULT_WORKERS, solve_instance
from scheduler.i18n import _, number, short_date
from scheduler.instance.calendar import Calendar, build_calendar
from scheduler.plan.assignment import home_lead
from scheduler.plan.result import EngineResult, NoPlan


@dataclass(frozen=True)
class DeadlineVerdict:
    """One queue that misses its deadline in the optimum, and why."""

    district: str
    service_class: str
    deadline: date
    eligible: int
    missed: int
    missed_alone: int
    capacity_by_deadline: int
    blanks_by_deadline: int
    class_label: str = ""  # what people call the class (its label), shown instead of the id

    def reason(self) -> str:
        """One line a coordinator can act on."""
        head = _("{queue}: {missed} of {eligible} not home by {day}").format(
            queue=f"{self.district}/{self.class_label or self.service_class}",
            missed=number(self.missed),
            eligible=number(self.eligible), day=short_date(self.deadline))
        if self.missed_alone == 0:
            return head + _("; it could make it with the printers and blanks to itself: it "
                            "competes with other queues for them")
        shortfalls = []
        if self.capacity_by_deadline < self.eligible:
            shortfalls.append(_("capacity: at most {cards} cards can be printed at home and "
                                "along its links and be home in time").format(
                                    cards=number(self.capacity_by_deadline)))
        if self.blanks_by_deadline < self.eligible:
            shortfalls.append(_("blanks: {blanks} in stock or delivered by then at home and "
                                "its neighbours").format(blanks=number(self.blanks_by_deadline)))
        if not shortfalls:
            shortfalls.append(_("too few open days between their ready dates and the deadline "
                                "(holidays, outages, lead days, link limits)"))
        return head + _("; even alone {count} would miss — {shortfalls}").format(
            count=number(self.missed_alone), shortfalls="; ".join(shortfalls))


def queue_misses(calendar: Calendar, result: EngineResult) -> list[int]:
    """Per queue: eligible applicants whose card is not home by the deadline."""
    leads = home_lead(calendar)
    home_in_time = np.zeros(len(calendar.queues), dtype=np.int64)
    for pp in result.prints:
        queue = calendar.queues[pp.queue]
        k = int(calendar.printer_district[pp.printer])
        if queue.deadline is not None and pp.day + leads[(queue.home, k)] <= queue.deadline:
            home_in_time[pp.queue] += pp.count
    return [
        int(calendar.eligible[q]) - int(home_in_time[q]) if queue.deadline is not None else 0
        for q, queue in enumerate(calendar.queues)
    ]


def _capacity_by_deadline(calendar: Calendar, home: int, deadline: int) -> int:
    """Cards printable for `home` at home and along its links with home day ≤ deadline."""
    last = min(deadline, calendar.days - 1)
    total = int(calendar.district_capacity[home, : last + 1].sum()) if last >= 0 else 0
    for link in np.flatnonzero(calendar.link_source == home).tolist():
        k, lead = int(calendar.link_target[link]), int(calendar.link_lead[link])
        limit = int(calendar.link_limit[link])
        end = min(deadline - lead, calendar.days - 1)
        if end < 0:
            continue
        daily = calendar.district_capacity[k, : end + 1]
        total += int(np.minimum(daily, limit).sum() if limit >= 0 else daily.sum())
    return total


def _blanks_by_deadline(calendar: Calendar, home: int, deadline: int) -> int:
    """Blanks in stock or delivered by the deadline at home and its link targets."""
    last = min(deadline, calendar.days - 1)
    if last < 0:
        return 0
    places = {home, *calendar.link_target[calendar.link_source == home].tolist()}
    return int(sum(calendar.supply[k, : last + 1].sum() for k in places))


def deadline_verdicts(
    calendar: Calendar, result: EngineResult, *, workers: int = DEFAULT_WORKERS, seed: int = 0
) -> list[DeadlineVerdict]:
    """The queues that miss in `result` (the optimum), each with a solve of it alone."""
    instance = calendar.instance
    verdicts = []
    for q, missed in enumerate(queue_misses(calendar, result)):
        if missed <= 0:
            continue
        queue = calendar.queues[q]
        home, cls = calendar.district_ids[queue.home], calendar.class_ids[queue.service_class]
        alone = dataclasses.replace(
            instance,
            cohorts=tuple(c for c in instance.cohorts
                          if (c.district, c.service_class) == (home, cls)),
            applicant_ids=None,
        )
        own = solve_instance(build_calendar(alone), workers=workers, seed=seed)
        deadline = instance.classes[queue.service_class].deadline
        assert deadline is not None and queue.deadline is not None  # it has misses
        verdicts.append(DeadlineVerdict(
            district=home, service_class=cls, deadline=deadline,
            eligible=int(calendar.eligible[q]), missed=missed,
            missed_alone=missed if isinstance(own, NoPlan) else own.objective.deadline_misses,
            capacity_by_deadline=_capacity_by_deadline(calendar, queue.home, queue.deadline),
            blanks_by_deadline=_blanks_by_deadline(calendar, queue.home, queue.deadline),
            class_label=instance.classes[queue.service_class].shown,
        ))
    return verdicts
