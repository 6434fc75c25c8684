"""The MIP engine: the count model with side constraints 6–8 solved by HiGHS, stage by stage.

The model is CP-SAT's count model (families in engines/cpsat/, read as rows by
mip/linear.py); the help comes from the relaxed network (engines/network,
side constraints folded into capacities or dropped): its plan, repaired into
a feasible one (engines/cpsat/hint.py), is the first plan; its figures are a
lexicographic lower bound (each stage stops as soon as it reaches it); its
potentials fix variables by reduced cost once they pass the dual-feasibility
check (engines/cpsat/fixing.py). Status OPTIMAL only when every figure is
proven: HiGHS's integer bound, or the relaxation's, equals the plan's value.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import numpy as np
from ortools.sat.python import cp_model

from scheduler.engines.bounds import Triple, lex_max, relative
from scheduler.engines.cpsat.constraints import add_all
from scheduler.engines.cpsat.extract import extract_plan
from scheduler.engines.cpsat.fixing import stage_cuts
from scheduler.engines.cpsat.hint import repaired_hint, strip_idle_sends
from scheduler.engines.cpsat.objective import Goal, build_goals
from scheduler.engines.cpsat.variables import Variables, create_variables
from scheduler.engines.mip.linear import linear_model
from scheduler.engines.mip.stages import MipStages, Restriction, restriction
from scheduler.engines.network.engine import FlowResult
from scheduler.instance.arrays import IntArray
from scheduler.instance.calendar import Calendar
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

PROVEN = "MIP (HiGHS): optimality proven for all 3 stages (integer bound = value)"
StageOutcome = tuple[Status, int | None, float]


def _proof(all_proven: bool, bound: Triple, from_relaxation: bool) -> str:
    source = " with the relaxed network's lower bound" if from_relaxation else ""
    if all_proven:
        return PROVEN + source
    figures = ", ".join(f"{name}={'unbounded' if b is None else b}"
                        for name, b in zip(FIGURES, bound, strict=True))
    return f"MIP (HiGHS): best bound {figures}{source}"


def _run_goals(goals: tuple[Goal, Goal, Goal], stages: MipStages, relaxed: Triple,
               cuts: list[Restriction] | None, log: Callable[[str], None] | None
               ) -> list[StageOutcome]:
    """Each goal in turn; the relaxation's floor and dual fixing where they are exact."""
    applied = 0  # stages whose fixing is in the model
    outcomes: list[StageOutcome] = []
    for i, goal in enumerate(goals):
        if outcomes and outcomes[-1][0] not in (Status.OPTIMAL, Status.FEASIBLE):
            outcomes.append((Status.UNKNOWN, None, 0.0))
            continue
        # The relaxation bounds goal i among plans attaining its earlier figures;
        # every plan left attains them when the limits so far equal them.
        floor = relaxed[i] if list(relaxed[:i]) == stages.limits else None
        trial = None
        if cuts is not None and floor is not None:
            for cut in cuts[applied:i]:
                stages.restrict(cut)
            applied = max(applied, min(i, len(cuts)))
            trial = cuts[i] if i < len(cuts) else None
        outcomes.append(stages.run(goal, goals, floor, trial))
        if log is not None:
            status, bound, seconds = outcomes[-1]
            value = stages.limits[-1] if len(stages.limits) > i else None
            log(f"MIP stage {i + 1} ({goal.name}): {status} value {value} bound {bound} "
                f"in {seconds:.2f} s{' (dual fixing kept)' if stages.trial_kept else ''}")
        if stages.trial_kept:
            applied = i + 1
        if stages.infeasible:
            break
    return outcomes


def solve_mip_engine(
    calendar: Calendar,
    *,
    time_limit: float | None = None,
    seed: int = 0,
    hint: PlanCounts | None = None,
    relaxation: FlowResult | None = None,
    log: Callable[[str], None] | None = None,
) -> Outcome:
    """Solve an instance (side constraints included) as a MIP in SPEC's three stages.

    `hint`: a plan to start from (repaired); `relaxation`: the relaxed network's
    optimum (bound, fixing, and the start when no hint is given); `log` gets a
    line per stage. HiGHS's
    branch and bound runs on one thread: there is no worker count to set.
    """
    started = time.perf_counter()
    deadline = None if time_limit is None else started + time_limit
    model = cp_model.CpModel()
    v = create_variables(model, calendar)
    derived = add_all(model, calendar, v)
    goals = build_goals(calendar, v)
    linear = linear_model(model)
    logger.info("MIP: %d variables, %d rows in %.2f s", linear.size, linear.rows.count,
                time.perf_counter() - started)

    def tidy(values: IntArray) -> IntArray:
        return strip_idle_sends(calendar, v, derived, values)

    stages = MipStages(linear, tidy, deadline, seed)
    start = hint if hint is not None else None if relaxation is None else relaxation.counts
    if start is not None:
        stages.start_from(repaired_hint(calendar, v, derived, start, linear.size))
    cuts = None
    if relaxation is not None:
        found = stage_cuts(calendar, v, relaxation.graph, relaxation.staged)
        cuts = None if found is None else [restriction(cut) for cut in found]
        logger.info("dual fixing: %s", "refused" if cuts is None else "applied")
    relaxed: Triple = (None, None, None) if relaxation is None else relaxation.bound.as_tuple()
    outcomes = _run_goals(goals, stages, relaxed, cuts, log)
    seconds = time.perf_counter() - started
    if stages.infeasible or (stages.solution is None and any(not g.fixed for g in goals)):
        return NoPlan(
            engine="mip", status=Status.INFEASIBLE if stages.infeasible else Status.UNKNOWN,
            proof=f"MIP (HiGHS): {'proven infeasible' if stages.infeasible else 'no plan found'}",
            stages=tuple(StageReport(g.name, s, None, None, sec)
                         for g, (s, _, sec) in zip(goals, outcomes, strict=False)),
            seconds=seconds)
    solution = stages.solution if stages.solution is not None else np.zeros(linear.size,
                                                                            np.int64)
    return _result(calendar, v, goals, solution, outcomes, relaxation, stages.by_relaxation,
                   seconds)


def _result(calendar: Calendar, v: Variables, goals: tuple[Goal, Goal, Goal],
            solution: IntArray, outcomes: list[StageOutcome], relaxation: FlowResult | None,
            by_relaxation: bool, seconds: float) -> EngineResult:
    """The plan of `solution` with its bound: HiGHS's own, or the relaxation's if tighter."""
    values = (goals[0].value(solution), goals[1].value(solution), goals[2].value(solution))
    own = relative((outcomes[0][1], outcomes[1][1], outcomes[2][1]), values)
    bound = own
    if relaxation is not None:
        bound = lex_max(own, relative(relaxation.bound.as_tuple(), values))
    prints, transfers = extract_plan(calendar, v, solution)
    return EngineResult(
        engine="mip",
        status=Status.OPTIMAL if bound == values else Status.FEASIBLE,
        objective=Objective(*values),
        bound=Bound(*bound),
        proof=_proof(bound == values, bound, bound != own or by_relaxation),
        prints=prints,
        transfers=transfers,
        stages=tuple(
            StageReport(goal.name, s, value, b, sec)
            for goal, value, b, (s, _, sec) in zip(goals, values, bound, outcomes, strict=True)),
        seconds=seconds,
    )
