"""Running the lexicographic stages on one CP-SAT model: solver settings, time, hints.

Each stage minimises one goal with the earlier ones fixed at the best found;
the standing best solution (or a complete hint that still satisfies every
fixed goal) is kept, so a plan never gets worse from one stage to the next.

Reproducibility. CP-SAT's default parallel portfolio lets its workers race and
share solutions as they come, so two runs with the same seed may return
different (equally good) plans. With `interleave_search` the subsolvers run in
fixed batches and exchange information only between batches, which CP-SAT
documents as deterministic for a given seed, whatever the number of threads.
Every stage sets it, so the same seed and workers give the same plan — as long
as the wall-clock limit does not cut a stage short: a hard time limit (SPEC:
never overrun it) necessarily stops at a point that depends on the machine's
speed, and the run is then reported FEASIBLE with its bound.
"""

from __future__ import annotations

import logging
import math
import sys
import time
from collections.abc import Callable

import numpy as np
from ortools.sat.python import cp_model

from scheduler.engines.cpsat.fixing import StageCuts
from scheduler.engines.cpsat.hint import set_hint
from scheduler.engines.cpsat.objective import Goal
from scheduler.instance.calendar import IntArray
from scheduler.plan.result import Status

logger = logging.getLogger(__name__)

MIN_STAGE_SECONDS = 0.05  # below this a stage is not started: it could not even presolve
EARLY_SHARE = 0.8  # of the time left, what a stage may use when a later stage must run too
OBJECTIVE_MAX = 2**62
TRIAL_WORK = 10.0  # deterministic seconds a stage may spend with its dual fixing on trial


def cpsat_solver(workers: int, seed: int, seconds: float | None, log: bool
                 ) -> cp_model.CpSolver:
    """A solver with the project's settings: seeded, deterministic (interleaved), timed."""
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = workers
    params.random_seed = seed
    params.interleave_search = True
    if seconds is not None:
        params.max_time_in_seconds = seconds
    if log:
        params.log_search_progress = True
        params.log_to_stdout = False
        solver.log_callback = _to_stderr
    return solver


def _to_stderr(line: str) -> None:
    """CP-SAT's search log goes to stderr, beside the other diagnostics."""
    sys.stderr.write(line + "\n")


def _bound(value: float) -> int:
    """CP-SAT's float bound of an integer objective as the integer it proves."""
    return math.ceil(value - 1e-6)


