"""Simulated runs: hand-worked day-by-day tables, the deterministic optimum, validity.

TWO_OFFICES (tests/support/two_offices.py; worked on paper; every district open every
day, horizon 5 days, day 0 = 2024-01-01): A has 6 applicants and B 1, all ready before the
start (ready day 0). A1 (district A) and B1 (district B) print 2 a day. A's cards may be
printed at B along A->B: lead 1 day, at most 2 a day, cost 1 a card. Blanks are plenty
(10 each).

No outage. A card's end day: at home its print day, at B its print day + 1. Slots by end
day: end 0: A1 d0 (2 cards) and B1 d0 for B's own applicant; end 1: A1 d1 (2) and B1 d0's
spare place (1, cost 1); end 2: A1 d2 (2, cost 0) or B1 d1 (2, cost 1). A's 6 cards at
the least total end: 2 x 0 + 3 x 1 + 1 x 2 = 5, the end-2 card on A1 d2 (cost 0). Printing
B's own applicant on day 1 instead frees B1 d0 for two A cards: also 5, but costs 2.
The optimum is unique: A1 prints 2, 2, 1 on days 0–2, B1 prints B's 1 and A's 1 on day 0:
(misses 0, waiting 5, transfer 1), 7 printed, A cleared on day 2 (3 days), B on day 0.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler.engines.dispatch import solve_instance
from scheduler.engines.greedy import greedy_plan
from scheduler.instance.calendar import build_calendar
from scheduler.instance.model import Instance
from scheduler.instance.reader import parse_instance
from scheduler.plan.document import solution_document
from scheduler.plan.result import EngineResult, PlannedPrint, PlannedTransfer
from scheduler.simulate.future import Episode, Future, LateDelivery
from scheduler.simulate.knowledge import Belief, belief_at
from scheduler.simulate.state import RunState
from scheduler.simulate.walk import POLICIES, RunResult, simulate_run
from scheduler.simulate.world import realised_instance
from scheduler.validator import validate_solution
from tests.support.paths import TINY
from tests.support.strategies import small_instances
from tests.support.two_offices import TWO_OFFICES

EVERY_DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
# One office, 6 applicants ready before the start, A1 prints 2 a day, every day open for
# 4 days; 2 blanks in stock and 4 more delivered on day 1.
LATE_BLANKS: dict[str, Any] = {
    "format": "ektp-instance/1", "name": "late-blanks",
    "horizon": {"start": "2024-01-01", "days": 4},
    "districts": [{"id": "A", "blanks": 2, "workdays": EVERY_DAY}],
    "printers": [{"id": "A1", "district": "A", "capacity": 2}],
    "deliveries": [{"district": "A", "date": "2024-01-02", "blanks": 4}],
    "queue": {"cohorts": [{"district": "A", "ready": "2023-12-31", "count": 6}]},
}

Row = tuple[int, str, str, int]  # (day, printer, home district, cards)


def _instance(doc: dict[str, Any]) -> Instance:
    return parse_instance(doc, source=f"{doc['name']}.json")


def _rows(instance: Instance, run: RunResult) -> list[Row]:
    """The realised prints as (day, printer, home district, cards), in day order."""
    calendar = build_calendar(instance)
    return sorted((pp.day, calendar.printer_ids[pp.printer],
                   calendar.district_ids[calendar.queues[pp.queue].home], pp.count)
                  for pp in run.realised.prints)


def _figures(run: RunResult) -> tuple[int, int, int, int]:
    return run.printed, run.deadline_misses, run.waiting_days, run.transfer_cost


def _validated(instance: Instance, future: Future, run: RunResult) -> dict[str, int]:
    """The realised plan checked by the independent validator against the realised instance."""
    real = realised_instance(instance, future)
    report = validate_solution(real, solution_document(build_calendar(real), run.realised))
    assert report.valid, [v.message for v in report.violations]
    return report.objective


def test_no_outage_replan_and_fixed_are_the_hand_worked_optimum_greedy_its_own() -> None:
    """reroute-tiny (tests/commands/test_cli.py): optimum (0, 5, 4), 4 printed, A clear on day 2;
    greedy (tests/engines/test_greedy.py): A1 prints 1 a day, the 4th card never, (0, 6, 0)."""
    instance = _instance(json.loads(TINY.read_text(encoding="utf-8")))
    for policy in ("replan", "fixed"):
        run = simulate_run(instance, Future(), policy)
        assert _figures(run) == (4, 0, 5, 4)
        assert run.days_to_clear == (("A", 3), ("B", None))
        assert run.solves == 1
    greedy = simulate_run(instance, Future(), "greedy")
    assert _figures(greedy) == (3, 0, 6, 0) and greedy.solves == 0
    assert greedy.realised.prints == greedy_plan(build_calendar(instance)).prints


def test_two_offices_without_outage_follow_the_unique_optimum() -> None:
    instance = _instance(TWO_OFFICES)
    for policy in ("replan", "fixed"):
        run = simulate_run(instance, Future(), policy)
        assert _rows(instance, run) == [(0, "A1", "A", 2), (0, "B1", "A", 1), (0, "B1", "B", 1),
                                        (1, "A1", "A", 2), (2, "A1", "A", 1)]
        assert _figures(run) == (7, 0, 5, 1)
        assert run.days_to_clear == (("A", 3), ("B", 1))


def test_a_broken_printer_day_by_day() -> None:
    """A1 breaks on day 1 for 3 days (1, 2, 3); the planner expects 2 days.

    replan, morning by morning:
      day 0: no news; the optimum above. Made: A1 2 A, B1 1 B + 1 A (home day 1).
      day 1: nothing known yet (an episode is learned at the end of its first day); the
             plan says A1 2, reality cuts it to 0.
      day 2: learned: broken since day 1, expected 2 days (1, 2), so broken today and back
             on day 3. Re-solve (news) for A's 3 left, days 2–4: B1 d2 (end 3, cost 1, up to
             2), A1 d3 (end 3, cost 0, 2), later slots end 4. Three at end 3, the cheapest:
             A1 d3 x 2 + B1 d2 x 1. Made: B1 1 A (home day 3).
      day 3: A1 still broken this morning (overdue): believed broken today, back on day 4.
             Re-solve for A's 2 left: B1 d3 and A1 d4 both end on day 4; A1 d4 costs 0.
             Made: nothing (nothing planned today).
      day 4: repaired last night: known; the plan's belief (A1 back on day 4) stands and
             nothing was cut yesterday: no re-solve. Made: A1 2 A.
      A's ends: 0, 0, 1 (via B), 3 (via B), 4, 4 -> 12; B's: 0. Transfer 2, 7 printed,
      A's backlog (3, 3, 2, 2, 0 at the days' ends) clears on day 4 -> 5 days. Solves: 3.
    fixed: the day-0 plan cut by reality: A1's 2 on day 1 and 1 on day 2 are not made and
      not made up. A: ends 0, 0, 1 and three never printed (5 each) -> 16; transfer 1;
      4 printed; A never clears.
    greedy: A1 prints at home only, days 0 and 4: A's ends 0, 0, 4, 4, and two unprinted
      (5 each) -> 18; B prints its own on day 0. 5 printed, transfer 0.
    """
    instance = _instance(TWO_OFFICES)
    future = Future((Episode("A1", start=1, days=3, capacity=0, expected_days=2),))
    replan = simulate_run(instance, future, "replan")
    assert _rows(instance, replan) == [(0, "A1", "A", 2), (0, "B1", "A", 1), (0, "B1", "B", 1),
                                       (2, "B1", "A", 1), (4, "A1", "A", 2)]
    assert _figures(replan) == (7, 0, 12, 2)
    assert replan.solves == 3
    assert replan.days_to_clear == (("A", 5), ("B", 1))
    fixed = simulate_run(instance, future, "fixed")
    assert _rows(instance, fixed) == [(0, "A1", "A", 2), (0, "B1", "A", 1), (0, "B1", "B", 1)]
    assert _figures(fixed) == (4, 0, 16, 1)
    assert fixed.solves == 1 and fixed.days_to_clear == (("A", None), ("B", 1))
    greedy = simulate_run(instance, future, "greedy")
    assert _rows(instance, greedy) == [(0, "A1", "A", 2), (0, "B1", "B", 1), (4, "A1", "A", 2)]
    assert _figures(greedy) == (5, 0, 18, 0)
    for run in (replan, fixed, greedy):
        assert _validated(instance, future, run) == {
            "deadline_misses": run.deadline_misses, "waiting_days": run.waiting_days,
            "transfer_cost": run.transfer_cost}


def test_a_degraded_printer_keeps_its_own_district_first() -> None:
    """B1 prints only 1 on day 0 (expected 1 day). Its day-0 list is B's own card, then A's:
    the cut falls on A's card (the end of the print list).
    fixed: A1 2, 2, 1 on days 0–2 as planned, A's 6th card never: ends 0, 0, 1, 1, 2, and
      5 -> 9; no card crossed, transfer 0; 6 printed.
    replan: day 1 re-solves (yesterday was cut) for A's 4 left, days 1–4, B1 back at 2:
      A1 d1 x 2 (end 1), then end 2 from A1 d2 (cost 0) or B1 d1 (cost 1): A1 2, 2 on
      days 1, 2. A: 0, 0, 1, 1, 2, 2 -> 6; transfer 0; 2 solves."""
    instance = _instance(TWO_OFFICES)
    future = Future((Episode("B1", start=0, days=1, capacity=1, expected_days=1),))
    fixed = simulate_run(instance, future, "fixed")
    assert _rows(instance, fixed) == [(0, "A1", "A", 2), (0, "B1", "B", 1),
                                      (1, "A1", "A", 2), (2, "A1", "A", 1)]
    assert _figures(fixed) == (6, 0, 9, 0)
    replan = simulate_run(instance, future, "replan")
    assert _rows(instance, replan) == [(0, "A1", "A", 2), (0, "B1", "B", 1),
                                       (1, "A1", "A", 2), (2, "A1", "A", 2)]
    assert _figures(replan) == (7, 0, 6, 0) and replan.solves == 2


def test_a_late_delivery_day_by_day() -> None:
    """The day-1 delivery comes 2 days late (day 3); the planner expects 1 day.

    Without it late: 2, 2, 2 on days 0–2, waiting 0+0+1+1+2+2 = 6.
    replan: day 0 prints 2 (the stock). Day 1: the delivery is not known to be late until
      tomorrow; the plan's 2 are cut to 0 (no blank). Day 2: late, expected on day 1 + 1 =
      2: re-solve, 2 planned today, cut again (it is not there). Day 3: still not there
      this morning: expected today; re-solve; it comes, 2 printed. Ends 0, 0, 3, 3 and two
      never (4 each) -> 14; 3 solves.
    fixed: days 1 and 2 cut, nothing planned on day 3: ends 0, 0 and four never -> 16.
    greedy: prints when blanks are there: days 0 and 3 -> 14, as replan."""
    instance = _instance(LATE_BLANKS)
    future = Future(late_deliveries=(LateDelivery(0, days_late=2, expected_late=1),))
    replan = simulate_run(instance, future, "replan")
    assert _rows(instance, replan) == [(0, "A1", "A", 2), (3, "A1", "A", 2)]
    assert _figures(replan) == (4, 0, 14, 0) and replan.solves == 3
    fixed = simulate_run(instance, future, "fixed")
    assert _rows(instance, fixed) == [(0, "A1", "A", 2)]
    assert _figures(fixed) == (2, 0, 16, 0)
    greedy = simulate_run(instance, future, "greedy")
    assert _figures(greedy) == (4, 0, 14, 0)
    assert simulate_run(instance, Future(), "replan").waiting_days == 6


def test_beliefs_follow_the_knowledge_rules() -> None:
    """Episode on A1 days 1–3, expected 2; delivery 0 planned day 1, 2 days late, expected 1.

    Morning 1: nothing known: A1 at 2 every day, the delivery on day 1.
    Morning 2: the episode (learned last night): broken days 2 (its expected last day is
      1 + 2 - 1 = 2); the delivery is known late: expected day 1 + 1 = 2.
    Morning 3: overdue: broken today (3) only; the delivery expected today (3).
    Morning 4: repaired last night: nothing believed; the delivery came on day 3."""
    instance = _instance({**TWO_OFFICES, "deliveries": [
        {"district": "A", "date": "2024-01-02", "blanks": 1}]})
    calendar = build_calendar(instance)
    future = Future((Episode("A1", 1, 3, 0, 2),), (LateDelivery(0, 2, 1),))
    expected = {1: ([2, 2, 2, 2], (1,)), 2: ([0, 2, 2], (2,)), 3: ([0, 2], (3,)),
                4: ([2], (3,))}
    for day, (a1, deliveries) in expected.items():
        belief = belief_at(calendar, future, day)
        assert belief.capacity[0, day:].tolist() == a1
        assert belief.delivery_days == deliveries


def test_reality_cuts_sends_before_prints_and_lead_zero_blanks_count_the_same_day() -> None:
    """A (stock 2, A1 prints 5) sends blanks to B (stock 0; B1 prints 5, min_batch 2) along
    A->B with lead 0 in boxes of 2; all on day 0.
    Planned: A1 1, A sends 2 (one box), B1 3. A ends at 2 - 1 - 2 = -1: A cuts its send
    first, a whole box: 0 sent; A ends at 1. B now ends at 0 - 3 < 0: B1's 3 are cut to 0
    (it cannot print without the box; 0 is also below its min_batch anyway).
    With stock 3 at A instead: A ends at 0 and B at 2 - 3 = -1: B1 is cut to 2 (= its
    min_batch, so it prints); both end at 0."""
    doc: dict[str, Any] = {
        "format": "ektp-instance/1", "name": "boxes", "horizon": {"start": "2024-01-01",
                                                                 "days": 1},
        "districts": [{"id": "A", "blanks": 2, "workdays": EVERY_DAY},
                      {"id": "B", "blanks": 0, "workdays": EVERY_DAY}],
        "printers": [{"id": "A1", "district": "A", "capacity": 5},
                     {"id": "B1", "district": "B", "capacity": 5, "min_batch": 2}],
        "links": [{"from": "A", "to": "B", "lead_days": 0, "box": 2}],
        "queue": {"cohorts": [{"district": "A", "ready": "2024-01-01", "count": 5},
                              {"district": "B", "ready": "2024-01-01", "count": 5}]},
    }
    planned_prints = [PlannedPrint(0, 0, 0, 1), PlannedPrint(1, 1, 0, 3)]
    planned_sends = [PlannedTransfer(0, 0, 2)]
    for stock, prints, sends, left in ((2, [(0, 0, 1)], [], [1, 0]),
                                       (3, [(0, 0, 1), (1, 1, 2)], [(0, 2)], [0, 0])):
        doc["districts"][0]["blanks"] = stock
        calendar = build_calendar(_instance(doc))
        state = RunState.start(calendar, calendar)
        state.realise_day(0, planned_prints, planned_sends)
        assert [(pp.queue, pp.printer, pp.count) for pp in state.prints] == prints
        assert [(tr.link, tr.count) for tr in state.transfers] == sends
        assert state.stock.tolist() == left and state.diverged


@st.composite
def _side_instances(draw: st.DrawFn) -> dict[str, Any]:
    """small_instances with side constraints 6–8: min_batch, boxes, trips, one operator."""
    doc = draw(small_instances())
    for printer in doc["printers"]:
        printer["min_batch"] = draw(st.integers(0, 4))
    for link in doc["links"]:
        link["box"] = draw(st.integers(1, 3))
        link["trip_cost"] = draw(st.integers(0, 3))
    for district in doc["districts"]:
        if draw(st.booleans()):
            district["operators"] = 1
    return doc


@st.composite
def _futures(draw: st.DrawFn, doc: dict[str, Any]) -> Future:
    """Hand-built futures: a few episodes on any printer, some deliveries late."""
    days = doc["horizon"]["days"]
    printers = [p["id"] for p in doc["printers"]]
    episodes = draw(st.lists(st.builds(
        Episode, st.sampled_from(printers), st.integers(0, days - 1), st.integers(1, 3),
        st.integers(0, 3), st.integers(1, 3)), min_size=1, max_size=3))
    late = [LateDelivery(i, draw(st.integers(1, 3)), draw(st.integers(1, 3)))
            for i in range(len(doc["deliveries"])) if draw(st.booleans())]
    return Future(tuple(episodes), tuple(late))


def _check_every_policy(doc: dict[str, Any], future: Future) -> None:
    instance = _instance(doc)
    for policy in POLICIES:
        run = simulate_run(instance, future, policy, workers=1)
        objective = _validated(instance, future, run)
        assert (objective["deadline_misses"], objective["waiting_days"],
                objective["transfer_cost"]) == _figures(run)[1:]
        assert run.printed == sum(pp.count for pp in run.realised.prints)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_realised_plans_validate_on_small_instances(data: st.DataObject) -> None:
    doc = data.draw(small_instances())
    _check_every_policy(doc, data.draw(_futures(doc)))


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_realised_plans_validate_with_side_constraints(data: st.DataObject) -> None:
    """Operators, min_batch, boxes and trips (CP-SAT re-solves hinted by the previous plan)."""
    doc = data.draw(_side_instances())
    _check_every_policy(doc, data.draw(_futures(doc)))


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(small_instances(), _side_instances()))
def test_without_outages_the_runs_are_the_deterministic_plans(doc: dict[str, Any]) -> None:
    instance = _instance(doc)
    calendar = build_calendar(instance)
    optimum = solve_instance(calendar, workers=1)
    assert isinstance(optimum, EngineResult)
    for policy in ("replan", "fixed"):
        run = simulate_run(instance, Future(), policy, workers=1)
        assert _figures(run)[1:] == optimum.objective.as_tuple()
        assert run.solves == 1
    greedy = greedy_plan(calendar)
    assert isinstance(greedy, EngineResult)
    assert _figures(simulate_run(instance, Future(), "greedy"))[1:] == (
        greedy.objective.as_tuple())


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(small_instances(), _side_instances()))
def test_solving_every_morning_keeps_the_optimum(doc: dict[str, Any]) -> None:
    """The objective is a sum and the past is fixed, so an optimal plan's days ahead are
    optimal for the instance as of any morning (policies.py): re-solving every morning in
    the deterministic world (as-of instances with stock, blanks in transit and cards on
    their way home) must end with the optimum's figures."""
    instance = _instance(doc)
    optimum = solve_instance(build_calendar(instance), workers=1)
    assert isinstance(optimum, EngineResult)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Belief, "same_future", lambda self, other: False)
        run = simulate_run(instance, Future(), "replan", workers=1)
    assert run.solves == instance.days
    assert _figures(run)[1:] == optimum.objective.as_tuple()
