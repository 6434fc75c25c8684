"""First-come pairing of applicants with cards, checked against hand-worked tables."""

from datetime import date

from scheduler.instance.calendar import build_calendar
from scheduler.instance.model import Cohort, District, Instance, Link, Printer, ServiceClass
from scheduler.plan.assignment import assign_first_come, assignments_frame
from scheduler.plan.result import Bound, EngineResult, Objective, PlannedPrint


def two_district_instance() -> Instance:
    """Home A (printer A1), neighbour B (printers B1, B2) reached with lead 2 days."""
    return Instance(
        name="pairing",
        start=date(2024, 1, 1),  # a Monday
        days=5,
        classes=(ServiceClass("regular"),),
        districts=(District("A"), District("B")),
        printers=(Printer("A1", "A", 10), Printer("B2", "B", 10), Printer("B1", "B", 10)),
        links=(Link("A", "B", lead_days=2),),
        cohorts=(
            # Third and fifth in the file (index 2 and 4) — the file index names applicants.
            Cohort("A", "regular", date(2023, 12, 1), 3, index=2),  # three early applicants
            Cohort("A", "regular", date(2024, 1, 2), 2, index=4),  # two ready on day 1
        ),
    )


def result_with(prints: tuple[PlannedPrint, ...]) -> EngineResult:
    return EngineResult("test", "OPTIMAL", Objective(0, 0, 0), Bound(0, 0, 0), "", prints=prints)


def test_cards_go_in_print_day_then_home_day_then_printer_id_order() -> None:
    calendar = build_calendar(two_district_instance())
    # Day 1: one card at B2 (home day 3), one at B1 (home day 3), one at home A1 (home day 1).
    # Day 2: one card at A1. Order: day 1 -> (home 1, A1), (home 3, B1), (home 3, B2); day 2 A1.
    prints = (
        PlannedPrint(queue=0, printer=1, day=1, count=1),  # B2
        PlannedPrint(queue=0, printer=2, day=1, count=1),  # B1
        PlannedPrint(queue=0, printer=0, day=1, count=1),  # A1
        PlannedPrint(queue=0, printer=0, day=2, count=1),  # A1
    )
    runs = assign_first_come(calendar, result_with(prints))
    table = [(r.cohort, r.offset, r.count, r.printer, r.print_day, r.home_day) for r in runs]
    assert table == [
        (0, 0, 1, 0, 1, 1),  # cohort 0 first applicant: A1 day 1, home day 1
        (0, 1, 1, 2, 1, 3),  # second: B1 (id "B1" < "B2"), home day 3
        (0, 2, 1, 1, 1, 3),  # third: B2
        (1, 0, 1, 0, 2, 2),  # cohort 1 first applicant: A1 on day 2
        (1, 1, 1, None, None, None),  # the last applicant has no card
    ]
    frame = assignments_frame(calendar, runs)
    assert list(frame["applicant_id"]) == [
        "cohort-2-0", "cohort-2-1", "cohort-2-2", "cohort-4-0", "cohort-4-1",
    ]
    assert list(frame["printer"]) == ["A1", "B1", "B2", "A1", ""]
    assert list(frame["home_date"]) == [
        "2024-01-02", "2024-01-04", "2024-01-04", "2024-01-03", "",
    ]
    assert list(frame["ready"])[0] == "2023-12-01"


def test_file_ids_are_used_when_the_queue_came_from_a_file() -> None:
    base = two_district_instance()
    instance = Instance(
        name=base.name, start=base.start, days=base.days, classes=base.classes,
        districts=base.districts, printers=base.printers, links=base.links,
        cohorts=base.cohorts,
        applicant_ids=(("0012345678901234", "0012345678901235", "3527"), ("x", "y")),
    )
    calendar = build_calendar(instance)
    runs = assign_first_come(calendar, result_with((PlannedPrint(0, 0, 1, 4),)))
    frame = assignments_frame(calendar, runs)
    assert list(frame["applicant_id"]) == ["0012345678901234", "0012345678901235", "3527", "x", "y"]
    assert list(frame["print_date"]) == ["2024-01-02"] * 4 + [""]
