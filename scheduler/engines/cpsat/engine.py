"""The CP-SAT engine: build the count model, solve SPEC's three stages in turn, report.

Lexicographic stages (stages.py): minimise misses; fix misses <= the best found
(= the optimum when proven); minimise waiting from the previous stage's
solution as a hint; fix it likewise; minimise transfer. One deadline is shared
by all stages. The relaxed network's optimum, when given, is a lexicographic
lower bound: a stage stops as soon as it reaches it, and its potentials fix
variables by reduced cost (fixing.py), tried first within a work limit.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace

import numpy as np
from ortools.sat.python import cp_model

from scheduler.engines.bounds import Triple, lex_max, relative
from scheduler.engines.cpsat.constraints import Derived, add_all
from scheduler.engines.cpsat.extract import extract_plan
from scheduler.engines.cpsat.fixing import StageCuts, stage_cuts
from scheduler.engines.cpsat.hint import repaired_hint, strip_idle_sends
from scheduler.engines.cpsat.objective import Goal, build_goals
from scheduler.engines.cpsat.stages import StageRunner
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
    StageReport,
    Status,
)

logger = logging.getLogger(__name__)

PROVEN = "CP-SAT: optimality proven for all 3 stages"

StageOutcome = tuple[Status, int | None, float]  # status, bound (None: unbounded), seconds


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


@dataclass
class _Model:
    """The count model with its variables, derived expressions and the three goals."""

    model: cp_model.CpModel
    v: Variables
    derived: list[Derived]
    goals: tuple[Goal, Goal, Goal]

    @property
    def size(self) -> int:
        return len(self.model.proto.variables)


def _build(calendar: Calendar) -> _Model:
    started = time.perf_counter()
    model = cp_model.CpModel()
    v = create_variables(model, calendar)
    derived = add_all(model, calendar, v)
    built = _Model(model, v, derived, build_goals(calendar, v))
    logger.info("CP-SAT model: %d variables, %d constraints in %.2f s", built.size,
                len(model.proto.constraints), time.perf_counter() - started)
    return built


def _run_goals(built: _Model, stages: StageRunner, relaxed: Triple,
               cuts: list[StageCuts] | None) -> list[StageOutcome]:
    """Each goal in turn; the relaxation's floor and dual fixing where they are exact."""
    applied = 0  # stages whose dual fixing is in the model
    outcomes: list[StageOutcome] = []
    for i, goal in enumerate(built.goals):
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
                cut.add_to(built.model)
            applied = max(applied, min(i, len(cuts)))
            trial = cuts[i] if i < len(cuts) else None
        outcomes.append(stages.run(goal, built.goals, floor, trial))
        if stages.trial_kept:
            applied = i + 1
        if stages.infeasible:
            break
    return outcomes


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
    built = _build(calendar)

    def tidy(values: IntArray) -> IntArray:
        return strip_idle_sends(calendar, built.v, built.derived, values)

    stages = StageRunner(built.model, tidy, deadline, workers, seed, log)
    if hint is not None:
        stages.start_from(repaired_hint(calendar, built.v, built.derived, hint, built.size))
    relaxed: Triple = (None, None, None) if relaxation is None else relaxation.bound.as_tuple()
    outcomes = _run_goals(built, stages, relaxed, _dual_cuts(calendar, built.v, relaxation))
    # Out of time before CP-SAT's first plan, the repaired hint (feasible by construction)
    # is still a plan; with neither, there is nothing to return.
    best = stages.solution if stages.solution is not None else stages.hint
    if stages.infeasible or (best is None and any(not g.fixed for g in built.goals)):
        return NoPlan(
            engine="cpsat", status=Status.INFEASIBLE if stages.infeasible else Status.UNKNOWN,
            proof=f"CP-SAT: {'proven infeasible' if stages.infeasible else 'no plan found'}",
            stages=tuple(StageReport(g.name, s, None, None, sec)
                         for g, (s, _, sec) in zip(built.goals, outcomes, strict=False)),
            seconds=time.perf_counter() - started)
    solution = best if best is not None else np.zeros(built.size, np.int64)
    result = _result(calendar, built, solution, outcomes, relaxation, stages.by_relaxation)
    return replace(result, seconds=time.perf_counter() - started)


def _result(calendar: Calendar, built: _Model, solution: IntArray,
            outcomes: list[StageOutcome], relaxation: FlowResult | None,
            by_relaxation: bool) -> EngineResult:
    """The plan of `solution` with its bound: CP-SAT's own, or the relaxation's if tighter."""
    goals = built.goals
    values = (goals[0].value(solution), goals[1].value(solution), goals[2].value(solution))
    own = relative((outcomes[0][1], outcomes[1][1], outcomes[2][1]), values)
    bound = own
    if relaxation is not None:
        bound = lex_max(own, relative(relaxation.bound.as_tuple(), values))
    status = Status.OPTIMAL if bound == values else Status.FEASIBLE
    all_proven = all(s == Status.OPTIMAL for s, _, _ in outcomes)
    prints, transfers = extract_plan(calendar, built.v, solution)
    return EngineResult(
        engine="cpsat",
        status=status,
        objective=Objective(*values),
        bound=Bound(*bound),
        proof=_proof(all_proven, status, bound, bound != own or by_relaxation),
        prints=prints,
        transfers=transfers,
        stages=tuple(
            StageReport(goal.name, s, value, b, sec)
            for goal, value, b, (s, _, sec) in zip(goals, values, bound, outcomes, strict=True)),
    )
