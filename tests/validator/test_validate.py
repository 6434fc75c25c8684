"""The independent validator on a tiny hand-worked instance and one broken plan per rule;
last, its independence: the modules it imports.

The instance (horizon Mon 2024-01-01 .. Fri 2024-01-05, days = 5, day 4 an
instance holiday):
- classes: regular (weight 1); voter (weight 2, deadline 2024-01-02 = day 1).
- district A: 6 blanks + a delivery of 14 dated before the start (stock 20 at
  day 0) + a delivery of 100 after the horizon (ignored); operators 1.
  Printers A-1 (capacity 4; outage 2024-01-02 cap 1) and A-2 (capacity 3,
  min_batch 2); a district-wide outage 2024-01-04 .. 2024-01-10 cap 2.
- district B: 1 blank, a delivery of 6 on 2024-01-02; closed 2024-01-03 (its
  own holiday). Printer B-1 (capacity 6).
- link A->B only: lead 1, daily_limit 3, cost 2, box 2, trip_cost 7.
- queues: A/voter 4 ready 2023-12-20 (eligible) then 2 ready 2024-01-03 (after
  the deadline); A/regular 8 ready 2024-01-01; B/regular 3 ready 2024-01-02.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from scheduler.errors import InputError
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
from scheduler.validator import (
    ValidationReport,
    read_solution_document,
    validate_solution,
)
from tests.support.paths import ROOT

D = date.fromisoformat


def tiny_instance() -> Instance:
    return Instance(
        name="tiny",
        start=D("2024-01-01"),
        days=5,
        holidays=frozenset({D("2024-01-05")}),
        classes=(
            ServiceClass("regular", 1),
            ServiceClass("voter", 2, D("2024-01-02")),
        ),
        districts=(
            District("A", blanks=6, operators=1),
            District("B", blanks=1, holidays=frozenset({D("2024-01-03")})),
        ),
        printers=(
            Printer("A-1", "A", 4),
            Printer("A-2", "A", 3, min_batch=2),
            Printer("B-1", "B", 6),
        ),
        outages=(
            Outage(D("2024-01-02"), D("2024-01-02"), 1, printer="A-1"),
            Outage(D("2024-01-04"), D("2024-01-10"), 2, district="A"),
        ),
        deliveries=(
            Delivery("A", D("2023-12-31"), 14),
            Delivery("B", D("2024-01-02"), 6),
            Delivery("A", D("2024-02-01"), 100),
        ),
        links=(Link("A", "B", lead_days=1, daily_limit=3, cost=2, box=2, trip_cost=7),),
        cohorts=(
            Cohort("A", "voter", D("2023-12-20"), 4),
            Cohort("A", "voter", D("2024-01-03"), 2),
            Cohort("A", "regular", D("2024-01-01"), 8),
            Cohort("B", "regular", D("2024-01-02"), 3),
        ),
    )


# The valid plan. Day by day:
#   day 0 (Mon): A-1 prints 3 A/voter + 1 A/regular (4 <= 4); A sends 2 blanks to B
#                (one box, arrive day 1). Blanks A: 20 - 4 - 2 = 14.
#   day 1 (Tue): A-1 prints 1 A/regular (outage cap 1). B-1 prints 2 A/regular
#                (rerouted, home day 2; 2 <= daily limit 3) + 2 B/regular.
#                Blanks A: 13. Blanks B: 1 + 6 delivered + 2 arrived - 4 = 5.
#   day 2 (Wed, B closed): A-2 prints 3 A/voter (min_batch 2; A-1 idle: 1 operator).
#                Blanks A: 10.
# Objective by hand:
#   deadline_misses: A/voter's 4 eligible applicants get, first come, the 3 cards
#     home day 0 and one card home day 2 > deadline day 1: 1 miss. The 2 ready
#     2024-01-03 are after the deadline and cannot miss.                      -> 1
#   waiting_days: A/voter  2 x (3x0 + 1x(2-0) + 2x(2-2))                     =  4
#                 A/regular 1 x (1x0 + 1x1 + 2x2 + 4 unprinted x 5)          = 25
#                 B/regular 1 x (2x(1-1) + 1 unprinted x (5-1))              =  4
#                                                                            -> 33
#   transfer_cost: 2 rerouted cards x 2 + 2 blanks x 2 + 1 trip x 7          -> 15
PRINTS = [
    ("2024-01-01", "A-1", "A", "voter", 3),
    ("2024-01-01", "A-1", "A", "regular", 1),
    ("2024-01-02", "A-1", "A", "regular", 1),
    ("2024-01-02", "B-1", "A", "regular", 2),
    ("2024-01-02", "B-1", "B", "regular", 2),
    ("2024-01-03", "A-2", "A", "voter", 3),
]
TRANSFERS = [("2024-01-01", "A", "B", 2)]
OBJECTIVE = {"deadline_misses": 1, "waiting_days": 33, "transfer_cost": 15}


def document(
    prints: list[tuple[Any, ...]] | None = None,
    transfers: list[tuple[Any, ...]] | None = None,
    objective: dict[str, int] | None = None,
    instance: str = "tiny",
) -> dict[str, Any]:
    """A solution document from row tuples; the objective is left out unless given."""
    doc: dict[str, Any] = {
        "format": "ektp-solution/1",
        "instance": instance,
        "prints": [
            {"date": d, "printer": p, "district": k, "class": c, "count": n}
            for d, p, k, c, n in (PRINTS if prints is None else prints)
        ],
        "transfers": [
            {"date": d, "from": a, "to": b, "count": n}
            for d, a, b, n in (TRANSFERS if transfers is None else transfers)
        ],
    }
    if objective is not None:
        doc["objective"] = objective
    return doc


def found(report: ValidationReport) -> list[tuple[str, str | None, str]]:
    return [(v.rule, v.date, v.subject) for v in report.violations]


def test_valid_plan_and_its_objective() -> None:
    report = validate_solution(tiny_instance(), document(objective=OBJECTIVE))
    assert found(report) == []
    assert report.valid
    assert report.objective == {"deadline_misses": 1, "waiting_days": 33, "transfer_cost": 15}
    assert report.stated == OBJECTIVE


def test_empty_plan_everyone_waits_to_the_horizon_end() -> None:
    # Nobody printed: the 4 eligible voters miss; each applicant waits to day 5.
    # waiting = 2 x (4x5 + 2x(5-2)) + 8x5 + 3x(5-1) = 52 + 40 + 12 = 104.
    report = validate_solution(tiny_instance(), document(prints=[], transfers=[]))
    assert report.valid
    assert report.objective == {"deadline_misses": 4, "waiting_days": 104, "transfer_cost": 0}


def test_rows_with_the_same_key_are_summed() -> None:
    # Two transfers of 1 on one day make one box of 2 (and one trip: 2x2 + 7 = 11 more);
    # three prints of 1 on A-1 on 2024-01-04 are 3 > its outage cap 2.
    extra_transfers = [("2024-01-04", "A", "B", 1), ("2024-01-04", "A", "B", 1)]
    report = validate_solution(
        tiny_instance(), document(transfers=TRANSFERS + extra_transfers)
    )
    assert found(report) == []
    assert report.objective["transfer_cost"] == 15 + 11
    extra_prints = [("2024-01-04", "A-1", "A", "regular", 1)] * 3
    report = validate_solution(tiny_instance(), document(prints=PRINTS + extra_prints))
    assert found(report) == [("capacity", "2024-01-04", "A-1")]
    assert "printed 3 > outage cap 2" in report.violations[0].message


BROKEN_PRINTS = [
    # (case, extra print row, expected violations, a phrase of the first message)
    ("capacity", ("2024-01-01", "A-1", "A", "regular", 1),
     [("capacity", "2024-01-01", "A-1")], "printed 5 > capacity 4"),
    ("closed: district holiday", ("2024-01-03", "B-1", "B", "regular", 1),
     [("capacity", "2024-01-03", "B-1")], "district B is closed"),
    ("closed: instance holiday", ("2024-01-05", "B-1", "B", "regular", 1),
     [("capacity", "2024-01-05", "B-1")], "district B is closed"),
    ("printer outage", ("2024-01-02", "A-1", "A", "regular", 1),
     [("capacity", "2024-01-02", "A-1")], "printed 2 > outage cap 1"),
    ("district outage past the horizon", ("2024-01-04", "A-1", "A", "regular", 3),
     [("capacity", "2024-01-04", "A-1")], "printed 3 > outage cap 2"),
    # B/regular is ready 2024-01-02; one card on 2024-01-01 is 1 > 0 ready.
    ("ready", ("2024-01-01", "B-1", "B", "regular", 1),
     [("ready", "2024-01-01", "B/regular")], "1 printed by this day > 0 ready"),
    # 2 + 2 = 4 > 3 from 2024-01-04 to the end, and 4 > the queue's 3 in total.
    ("total over queue", ("2024-01-04", "B-1", "B", "regular", 2),
     [("ready", None, "B/regular"), ("ready", "2024-01-04", "B/regular")],
     "4 printed in total > queue size 3"),
    ("route without link", ("2024-01-04", "A-1", "B", "regular", 1),
     [("route", "2024-01-04", "B->A")], "no link B->A"),
    # 2 + 2 = 4 cards of A printed in B on 2024-01-02 > 3.
    ("daily limit", ("2024-01-02", "B-1", "A", "regular", 2),
     [("daily_limit", "2024-01-02", "A->B")], "4 cards of A printed in B > daily limit 3"),
    # both print on 2024-01-01 with one operator.
    ("operators", ("2024-01-01", "A-2", "A", "regular", 2),
     [("operators", "2024-01-01", "A")], "2 printers print (A-1, A-2) > 1 operators"),
    ("min batch", ("2024-01-04", "A-2", "A", "regular", 1),
     [("min_batch", "2024-01-04", "A-2")], "printed 1 < minimum batch 2"),
]


@pytest.mark.parametrize(
    "extra, expected, phrase",
    [case[1:] for case in BROKEN_PRINTS],
    ids=[case[0] for case in BROKEN_PRINTS],
)
def test_broken_print_is_caught(
    extra: tuple[Any, ...], expected: list[tuple[str, str | None, str]], phrase: str
) -> None:
    report = validate_solution(tiny_instance(), document(prints=PRINTS + [extra]))
    assert found(report) == expected
    assert not report.valid
    assert phrase in report.violations[0].message


BROKEN_TRANSFERS = [
    # A holds 10 blanks from 2024-01-03 on; sending 12 leaves -2 (the 100 delivered
    # after the horizon do not count).
    ("blanks negative", ("2024-01-04", "A", "B", 12),
     [("blanks", "2024-01-04", "A")],
     "blank stock -2 at the end of the day (20 received so far, 14 sent, 8 printed), "
     "and every day to 2024-01-05"),
    ("transfer without link", ("2024-01-04", "B", "A", 2),
     [("route", "2024-01-04", "B->A")], "no link B->A"),
    ("transfer on a closed day", ("2024-01-05", "A", "B", 2),
     [("send_day", "2024-01-05", "A->B")], "district A is closed"),
    ("box", ("2024-01-04", "A", "B", 3),
     [("box", "2024-01-04", "A->B")], "3 blanks sent is not a whole number of boxes of 2"),
]


@pytest.mark.parametrize(
    "extra, expected, phrase",
    [case[1:] for case in BROKEN_TRANSFERS],
    ids=[case[0] for case in BROKEN_TRANSFERS],
)
def test_broken_transfer_is_caught(
    extra: tuple[Any, ...], expected: list[tuple[str, str | None, str]], phrase: str
) -> None:
    report = validate_solution(tiny_instance(), document(transfers=TRANSFERS + [extra]))
    assert found(report) == expected
    assert phrase in report.violations[0].message


def test_blanks_count_deliveries_only_from_their_day() -> None:
    # B's 6 blanks come on 2024-01-02: printing 2 B/regular on 2024-01-01 needs 2 of
    # B's 1 in stock (and the queue is not ready yet either).
    report = validate_solution(
        tiny_instance(), document(prints=PRINTS + [("2024-01-01", "B-1", "B", "regular", 2)])
    )
    assert ("blanks", "2024-01-01", "B") in found(report)
    assert ("ready", "2024-01-01", "B/regular") in found(report)


def test_wrong_stated_objective() -> None:
    stated = dict(OBJECTIVE, waiting_days=34)
    report = validate_solution(tiny_instance(), document(objective=stated))
    assert found(report) == [("objective", None, "waiting_days")]
    assert "34" in report.violations[0].message
    assert "33" in report.violations[0].message


def test_stated_objective_must_be_whole_numbers() -> None:
    stated: dict[str, Any] = dict(OBJECTIVE, deadline_misses=True)
    del stated["transfer_cost"]
    report = validate_solution(tiny_instance(), document(objective=stated))
    # True == 1 in Python, but a boolean is no count; a missing figure differs too.
    assert found(report) == [
        ("objective", None, "deadline_misses"),
        ("objective", None, "transfer_cost"),
    ]


BAD_ROWS = [
    ("unknown printer", ("2024-01-04", "X", "A", "regular", 1), "2024-01-04",
     "prints[6].printer: unknown printer 'X'"),
    ("unknown district", ("2024-01-04", "A-1", "Z", "regular", 1), "2024-01-04",
     "prints[6].district: unknown district 'Z'"),
    ("unknown class", ("2024-01-04", "A-1", "A", "vip", 1), "2024-01-04",
     "prints[6].class: unknown class 'vip'"),
    ("bad date", ("2024-13-01", "A-1", "A", "regular", 1), None,
     "prints[6].date: not an ISO date (YYYY-MM-DD): '2024-13-01'"),
    ("compact date", ("20240104", "A-1", "A", "regular", 1), None,
     "prints[6].date: not an ISO date"),
    ("date after the horizon", ("2024-01-06", "A-1", "A", "regular", 1), None,
     "prints[6].date: 2024-01-06 is outside the horizon 2024-01-01 .. 2024-01-05"),
    ("negative count", ("2024-01-04", "A-1", "A", "regular", -1), "2024-01-04",
     "prints[6].count: expected a whole number >= 0, got -1"),
    ("boolean count", ("2024-01-04", "A-1", "A", "regular", True), "2024-01-04",
     "prints[6].count: expected a whole number >= 0, got True"),
    ("fractional count", ("2024-01-04", "A-1", "A", "regular", 1.5), "2024-01-04",
     "prints[6].count: expected a whole number >= 0, got 1.5"),
]


@pytest.mark.parametrize(
    "row, day, message", [case[1:] for case in BAD_ROWS], ids=[case[0] for case in BAD_ROWS]
)
def test_unreadable_print_row_is_named(row: tuple[Any, ...], day: str | None, message: str) -> None:
    report = validate_solution(tiny_instance(), document(prints=PRINTS + [row]))
    assert found(report) == [("format", day, "prints[6]")]
    assert report.violations[0].message.startswith(message)
    # The row is left out; the rest of the plan is still checked and costed.
    assert report.objective == OBJECTIVE


def test_unreadable_transfer_row_and_non_object_row() -> None:
    doc = document(transfers=TRANSFERS + [("2024-01-04", "A", "Q", 2)])
    doc["prints"].append(["2024-01-04", "A-1"])
    report = validate_solution(tiny_instance(), doc)
    assert found(report) == [
        ("format", None, "prints[6]"),
        ("format", "2024-01-04", "transfers[1]"),
    ]
    assert report.violations[1].message == "transfers[1].to: unknown district 'Q'"


def test_solution_for_another_instance() -> None:
    report = validate_solution(tiny_instance(), document(instance="other"))
    assert found(report) == [("format", None, "instance")]


# First come, exactly: district H, neighbour N along H->N with lead 2. Printer "A-N"
# stands in N so that its id sorts before "H-1". Queue H/voter (deadline
# 2024-01-02 = day 1): applicant 1 ready 2024-01-01 (eligible), applicant 2 ready
# 2024-01-03 (after the deadline). A plan obeying constraint 2 cannot make the
# card order change the misses (every card home by the deadline goes to an eligible
# applicant), so both plans below over-print a day; the misses still follow the
# SPEC's order of cards: (print day, home day, printer id).
def tie_instance() -> Instance:
    return Instance(
        name="tie",
        start=D("2024-01-01"),
        days=5,
        classes=(ServiceClass("voter", 1, D("2024-01-02")),),
        districts=(District("H", blanks=10), District("N", blanks=10)),
        printers=(Printer("H-1", "H", 5), Printer("A-N", "N", 5)),
        links=(Link("H", "N", lead_days=2, cost=3),),
        cohorts=(
            Cohort("H", "voter", D("2024-01-01"), 1),
            Cohort("H", "voter", D("2024-01-03"), 1),
        ),
    )


def tie_document(prints: list[tuple[Any, ...]]) -> dict[str, Any]:
    return dict(document(prints=prints, transfers=[]), instance="tie")


def test_same_print_day_the_earlier_home_day_comes_first() -> None:
    # Both cards printed 2024-01-01: H-1's is home day 0, A-N's home day 2. Cards in
    # order (0, 0, H-1), (0, 2, A-N): applicant 1 gets H-1's, home before the
    # deadline: 0 misses (printer id first would give A-N's card: 1 miss).
    # Waiting: (0 - 0) + (2 - 2) = 0. Transfer: 1 card rerouted at cost 3.
    report = validate_solution(tie_instance(), tie_document([
        ("2024-01-01", "A-N", "H", "voter", 1),
        ("2024-01-01", "H-1", "H", "voter", 1),
    ]))
    assert found(report) == [("ready", "2024-01-01", "H/voter")]
    assert report.objective == {"deadline_misses": 0, "waiting_days": 0, "transfer_cost": 3}


def test_the_print_day_comes_before_the_home_day() -> None:
    # A-N prints on day 0 (home day 2), H-1 on day 1 (home day 1). Cards in order
    # (0, 2, A-N), (1, 1, H-1): applicant 1 gets A-N's card, home day 2 > deadline
    # day 1: 1 miss, although a card was home by the deadline (home day first: 0).
    # Waiting: (2 - 0) + (1 - 2) = 1. Transfer: 1 card rerouted at cost 3.
    report = validate_solution(tie_instance(), tie_document([
        ("2024-01-01", "A-N", "H", "voter", 1),
        ("2024-01-02", "H-1", "H", "voter", 1),
    ]))
    assert found(report) == [("ready", "2024-01-02", "H/voter")]
    assert report.objective == {"deadline_misses": 1, "waiting_days": 1, "transfer_cost": 3}


def test_a_card_home_after_the_horizon_waits_to_its_end() -> None:
    # Applicant 1 printed in N on the last day (day 4), home day 6 >= days: it waits
    # 5 - 0 = 5 and misses the deadline; applicant 2 (ready day 2) is not printed:
    # 5 - 2 = 3. Waiting 8, misses 1, transfer 3.
    report = validate_solution(tie_instance(), tie_document([
        ("2024-01-05", "A-N", "H", "voter", 1),
    ]))
    assert report.valid
    assert report.objective == {"deadline_misses": 1, "waiting_days": 8, "transfer_cost": 3}


def test_large_cohorts_are_paired_by_runs() -> None:
    # 3,000,000 applicants in one cohort ready 2024-01-01, 2 cards a day on days 0..4
    # would be 10 pairs; with counts in runs the same merge handles millions at once:
    # 2,999,990 unprinted wait 5 days; the 10 printed wait 2 x (0+1+2+3+4) = 20.
    instance = Instance(
        name="big",
        start=D("2024-01-01"),
        days=5,
        classes=(ServiceClass("regular", 1),),
        districts=(District("H", blanks=10),),
        printers=(Printer("H-1", "H", 2),),
        cohorts=(Cohort("H", "regular", D("2024-01-01"), 3_000_000),),
    )
    rows = [(f"2024-01-0{t + 1}", "H-1", "H", "regular", 2) for t in range(5)]
    report = validate_solution(instance, dict(document(prints=rows, transfers=[]),
                                              instance="big"))
    assert report.valid
    assert report.objective["waiting_days"] == 2_999_990 * 5 + 20


def test_read_solution_document(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(document(objective=OBJECTIVE)), encoding="utf-8")
    assert read_solution_document(good)["objective"] == OBJECTIVE


@pytest.mark.parametrize(
    "text, where, what",
    [
        ('{"format": "ektp-solution/1", "prints": [', "line 1 column 42", "not valid JSON"),
        ("[1, 2]", "", "expected a JSON object, got list"),
        ('{"format": "ektp-instance/1", "prints": []}', "format", "expected 'ektp-solution/1'"),
        ('{"format": "ektp-solution/1"}', "prints", "expected a list, got nothing"),
        ('{"format": "ektp-solution/1", "prints": [], "transfers": {}}', "transfers",
         "expected a list, got dict"),
        ('{"format": "ektp-solution/1", "prints": [], "objective": 3}', "objective",
         "expected an object, got int"),
    ],
)
def test_bad_solution_file(tmp_path: Path, text: str, where: str, what: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_solution_document(path)
    assert caught.value.source == str(path)
    assert caught.value.where == where
    assert what in caught.value.what
    assert "\n" not in str(caught.value)


def test_validator_imports_no_engine_code() -> None:
    # Independence: the checker's own modules import only the instance records and
    # reader, the errors and the standard library.
    allowed = ("scheduler.instance.model", "scheduler.instance.reader", "scheduler.errors",
               "scheduler.validator")
    modules = sorted((ROOT / "scheduler" / "validator").glob("*.py"))
    assert modules  # the package is there: an empty folder would check nothing
    for module in modules:
        for line in module.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if words[:1] in (["import"], ["from"]) and words[1].startswith("scheduler"):
                assert words[1].startswith(allowed), f"{module.name}: {line.strip()}"


def test_the_validator_still_imports_only_the_instance_records() -> None:
    """The independent validator must not reach the simulation (nor any engine)."""
    code = ("import sys, scheduler.validator; "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('scheduler'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.split()
    assert {m for m in loaded if not m.startswith("scheduler.validator")} == {
        "scheduler", "scheduler.errors", "scheduler.instance", "scheduler.instance.model"}