class StageRunner:
    """Runs the stages on one model and keeps the best solution vector."""

    def __init__(self, model: cp_model.CpModel, tidy: Callable[[IntArray], IntArray],
                 deadline: float | None, workers: int, seed: int, log: bool) -> None:
        self.model = model
        self.tidy = tidy
        self.deadline = deadline
        self.workers = workers
        self.seed = seed
        self.log = log
        self.solution: IntArray | None = None
        self.hint: IntArray | None = None
        self.fixed: list[tuple[Goal, int]] = []
        self.limits: list[int] = []  # every plan left has goal i <= limits[i]
        self.infeasible = False
        self.by_relaxation = False  # a stage stopped on the relaxation's bound
        self.trial_kept = False  # the last stage run kept its trial constraints

    def start_from(self, values: IntArray) -> None:
        """A complete feasible assignment to hint with (kept while it stays the best)."""
        self.hint = values
        set_hint(self.model, values)

    def _best(self, solution: IntArray, goals: tuple[Goal, ...]) -> IntArray:
        """The lexicographically best of this stage's solution and the standing hint.

        A stage's solution is only good on the goals fixed so far: presolve sets
        what the stage's objective ignores to arbitrary values, so a hint that is
        better on the later goals (e.g. the relaxed flow) stays while it still
        satisfies every fixed goal.
        """
        candidates = [solution]
        if self.hint is not None and all(g.value(self.hint) <= b for g, b in self.fixed):
            candidates.append(self.hint)
        return min(candidates, key=lambda c: tuple(g.value(c) for g in goals))

    def remaining(self) -> float | None:
        return None if self.deadline is None else self.deadline - time.perf_counter()

    def run(self, goal: Goal, goals: tuple[Goal, ...], floor: int | None,
            trial: StageCuts | None = None) -> tuple[Status, int | None, float]:
        """Minimise one goal; returns (status, bound or None, seconds) and keeps the solution.

        `floor` is a lower bound on the goal known from the relaxation; it goes
        into the objective's domain so CP-SAT stops as soon as a plan reaches it.
        `trial`: constraints every plan attaining the floor obeys (fixing.py).
        They are tried first, within a deterministic work limit: a plan of the
        smaller model that reaches the floor is optimal for the whole one (the
        floor is a lower bound), and the constraints then stay, valid for every
        plan left. Otherwise they are taken out again and the stage runs as usual.
        """
        started = time.perf_counter()
        if goal.fixed:
            self.limits.append(goal.constant)
            return Status.OPTIMAL, goal.constant, 0.0
        self.trial_kept = False
        if trial is not None and floor is not None:
            switch = self.model.new_bool_var("")
            _fix(switch, 1)
            trial.add_to(self.model, switch)
            if self.hint is not None:  # the hint is complete: give the switch its value
                self.start_from(np.append(self.hint, 1))
            outcome = self._solve(goal, goals, floor, TRIAL_WORK)
            if outcome is not None and outcome[1] == floor:
                self.trial_kept = True
                return outcome[0], outcome[1], time.perf_counter() - started
            _fix(switch, 0)  # a model cannot drop constraints; switched off, they are void
            if self.hint is not None:
                self.start_from(np.append(self.hint[:-1], 0))
            logger.info("stage %s: the dual fixing missed the floor; solving without it",
                        goal.name)
        outcome = self._solve(goal, goals, floor, None)
        if outcome is None:
            return Status.INFEASIBLE if self.infeasible else Status.UNKNOWN, None, (
                time.perf_counter() - started)
        return outcome[0], outcome[1], time.perf_counter() - started

    def _solve(self, goal: Goal, goals: tuple[Goal, ...], floor: int | None,
               work: float | None) -> tuple[Status, int] | None:
        """One CP-SAT solve of `goal` (within `work` deterministic units if given).

        Returns (status, bound) and keeps the solution when a plan is found;
        None otherwise (a trial's infeasibility says nothing about the whole model).
        """
        seconds = self.remaining()
        if seconds is not None and seconds < MIN_STAGE_SECONDS:
            return None
        if seconds is not None and any(not g.fixed for g in goals[goals.index(goal) + 1:]):
            seconds *= EARLY_SHARE  # leave the later stages time to tidy what this one ignores
        self.model.minimize(goal.expression())
        if floor is not None:
            # In the objective's own domain (not a dense extra row, which slows the LP).
            self.model.proto.objective.domain.extend([floor - goal.constant, OBJECTIVE_MAX])
        solver = cpsat_solver(self.workers, self.seed, seconds, self.log)
        if work is not None:
            solver.parameters.max_deterministic_time = work
        started = time.perf_counter()
        status = solver.solve(self.model)
        logger.info("stage %s%s: %s in %.2f s", goal.name, " (trial)" if work else "",
                    solver.status_name(status), time.perf_counter() - started)
        if status == cp_model.MODEL_INVALID:
            raise RuntimeError(f"CP-SAT rejected the model (a bug): {self.model.validate()}")
        if status == cp_model.INFEASIBLE and work is None:
            if self.solution is not None or floor is not None:
                raise RuntimeError(f"stage {goal.name} infeasible although the previous stage's "
                                   "plan fits it (or the relaxation's bound is wrong)")
            self.infeasible = True
            return None
        if status in (cp_model.UNKNOWN, cp_model.INFEASIBLE):
            return None
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            raise RuntimeError(f"unexpected CP-SAT status {solver.status_name(status)}")
        solution = self.tidy(np.array(solver.response_proto.solution, dtype=np.int64))
        value = goal.value(solution)
        if work is not None and value != floor:
            return None
        self.model.add(goal.expression() <= value)
        self.fixed.append((goal, value))
        self.limits.append(value)
        self.solution = self._best(solution, goals)
        self.start_from(self.solution)
        if value == floor:
            self.by_relaxation = True
        if status == cp_model.OPTIMAL:
            return Status.OPTIMAL, value
        return Status.FEASIBLE, _bound(solver.best_objective_bound)


def _fix(var: cp_model.IntVar, value: int) -> None:
    """Set a variable's domain to one value."""
    var.proto.domain.clear()
    var.proto.domain.extend([value, value])
