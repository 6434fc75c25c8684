"""The CP-SAT engine: build the count model, solve SPEC's three stages in turn, report.

Lexicographic stages: minimise misses; fix misses <= the best found (= the
optimum when proven); minimise waiting from the previous stage's solution as a
hint; fix it likewise; minimise transfer. One deadline is shared by all stages.

Reproducibility. CP-SAT's default parallel portfolio lets its workers race and
share solutions as they come, so two runs with the same seed may return
different (equally good) plans. With `interleave_search` the subsolvers run in
fixed batches and exchange information only between batches, which CP-SAT
documents as deterministic for a given seed, whatever the number of threads.
The engine always sets it, so the same seed and workers give the same plan —
as long as the wall-clock limit does not cut a stage short: a hard time limit
(SPEC: never overrun it) necessarily stops at a point that depends on the
machine's speed, and the run is then reported FEASIBLE with its bound.
"""

from __future__ import annotations

import logging
import math
import sys
import time
from collections import defaultdict
from collections.abc import Callable

import numpy as np
from ortools.sat.python import cp_model

from scheduler.engines.cpsat.constraints import add_all
from scheduler.engines.cpsat.fixing import StageCuts, stage_cuts
from scheduler.engines.cpsat.hint import repaired_hint, set_hint, strip_idle_sends
from scheduler.engines.cpsat.objective import Goal, build_goals
from scheduler.engines.cpsat.variables import Variables, create_variables
from scheduler.engines.network.engine import FlowResult
from scheduler.instance.calendar import Calendar, IntArray
from scheduler.plan.result import (
    FIGURES,
    Bound,
    EngineResult,
    NoPlan,
    Objective,
    Outcome,
    PlanCounts,
    PlannedPrint,
    PlannedTransfer,
    StageReport,
    Status,
)

logger = logging.getLogger(__name__)

MIN_STAGE_SECONDS = 0.05  # below this a stage is not started: it could not even presolve
EARLY_SHARE = 0.8  # of the time left, what a stage may use when a later stage must run too
PROVEN = "CP-SAT: optimality proven for all 3 stages"
OBJECTIVE_MAX = 2**62
TRIAL_WORK = 10.0  # deterministic seconds a stage may spend with its dual fixing on trial

Triple = tuple[int | None, int | None, int | None]


def _solver(workers: int, seed: int, seconds: float | None, log: bool) -> cp_model.CpSolver:
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


def _lex_max(a: Triple, b: Triple) -> Triple:
    """The tighter of two lexicographic lower bounds (None: not bounded, below everything)."""
    def key(t: Triple) -> tuple[float, ...]:
        return tuple(-math.inf if x is None else x for x in t)

    return a if key(a) >= key(b) else b


def _relative(bound: Triple, values: tuple[int, int, int]) -> Triple:
    """Keep a figure only while every earlier figure's bound equals the plan's value.

    A later stage's bound holds among plans that attain the earlier figures; if
    an earlier bound is below the plan's value it says nothing about this plan.
    """
    out: list[int | None] = []
    for i, figure in enumerate(bound):
        attained = i == 0 or (out[-1] is not None and out[-1] == values[i - 1])
        out.append(figure if attained else None)
    return (out[0], out[1], out[2])


class _Stages:
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
        solver = _solver(self.workers, self.seed, seconds, self.log)
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


def _fill(printers: list[tuple[int, int]], queue_counts: list[tuple[int, int]], day: int
          ) -> list[PlannedPrint]:
    """Queue counts placed on (printer, cards) slots in order."""
    out: list[PlannedPrint] = []
    slot = 0
    left = [cards for _, cards in printers]
    for q, count in queue_counts:
        while count > 0:
            while left[slot] == 0:
                slot += 1
            take = min(count, left[slot])
            out.append(PlannedPrint(q, printers[slot][0], day, take))
            left[slot] -= take
            count -= take
    return out


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
        prints += _fill(printers, sorted(per_queue.items()), t)
    prints.sort(key=lambda pp: (pp.day, pp.printer, pp.queue))
    n = solution[Variables.indices(v.n)]
    transfers = tuple(
        PlannedTransfer(int(v.n_link[i]), int(v.n_day[i]), int(n[i] * v.n_box[i]))
        for i in np.flatnonzero(n)
    )
    return tuple(prints), tuple(sorted(transfers, key=lambda tr: (tr.day, tr.link)))


def _proof(all_proven: bool, status: Status, bound: Triple, from_relaxation: bool) -> str:
    source = " with the relaxed network's lower bound" if from_relaxation else ""
    if all_proven:
        return PROVEN + source
    figures = ", ".join(
        f"{name}={'unbounded' if b is None else b}"
        for name, b in zip(FIGURES, bound, strict=True))
    if status == Status.OPTIMAL:
        return f"CP-SAT plan meets the best bound {figures}{source}"
    return f"CP-SAT: best bound {figures}{source}"


