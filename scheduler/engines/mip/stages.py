"""SPEC's lexicographic stages on the MIP: each stage's proven value fixed for the next.

Stage i minimises goal i over the plans left; its value v is then fixed
(goal i <= v: with v proven, exactly the plans optimal so far stay) and its
solution starts the next stage. The relaxed network's figure, when every
earlier stage reached the relaxed one, is a lower bound for goal i: it goes in
as a row (goal i >= floor), so that a plan reaching it is proven at once.

Reduced-cost fixing (engines/cpsat/fixing.py, which checks the relaxed
flow's duals first) gives bounds and rows that every plan attaining the
relaxed figures obeys. Those of the stages before i are exact once the
earlier stages reached the relaxed figures; stage i's own are exact only if
stage i reaches its floor too, so they are tried first: a plan of the smaller
MIP at the floor is optimal for the whole one (the floor is a bound) and the
rows then stay; otherwise the stage is solved again without them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from scheduler.engines.cpsat.fixing import StageCuts
from scheduler.engines.cpsat.objective import Goal
from scheduler.engines.mip.highs import solve_mip
from scheduler.engines.mip.linear import (
    INT_MAX,
    INT_MIN,
    LinearModel,
    Rows,
    appended,
    mathopt_model,
    violated_rows,
)
from scheduler.instance.arrays import IntArray
from scheduler.plan.result import Status

logger = logging.getLogger(__name__)

MIN_STAGE_SECONDS = 0.05  # below this a stage is not started
EARLY_SHARE = 0.8  # of the time left, what a stage may use when a later stage must run too
# Branch-and-bound nodes a stage may spend with its dual fixing on trial: the trial is for
# finding a plan at the relaxed floor quickly, not for proving the smaller model's optimum
# (a node count, unlike seconds, gives the same plan on any machine).
TRIAL_NODES = 200

Row = tuple[IntArray, IntArray, int, int]  # columns, coefficients, lower, upper


@dataclass
class Restriction:
    """Variables at 0 and rows to add: one stage's reduced-cost fixing, as the MIP takes it."""

    zero: IntArray
    rows: list[Row] = field(default_factory=list)


def restriction(cut: StageCuts) -> Restriction:
    """A stage's fixing (CP-SAT variables) as MIP column bounds and equality rows."""
    zero = np.array([var.index for var in cut.zero], dtype=np.int64)
    rows: list[Row] = []
    for variables, value in cut.totals:
        columns = np.array([var.index for var in variables], dtype=np.int64)
        rows.append((columns, np.ones(columns.size, dtype=np.int64), value, value))
    return Restriction(zero, rows)


def _goal_row(goal: Goal, lower: int, upper: int) -> Row:
    """lower <= goal <= upper as a row on the goal's terms (its constant moved across)."""
    low = lower - goal.constant if lower > INT_MIN else INT_MIN
    high = upper - goal.constant if upper < INT_MAX else INT_MAX
    return goal.terms, goal.coefs, low, high


