"""The instance as the planner sees it on a morning, solved, and its plan in the run's indices.

Built directly from records and counts (no JSON, no files): the re-plan's
`rebase` in memory. The horizon starts on the morning's day and ends where the
instance does; each district's blanks are its real stock that morning; the
deliveries still to come are at their believed days, and blanks on their way
along links become deliveries on their arrival day; the known episodes still
believed to run are outages; each queue loses the first-come prefix already
printed (cards on their way home from a neighbour included). Queue, printer
and link indices of the run are kept by mapping the solved plan back.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from scheduler.instance.calendar import Calendar, build_calendar
from scheduler.instance.model import Cohort, Delivery, Instance
from scheduler.plan.make import make_plan
from scheduler.plan.result import PlanCounts, PlannedPrint, PlannedTransfer
from scheduler.simulate.knowledge import Belief
from scheduler.simulate.state import RunState


@dataclass(frozen=True)
class DayPlan:
    """A plan from day `made` on, in the run's indices and days, and the belief it assumed."""

    made: int
    belief: Belief
    prints: dict[int, list[PlannedPrint]]
    transfers: dict[int, list[PlannedTransfer]]

    def on(self, day: int) -> tuple[list[PlannedPrint], list[PlannedTransfer]]:
        """The day's planned prints and sends."""
        return self.prints.get(day, []), self.transfers.get(day, [])


def instance_as_of(state: RunState, belief: Belief) -> Instance:
    """The instance from the belief's morning on (module docstring)."""
    calendar = state.calendar
    instance = calendar.instance
    day = belief.day
    left = state.printed.copy()
    cohorts: list[Cohort] = []
    for j, cohort in enumerate(instance.cohorts):
        q = int(calendar.cohort_queue[j])
        done = min(int(left[q]), cohort.count)
        left[q] -= done
        if cohort.count > done:
            cohorts.append(dataclasses.replace(cohort, count=cohort.count - done))
    deliveries = [
        dataclasses.replace(d, date=instance.date_of(t))
        for d, t in zip(instance.deliveries, belief.delivery_days, strict=True) if t >= day
    ]
    for k, t in zip(*state.arrivals[:, day:].nonzero(), strict=True):
        deliveries.append(Delivery(calendar.district_ids[k], instance.date_of(day + int(t)),
                                   int(state.arrivals[k, day + t])))
    return dataclasses.replace(
        instance,
        name=f"{instance.name}-as-of-{instance.date_of(day)}",
        start=instance.date_of(day),
        days=instance.days - day,
        districts=tuple(dataclasses.replace(d, blanks=int(state.stock[k]))
                        for k, d in enumerate(instance.districts)),
        outages=instance.outages + belief.outages,
        deliveries=tuple(deliveries),
        cohorts=tuple(cohorts),
        applicant_ids=None,
    )


def plan_as_of(state: RunState, belief: Belief, previous: DayPlan | None, *, workers: int,
               seed: int, time_limit: float | None) -> DayPlan:
    """Solve the instance as of the belief's morning.

    The three SPEC stages: the flow for a pure network, else CP-SAT, hinted by
    the previous plan's days from this morning on (repaired where reality made
    it infeasible) or, with none, by the relaxed network's flow.
    """
    calendar = state.calendar
    day = belief.day
    seen = instance_as_of(state, belief)
    hint = None
    if previous is not None and seen.side_constraints_used():  # CP-SAT takes a hint
        hint = _hint(_run_queues(calendar, build_calendar(seen)), previous, day)
    # Printing nothing is a plan, and CP-SAT keeps its hint in time: NoPlanFound is a bug.
    planned = make_plan(seen, time_limit=time_limit, workers=workers, seed=seed, hint=hint,
                        blanks_short=False)
    result, queue_of = planned.result, _run_queues(calendar, planned.calendar)
    prints: dict[int, list[PlannedPrint]] = {}
    for pp in result.prints:
        if pp.count > 0:
            prints.setdefault(day + pp.day, []).append(
                PlannedPrint(queue_of[pp.queue], pp.printer, day + pp.day, pp.count))
    transfers: dict[int, list[PlannedTransfer]] = {}
    for tr in result.transfers:
        if tr.count > 0:
            transfers.setdefault(day + tr.day, []).append(
                PlannedTransfer(tr.link, day + tr.day, tr.count))
    return DayPlan(day, belief, prints, transfers)


def _run_queues(run: Calendar, seen: Calendar) -> list[int]:
    """The run's queue index of each queue of the morning's instance."""
    run_queue = run.queue_index()
    return [run_queue[seen.district_ids[q.home], seen.class_ids[q.service_class]]
            for q in seen.queues]


def _hint(queue_of: list[int], previous: DayPlan, day: int) -> PlanCounts:
    """The previous plan's days from `day` on, in the morning instance's indices."""
    seen_queue = {q: i for i, q in enumerate(queue_of)}
    prints = tuple(
        PlannedPrint(seen_queue[pp.queue], pp.printer, t - day, pp.count)
        for t, planned in previous.prints.items() if t >= day
        for pp in planned if pp.queue in seen_queue
    )
    transfers = tuple(PlannedTransfer(tr.link, t - day, tr.count)
                      for t, planned in previous.transfers.items() if t >= day
                      for tr in planned)
    return PlanCounts(prints, transfers)
