"""How a run decides each morning's prints and sends: `replan`, `fixed` (and `greedy`, in walk.py).

`replan` solves the instance as the planner sees it on the first morning, and
again on every morning with news: reality cut yesterday's plan, or the belief
about the days ahead (knowledge.py) differs from the one the plan was made
under. Without news the current plan's remaining days are kept, and they are
still optimal: the objective is a sum over applicants and days, the past is
fixed, and the days ahead are exactly those the plan was solved for, so a
better remainder would have made a better whole plan on the morning it was
made (Bellman's principle; with a time limit, "optimal" reads "as good as that
morning's solve").

`fixed` makes the first morning's plan and follows it: each day's planned
counts, cut by reality, never made up later.
"""

from __future__ import annotations

import time

from scheduler.plan.result import PlannedPrint, PlannedTransfer
from scheduler.simulate.asof import DayPlan, plan_as_of
from scheduler.simulate.future import Future
from scheduler.simulate.knowledge import belief_at
from scheduler.simulate.state import RunState


class Planner:
    """The `replan` (re-solve on news) or `fixed` (solve once) policy of one run."""

    def __init__(self, future: Future, *, replan: bool, workers: int, seed: int,
                 time_limit: float | None) -> None:
        self.future = future
        self.replan = replan
        self.workers = workers
        self.seed = seed
        self.time_limit = time_limit
        self.plan: DayPlan | None = None
        self.solves = 0
        self.solve_seconds = 0.0

    def decide(self, day: int, state: RunState
               ) -> tuple[list[PlannedPrint], list[PlannedTransfer]]:
        """The day's planned prints and sends, re-solving first when the policy says so."""
        if self.plan is None or self.replan:
            belief = belief_at(state.calendar, self.future, day)
            if (self.plan is None or state.diverged
                    or not belief.same_future(self.plan.belief)):
                started = time.perf_counter()
                self.plan = plan_as_of(state, belief, self.plan, workers=self.workers,
                                       seed=self.seed, time_limit=self.time_limit)
                self.solve_seconds += time.perf_counter() - started
                self.solves += 1
        return self.plan.on(day)
