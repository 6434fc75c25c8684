"""The min-cost-flow engine (scheduler/network): hand-worked optima, an exhaustive
cross-check, and the optimality certificate.

Every instance starts on a Monday and, unless a test says otherwise, its
districts are open every day so that the day arithmetic in the comments is
plain. Each solve also checks that the plan's counts, scored by
`objective_from_counts` (which knows nothing of the graph), give the engine's
objective.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest

from scheduler.engines.network.certificate import check_stage
from scheduler.engines.network.engine import solve_flow
from scheduler.engines.network.graph import MISSES, WAITING, build_graph
from scheduler.engines.network.potentials import potentials
from scheduler.engines.network.stages import solve_stages
from scheduler.errors import EngineError
from scheduler.instance.calendar import build_calendar
from scheduler.instance.model import (
    Cohort,
    Delivery,
    District,
    Instance,
    Link,
    Outage,
    Printer,
    ServiceClass,
)
from scheduler.plan.objective import objective_from_counts
from scheduler.plan.result import EngineResult
from tests.support.brute_force import optimum

START = date(2024, 1, 1)  # a Monday
EVERY_DAY = frozenset(range(7))
REGULAR = ServiceClass("regular", 1)


def day(n: int) -> date:
    return START + timedelta(days=n)


def district(ident: str, blanks: int = 100, **kwargs: Any) -> District:
    return District(ident, blanks=blanks, workdays=kwargs.pop("workdays", EVERY_DAY), **kwargs)


def make(days: int, districts: list[District], printers: list[Printer], cohorts: list[Cohort],
         classes: tuple[ServiceClass, ...] = (REGULAR,), links: list[Link] | None = None,
         **kwargs: Any) -> Instance:
    links = [replace(lk, index=i) for i, lk in enumerate(links or [])]
    return Instance(name="t", start=START, days=days, classes=classes,
                    districts=tuple(districts), printers=tuple(printers),
                    cohorts=tuple(cohorts), links=tuple(links), **kwargs)


def solve(instance: Instance) -> EngineResult:
    """Solve, and check the counts score to the objective the engine reports."""
    calendar = build_calendar(instance)
    result = solve_flow(calendar)
    assert result.status == "OPTIMAL"
    assert isinstance(result, EngineResult)
    rescored = objective_from_counts(calendar, result.prints, result.transfers)
    assert rescored == result.objective
    assert result.bound.as_dict() == result.objective.as_dict()
    certificate = result.certificate
    assert certificate is not None
    assert all(stage["valid"] for stage in certificate.values())
    return result


def figures(instance: Instance) -> tuple[int, int, int]:
    result = solve(instance)
    assert isinstance(result, EngineResult)
    return result.objective.as_tuple()


# --- one arc family at a time ----------------------------------------------------------


def test_waiting_with_weights():
    # One printer, 1 card a day, 3 days. Two regular (w 1) and one urgent (w 3),
    # all ready on day 0. Print days 0, 1, 2 wait 0, 1, 2: the urgent one takes
    # day 0 and the regulars wait 1 + 2 = 3 (urgent first: 3·0 + 1 + 2 = 3).
    urgent = ServiceClass("urgent", 3)
    inst = make(3, [district("A")], [Printer("a", "A", 1)],
                [Cohort("A", "regular", START, 2), Cohort("A", "urgent", START, 1)],
                classes=(REGULAR, urgent))
    assert figures(inst) == (0, 3, 0)


def test_unprinted_wait_to_the_horizon_end():
    # 2 days, 1 card a day, 3 applicants ready on day 0: waits 0 and 1 for the two
    # printed, and the third is not printed and waits the whole horizon, 2.
    inst = make(2, [district("A")], [Printer("a", "A", 1)], [Cohort("A", "regular", START, 3)])
    assert figures(inst) == (0, 3, 0)


def test_capacity_outage_and_closed_day():
    # Two printers of 1 card a day (2 a day); day 1 a district outage caps both
    # at 0; day 2 is a holiday; day 3 a printer outage caps p1 at 0. Five
    # applicants ready on day 0: day 0 prints 2 (wait 0), day 3 prints 1
    # (only p2 works: wait 3), day 4 prints 2 (wait 4 + 4): total 3 + 8 = 11.
    inst = make(5, [district("A")], [Printer("p1", "A", 1), Printer("p2", "A", 1)],
                [Cohort("A", "regular", START, 5)],
                outages=(Outage(day(1), day(1), 0, district="A"),
                         Outage(day(3), day(3), 0, printer="p1")),
                holidays=frozenset({day(2)}))
    result = solve(inst)
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 11, 0)
    per_day = {t: sum(p.count for p in result.prints if p.day == t) for t in range(5)}
    assert per_day == {0: 2, 1: 0, 2: 0, 3: 1, 4: 2}


def test_ready_days_and_blank_deliveries():
    # 1 blank in stock, 2 more delivered on day 2; 3 applicants ready on day 1,
    # printer 5 a day, 4 days. Day 1 prints the 1 blank (wait 0), day 2 the other
    # two (wait 1 + 1): waiting 2. Nothing is printed before anyone is ready.
    inst = make(4, [district("A", blanks=1)], [Printer("a", "A", 5)],
                [Cohort("A", "regular", day(1), 3)],
                deliveries=(Delivery("A", day(2), 2),))
    result = solve(inst)
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 2, 0)
    assert sorted((p.day, p.count) for p in result.prints) == [(1, 1), (2, 2)]


def test_remote_print_with_lead_and_daily_limit():
    # A prints 1 a day; B prints 10 a day for A along A→B, lead 2, limit 1, cost 3.
    # 5 days, 5 applicants of A ready on day 0. Home prints wait 0, 1, 2, 3, 4;
    # a print in B on day t waits t + 2 (1 a day). The 5 cheapest: 0, 1, 2 at home,
    # 2 (B day 0), and a 3 that is either home day 3 or B day 1: home, which costs
    # no transfer. Waiting 0+1+2+2+3 = 8, transfer 1 card × 3 = 3.
    inst = make(5, [district("A"), district("B")], [Printer("a", "A", 1), Printer("b", "B", 10)],
                [Cohort("A", "regular", START, 5)],
                links=[Link("A", "B", lead_days=2, daily_limit=1, cost=3)])
    result = solve(inst)
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 8, 3)
    remote = [(p.day, p.count) for p in result.prints if p.printer == 1]
    assert remote == [(0, 1)]
    # Without the limit B day 0 takes two (waits 2, 2) and home day 3 is not
    # needed: waiting 0+1+2+2+2 = 7, transfer 2 × 3 = 6.
    unlimited = make(5, list(inst.districts), list(inst.printers),
                     list(inst.cohorts), links=[Link("A", "B", lead_days=2, cost=3)])
    assert figures(unlimited) == (0, 7, 6)


def test_blank_transfer_with_lead_and_closed_sender():
    # A prints 5 a day but has no blanks; B has 10 blanks and no printer. Link
    # B→A, lead 1, cost 2. 3 applicants of A ready on day 0, 4 days. Blanks sent
    # on day 0 arrive on day 1: 3 prints on day 1, waiting 3, transfer 3 × 2 = 6.
    districts = [district("A", blanks=0), district("B", blanks=10)]
    printers = [Printer("a", "A", 5)]
    cohorts = [Cohort("A", "regular", START, 3)]
    links = [Link("B", "A", lead_days=1, cost=2)]
    result = solve(make(4, districts, printers, cohorts, links=links))
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 3, 6)
    assert [(t.link, t.day, t.count) for t in result.transfers] == [(0, 0, 3)]
    # B closed on day 0 (its own holiday): it sends on day 1, they arrive and
    # print on day 2: waiting 3 × 2 = 6, same transfer cost.
    districts[1] = district("B", blanks=10, holidays=frozenset({day(0)}))
    result = solve(make(4, districts, printers, cohorts, links=links))
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 6, 6)
    assert [(t.link, t.day, t.count) for t in result.transfers] == [(0, 1, 3)]


def test_deadline_before_the_horizon():
    # Deadline 5 days before start: the 2 applicants ready 10 days before start
    # are eligible and miss whatever happens; the one ready 3 days before start
    # (after the deadline, before start) is not eligible. All print on day 0.
    voter = ServiceClass("voter", 1, day(-5))
    inst = make(3, [district("A")], [Printer("a", "A", 5)],
                [Cohort("A", "voter", day(-10), 2), Cohort("A", "voter", day(-3), 1)],
                classes=(voter,))
    assert figures(inst) == (2, 0, 0)


def test_deadline_inside_the_horizon_comes_first():
    # 1 card a day, 4 days. 3 urgent (w 1, deadline day 1) and 1 regular (w 5),
    # all ready on day 0. Days 0 and 1 go to urgent ones: 1 miss (2 would be
    # missed if the heavy regular took day 0). Then regular day 2 (5·2 = 10) and
    # the third urgent day 3 (3) beats the other way round (2 + 15): waiting
    # 0 + 1 + 3 + 10 = 14. A weighted sum would print the regular first.
    urgent = ServiceClass("urgent", 1, day(1))
    heavy = ServiceClass("regular", 5)
    inst = make(4, [district("A")], [Printer("a", "A", 1)],
                [Cohort("A", "urgent", START, 3), Cohort("A", "regular", START, 1)],
                classes=(heavy, urgent))
    assert figures(inst) == (1, 14, 0)


def test_deadline_after_the_horizon():
    # 3 days, 1 card a day, 4 applicants with a deadline on day 10. Three are
    # printed (waits 0, 1, 2); the fourth has no card within the horizon: it
    # misses and waits 3. Misses 1, waiting 6.
    late = ServiceClass("late", 1, day(10))
    inst = make(3, [district("A")], [Printer("a", "A", 1)], [Cohort("A", "late", START, 4)],
                classes=(late,))
    assert figures(inst) == (1, 6, 0)


@pytest.mark.parametrize(("lead", "expected"), [(1, (0, 2, 1)), (2, (1, 3, 0))])
def test_remote_print_crossing_the_deadline(lead, expected):
    # A prints 1 a day, B 5 a day along A→B (cost 1). 3 urgent applicants,
    # deadline day 1, 5 days. Home days 0 and 1 are in time.
    # Lead 1: B on day 0 comes home on day 1, in time: no miss; waits 0, 1, 1;
    #         one card rerouted: transfer 1.
    # Lead 2: B on day 0 comes home on day 2, late: the third misses either way,
    #         and home day 2 waits as long (2) without a transfer: waits 0, 1, 2.
    urgent = ServiceClass("urgent", 1, day(1))
    inst = make(5, [district("A"), district("B")], [Printer("a", "A", 1), Printer("b", "B", 5)],
                [Cohort("A", "urgent", START, 3)], classes=(urgent,),
                links=[Link("A", "B", lead_days=lead, cost=1)])
    assert figures(inst) == expected


def test_remote_print_home_after_the_horizon_before_the_deadline():
    # 2 days, deadline day 5. A prints 1 a day; B 5 a day along A→B, lead 1,
    # limit 1, cost 1. 4 applicants: home day 0 and 1, B day 0 (home day 1) and B day 1,
    # home on day 2 — after the horizon but by the deadline, so no miss; it
    # waits to the horizon's end, 2. Misses 0, waiting 0+1+1+2 = 4, transfer 2.
    urgent = ServiceClass("urgent", 1, day(5))
    inst = make(2, [district("A"), district("B")], [Printer("a", "A", 1), Printer("b", "B", 5)],
                [Cohort("A", "urgent", START, 4)], classes=(urgent,),
                links=[Link("A", "B", lead_days=1, daily_limit=1, cost=1)])
    assert figures(inst) == (0, 4, 2)


def test_side_constraints_are_refused_unless_relaxed():
    # Two printers and one operator: side constraint 6. Relaxed, both print:
    # 4 applicants at 1 + 1 a day over 2 days wait 0 + 0 + 1 + 1 = 2.
    inst = make(2, [district("A", operators=1)], [Printer("p", "A", 1), Printer("q", "A", 1)],
                [Cohort("A", "regular", START, 4)])
    calendar = build_calendar(inst)
    with pytest.raises(EngineError, match="operators"):
        solve_flow(calendar)
    relaxed = solve_flow(calendar, relax_side_constraints=True)
    assert isinstance(relaxed, EngineResult)
    assert relaxed.objective.as_tuple() == (0, 2, 0)


def test_log_names_each_stage():
    lines: list[str] = []
    inst = make(2, [district("A")], [Printer("a", "A", 1)], [Cohort("A", "regular", START, 3)])
    solve_flow(build_calendar(inst), log=lines.append)
    assert [line.split(":")[0] for line in lines] == [
        "stage 1 (deadline misses)", "stage 2 (waiting)", "stage 3 (transfer)"]
    assert "value 3 " in lines[1]


# --- an independent optimum: exhaustive search over tiny instances ---------------------


def as_document(instance: Instance) -> dict[str, Any]:
    """The instance as an ektp-instance/1 dictionary, for tests/support/brute_force.py."""
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    classes = []
    for c in instance.classes:
        entry: dict[str, Any] = {"id": c.id, "weight": c.weight}
        if c.deadline is not None:
            entry["deadline"] = c.deadline.isoformat()
        classes.append(entry)
    return {
        "horizon": {"start": instance.start.isoformat(), "days": instance.days},
        "holidays": sorted(h.isoformat() for h in instance.holidays),
        "classes": classes,
        "districts": [{"id": d.id, "blanks": d.blanks,
                       "workdays": [names[w] for w in sorted(d.workdays)],
                       "holidays": sorted(h.isoformat() for h in d.holidays)}
                      for d in instance.districts],
        "printers": [{"id": p.id, "district": p.district, "capacity": p.capacity}
                     for p in instance.printers],
        "outages": [{"start": o.start.isoformat(), "end": o.end.isoformat(),
                     "capacity": o.capacity, "printer": o.printer, "district": o.district}
                    for o in instance.outages],
        "deliveries": [{"district": d.district, "date": d.date.isoformat(), "blanks": d.blanks}
                       for d in instance.deliveries],
        "links": [{"from": lk.source, "to": lk.target, "lead_days": lk.lead_days,
                   "daily_limit": lk.daily_limit, "cost": lk.cost} for lk in instance.links],
        "queue": {"cohorts": [{"district": c.district, "class": c.service_class,
                               "ready": c.ready.isoformat(), "count": c.count}
                              for c in instance.cohorts]},
    }


def tiny_random(seed: int) -> Instance:
    """Two districts, 1–3 days, a printer each, a few applicants, random links."""
    rng = np.random.default_rng(seed)
    days = int(rng.integers(1, 4))
    urgent = ServiceClass("urgent", int(rng.integers(1, 4)), day(int(rng.integers(-1, 3))))
    districts = [district(k, blanks=int(rng.integers(0, 3)),
                          workdays=EVERY_DAY if rng.random() < 0.7 else frozenset({1, 2}))
                 for k in "AB"]
    printers = [Printer(k.lower(), k, int(rng.integers(0, 4))) for k in "AB"]
    cohorts = [Cohort(k, cls, day(int(rng.integers(-2, days))), int(rng.integers(1, 3)))
               for k in "AB" for cls in ("regular", "urgent") if rng.random() < 0.6]
    links = []
    for a, b in (("A", "B"), ("B", "A")):
        if rng.random() < 0.7:
            limit = None if rng.random() < 0.5 else int(rng.integers(0, 2))
            links.append(Link(a, b, int(rng.integers(0, 2)), limit, int(rng.integers(1, 3))))
    outages = (Outage(day(0), day(0), 1, district="A"),) if rng.random() < 0.3 else ()
    deliveries = (Delivery("B", day(days - 1), 1),) if rng.random() < 0.5 else ()
    return make(days, districts, printers, cohorts, classes=(REGULAR, urgent), links=links,
                outages=outages, deliveries=deliveries)


@pytest.mark.parametrize("seed", range(150))
def test_matches_exhaustive_search(seed):
    inst = tiny_random(seed)
    if not inst.cohorts:
        pytest.skip("no applicants drawn")
    assert figures(inst) == optimum(as_document(inst))


# --- the certificate -------------------------------------------------------------------


def certificate_instance() -> Instance:
    # 3 days, 1 card a day, 3 applicants: the optimum prints all (waits 0+1+2).
    return make(3, [district("A")], [Printer("a", "A", 1)], [Cohort("A", "regular", START, 3)])


def unprinted_flow(graph) -> np.ndarray:
    """A feasible but bad flow: every applicant waits along its chain into Z."""
    flow = np.zeros(graph.arcs, dtype=np.int64)
    carried = 0
    for i, arc in enumerate(graph.chain_arc.tolist()):
        if i and graph.chain_queue[i] != graph.chain_queue[i - 1]:
            carried = 0
        carried += int(graph.supply[graph.tail[arc]])
        flow[arc] = carried
    return flow


def test_certificate_accepts_the_optimum_and_rejects_a_worse_flow():
    graph = build_graph(build_calendar(certificate_instance()))
    staged = solve_stages(graph)
    stage = staged.stages[WAITING]
    args = (graph.nodes, graph.tail[stage.free], graph.head[stage.free],
            graph.capacity[stage.free], graph.cost[WAITING, stage.free], stage.supply)
    good = check_stage("waiting_days", *args, staged.flow[stage.free], stage.potential)
    assert good.valid and good.min_reduced_cost == 0
    assert int(graph.cost[WAITING] @ staged.flow) == 3

    worse = unprinted_flow(graph)
    assert int(graph.cost[WAITING] @ worse) == 9  # feasible: 3 applicants wait 3 days
    bad = check_stage("waiting_days", *args, worse[stage.free], stage.potential)
    assert not bad.valid
    assert bad.min_reduced_cost is not None and bad.min_reduced_cost < 0
    assert "negative reduced cost" in bad.violations[0]
    # No potentials at all can prove it: its residual graph has a negative cycle.
    with pytest.raises(RuntimeError, match="negative cycle"):
        potentials(graph.nodes, graph.tail, graph.head, graph.capacity, graph.cost[WAITING],
                   worse)


def test_certificate_rejects_broken_conservation_and_bounds():
    graph = build_graph(build_calendar(certificate_instance()))
    staged = solve_stages(graph)
    stage = staged.stages[MISSES]
    args = (graph.nodes, graph.tail[stage.free], graph.head[stage.free],
            graph.capacity[stage.free], graph.cost[MISSES, stage.free], stage.supply)
    flow = staged.flow[stage.free].copy()
    used = int(np.nonzero(flow)[0][0])
    flow[used] += 1
    broken = check_stage("deadline_misses", *args, flow, stage.potential)
    assert any("supply" in v for v in broken.violations)
    over = staged.flow[stage.free].copy()
    over[used] = graph.capacity[stage.free][used] + 1
    assert any("capacity" in v for v in check_stage(
        "deadline_misses", *args, over, stage.potential).violations)