class MipStages:
    """Runs the stages on one MIP and keeps the best plan found (never a worse one)."""

    def __init__(self, linear: LinearModel, tidy: Callable[[IntArray], IntArray],
                 deadline: float | None, seed: int) -> None:
        self.lower = linear.lower
        self.upper = linear.upper.copy()
        self.rows: Rows = linear.rows
        self.tidy = tidy
        self.deadline = deadline
        self.seed = seed
        self.solution: IntArray | None = None
        self.fixed: list[tuple[Goal, int]] = []
        self.limits: list[int] = []  # every plan left has goal i <= limits[i]
        self.infeasible = False
        self.by_relaxation = False
        self.trial_kept = False

    def start_from(self, values: IntArray) -> None:
        """A complete feasible plan (the repaired start): the best until a stage beats it."""
        self.solution = values

    def restrict(self, cut: Restriction) -> None:
        """Add a fixing for good (exact for every plan left)."""
        self.upper[cut.zero] = 0
        self.rows = appended(self.rows, cut.rows)

    def remaining(self) -> float | None:
        return None if self.deadline is None else self.deadline - time.perf_counter()

    def run(self, goal: Goal, goals: tuple[Goal, ...], floor: int | None,
            trial: Restriction | None = None) -> tuple[Status, int | None, float]:
        """Minimise one goal: (status, proven bound or None, seconds); keeps the plan."""
        started = time.perf_counter()
        if goal.fixed:
            self.limits.append(goal.constant)
            return Status.OPTIMAL, goal.constant, 0.0
        self.trial_kept = False
        if trial is not None and floor is not None:
            outcome = self._solve(goal, goals, floor, trial)
            if outcome is not None and outcome[1] == floor:
                self.restrict(trial)
                self.trial_kept = True
                return outcome[0], outcome[1], time.perf_counter() - started
            logger.info("stage %s: the dual fixing missed the floor; solving without it",
                        goal.name)
        outcome = self._solve(goal, goals, floor, None)
        if outcome is None:
            status = Status.INFEASIBLE if self.infeasible else Status.UNKNOWN
            return status, None, time.perf_counter() - started
        return outcome[0], outcome[1], time.perf_counter() - started

    def _solve(self, goal: Goal, goals: tuple[Goal, ...], floor: int | None,
               trial: Restriction | None) -> tuple[Status, int | None] | None:
        """One HiGHS solve; (status, bound) with the plan kept, or None (no plan, or a
        trial that did not reach the floor)."""
        seconds = self.remaining()
        if seconds is not None and seconds < MIN_STAGE_SECONDS:
            return None
        if seconds is not None and any(not g.fixed for g in goals[goals.index(goal) + 1:]):
            seconds *= EARLY_SHARE
        upper, extra = self.upper, []
        if trial is not None:
            upper = upper.copy()
            upper[trial.zero] = 0
            extra = list(trial.rows)
        if floor is not None:
            extra.append(_goal_row(goal, floor, INT_MAX))
        rows = appended(self.rows, extra)
        objective = np.zeros(self.lower.size, dtype=np.int64)
        np.add.at(objective, goal.terms, goal.coefs)
        # HiGHS refuses a start outside the bounds (MathOpt raises): one that breaks this
        # stage's rows (a trial's fixing, say) would be no start anyway.
        start = self.solution
        if start is not None and violated_rows(self.lower, upper, rows, start):
            start = None
        answer = solve_mip(mathopt_model(self.lower, upper, rows, objective, goal.constant),
                           hint=start, seconds=seconds, seed=self.seed,
                           nodes=None if trial is None else TRIAL_NODES)
        logger.info("stage %s%s: %s in %.2f s", goal.name, " (trial)" if trial else "",
                    answer.status, answer.seconds)
        if answer.status == Status.INFEASIBLE and trial is None:
            if self.solution is not None:
                raise RuntimeError(f"stage {goal.name} infeasible although the plan so far "
                                   "fits it (or the relaxation's bound is wrong)")
            self.infeasible = True
            return None
        if answer.values is None:
            return None
        values = self.tidy(answer.values)
        broken = violated_rows(self.lower, upper, rows, values)
        if broken:
            raise RuntimeError(f"stage {goal.name}: HiGHS's plan, rounded, breaks {broken} "
                               "rows (a numerical failure)")
        return self._keep(goal, goals, values, answer.status, answer.bound, floor, trial)

    def _keep(self, goal: Goal, goals: tuple[Goal, ...], values: IntArray, status: Status,
              bound: int | None, floor: int | None, trial: Restriction | None
              ) -> tuple[Status, int | None] | None:
        """Fix the goal at the plan's value; the better of this plan and the one before."""
        value = goal.value(values)
        if trial is not None and value != floor:
            # Not proven, but a plan of the whole model (the trial only adds rows): the
            # stage without the trial starts from it when it is better.
            if self.solution is None or value < goal.value(self.solution):
                self.solution = values
            return None
        self.rows = appended(self.rows, [_goal_row(goal, INT_MIN, value)])
        self.fixed.append((goal, value))
        self.limits.append(value)
        # The plan before (the repaired start, say) may still attain every fixed goal and
        # be better on the goals no stage has looked at yet: then it stays.
        candidates = [values]
        if self.solution is not None and all(g.value(self.solution) <= b
                                             for g, b in self.fixed):
            candidates.append(self.solution)
        self.solution = min(candidates, key=lambda c: tuple(g.value(c) for g in goals))
        if value == floor:
            self.by_relaxation = True
        proven = bound
        if floor is not None and (proven is None or proven < floor):
            proven = floor
        if proven is not None and proven >= value:
            return Status.OPTIMAL, value
        return Status.FEASIBLE, proven
