"""The ceiling (scheduler/diagnose/ceiling.py): hand-worked max-flows, networkx, and plans.

Every hand-worked instance starts on Monday 2024-01-01, its districts open every
day, one class without a deadline; days are t = 0, 1, 2, ….
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from hypothesis import HealthCheck, given, settings

from scheduler.diagnose.ceiling import Ceiling, throughput_ceiling
from scheduler.engines.network.engine import solve_flow
from scheduler.instance.calendar import Calendar, build_calendar
from scheduler.instance.reader import parse_instance
from tests.support.strategies import small_instances, tiny_instances

EVERY_DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def _instance(days: int, districts: dict[str, int], printers: dict[str, int],
              cohorts: list[tuple[str, int, int]], **extra: Any) -> Calendar:
    """districts: id -> blanks; printers: district -> capacity; cohorts: (district, day, count)."""
    doc: dict[str, Any] = {
        "format": "ektp-instance/1", "name": "hand",
        "horizon": {"start": "2024-01-01", "days": days},
        "classes": [{"id": "regular", "weight": 1}],
        "districts": [{"id": d, "blanks": b, "workdays": EVERY_DAY} for d, b in districts.items()],
        "printers": [{"id": f"{d}1", "district": d, "capacity": c} for d, c in printers.items()],
        "queue": {"cohorts": [{"district": d, "class": "regular", "ready": f"2024-01-0{t + 1}",
                               "count": n} for d, t, n in cohorts]},
    }
    doc.update(extra)
    return build_calendar(parse_instance(doc, source="hand.json"))


def test_capacity_bound_with_an_outage() -> None:
    # Capacity 2 a day for 3 days, but the outage on day 1 caps it at 0: 2 + 0 + 2 = 4
    # cards, although 10 applicants and 10 blanks are there from day 0.
    calendar = _instance(3, {"A": 10}, {"A": 2}, [("A", 0, 10)], outages=[
        {"printer": "A1", "start": "2024-01-02", "end": "2024-01-02", "capacity": 0}])
    assert throughput_ceiling(calendar) == Ceiling(4, 4)


def test_blank_bound() -> None:
    # Capacity 5 a day for 3 days (15), 10 applicants, but 4 blanks in stock, 1 more
    # delivered on day 2 and 7 on day 3 (after the horizon, dropped): 4 + 1 = 5.
    calendar = _instance(3, {"A": 4}, {"A": 5}, [("A", 0, 10)], deliveries=[
        {"district": "A", "date": "2024-01-03", "blanks": 1},
        {"district": "A", "date": "2024-01-04", "blanks": 7}])
    assert throughput_ceiling(calendar).cards == 5


def test_ready_bound() -> None:
    # Capacity 3 a day, 20 blanks. 5 ready on day 0, 10 on day 2: day 0 prints 3,
    # day 1 the other 2 of the first cohort (nobody else is ready), day 2 prints 3
    # of the second: 8, though capacity over the horizon is 9 and 15 are waiting.
    calendar = _instance(3, {"A": 20}, {"A": 3}, [("A", 0, 5), ("A", 2, 10)])
    assert throughput_ceiling(calendar).cards == 8


def test_link_limit_bound_and_cards_home_after_the_horizon() -> None:
    # A cannot print (capacity 0); B prints 5 a day and has 20 blanks. A's 10
    # applicants go along A→B at most 2 a day: 3 days × 2 = 6. With lead 2, only
    # the day-0 prints are home within the horizon (day 2); those of days 1 and 2
    # would be home on days 3 and 4: still printed (6) but only 2 home in time.
    for lead, in_time in ((0, 6), (2, 2)):
        calendar = _instance(3, {"A": 0, "B": 20}, {"A": 0, "B": 5}, [("A", 0, 10)], links=[
            {"from": "A", "to": "B", "lead_days": lead, "daily_limit": 2, "cost": 1}])
        assert throughput_ceiling(calendar) == Ceiling(6, in_time)


def test_blank_transfer_with_lead() -> None:
    # B's 10 applicants, B prints 5 a day but has no blanks; A has 10 blanks and no
    # printing. Blanks go A→B: with lead 1, those sent on days 0 and 1 arrive on
    # days 1 and 2: 5 + 5 = 10. With lead 2, only day 0's send arrives (day 2): 5.
    # Without the link: 0.
    for lead, cards in ((1, 10), (2, 5)):
        calendar = _instance(3, {"A": 10, "B": 0}, {"A": 0, "B": 5}, [("B", 0, 10)], links=[
            {"from": "A", "to": "B", "lead_days": lead, "cost": 1}])
        assert throughput_ceiling(calendar).cards == cards
    alone = _instance(3, {"A": 10, "B": 0}, {"A": 0, "B": 5}, [("B", 0, 10)])
    assert throughput_ceiling(alone).cards == 0


def test_per_district_ceilings() -> None:
    # A and B share B's printer (5 a day, 2 days, 10 blanks) along A→B (lead 0):
    # alone, each district's 8 applicants could all be printed; together only 10.
    calendar = _instance(2, {"A": 0, "B": 10}, {"A": 0, "B": 5}, [("A", 0, 8), ("B", 0, 8)],
                         links=[{"from": "A", "to": "B", "lead_days": 0, "cost": 1}])
    assert throughput_ceiling(calendar, per_district=True) == Ceiling(10, 10, {"A": 8, "B": 8})


def test_gap_is_explained() -> None:
    ceiling = Ceiling(cards=10, home_in_time=7)
    assert ceiling.sentence(5) == "printed 5 of at most 10"
    assert ceiling.gap_reason(10) is None
    reason = ceiling.gap_reason(5)
    assert reason is not None
    assert reason.startswith("short of the ceiling by 5: 3 would be home only after the horizon")
    assert "2 traded for fewer deadline misses" in reason
    only_late = ceiling.gap_reason(8)
    assert only_late is not None and "traded" not in only_late and "by 2: 2 would" in only_late


def _networkx_ceiling(calendar: Calendar) -> int:
    """The same max-flow built node by node from the SPEC's rules, with networkx."""
    graph = nx.DiGraph()
    days = calendar.days
    for q, queue in enumerate(calendar.queues):
        for t in range(days):
            if calendar.ready[q, t]:
                graph.add_edge("S", ("Q", q, t), capacity=int(calendar.ready[q, t]))
            if t + 1 < days:
                graph.add_edge(("Q", q, t), ("Q", q, t + 1))
            if calendar.district_capacity[queue.home, t] > 0:
                graph.add_edge(("Q", q, t), ("K", queue.home, t))
    seen: set[tuple[int, int]] = set()
    for link in range(calendar.link_source.size):
        src, dst = int(calendar.link_source[link]), int(calendar.link_target[link])
        lead, limit = int(calendar.link_lead[link]), int(calendar.link_limit[link])
        if src == dst:
            continue
        for s in range(days - lead):
            if calendar.open[src, s]:
                graph.add_edge(("B", dst, s + lead), ("B", src, s))
        if (src, dst) in seen:
            continue
        seen.add((src, dst))
        if limit == 0:
            continue
        for t in range(days):
            if calendar.district_capacity[dst, t] == 0:
                continue
            node = ("R", link, t)
            if limit > 0:
                graph.add_edge(node, ("K", dst, t), capacity=limit)
            else:
                graph.add_edge(node, ("K", dst, t))
            for q, queue in enumerate(calendar.queues):
                if queue.home == src:
                    graph.add_edge(("Q", q, t), node)
    for k in range(len(calendar.district_ids)):
        for t in range(days):
            if calendar.district_capacity[k, t] > 0:
                graph.add_edge(("K", k, t), ("B", k, t),
                               capacity=int(calendar.district_capacity[k, t]))
            if t > 0:
                graph.add_edge(("B", k, t), ("B", k, t - 1))
            if calendar.supply[k, t] > 0:
                graph.add_edge(("B", k, t), "Z", capacity=int(calendar.supply[k, t]))
    if "S" not in graph or "Z" not in graph:
        return 0
    return int(nx.maximum_flow_value(graph, "S", "Z"))


@SETTINGS
@given(tiny_instances(max_days=4, max_count=4))
def test_ceiling_agrees_with_networkx(doc: dict[str, Any]) -> None:
    calendar = build_calendar(parse_instance(doc, source="tiny.json"))
    ceiling = throughput_ceiling(calendar)
    assert ceiling.cards == _networkx_ceiling(calendar)
    assert ceiling.home_in_time <= ceiling.cards


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(small_instances())
def test_no_plan_prints_more_than_its_ceiling(doc: dict[str, Any]) -> None:
    calendar = build_calendar(parse_instance(doc, source="small.json"))
    ceiling = throughput_ceiling(calendar, per_district=True)
    result = solve_flow(calendar)
    printed = sum(p.count for p in result.prints)
    # The flow engine prunes prints home after the horizon, so it stays below both.
    assert printed <= ceiling.home_in_time <= ceiling.cards
    assert ceiling.per_district is not None
    for k, district in enumerate(calendar.district_ids):
        own = sum(p.count for p in result.prints if calendar.queues[p.queue].home == k)
        assert own <= ceiling.per_district[district] <= ceiling.cards
