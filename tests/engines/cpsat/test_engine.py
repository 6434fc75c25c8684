"""The CP-SAT engine (scheduler/cpsat): hand-worked optima, one per constraint family.

Every instance starts on Monday 2024-01-01 and its districts are open every
day unless a test says otherwise, so day t is simply 2024-01-0(t+1). Each
solve pins workers and seed, checks the status before the value, and runs the
plan through the independent validator, which recomputes the objective from
the prints and transfers alone.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.engines.cpsat.engine import solve_cpsat
from scheduler.engines.cpsat.hint import split_batches
from scheduler.engines.cpsat.variables import relaxed_calendar
from scheduler.engines.network.engine import solve_flow
from scheduler.instance.calendar import Calendar, build_calendar
from scheduler.instance.reader import parse_instance
from scheduler.plan.document import solution_document
from scheduler.plan.result import (
    EngineResult,
    NoPlan,
    Outcome,
    PlanCounts,
    PlannedPrint,
    PlannedTransfer,
)
from scheduler.validator import validate_solution

EVERY_DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def day(t: int) -> str:
    """ISO date of day index t (negative: before the start)."""
    return f"2024-01-{t + 1:02d}" if t >= 0 else f"2023-12-{32 + t:02d}"


def instance(days: int, districts: list[dict[str, Any]], printers: list[dict[str, Any]],
             cohorts: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "ektp-instance/1",
        "name": "tiny",
        "horizon": {"start": day(0), "days": days},
        "districts": [{"workdays": EVERY_DAY, **d} for d in districts],
        "printers": printers,
        "queue": {"cohorts": cohorts},
    }
    doc.update(extra)
    return doc


def solve(doc: dict[str, Any], **options: Any) -> tuple[Calendar, Outcome]:
    calendar = build_calendar(parse_instance(doc, source="tiny.json"))
    result = solve_cpsat(calendar, workers=1, seed=0, **options)
    if isinstance(result, EngineResult):
        report = validate_solution(calendar.instance, solution_document(calendar, result))
        assert report.valid, [v.message for v in report.violations]
    return calendar, result


def optimum(doc: dict[str, Any], **options: Any) -> tuple[int, int, int]:
    _, result = solve(doc, **options)
    assert result.status == "OPTIMAL", result.proof
    assert isinstance(result, EngineResult)
    return result.objective.as_tuple()


def per_day(result: EngineResult) -> dict[tuple[int, int], int]:
    """(printer, day) -> cards."""
    cards: dict[tuple[int, int], int] = {}
    for pp in result.prints:
        cards[pp.printer, pp.day] = cards.get((pp.printer, pp.day), 0) + pp.count
    return cards


# 1. Capacity with outages and a closed day.
CAPACITY = instance(
    3,
    [{"id": "A", "blanks": 100, "holidays": [day(2)]}],
    [{"id": "P", "district": "A", "capacity": 10}],
    [{"district": "A", "ready": day(-5), "count": 30}],
    # A district outage crossing the start caps day 0 at 4.
    outages=[{"district": "A", "start": day(-3), "end": day(0), "capacity": 4}],
)


def test_capacity_outage_and_closed_day() -> None:
    # Day 0: 4 (outage), day 1: 10, day 2: closed. Waiting: 4·0 + 10·1 and the 16
    # unprinted wait to T = 3: 16·3 = 48. Total 58.
    calendar, result = solve(CAPACITY)
    assert result.status == "OPTIMAL"
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 58, 0)
    assert per_day(result) == {(0, 0): 4, (0, 1): 10}
    assert result.proof == "CP-SAT: optimality proven for all 3 stages"


def test_ready_and_first_come() -> None:
    # Capacity 10 a day. 5 ready before the start, 12 ready on day 2. Day 0 prints
    # the 5, day 1 has nobody ready, day 2 prints 10 of the 12, day 3 the last 2,
    # each waiting 1 day: waiting 2. Printing ahead of the ready day would give 0.
    doc = instance(
        4,
        [{"id": "A", "blanks": 100}],
        [{"id": "P", "district": "A", "capacity": 10}],
        [{"district": "A", "ready": day(-1), "count": 5},
         {"district": "A", "ready": day(2), "count": 12}],
    )
    _, result = solve(doc)
    assert result.status == "OPTIMAL"
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 2, 0)
    assert per_day(result) == {(0, 0): 5, (0, 2): 10, (0, 3): 2}


def test_route_with_lead_and_daily_limit() -> None:
    # A cannot print; B prints for A along A->B (lead 1, at most 3 cards a day,
    # cost 2). Day 0: 3 cards home on day 1 (wait 1 each), day 1: 2 home on day 2
    # (wait 2 each): waiting 3 + 4 = 7; transfer 5 cards · 2 = 10.
    doc = instance(
        3,
        [{"id": "A", "blanks": 0}, {"id": "B", "blanks": 100}],
        [{"id": "PA", "district": "A", "capacity": 0},
         {"id": "PB", "district": "B", "capacity": 10}],
        [{"district": "A", "ready": day(-1), "count": 5}],
        links=[{"from": "A", "to": "B", "lead_days": 1, "daily_limit": 3, "cost": 2}],
    )
    _, result = solve(doc)
    assert result.status == "OPTIMAL"
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 7, 10)
    assert per_day(result) == {(1, 0): 3, (1, 1): 2}


def test_blanks_with_delivery_and_transfer() -> None:
    # A prints 10 a day but holds 2 blanks, gets 5 more on day 2; B holds 20 and
    # can send along B->A (lead 1, cost 1). Day 0: 2 cards (no blank can arrive
    # yet). Day 1: 10 with blanks sent on day 0. Day 2: the last 8 with the 5
    # delivered and 3 more sent. Waiting 10·1 + 8·2 = 26; B sends 20 - 2 - 5 = 13.
    doc = instance(
        4,
        [{"id": "A", "blanks": 2}, {"id": "B", "blanks": 20}],
        [{"id": "PA", "district": "A", "capacity": 10}],
        [{"district": "A", "ready": day(-1), "count": 20}],
        deliveries=[{"district": "A", "date": day(2), "blanks": 5}],
        links=[{"from": "B", "to": "A", "lead_days": 1, "cost": 1}],
    )
    _, result = solve(doc)
    assert result.status == "OPTIMAL"
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 26, 13)
    assert per_day(result) == {(0, 0): 2, (0, 1): 10, (0, 2): 8}
    assert sum(tr.count for tr in result.transfers) == 13


def deadline_doc(deadline: int, days: int, **extra: Any) -> dict[str, Any]:
    return instance(
        days,
        [{"id": "A", "blanks": 100}],
        [{"id": "P", "district": "A", "capacity": 2}],
        extra.pop("cohorts"),
        classes=[{"id": "regular", "weight": 3},
                 {"id": "urgent", "weight": 1, "deadline": day(deadline)}],
        **extra,
    )


def test_deadline_inside_the_horizon() -> None:
    # 2 cards a day, 3 days. Regular (weight 3): 2 ready; urgent (weight 1,
    # deadline day 1): 3 ready. Waiting alone would print the regulars first and
    # miss an urgent. With no miss: day 0 one urgent + one regular, day 1 two
    # urgent, day 2 the other regular: waiting 1·(0+1+1) + 3·(0+2) = 8.
    doc = deadline_doc(1, 3, cohorts=[
        {"district": "A", "class": "regular", "ready": day(-1), "count": 2},
        {"district": "A", "class": "urgent", "ready": day(-1), "count": 3}])
    assert optimum(doc) == (0, 8, 0)


def test_deadline_before_the_start() -> None:
    # Deadline 2023-12-20: the 3 urgent ready before it miss whatever happens; the
    # 2 ready after it (still before the start) are not counted. All 5 print on
    # day 0: waiting 0.
    doc = deadline_doc(-12, 2, cohorts=[
        {"district": "A", "class": "urgent", "ready": day(-22), "count": 1},
        {"district": "A", "class": "urgent", "ready": day(-20), "count": 2},
        {"district": "A", "class": "urgent", "ready": day(-7), "count": 2}])
    doc["printers"][0]["capacity"] = 10
    assert optimum(doc) == (3, 0, 0)


def test_deadline_after_the_horizon_counts_a_card_home_after_it() -> None:
    # 2 days. A cannot print; B prints along A->B with lead 3, so every card is home
    # on day 3 or 4, after the horizon: it waits to T = 2 like an unprinted one
    # (waiting 5·2 = 10) but it is home by the deadline (day 4), so printing all 5
    # avoids 5 misses at 5 · cost 1.
    doc = instance(
        2,
        [{"id": "A", "blanks": 0}, {"id": "B", "blanks": 10}],
        [{"id": "PA", "district": "A", "capacity": 0},
         {"id": "PB", "district": "B", "capacity": 10}],
        [{"district": "A", "class": "urgent", "ready": day(-1), "count": 5}],
        classes=[{"id": "urgent", "weight": 1, "deadline": day(4)}],
        links=[{"from": "A", "to": "B", "lead_days": 3, "cost": 1}],
    )
    assert optimum(doc) == (0, 10, 5)


def test_operators() -> None:
    # Printers of 5 and 3 cards, one operator, 10 ready, 2 days. Without the
    # operator limit: 8 then 2 (waiting 2). With it only one printer runs a day:
    # the 5-card one both days, waiting 5·1 = 5.
    doc = instance(
        2,
        [{"id": "A", "blanks": 100, "operators": 1}],
        [{"id": "P1", "district": "A", "capacity": 5},
         {"id": "P2", "district": "A", "capacity": 3}],
        [{"district": "A", "ready": day(-1), "count": 10}],
    )
    _, result = solve(doc)
    assert result.status == "OPTIMAL"
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 5, 0)
    assert per_day(result) == {(0, 0): 5, (0, 1): 5}


def test_min_batch() -> None:
    # One printer (10 a day, min_batch 4). 2 ready before the start, 3 on day 1.
    # Without the batch: 2 on day 0, 3 on day 1, waiting 0. With it day 0 cannot
    # print (2 < 4); day 1 prints all 5: the first 2 wait 1 day each: waiting 2.
    doc = instance(
        3,
        [{"id": "A", "blanks": 100}],
        [{"id": "P", "district": "A", "capacity": 10, "min_batch": 4}],
        [{"district": "A", "ready": day(-1), "count": 2},
         {"district": "A", "ready": day(1), "count": 3}],
    )
    _, result = solve(doc)
    assert result.status == "OPTIMAL"
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 2, 0)
    assert per_day(result) == {(0, 1): 5}


def test_min_batch_with_operators_on_alike_printers() -> None:
    # Two alike printers (6 a day, min_batch 4), one operator, 9 ready, 2 days.
    # 6 then 3 is not allowed (3 < 4), leaving 3 unprinted (waiting 3·2 = 6);
    # 5 then 4 is: waiting 4·1 = 4.
    doc = instance(
        2,
        [{"id": "A", "blanks": 100, "operators": 1}],
        [{"id": "P1", "district": "A", "capacity": 6, "min_batch": 4},
         {"id": "P2", "district": "A", "capacity": 6, "min_batch": 4}],
        [{"district": "A", "ready": day(-1), "count": 9}],
    )
    _, result = solve(doc)
    assert result.status == "OPTIMAL"
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 4, 0)
    assert sorted(per_day(result).values()) == [4, 5]
    assert len(per_day(result)) == 2  # one printer a day


def test_box() -> None:
    # A has no blanks; B sends along B->A (lead 0, cost 1) in boxes of 4. 6 ready,
    # 1 day. Any count would send 6 (transfer 6); in boxes 4 leaves 2 waiting
    # (waiting 2), so waiting first sends 8: (0, 0, 8).
    doc = instance(
        1,
        [{"id": "A", "blanks": 0}, {"id": "B", "blanks": 10}],
        [{"id": "PA", "district": "A", "capacity": 10}],
        [{"district": "A", "ready": day(-1), "count": 6}],
        links=[{"from": "B", "to": "A", "lead_days": 0, "cost": 1, "box": 4}],
    )
    _, result = solve(doc)
    assert result.status == "OPTIMAL"
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 0, 8)
    assert result.transfers == (PlannedTransfer(0, 0, 8),)


def test_trip_cost() -> None:
    # A prints 5 a day, has no blanks; B sends along B->A (lead 1, free per blank,
    # 5 per trip). 10 ready, 4 days: print 5 on day 1 and 5 on day 2 (waiting
    # 5 + 10 = 15), needing 5 blanks by day 1 and 10 by day 2. Without a trip cost
    # any split is free; with it one trip of 10 on day 0 costs 5.
    doc = instance(
        4,
        [{"id": "A", "blanks": 0}, {"id": "B", "blanks": 20}],
        [{"id": "PA", "district": "A", "capacity": 5}],
        [{"district": "A", "ready": day(-1), "count": 10}],
        links=[{"from": "B", "to": "A", "lead_days": 1, "trip_cost": 5}],
    )
    _, result = solve(doc)
    assert result.status == "OPTIMAL"
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 15, 5)
    assert result.transfers == (PlannedTransfer(0, 0, 10),)


def test_infeasible_hint_still_gives_the_optimum() -> None:
    # The capacity instance, hinted with a plan that breaks every rule it can:
    # over capacity, on the closed day, more than the queue, a transfer along no link.
    bad = PlanCounts(
        prints=(PlannedPrint(0, 0, 0, 25), PlannedPrint(0, 0, 1, 3), PlannedPrint(0, 0, 2, 40)),
        transfers=(PlannedTransfer(0, 0, 7),),
    )
    _, result = solve(CAPACITY, hint=bad)
    assert result.status == "OPTIMAL"
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 58, 0)


def test_relaxation_bound_stops_the_search_and_is_named() -> None:
    # A relaxation whose bound is the capacity instance's optimum (0, 58, 0) is a
    # valid lower bound; the plan meets it, and the proof says where it came from.
    calendar = build_calendar(parse_instance(CAPACITY, source="tiny.json"))
    relaxed = solve_flow(relaxed_calendar(calendar), relax_side_constraints=True)
    assert relaxed.bound.as_tuple() == (0, 58, 0)
    _, result = solve(CAPACITY, relaxation=relaxed)
    assert result.status == "OPTIMAL"
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 58, 0)
    assert "relaxed network" in result.proof


def test_no_time_gives_no_plan() -> None:
    _, result = solve(CAPACITY, time_limit=0.0)
    assert result.status == "UNKNOWN"
    assert isinstance(result, NoPlan)


def region(days: int = 12) -> dict[str, Any]:
    """Three districts in a line with min batches, boxes and trips: a real search."""
    districts = [{"id": d, "blanks": b, "operators": 1}
                 for d, b in (("A", 40), ("B", 400), ("C", 90))]
    printers = [{"id": f"{d}{i}", "district": d, "capacity": c, "min_batch": 15}
                for d, c in (("A", 40), ("B", 25), ("C", 35)) for i in (1, 2)]
    cohorts = [{"district": d, "class": cls, "ready": day(t), "count": n}
               for t in range(-1, days, 3)
               for d, cls, n in (("A", "regular", 60), ("A", "urgent", 9),
                                 ("B", "regular", 25), ("C", "urgent", 30))]
    links = [{"from": a, "to": b, "lead_days": 1, "daily_limit": 30, "cost": 2, "box": 10,
              "trip_cost": 7, "bidirectional": True} for a, b in (("A", "B"), ("B", "C"))]
    return instance(days, districts, printers, cohorts, links=links,
                    classes=[{"id": "regular", "weight": 1},
                             {"id": "urgent", "weight": 2, "deadline": day(days // 2)}])


def test_same_seed_and_workers_give_the_same_plan() -> None:
    calendar = build_calendar(parse_instance(region(), source="region.json"))
    first = solve_cpsat(calendar, workers=2, seed=3)
    second = solve_cpsat(calendar, workers=2, seed=3)
    assert first.status == second.status == "OPTIMAL"
    assert first.prints == second.prints
    assert first.transfers == second.transfers


def test_no_time_returns_the_repaired_hint_as_a_feasible_plan() -> None:
    # The capacity instance hinted with 25 cards on day 0 (capacity 4 there) and 3
    # on day 1. Repair cuts day 0 to its capacity 4, keeps day 1's 3, then fills
    # what is left with ready cards: day 1 up to 10. Waiting 4·0 + 10·1 + 16·3 = 58.
    # With no time to search, that plan comes back (validated by solve()), FEASIBLE:
    # nothing proved its waiting optimal, so no waiting bound is claimed.
    hint = PlanCounts(
        prints=(PlannedPrint(0, 0, 0, 25), PlannedPrint(0, 0, 1, 3)),
    )
    _, result = solve(CAPACITY, hint=hint, time_limit=0.0)
    assert result.status == "FEASIBLE"
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 58, 0)
    assert result.bound.waiting_days is None  # misses: no deadline class, 0 by definition


def test_repair_pads_a_short_batch_only_with_what_it_really_takes() -> None:
    # One day, printer P (capacity 10, min_batch 6), 4 blanks, 10 regular and 10 urgent
    # (weight 2) applicants ready before the start. The hint prints 1 of each: short of
    # the batch by 4. Each queue alone could take the district's 2 remaining blanks
    # (2 + 2 = 4 looks like enough), but together they can take only 2: 4 cards, still
    # short, so the day prints nothing. No plan can print (6 cards need 6 blanks), so
    # every applicant waits the whole day: 10·1 + 10·2·1 = 30.
    doc = instance(
        1, [{"id": "A", "blanks": 4}],
        [{"id": "P", "district": "A", "capacity": 10, "min_batch": 6}],
        [{"district": "A", "class": cls, "ready": day(-1), "count": 10}
         for cls in ("regular", "urgent")],
        classes=[{"id": "regular", "weight": 1}, {"id": "urgent", "weight": 2}])
    hint = PlanCounts(
        prints=(PlannedPrint(0, 0, 0, 1), PlannedPrint(1, 0, 0, 1)),
    )
    _, result = solve(doc, hint=hint, time_limit=0.0)  # the repaired hint, validated
    assert isinstance(result, EngineResult)
    assert result.objective.as_tuple() == (0, 30, 0)
    assert result.prints == ()


def test_a_short_day_goes_to_the_printer_whose_batch_it_fills() -> None:
    # 23 cards on printers of 380 (batch 60), 230 and 110 (no batch): the large one
    # cannot take them (23 < 60), the 230 alone can (fewest printers, earliest kind).
    # 29 cards, printers 280 (batch 40) and 130, one operator: the 130 prints them.
    assert split_batches(23, [380, 230, 110], [60, 1, 1], -1) == [0, 23, 0]
    assert split_batches(29, [280, 130], [40, 1], 1) == [0, 29]
    # 250 cards on three printers of 100 (batch 60), two operators: 200 at most.
    assert split_batches(250, [100, 100, 100], [60, 60, 60], 2) == [100, 100, 0]


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 12), st.integers(0, 12)), min_size=1, max_size=4),
       st.integers(0, 40), st.integers(-1, 4))
def test_split_batches_prints_the_most_any_valid_split_can(
        printers: list[tuple[int, int]], total: int, operators: int) -> None:
    """Against every subset of printers: a set S can print any total in
    [Σ_S batch, Σ_S cap], so the most is max min(total, Σ_S cap) over S within reach."""
    caps = [cap for cap, _ in printers]
    batches = [min(batch, cap) for cap, batch in printers]
    shares = split_batches(total, caps, batches, operators)
    limit = len(caps) if operators < 0 else operators
    most = max(min(total, sum(caps[i] for i in s))
               for n in range(limit + 1) for s in combinations(range(len(caps)), n)
               if sum(max(batches[i], 1) for i in s) <= total)
    assert sum(shares) == most
    assert sum(c > 0 for c in shares) <= limit
    assert all(c == 0 or max(b, 1) <= c <= cap
               for c, b, cap in zip(shares, batches, caps, strict=True))
