"""The fourth flow stage (engines/network/closest.py): the optimal plan closest to a previous one.

Hand-worked, printers A1 and A2 of district A, one queue of A ready on day 0, every day open,
blanks plenty (`_two_printers`):

1. Capacities 1 and 1 a day, 2 applicants, 2 days. Every optimum prints both on day 0, one on
   each printer (waiting 0). Previous plan: A2 on day 0 and A2 on day 1. Kept: (A2, day 0) 1;
   (A2, day 1) cannot be kept, so moved = 1 (a district-level stage says the same).
2. Capacities 2 and 2, 3 applicants, 1 day: the optimum prints all 3 on day 0, split 2 + 1 or
   1 + 2. Previous plan: A1 1, A2 2. The flow engine's own split fills A1 first (A1 2, A2 1:
   moved 1); the stage keeps the previous split: moved 0.
3. Through a limited link into two printers: district H (no printer) reroutes to K (K1, K2,
   capacity 2 each) along H→K, daily limit 2, lead 0; 2 applicants of H on day 0, 1 day. The
   optimum prints both at K on day 0; previous plan: both on K2. The link's limit sits on one
   arc R → R' and R' reaches K1 and K2: the stage keeps both on K2, moved 0.

On random small instances the stage is compared with CP-SAT's closeness stage, which
minimises moved cards per office (a lower bound on the printer-level figure when proven) and
then places them on printers greedily (an upper bound).
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler.engines.network.engine import solve_flow
from scheduler.instance.calendar import Calendar, build_calendar
from scheduler.instance.reader import parse_instance
from scheduler.plan.document import solution_document
from scheduler.plan.result import PlannedPrint
from scheduler.replan.closeness import Closeness, closest_plan
from scheduler.replan.closeness_cpsat import closest_by_cpsat
from scheduler.validator import validate_solution
from tests.support.strategies import small_instances

EVERY_DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _two_printers(days: int, capacity: int, applicants: int) -> dict[str, Any]:
    return {
        "format": "ektp-instance/1", "name": "two-printers",
        "horizon": {"start": "2024-01-01", "days": days},
        "districts": [{"id": "A", "blanks": 100, "workdays": EVERY_DAY}],
        "printers": [{"id": "A1", "district": "A", "capacity": capacity},
                     {"id": "A2", "district": "A", "capacity": capacity}],
        "queue": {"cohorts": [{"district": "A", "ready": "2024-01-01", "count": applicants}]},
    }


def _closest(doc: dict[str, Any], previous: list[PlannedPrint]) -> tuple[Calendar, Closeness]:
    calendar = build_calendar(parse_instance(doc, source="closest.json"))
    optimum = solve_flow(calendar)
    close = closest_plan(calendar, optimum, tuple(previous), time_limit=None, workers=1, seed=0)
    assert close.result.objective == optimum.objective
    report = validate_solution(calendar.instance, solution_document(calendar, close.result))
    assert report.valid, [v.message for v in report.violations]
    return calendar, close


def test_a_card_on_a_day_no_optimum_prints_on_is_moved() -> None:
    _, close = _closest(_two_printers(2, 1, 2), [PlannedPrint(0, 1, 0, 1),
                                                  PlannedPrint(0, 1, 1, 1)])
    assert close.moved == 1
    assert "fourth min-cost flow" in close.result.proof
    assert close.stage.status == "OPTIMAL"


def test_the_previous_split_over_printers_is_kept() -> None:
    calendar, close = _closest(_two_printers(1, 2, 3), [PlannedPrint(0, 0, 0, 1),
                                                         PlannedPrint(0, 1, 0, 2)])
    assert close.moved == 0
    assert sorted((pp.printer, pp.count) for pp in close.result.prints) == [(0, 1), (1, 2)]
    # The flow engine alone splits the other way round: the stage did the work.
    own = solve_flow(calendar).prints
    assert sorted((pp.printer, pp.count) for pp in own) == [(0, 2), (1, 1)]


def test_a_limited_link_into_two_printers_keeps_the_previous_printer() -> None:
    doc = {
        "format": "ektp-instance/1", "name": "limited",
        "horizon": {"start": "2024-01-01", "days": 1},
        "districts": [{"id": "H", "blanks": 0, "workdays": EVERY_DAY},
                      {"id": "K", "blanks": 10, "workdays": EVERY_DAY}],
        "printers": [{"id": "K1", "district": "K", "capacity": 2},
                     {"id": "K2", "district": "K", "capacity": 2}],
        "links": [{"from": "H", "to": "K", "lead_days": 0, "daily_limit": 2}],
        "queue": {"cohorts": [{"district": "H", "ready": "2024-01-01", "count": 2}]},
    }
    _, close = _closest(doc, [PlannedPrint(0, 1, 0, 2)])
    assert close.moved == 0
    assert [(pp.printer, pp.count) for pp in close.result.prints] == [(1, 2)]


@st.composite
def _with_previous(draw: st.DrawFn) -> tuple[dict[str, Any], list[tuple[int, int, int, int]]]:
    """A small pure network and a previous plan of random prints (queue, printer, day, n)."""
    doc = draw(small_instances())
    days = doc["horizon"]["days"]
    previous = [(draw(st.integers(0, 7)), draw(st.integers(0, len(doc["printers"]) - 1)),
                 draw(st.integers(0, days - 1)), draw(st.integers(1, 12)))
                for _ in range(draw(st.integers(0, 12)))]
    return doc, previous


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(_with_previous())
def test_the_flow_stage_lies_between_cpsat_bounds(case: tuple[dict[str, Any], list[Any]]
                                                  ) -> None:
    doc, raw = case
    calendar = build_calendar(parse_instance(doc, source="small.json"))
    previous = tuple(PlannedPrint(q, p, t, n) for q, p, t, n in raw
                     if q < len(calendar.queues))
    optimum = solve_flow(calendar)
    flow = closest_plan(calendar, optimum, previous, time_limit=None, workers=1, seed=0)
    cpsat = closest_by_cpsat(calendar, optimum, previous, time_limit=None, workers=1, seed=0,
                             work_limit=None)
    for close in (flow, cpsat):
        assert close.result.objective == optimum.objective
        document = solution_document(calendar, close.result)
        assert validate_solution(calendar.instance, document).valid
    assert flow.moved <= cpsat.moved  # CP-SAT places cards on printers greedily afterwards
    if "fourth min-cost flow" in flow.result.proof:
        assert cpsat.stage.status == "OPTIMAL"
        assert cpsat.stage.value is not None and cpsat.stage.value <= flow.moved
        one_printer = len(set(calendar.printer_district.tolist())) == len(calendar.printer_ids)
        if one_printer:  # per office is per printer: both stages are exact
            assert flow.moved == cpsat.moved
