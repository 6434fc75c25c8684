"""Planning province by province (engines/decompose/): every national plan it assembles
passes the independent validator, and the national relaxed flow bounds it.

Hand-worked (`_two_provinces`): district H (province P) has 4 applicants ready on day 0 and
no printer; K (province Q) has one printer of 2 a day, 10 blanks and a link H → K of lead 0.
Two days. Every plan prints H's cards at K: 2 on day 0 and 2 on day 1 (home the same day):
waiting 0 + 0 + 1 + 1 = 2, transfer 4 × cost 3 = 12. The relaxed flow finds just that, all
of it crossing the border; province P is left with nothing to print, Q with nothing of its
own. The assembled plan meets the bound: OPTIMAL, (0, 2, 12).
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler.instance.reader import parse_instance
from scheduler.plan.make import Decomposition, make_plan
from scheduler.plan.result import Status
from scheduler.validator import validate_solution
from tests.support.strategies import small_instances

EVERY_DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _two_provinces() -> dict[str, Any]:
    return {
        "format": "ektp-instance/1", "name": "two-provinces",
        "horizon": {"start": "2024-01-01", "days": 2},
        "districts": [{"id": "H", "province": "P", "blanks": 0, "workdays": EVERY_DAY},
                      {"id": "K", "province": "Q", "blanks": 10, "workdays": EVERY_DAY}],
        "printers": [{"id": "K1", "district": "K", "capacity": 2}],
        "links": [{"from": "H", "to": "K", "lead_days": 0, "cost": 3}],
        "queue": {"cohorts": [{"district": "H", "ready": "2024-01-01", "count": 4}]},
    }


def test_cards_printed_across_the_border_make_the_hand_worked_optimum() -> None:
    instance = parse_instance(_two_provinces(), source="two.json")
    planned = make_plan(instance, decompose=Decomposition(jobs=1), blanks_short=False,
                        workers=1)
    assert planned.result.engine == "provinces"
    assert planned.objective.as_tuple() == (0, 2, 12)
    assert planned.result.status == Status.OPTIMAL
    assert "gap per figure: deadline_misses 0" in planned.result.proof


@st.composite
def _in_provinces(draw: st.DrawFn) -> dict[str, Any]:
    """A small instance with side constraints, its districts spread over two provinces."""
    doc = draw(small_instances(side=True))
    for district in doc["districts"]:
        district["province"] = draw(st.sampled_from(["P", "Q"]))
    return doc


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(_in_provinces())
def test_every_decomposed_plan_validates_within_the_relaxed_bound(doc: dict[str, Any]) -> None:
    instance = parse_instance(doc, source="provinces.json")
    planned = make_plan(instance, decompose=Decomposition(jobs=1), blanks_short=False,
                        workers=1)
    report = validate_solution(instance, planned.document)
    assert report.valid, [v.message for v in report.violations]
    assert report.objective == planned.document["objective"]
    whole = make_plan(instance, blanks_short=False, workers=1)  # proven: CP-SAT or the flow
    assert whole.result.status == Status.OPTIMAL
    # The relaxed flow bounds every plan; the whole instance's optimum is one of them.
    bound = planned.result.bound.deadline_misses
    assert bound is not None
    assert bound <= whole.objective.deadline_misses <= planned.objective.deadline_misses
    assert whole.objective.as_tuple() <= planned.objective.as_tuple()


def test_crossing_cards_short_of_blanks_never_break_a_minimum_batch() -> None:
    """H (province P): 2 applicants, 2 blanks, no printer; K (Q): one printer of 2 a day with a
    minimum batch of 2 and 1 blank of its own; link H → K, lead 0. The relaxed flow prints both
    cards at K (K's blank and one sent from H). Crossing prints take blanks from K's own supply
    only: 1, which no batch of 2 can print, so nothing crosses and the cards stay unprinted at
    H: waiting 2 × 1 day, above the relaxed 0; the plan is valid (a print of 1 would not be)."""
    doc = _two_provinces()
    doc["horizon"]["days"] = 1
    doc["districts"][0]["blanks"] = 2
    doc["districts"][1]["blanks"] = 1
    doc["printers"][0]["min_batch"] = 2
    doc["queue"]["cohorts"][0]["count"] = 2
    instance = parse_instance(doc, source="short.json")
    planned = make_plan(instance, decompose=Decomposition(jobs=1), blanks_short=False,
                        workers=1)
    assert planned.result.bound.as_tuple()[:2] == (0, 0)
    assert planned.objective.as_tuple()[:2] == (0, 2)
    assert planned.result.status == Status.FEASIBLE
