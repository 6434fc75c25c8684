"""The relaxed network's dual fixing for CP-SAT (scheduler/engines/cpsat/fixing.py)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, given, settings
from ortools.sat.python import cp_model

from scheduler.engines.cpsat.fixing import StageCuts, stage_cuts
from scheduler.engines.cpsat.variables import Variables, create_variables, relaxed_calendar
from scheduler.engines.dispatch import solve_instance
from scheduler.engines.network.engine import solve_flow
from scheduler.engines.network.graph import FlowGraph
from scheduler.engines.network.stages import StagedFlow
from scheduler.instance.calendar import Calendar, build_calendar
from scheduler.instance.reader import parse_instance
from scheduler.plan.result import EngineResult
from tests.support.brute_force import optimum
from tests.support.strategies import tiny_instances

EVERY_DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

# One district, one printer of 2 cards a day with a minimum batch of 2 (so CP-SAT
# is the engine), 4 applicants ready on day 0, 3 days, blanks for all. By hand:
# no deadline, so 0 misses; the least waiting prints 2 on day 0 and 2 on day 1
# (waiting 0·2 + 1·2 = 2); no links, transfer 0. Optimum (0, 2, 0).
BATCH = {
    "format": "ektp-instance/1",
    "name": "tiny",
    "horizon": {"start": "2024-01-01", "days": 3},
    "districts": [{"id": "A", "name": "A", "blanks": 10, "workdays": EVERY_DAY}],
    "printers": [{"id": "P", "district": "A", "capacity": 2, "min_batch": 2}],
    "queue": {"cohorts": [{"district": "A", "ready": "2024-01-01", "count": 4}]},
}


def _setup(doc: dict[str, Any]) -> tuple[Calendar, Variables, FlowGraph, StagedFlow]:
    calendar = build_calendar(parse_instance(doc, source="tiny.json"))
    relaxed = solve_flow(relaxed_calendar(calendar), relax_side_constraints=True)
    graph, staged = relaxed.graph, relaxed.staged
    assert isinstance(graph, FlowGraph) and isinstance(staged, StagedFlow)
    v = create_variables(cp_model.CpModel(), calendar)
    return calendar, v, graph, staged


def _holds(cut: StageCuts, value: dict[int, int]) -> bool:
    """Whether a plan (proto index -> value; absent = 0) obeys every constraint of a cut."""
    return all(value.get(var.index, 0) == 0 for var in cut.zero) and all(
        sum(value.get(var.index, 0) for var in variables) == total
        for variables, total in cut.totals)


def test_fixing_applies_and_keeps_the_optimum_only() -> None:
    calendar, v, graph, staged = _setup(BATCH)
    cuts = stage_cuts(calendar, v, graph, staged)
    assert cuts is not None and len(cuts) == 2  # misses and waiting; transfer is last
    by_day = {int(v.x_day[i]): var.index for i, var in enumerate(v.x)}
    assert sorted(by_day) == [0, 1, 2]
    # Every waiting-optimal plan fills day 0: the waiting stage says so.
    assert ([by_day[0]], 2) in [([x.index for x in xs], n) for xs, n in cuts[1].totals]
    best = {by_day[0]: 2, by_day[1]: 2}  # the optimum by hand
    late = {by_day[1]: 2, by_day[2]: 2}  # waiting 2·1 + 2·2 = 6 > 2: not optimal
    assert all(_holds(cut, best) for cut in cuts)
    assert not _holds(cuts[1], late)


def test_fixing_is_refused_when_the_potentials_are_not_dual_feasible() -> None:
    calendar, v, graph, staged = _setup(BATCH)
    # Raise the waiting stage's potential of day 2's K node: printing there would get a
    # negative reduced cost, so the potentials prove nothing and no fixing is derived.
    k = int(graph.k_node[0, 2])
    stage = staged.stages[1]
    potential = stage.potential.copy()
    potential[k] += 100
    tampered = replace(staged, stages=(staged.stages[0], replace(stage, potential=potential),
                                       staged.stages[2]))
    assert stage_cuts(calendar, v, graph, tampered) is None
    assert stage_cuts(calendar, v, graph, staged) is not None


def test_solve_instance_uses_the_fixing_and_finds_the_hand_optimum() -> None:
    calendar = build_calendar(parse_instance(BATCH, source="tiny.json"))
    result = solve_instance(calendar, engine="cpsat", workers=1, seed=0)
    assert result.status == "OPTIMAL"
    assert result.objective is not None and result.objective.as_tuple() == (0, 2, 0)
    assert [s.status for s in result.stages] == ["OPTIMAL"] * 3


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances(side=True))
def test_cpsat_with_relaxation_and_fixing_equals_exhaustive_search(doc: dict[str, Any]) -> None:
    calendar = build_calendar(parse_instance(doc, source="tiny.json"))
    result = solve_instance(calendar, engine="cpsat", workers=1, seed=0)
    assert result.status == "OPTIMAL"
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == optimum(doc)


def test_the_relaxed_plan_obeys_its_own_cuts_when_it_is_optimal() -> None:
    # Without the minimum batch the relaxed network is exact: its flow, 2 cards on
    # day 0 and 2 on day 1 (optimum (0, 2, 0) as above), obeys every stage's cuts.
    doc = {**BATCH, "printers": [{"id": "P", "district": "A", "capacity": 2}]}
    calendar, v, graph, staged = _setup(doc)
    cuts = stage_cuts(calendar, v, graph, staged)
    assert cuts is not None
    arc = {(int(q), int(k), int(t)): int(a) for a, q, k, t in zip(
        graph.print_arc, graph.print_queue, graph.print_district, graph.print_day, strict=True)}
    value = {var.index: int(staged.flow[arc[int(v.x_queue[i]), int(v.x_district[i]),
                                            int(v.x_day[i])]])
             for i, var in enumerate(v.x)}
    assert sorted(value.values()) == [0, 2, 2]
    assert all(_holds(cut, value) for cut in cuts)