def _dual_cuts(calendar: Calendar, v: Variables, relaxation: FlowResult | None
               ) -> list[StageCuts] | None:
    """The relaxed flow's dual fixing per stage (fixing.py), when it passes the check."""
    if relaxation is None:
        return None
    cuts = stage_cuts(calendar, v, relaxation.graph, relaxation.staged)
    logger.info("dual fixing: %s", "refused" if cuts is None else ", ".join(
        f"{len(c.zero)} at 0 and {len(c.totals)} full" for c in cuts))
    return cuts


def solve_cpsat(
    calendar: Calendar,
    *,
    time_limit: float | None = None,
    workers: int = 8,
    seed: int = 0,
    hint: PlanCounts | None = None,
    relaxation: FlowResult | None = None,
    log: bool = False,
) -> Outcome:
    """Solve an instance (side constraints included) with CP-SAT's lexicographic stages.

    `hint`: any plan, repaired and passed as a complete hint. `relaxation`: the
    relaxed network's optimum, a lexicographic lower bound combined with CP-SAT's.
    `time_limit` covers building and all stages.
    """
    started = time.perf_counter()
    deadline = None if time_limit is None else started + time_limit
    model = cp_model.CpModel()
    v = create_variables(model, calendar)
    derived = add_all(model, calendar, v)
    goals = build_goals(calendar, v)
    size = len(model.proto.variables)
    logger.info("CP-SAT model: %d variables, %d constraints in %.2f s", size,
                len(model.proto.constraints), time.perf_counter() - started)

    def tidy(values: IntArray) -> IntArray:
        return strip_idle_sends(calendar, v, derived, values)

    stages = _Stages(model, tidy, deadline, workers, seed, log)
    if hint is not None:
        stages.start_from(repaired_hint(calendar, v, derived, hint, size))
    relaxed: Triple = (None, None, None)
    if relaxation is not None:
        r = relaxation.bound
        relaxed = (r.deadline_misses, r.waiting_days, r.transfer_cost)
    cuts = _dual_cuts(calendar, v, relaxation)
    applied = 0  # stages whose dual fixing is in the model
    outcomes: list[tuple[Status, int | None, float]] = []
    for i, goal in enumerate(goals):
        if outcomes and outcomes[-1][0] not in (Status.OPTIMAL, Status.FEASIBLE):
            outcomes.append((Status.UNKNOWN, None, 0.0))
            continue
        # The relaxation bounds goal i among plans attaining its earlier figures;
        # every plan left attains them when the limits so far equal them.
        floor = relaxed[i] if list(relaxed[:i]) == stages.limits else None
        trial = None
        if cuts is not None and floor is not None:
            # Every plan left attains the relaxed stages before i: their fixing is exact.
            for cut in cuts[applied:i]:
                cut.add_to(model)
            applied = max(applied, min(i, len(cuts)))
            trial = cuts[i] if i < len(cuts) else None
        outcomes.append(stages.run(goal, goals, floor, trial))
        if stages.trial_kept:
            applied = i + 1
        if stages.infeasible:
            break
    # Out of time before CP-SAT's first plan, the repaired hint (feasible by construction)
    # is still a plan; with neither, there is nothing to return.
    best = stages.solution if stages.solution is not None else stages.hint
    if stages.infeasible or (best is None and any(not g.fixed for g in goals)):
        return NoPlan(
            engine="cpsat", status=Status.INFEASIBLE if stages.infeasible else Status.UNKNOWN,
            proof=f"CP-SAT: {'proven infeasible' if stages.infeasible else 'no plan found'}",
            stages=tuple(StageReport(g.name, s, None, None, sec)
                         for g, (s, _, sec) in zip(goals, outcomes, strict=False)),
            seconds=time.perf_counter() - started)

    solution = best if best is not None else np.zeros(size, np.int64)
    values = (goals[0].value(solution), goals[1].value(solution), goals[2].value(solution))
    own = _relative((outcomes[0][1], outcomes[1][1], outcomes[2][1]), values)
    all_proven = all(s == Status.OPTIMAL for s, _, _ in outcomes)
    bound = own
    if relaxation is not None:
        bound = _lex_max(own, _relative(relaxed, values))
    status = Status.OPTIMAL if bound == values else Status.FEASIBLE
    prints, transfers = extract_plan(calendar, v, solution)
    return EngineResult(
        engine="cpsat",
        status=status,
        objective=Objective(*values),
        bound=Bound(*bound),
        proof=_proof(all_proven, status, bound, bound != own or stages.by_relaxation),
        prints=prints,
        transfers=transfers,
        stages=tuple(
            StageReport(goal.name, s, value, b, sec)
            for goal, value, b, (s, _, sec) in zip(goals, values, bound, outcomes, strict=True)),
        seconds=time.perf_counter() - started,
    )
