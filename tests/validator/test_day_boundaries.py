"""The validator's day boundaries: when lent blanks become usable, when a card is late.

Constraint 4's lead days, on the hand-worked instance LENDING: 4 days from Monday
2024-01-01, both districts open every day. A has 5 blanks and prints nothing; B
has none of its own, a printer of capacity 5 and 2 residents ready before the
start. A lends B 2 blanks on 2024-01-01 along A -> B, lead 2, cost 1: they leave A
on day 0 and arrive at B on day 2 (2024-01-03). B's stock at the end of each day:
  received 0, 0, 2, 2 (days 0..3) − printed by that day.
Printing both on day 2 (the arrival day): 0, 0, 0, 0: valid; waiting 2 + 2 = 4,
transfer 2 blanks x 1 = 2. Printing on day 1: 0, −2, 0, 0: one violation on
2024-01-02 (stock −2; 0 received so far); its figures would be waiting 1 + 1 = 2.
Sent on day 2 they would arrive on day 4, after the horizon: never usable.
"""

from __future__ import annotations

from typing import Any

from scheduler.instance.reader import parse_instance
from scheduler.validator import ValidationReport, validate_solution

EVERY_DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
LENDING = {
    "format": "ektp-instance/1", "name": "lending",
    "horizon": {"start": "2024-01-01", "days": 4},
    "districts": [{"id": "A", "blanks": 5, "workdays": EVERY_DAY},
                  {"id": "B", "blanks": 0, "workdays": EVERY_DAY}],
    "printers": [{"id": "B1", "district": "B", "capacity": 5}],
    "links": [{"from": "A", "to": "B", "lead_days": 2, "cost": 1}],
    "queue": {"cohorts": [{"district": "B", "class": "regular", "ready": "2023-12-31",
                           "count": 2}]},
}


def check(print_date: str, send_date: str = "2024-01-01") -> ValidationReport:
    plan: dict[str, Any] = {
        "format": "ektp-solution/1", "instance": "lending",
        "prints": [{"date": print_date, "printer": "B1", "district": "B", "class": "regular",
                    "count": 2}],
        "transfers": [{"date": send_date, "from": "A", "to": "B", "count": 2}],
    }
    return validate_solution(parse_instance(LENDING, source="lending.json"), plan)


def test_blanks_used_the_day_they_arrive_are_valid() -> None:
    report = check("2024-01-03")
    assert report.valid, [v.message for v in report.violations]
    assert report.objective == {"deadline_misses": 0, "waiting_days": 4, "transfer_cost": 2}


def test_blanks_used_the_day_before_they_arrive_are_a_violation() -> None:
    report = check("2024-01-02")
    assert [(v.rule, v.date, v.subject) for v in report.violations] == [
        ("blanks", "2024-01-02", "B")]
    assert report.violations[0].message == (
        "2024-01-02 district B: blank stock -2 at the end of the day "
        "(0 received so far, 0 sent, 2 printed)")
    assert report.objective == {"deadline_misses": 0, "waiting_days": 2, "transfer_cost": 2}


def test_blanks_arriving_after_the_horizon_are_never_usable() -> None:
    # Sent on 2024-01-03 (day 2) + lead 2 = day 4: past the last day (3). Printing on
    # day 3 has nothing to print on: stock −2 from 2024-01-04, the last day.
    report = check("2024-01-04", send_date="2024-01-03")
    assert [(v.rule, v.date, v.subject) for v in report.violations] == [
        ("blanks", "2024-01-04", "B")]


# Deadline day. DEADLINE: 4 days from Monday 2024-01-01, every day open; class voter
# (weight 2, deadline 2024-01-02 = day 1); H prints 1 a day on H1, N 1 a day on N1;
# H -> N has lead 1, cost 1. Four voters of H ready before the start (eligible).
# The plan prints H1 on days 0, 1, 2 and N1 on day 1 (home day 2). Cards in order
# (0, 0, H1), (1, 1, H1), (1, 2, N1), (2, 2, H1): home days 0, 1, 2, 2. On time means
# home by the end of the deadline day: the first two; misses 2 (counting the deadline
# day as late would say 3; judging N1's card by its print day, 1). Waiting
# 2 x (0 + 1 + 2 + 2) = 10; transfer 1 card x 1 = 1.
DEADLINE = {
    "format": "ektp-instance/1", "name": "deadline-day",
    "horizon": {"start": "2024-01-01", "days": 4},
    "classes": [{"id": "voter", "weight": 2, "deadline": "2024-01-02"}],
    "districts": [{"id": "H", "blanks": 10, "workdays": EVERY_DAY},
                  {"id": "N", "blanks": 10, "workdays": EVERY_DAY}],
    "printers": [{"id": "H1", "district": "H", "capacity": 1},
                 {"id": "N1", "district": "N", "capacity": 1}],
    "links": [{"from": "H", "to": "N", "lead_days": 1, "cost": 1}],
    "queue": {"cohorts": [{"district": "H", "class": "voter", "ready": "2023-12-31",
                           "count": 4}]},
}


def test_a_card_home_on_the_deadline_day_is_on_time() -> None:
    plan = {
        "format": "ektp-solution/1", "instance": "deadline-day", "transfers": [],
        "prints": [{"date": when, "printer": printer, "district": "H", "class": "voter",
                    "count": 1}
                   for when, printer in (("2024-01-01", "H1"), ("2024-01-02", "H1"),
                                         ("2024-01-02", "N1"), ("2024-01-03", "H1"))],
    }
    report = validate_solution(parse_instance(DEADLINE, source="deadline.json"), plan)
    assert report.valid, [v.message for v in report.violations]
    assert report.objective == {"deadline_misses": 2, "waiting_days": 10, "transfer_cost": 1}
