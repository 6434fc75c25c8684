"""What holds a plan back (scheduler/report/holdback.py), worked by hand on tiny instances.

Each instance: 3 days from Monday 2024-01-01, every day open, one district A with
one printer A1 unless said otherwise; the plan is the flow engine's optimum,
which is unique in what each district prints each day for these queues.
Backlog = A's residents ready and without a card at the end of the day.
"""

from __future__ import annotations

from typing import Any

from scheduler.diagnose.blanks_short import blanks_short
from scheduler.engines.network.engine import solve_flow
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import parse_instance, read_instance
from scheduler.plan.read import read_solution
from scheduler.plan.result import Bound, EngineResult, Objective, Status
from scheduler.report.data import ReportData, report_data
from scheduler.report.holdback import holdback_sentences
from tests.support.paths import tiny

EVERY_DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def one_district(capacity: int, blanks: int, count: int, days: int = 3) -> dict[str, Any]:
    return {
        "format": "ektp-instance/1", "name": "one",
        "horizon": {"start": "2024-01-01", "days": days},
        "classes": [{"id": "regular", "weight": 1}],
        "districts": [{"id": "A", "name": "Alpha", "blanks": blanks, "workdays": EVERY_DAY}],
        "printers": [{"id": "A1", "district": "A", "capacity": capacity}],
        "queue": {"cohorts": [{"district": "A", "class": "regular", "ready": "2024-01-01",
                               "count": count}]},
    }


def data_of(doc: dict[str, Any], result: EngineResult | None = None) -> ReportData:
    calendar = build_calendar(parse_instance(doc, "test"))
    plan = solve_flow(calendar) if result is None else result
    return report_data(calendar, plan, [], blanks_short(calendar))


def test_capacity_bound() -> None:
    # 1 card a day, 3 ready on day 0, blanks plenty: one a day. Backlog 2, 1, 0:
    # days 0 and 1 ran full with someone waiting: capacity, 2 + 1 = 3 waiting days.
    data = data_of(one_district(1, 10, 3))
    held = data.held
    assert held.waiting == {"capacity": 3, "outage": 0, "blanks": 0, "plan": 0}
    assert held.days["capacity"] == 2 and held.cause == "capacity"
    assert holdback_sentences(held, 0) == [
        "Printer capacity holds this plan back: printers ran full on 2 district-days while "
        "applicants waited (100% of the waiting), most at A Alpha."]


def test_blanks_bound_and_the_ask() -> None:
    # 5 a day but 1 blank, 3 ready: one card on day 0, then no blank. Backlog 2, 2, 2,
    # capacity left every day and no blank spare: blanks, 6 waiting days on 3 days.
    # With 2 more blanks by 2024-01-01 all 3 print on day 0: 2 blanks short.
    data = data_of(one_district(5, 1, 3))
    assert data.held.waiting == {"capacity": 0, "outage": 0, "blanks": 6, "plan": 0}
    assert data.headline.blanks_short == 2
    assert holdback_sentences(data.held, 2) == [
        "Blanks hold this plan back: printers stood idle without blanks on 3 district-days "
        "while applicants waited (100% of the waiting), most at A Alpha; ask for 2 more "
        "blanks (table below)."]
    # The no-blank days are the ones the capacity chart shades: stock 0 at each day's end.
    assert data.panels[0].no_blanks.tolist() == [True, True, True]


def test_a_blank_kept_for_later_is_not_spare() -> None:
    # 5 a day, 1 blank; a regular applicant ready on day 0 and a first voter (weight 3)
    # on day 1. Printing the regular one on day 0 costs the voter 2 days x 3 = 6; the
    # optimum keeps the blank for the voter (day 1): the regular waits 3 days. Day 0
    # ends with 1 blank in stock, used on day 1: none spare, so blanks bind on day 0
    # too, with capacity left. Backlog 1, 1, 1: blanks, 3 waiting days.
    doc = one_district(5, 1, 1)
    doc["classes"].append({"id": "first_voter", "weight": 3})
    doc["queue"]["cohorts"].append({"district": "A", "class": "first_voter",
                                    "ready": "2024-01-02", "count": 1})
    data = data_of(doc)
    assert data.districts[0].stock.tolist() == [1, 0, 0]
    assert data.held.waiting == {"capacity": 0, "outage": 0, "blanks": 3, "plan": 0}
    assert data.held.days["blanks"] == 3


