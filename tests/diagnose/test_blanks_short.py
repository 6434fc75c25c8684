"""Blanks to ask for (scheduler/diagnose/blanks_short.py), on instances worked by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.diagnose.blanks_short import BlanksShort, BlankStep, ample_instance, blanks_short
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import parse_instance, read_instance
from tests.support.paths import SAMPANG, TINY

ALL_WEEK = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _instance(districts: list[dict[str, Any]], printers: list[dict[str, Any]],
              cohorts: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "format": "ektp-instance/1", "name": "blanks",
        "horizon": {"start": "2024-01-01", "days": 5},
        "districts": [{"workdays": ALL_WEEK, **d} for d in districts],
        "printers": printers, "queue": {"cohorts": cohorts}, **extra,
    }


def _short(doc: dict[str, Any]) -> list[BlanksShort]:
    return blanks_short(build_calendar(parse_instance(doc, source="blanks.json")))


def test_one_district_short_of_blanks_early() -> None:
    # One district, open every day, capacity 2 a day, 4 applicants ready on day 0,
    # 1 blank in stock and 1 delivered on day 2 (2024-01-03).
    # With blanks enough it prints 2 on day 0 and 2 on day 1 (waiting 0+0+1+1 = 2, the
    # least capacity allows). Blanks used by the end of day 0, 1, 2: 2, 4, 4; blanks the
    # instance gives by then: 1, 1, 2. Shortfall 1, 3, 2: it needs 1 more by day 0 and
    # 3 more by day 1. The day-2 delivery comes too late to count for the peak (the
    # brief's "short 2, the first by day 1" counts the whole horizon's totals, 4 − 2,
    # and would print the fourth card a day late).
    doc = _instance(
        [{"id": "A", "blanks": 1}], [{"id": "A1", "district": "A", "capacity": 2}],
        [{"district": "A", "class": "regular", "ready": "2024-01-01", "count": 4}],
        deliveries=[{"district": "A", "date": "2024-01-03", "blanks": 1}],
    )
    shortages = _short(doc)
    assert shortages == [
        BlanksShort("A", "", 3, (BlankStep(date(2024, 1, 1), 1), BlankStep(date(2024, 1, 2), 3)))
    ]
    assert shortages[0].sentence() == (
        "short 3 blanks: the first 1 by 2024-01-01, all 3 by 2024-01-02")


def test_a_neighbours_surplus_is_moved_before_anything_is_asked_for() -> None:
    # B (capacity 2, stock 0) has 4 applicants ready on day 0; A has 10 blanks, no
    # printer, and a link A -> B of lead 1. With blanks enough B prints 2 on day 0 and
    # 2 on day 1. A's blanks reach B on day 1 at the earliest: the 2 of day 1 come from
    # A, the 2 of day 0 must be asked for. A is short of nothing.
    doc = _instance(
        [{"id": "A", "blanks": 10}, {"id": "B", "blanks": 0}],
        [{"id": "B1", "district": "B", "capacity": 2}],
        [{"district": "B", "class": "regular", "ready": "2024-01-01", "count": 4}],
        links=[{"from": "A", "to": "B", "lead_days": 1, "cost": 5}],
    )
    assert _short(doc) == [BlanksShort("B", "", 2, (BlankStep(date(2024, 1, 1), 2),))]


def test_no_shortage_when_blanks_do_not_hold_the_plan_back() -> None:
    # As the first test with 4 blanks in stock: prints 2 + 2 on days 0 and 1 need 4.
    doc = _instance(
        [{"id": "A", "blanks": 4}], [{"id": "A1", "district": "A", "capacity": 2}],
        [{"district": "A", "class": "regular", "ready": "2024-01-01", "count": 4}],
    )
    assert _short(doc) == []


def test_reroute_tiny() -> None:
    # instances/tiny/reroute-tiny.json: A (10 blanks, 1 card a day) and B (no blanks,
    # 2 a day), link A -> B lead 1, at most 1 card a day, cost 2; A's 4 applicants
    # ready before the start. With blanks at B on day 0, B prints one card on day 0
    # (home day 1) and A prints on days 0, 1, 2: waiting 0 + 1 + 1 + 2 = 4 instead of 5.
    # A's blanks reach B on day 1 at the earliest, so B needs 1 blank by 2024-01-01.
    assert blanks_short(build_calendar(read_instance(TINY))) == [
        BlanksShort("B", "", 1, (BlankStep(date(2024, 1, 1), 1),))
    ]


def test_the_ample_instance_only_adds_the_supplier() -> None:
    instance = read_instance(TINY)
    ample = ample_instance(instance)
    assert ample.districts[:2] == instance.districts
    supplier = ample.districts[2]
    assert supplier.blanks == 5 and supplier.workdays == frozenset(range(7))
    # Price: 4 applicants × link cost 2 × 2 districts + 1 = 17 per supplied blank.
    assert [(lk.source, lk.target, lk.lead_days, lk.cost) for lk in ample.links[1:]] == [
        (supplier.id, "A", 0, 17), (supplier.id, "B", 0, 17)]
    assert ample.printers == instance.printers and ample.cohorts == instance.cohorts


def test_the_solve_summary_has_a_line_per_short_district(runner: CliRunner,
                                                         tmp_path: Path) -> None:
    out = runner.invoke(cli, ["solve", str(TINY), "-o", str(tmp_path / "plan.json")])
    assert out.exit_code == 0, out.output
    assert [line.strip() for line in out.output.splitlines() if "blanks:" in line] == [
        "blanks: B short 1 blank, needed by 2024-01-01"]
    out = runner.invoke(cli, ["solve", str(SAMPANG), "-o", str(tmp_path / "s.json")])
    assert out.exit_code == 0 and "blanks:" not in out.output


def test_no_resolve_when_the_stock_never_runs_out(monkeypatch: Any) -> None:
    # One district, 10 blanks, capacity 2 a day, 3 applicants on day 0: the optimum
    # prints 2 + 1 and the stock goes 10 → 8 → 7, never 0. Constraint 4 is slack every
    # day, so in this pure network more blanks cannot help: no second solve.
    from scheduler.diagnose.blanks_short import stock_runs_out
    from scheduler.engines.network.engine import solve_flow

    doc = _instance(
        [{"id": "A", "blanks": 10}], [{"id": "A1", "district": "A", "capacity": 2}],
        [{"district": "A", "class": "regular", "ready": "2024-01-01", "count": 3}],
    )
    calendar = build_calendar(parse_instance(doc, source="blanks.json"))
    plan = solve_flow(calendar)
    assert not stock_runs_out(calendar, plan)

    def no_second_solve(*args: object, **kwargs: object) -> None:
        raise AssertionError("re-solved although the stock never runs out")

    monkeypatch.setattr("scheduler.diagnose.blanks_short.solve_instance", no_second_solve)
    assert blanks_short(calendar, plan=plan) == []


def test_the_stock_running_out_is_seen() -> None:
    # The same office with 3 blanks: 2 used on day 0, 1 on day 1: stock 1, then 0.
    from scheduler.diagnose.blanks_short import stock_runs_out
    from scheduler.engines.network.engine import solve_flow

    doc = _instance(
        [{"id": "A", "blanks": 3}], [{"id": "A1", "district": "A", "capacity": 2}],
        [{"district": "A", "class": "regular", "ready": "2024-01-01", "count": 3}],
    )
    calendar = build_calendar(parse_instance(doc, source="blanks.json"))
    assert stock_runs_out(calendar, solve_flow(calendar))
