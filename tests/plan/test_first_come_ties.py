"""The first-come tie-break, pinned where residents read it (issue 13).

SPEC: within a queue, the k-th applicant (first-come order) gets the k-th card,
cards ordered by (print day, home day, printer id). The instance below makes
every other order of those three keys give someone another card: the remote
printer's id "AN1" sorts before the home printer's "H1", and its cards come
home two days after they are printed.

Worked by hand: 4 days from Monday 2024-01-01, both districts open every day.
H prints 1 a day on H1; N prints 1 a day on AN1 with its own blanks; H -> N has
lead 2 and cost 1. H's queue: cohort 0, 2 ready 2023-12-30, then cohort 1, 2
ready 2024-01-01 (all ready at day 0). Home days: H1 on day t -> t (0, 1, 2, 3);
AN1 on day t -> t + 2 (2, 3, then 4 = the horizon's end, worth nothing).
The four smallest home days are 0, 1, 2, 2: H1 on days 0, 1, 2 and AN1 on day 0,
waiting 0 + 1 + 2 + 2 = 5, for 1 rerouted card x cost 1 = 1 (any other plan
waits longer or pays more: H1 day 3 would be 3, AN1 day 1 also 3). Optimum (0, 5, 1).
Cards in SPEC order: (0, 0, H1), (0, 2, AN1), (1, 1, H1), (2, 2, H1):
  cohort-0-0 H1  2024-01-01 home 2024-01-01
  cohort-0-1 AN1 2024-01-01 home 2024-01-03
  cohort-1-0 H1  2024-01-02 home 2024-01-02
  cohort-1-1 H1  2024-01-03 home 2024-01-03
(print day, printer id, home day) would swap the first two; (home day, print
day, printer id) would give cohort-0-1 H1's day-1 card and cohort-1-0 AN1's.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.instance.reader import parse_instance
from scheduler.plan.assignment import assign_first_come
from scheduler.plan.read import read_solution
from scheduler.validator import validate_solution

EVERY_DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
TIE_INSTANCE: dict[str, Any] = {
    "format": "ektp-instance/1", "name": "tie-pairing",
    "horizon": {"start": "2024-01-01", "days": 4},
    "districts": [{"id": "H", "blanks": 10, "workdays": EVERY_DAY},
                  {"id": "N", "blanks": 10, "workdays": EVERY_DAY}],
    "printers": [{"id": "H1", "district": "H", "capacity": 1},
                 {"id": "AN1", "district": "N", "capacity": 1}],
    "links": [{"from": "H", "to": "N", "lead_days": 2, "cost": 1}],
    "queue": {"cohorts": [
        {"district": "H", "class": "regular", "ready": "2023-12-30", "count": 2},
        {"district": "H", "class": "regular", "ready": "2024-01-01", "count": 2}]},
}
# (applicant, printer, print date, home date), worked in the module docstring.
CARDS = [
    ("cohort-0-0", "H1", "2024-01-01", "2024-01-01"),
    ("cohort-0-1", "AN1", "2024-01-01", "2024-01-03"),
    ("cohort-1-0", "H1", "2024-01-02", "2024-01-02"),
    ("cohort-1-1", "H1", "2024-01-03", "2024-01-03"),
]
READY = {"cohort-0-0": "2023-12-30", "cohort-0-1": "2023-12-30",
         "cohort-1-0": "2024-01-01", "cohort-1-1": "2024-01-01"}


def print_row(date: str, printer: str, count: int = 1) -> dict[str, Any]:
    return {"date": date, "printer": printer, "district": "H", "class": "regular",
            "count": count}


def solved(runner: CliRunner, tmp_path: Path) -> tuple[Path, Path, Path]:
    """`solve --assignments` on the tie instance: (instance, plan, assignments CSV)."""
    instance = tmp_path / "tie.json"
    instance.write_text(json.dumps(TIE_INSTANCE), encoding="utf-8")
    plan, cards = tmp_path / "plan.json", tmp_path / "cards.csv"
    result = runner.invoke(cli, ["solve", str(instance), "-o", str(plan),
                                 "--assignments", str(cards)])
    assert result.exit_code == 0, result.output
    return instance, plan, cards


def test_solve_finds_the_hand_worked_optimum_and_its_assignments(
        runner: CliRunner, tmp_path: Path) -> None:
    instance, plan, cards = solved(runner, tmp_path)
    document = json.loads(plan.read_text(encoding="utf-8"))
    assert document["objective"] == {"deadline_misses": 0, "waiting_days": 5,
                                     "transfer_cost": 1}
    assert sorted((r["date"], r["printer"], r["count"]) for r in document["prints"]) == [
        ("2024-01-01", "AN1", 1), ("2024-01-01", "H1", 1), ("2024-01-02", "H1", 1),
        ("2024-01-03", "H1", 1)]
    with cards.open(newline="", encoding="utf-8") as handle:
        rows = [(r["applicant_id"], r["printer"], r["print_date"], r["home_date"], r["ready"])
                for r in csv.DictReader(handle)]
    assert rows == [(*card, READY[card[0]]) for card in CARDS]


def test_the_library_pairs_by_print_day_then_home_day_then_printer_id(
        runner: CliRunner, tmp_path: Path) -> None:
    instance, plan, _ = solved(runner, tmp_path)
    planned = read_solution(parse_instance(TIE_INSTANCE, source=str(instance)), plan)
    runs = assign_first_come(planned.calendar, planned.result)
    printers = planned.calendar.printer_ids
    # (cohort, offset, count, printer, print day, home day): day indices of the docstring.
    assert [(r.cohort, r.offset, r.count, printers[r.printer] if r.printer is not None else None,
             r.print_day, r.home_day) for r in runs] == [
        (0, 0, 1, "H1", 0, 0), (0, 1, 1, "AN1", 0, 2), (1, 0, 1, "H1", 1, 1),
        (1, 1, 1, "H1", 2, 2)]


def test_lookup_tells_each_resident_the_same_card(runner: CliRunner, tmp_path: Path) -> None:
    instance, plan, _ = solved(runner, tmp_path)
    ids = [card[0] for card in CARDS]
    result = runner.invoke(cli, ["lookup", str(instance), str(plan), *reversed(ids)])
    assert result.exit_code == 0, result.output
    printer_district = {"H1": "H", "AN1": "N"}
    assert result.output.splitlines() == [
        f"{who}: printer {p} ({printer_district[p]}) prints it on {printed}, home {home}"
        for who, p, printed, home in reversed(CARDS)]


def test_print_list_gives_each_printer_day_the_same_applicants(
        runner: CliRunner, tmp_path: Path) -> None:
    instance, plan, _ = solved(runner, tmp_path)
    out = tmp_path / "lists.csv"
    result = runner.invoke(cli, ["print-list", str(instance), str(plan), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(newline="", encoding="utf-8") as handle:
        rows = [(r["printer"], r["date"], r["position"], r["applicant_id"], r["dispatch"])
                for r in csv.DictReader(handle)]
    # Printers in instance order (H1, AN1), days in order; AN1's card travels to H.
    assert rows == [
        ("H1", "2024-01-01", "1", "cohort-0-0", ""),
        ("H1", "2024-01-02", "1", "cohort-1-0", ""),
        ("H1", "2024-01-03", "1", "cohort-1-1", ""),
        ("AN1", "2024-01-01", "1", "cohort-0-1", "to H (home 2024-01-03)"),
    ]


def test_the_validator_costs_the_same_cards() -> None:
    # The optimum's plan: every applicant ready at day 0, so the waiting is the sum of
    # the home days in CARDS: 0 + 2 + 1 + 2 = 5; one card rerouted at cost 1.
    instance = parse_instance(TIE_INSTANCE, source="tie.json")
    plan = {"format": "ektp-solution/1", "instance": "tie-pairing", "transfers": [],
            "prints": [print_row("2024-01-01", "H1"), print_row("2024-01-01", "AN1"),
                       print_row("2024-01-02", "H1"), print_row("2024-01-03", "H1")]}
    report = validate_solution(instance, plan)
    assert report.valid, [v.message for v in report.violations]
    assert report.objective == {"deadline_misses": 0, "waiting_days": 5, "transfer_cost": 1}


def test_the_validators_pairing_follows_the_same_order_when_it_matters() -> None:
    # In a plan that keeps constraint 2 every pairing gives the same figures, so here
    # one card too many: AN1 also prints on day 2 (home day 4 = the horizon's end).
    # Cards in SPEC order: (0, 0, H1), (0, 2, AN1), (1, 1, H1), (2, 2, H1), (2, 4, AN1):
    # the four applicants take the first four, ends 0, 2, 1, 2: waiting 5; the fifth has
    # nobody. (print day, printer id, home day) would hand out (0, AN1), (0, H1), (1, H1),
    # (2, AN1): ends 2, 0, 1, 4: waiting 7. Transfer: 2 rerouted cards x 1 = 2.
    instance = parse_instance(TIE_INSTANCE, source="tie.json")
    plan = {"format": "ektp-solution/1", "instance": "tie-pairing", "transfers": [],
            "prints": [print_row("2024-01-01", "H1"), print_row("2024-01-01", "AN1"),
                       print_row("2024-01-02", "H1"), print_row("2024-01-03", "H1"),
                       print_row("2024-01-03", "AN1")]}
    report = validate_solution(instance, plan)
    assert [(v.rule, v.date, v.subject) for v in report.violations] == [
        ("ready", None, "H/regular"), ("ready", "2024-01-03", "H/regular")]
    assert report.objective == {"deadline_misses": 0, "waiting_days": 5, "transfer_cost": 2}