def test_blanks_lent_by_neighbours() -> None:
    # Lend-only-tiny (its description works the optimum): A has no blanks of its own;
    # 2 arrive on day 1 and 2 on day 2. Day 0: nothing to print with, backlog 4
    # (blanks); day 1: 2 printed = capacity, backlog 2 (capacity); day 2: backlog 0.
    # Blanks 4 of 6 waiting days, capacity 2.
    instance = read_instance(tiny("lend-only-tiny"))
    planned = read_solution(instance, "solutions/tiny/lend-only-tiny.json")
    data = report_data(planned.calendar, planned.result, planned.figures, [])
    assert data.held.waiting == {"capacity": 2, "outage": 0, "blanks": 4, "plan": 0}
    assert holdback_sentences(data.held, 0)[-1] == "The rest of the waiting: capacity 33%."


def test_outage_names_the_record() -> None:
    # 1 a day, 2 ready, A1 down on day 0 (capacity 0): one card on day 1, one on day 2.
    # Backlog 2, 1, 0: day 0 is full at the cut capacity (outage, 2), day 1 full
    # (capacity, 1). Outage 2 of 3 waiting days: 67%.
    doc = one_district(1, 10, 2)
    doc["outages"] = [{"printer": "A1", "start": "2024-01-01", "end": "2024-01-01",
                       "capacity": 0}]
    data = data_of(doc)
    assert data.held.waiting == {"capacity": 1, "outage": 2, "blanks": 0, "plan": 0}
    assert holdback_sentences(data.held, 0) == [
        "A broken printer or server holds this plan back: A1 at A Alpha was down from "
        "2024-01-01 to 2024-01-01, and outages cut capacity on 1 district-days while "
        "applicants waited (67% of the waiting).",
        "The rest of the waiting: capacity 33%."]


def test_nothing_holds_it_back() -> None:
    # 5 a day, 3 ready, blanks plenty: all printed on day 0, nobody waits at a day's end.
    data = data_of(one_district(5, 10, 3))
    assert data.held.total == 0 and data.held.cause is None
    assert holdback_sentences(data.held, 0) == [
        "Nothing holds this plan back: every card is printed on the day its applicant is ready."]


def test_a_missed_deadline_comes_first() -> None:
    # 1 a day, 2 first voters ready on day 0, due home by day 0: one card on day 0,
    # the other on day 1, late: 1 miss; backlog 1, 0, 0: day 0 capacity.
    doc = one_district(1, 10, 2)
    doc["classes"] = [{"id": "first_voter", "weight": 1, "deadline": "2024-01-01"}]
    doc["queue"]["cohorts"][0]["class"] = "first_voter"
    data = data_of(doc)
    assert data.headline.deadline_misses == 1
    assert holdback_sentences(data.held, 0)[0] == (
        "1 applicant(s) miss their deadline (first_voter by 2024-01-01).")


def test_capacity_and_blanks_left_unused_is_the_plan() -> None:
    # A plan printing nothing (valid, far from optimal): 1 a day, 1 ready, 5 blanks.
    # Backlog 1, 1, 1, capacity and spare blanks left every day: the plan, 3 days.
    doc = one_district(1, 5, 1)
    idle = EngineResult("hand", Status.FEASIBLE, Objective(0, 3, 0), Bound(None), "")
    data = data_of(doc, idle)
    assert data.held.waiting == {"capacity": 0, "outage": 0, "blanks": 0, "plan": 3}
    assert holdback_sentences(data.held, 0)[0].startswith(
        "The plan holds applicants back: printers and blanks were left unused on 3 "
        "district-days")
