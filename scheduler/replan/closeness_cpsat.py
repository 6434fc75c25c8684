"""The fourth stage by CP-SAT, where the flow cannot do it: side constraints, or a limited
link shared by two queues into an office of several printers (replan/closeness.py).

CP-SAT's model counts prints per (queue, printing office, day), so the stage
minimises `moved` per office — kept[q,k,t] <= min(prev, x[q,k,t]),
moved_office = Σ prev − Σ kept — with the three SPEC figures fixed at the
optimum's values. The office's cards are then put on its printers so that each
queue keeps the previous plan's printers as far as their capacity allows;
`moved` is counted per printer on the final plan (>= the office figure, equal
when every office's split keeps its printers).
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import replace

import numpy as np
from ortools.sat.python import cp_model

from scheduler.engines.cpsat.constraints import add_all
from scheduler.engines.cpsat.extract import extract_plan
from scheduler.engines.cpsat.hint import repaired_hint, set_hint
from scheduler.engines.cpsat.objective import build_goals
from scheduler.engines.cpsat.stages import cpsat_solver
from scheduler.engines.cpsat.variables import Variables, create_variables, upper
from scheduler.instance.calendar import Calendar, IntArray
from scheduler.plan.result import EngineResult, PlannedPrint, StageReport, Status
from scheduler.replan.closeness import STAGE, Closeness, moved_cards

logger = logging.getLogger(__name__)


def _kept(model: cp_model.CpModel, calendar: Calendar, v: Variables,
          previous: tuple[PlannedPrint, ...], hint: IntArray) -> tuple[int, list[cp_model.IntVar],
                                                                     list[int]]:
    """kept[q,k,t] <= min(prev, x[q,k,t]) per office-day of the previous plan; returns the
    previous cards' total, the kept variables and their hinted values."""
    x_at = {(int(q), int(k), int(t)): i for i, (q, k, t) in
            enumerate(zip(v.x_queue, v.x_district, v.x_day, strict=True))}
    before: dict[tuple[int, int, int], int] = defaultdict(int)
    for pp in previous:
        before[pp.queue, int(calendar.printer_district[pp.printer]), pp.day] += pp.count
    kept: list[cp_model.IntVar] = []
    kept_hint: list[int] = []
    for key, count in before.items():
        i = x_at.get(key)
        if i is None:
            continue  # nothing can be printed there any more: those cards move in every plan
        var = model.new_int_var(0, min(count, upper(v.x[i])), "")
        model.add(var <= v.x[i])
        kept.append(var)
        kept_hint.append(min(count, int(hint[v.x[i].index])))
    return sum(before.values()), kept, kept_hint


def closest_by_cpsat(calendar: Calendar, optimum: EngineResult, previous: tuple[PlannedPrint, ...],
              *, time_limit: float | None, workers: int, seed: int,
              work_limit: float | None) -> Closeness:
    """The stage as a CP-SAT model over the whole horizon, hinted by the optimum."""
    started = time.perf_counter()
    model = cp_model.CpModel()
    v = create_variables(model, calendar)
    derived = add_all(model, calendar, v)
    goals = build_goals(calendar, v)
    for goal, value in zip(goals, optimum.objective.as_tuple(), strict=True):
        if not goal.fixed:
            model.add(goal.expression() <= value)
    size = len(model.proto.variables)
    hint = repaired_hint(calendar, v, derived, optimum.counts, size)
    total, kept, kept_hint = _kept(model, calendar, v, previous, hint)
    model.minimize(total - sum(kept))
    set_hint(model, np.concatenate([hint, np.array(kept_hint, dtype=np.int64)]))
    solver = cpsat_solver(workers, seed, time_limit, log=False)
    if work_limit is not None:
        solver.parameters.max_deterministic_time = work_limit
    status = solver.solve(model)
    seconds = time.perf_counter() - started
    name = solver.status_name(status)
    logger.info("stage %s: %s in %.2f s", STAGE, name, seconds)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        stage = StageReport(STAGE, Status.UNKNOWN, None, None, seconds)
        return Closeness(optimum, moved_cards(previous, optimum.prints), stage)
    solution = np.array(solver.response_proto.solution, dtype=np.int64)[:size]
    values = tuple(g.value(solution) for g in goals)
    if values != optimum.objective.as_tuple():
        raise RuntimeError(f"stage {STAGE} changed the objective {values} (a bug)")
    prints, transfers = extract_plan(calendar, v, solution)
    prints = keep_printers(calendar, v, prints, previous)
    bound = int(round(solver.best_objective_bound))
    stage = StageReport(STAGE, Status(name), int(round(solver.objective_value)), bound, seconds)
    result = replace(
        optimum, prints=prints, transfers=transfers,
        engine=optimum.engine if optimum.engine == "cpsat" else f"{optimum.engine}+cpsat",
        proof=f"{optimum.proof}; closest to the previous plan by CP-SAT ({name}) with the "
              "three figures fixed",
        stages=(*optimum.stages, stage),
        seconds=optimum.seconds + seconds,
    )
    return Closeness(result, moved_cards(previous, prints), stage)


def keep_printers(calendar: Calendar, v: Variables, prints: tuple[PlannedPrint, ...],
                  previous: tuple[PlannedPrint, ...]) -> tuple[PlannedPrint, ...]:
    """Each office-day's cards re-split so every queue keeps its previous printers.

    Only where the split is free: no minimum batch that day and no operator
    limit below the office's printer count (there extract_plan's split stands).
    Greedy: first each queue's previous (printer, cards) up to the printer's
    capacity left, then the rest in printer order.
    """
    printers_of: dict[int, list[int]] = defaultdict(list)
    for p, k in enumerate(calendar.printer_district.tolist()):
        printers_of[k].append(p)
    free = [
        v.side.operators[k] < 0 or v.side.operators[k] >= len(printers_of[k])
        for k in range(len(calendar.district_ids))
    ]
    was: dict[tuple[int, int], dict[tuple[int, int], int]] = defaultdict(dict)
    for pp in previous:
        k = int(calendar.printer_district[pp.printer])
        slot = was[k, pp.day]
        slot[pp.queue, pp.printer] = slot.get((pp.queue, pp.printer), 0) + pp.count
    grouped: dict[tuple[int, int], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    out: list[PlannedPrint] = []
    for pp in prints:
        k = int(calendar.printer_district[pp.printer])
        if free[k] and not v.capacity.detailed[k, pp.day]:
            grouped[k, pp.day][pp.queue] += pp.count
        else:
            out.append(pp)
    for (k, t), per_queue in grouped.items():
        room = {p: int(v.capacity.printer[p, t]) for p in printers_of[k]}
        placed: dict[tuple[int, int], int] = defaultdict(int)
        for (q, p), n in sorted(was.get((k, t), {}).items()):
            take = min(n, per_queue.get(q, 0), room[p])
            if take > 0:
                placed[q, p] += take
                per_queue[q] -= take
                room[p] -= take
        for q in sorted(per_queue):
            for p in printers_of[k]:
                take = min(per_queue[q], room[p])
                if take > 0:
                    placed[q, p] += take
                    per_queue[q] -= take
                    room[p] -= take
            if per_queue[q] > 0:
                raise RuntimeError(f"office {calendar.district_ids[k]} day {t}: cards left over")
        out += [PlannedPrint(q, p, t, n) for (q, p), n in placed.items()]
    return tuple(sorted(out, key=lambda pp: (pp.day, pp.printer, pp.queue)))
