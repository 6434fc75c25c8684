"""Per-district figures of a plan, checked on the hand-worked reroute-tiny optimum.

instances/tiny/reroute-tiny.json (see tests/commands/test_cli.py): A's 4 applicants, ready
on 2023-12-31 (a day before the start), are printed on A1 on days 0, 1, 2 and on B1 on
day 1 (home day 2), with one blank sent from A to B on day 0.
- printed 4, not printed 0;
- backlog at the end of day 0, 1, 2: 4 − 1 = 3, 4 − 3 = 1, 4 − 4 = 0: cleared 2024-01-03;
- blanks: A 10 − 3 printed − 1 sent = 6; B 0 + 1 received − 1 printed = 0;
- longest wait from the real ready date: home days 0, 1, 2, 2 → 1, 2, 3, 3 days → 3.
"""

from __future__ import annotations

from datetime import date

from scheduler.engines.network.engine import solve_flow
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import read_instance
from scheduler.plan.assignment import assign_first_come
from scheduler.plan.figures import DistrictFigures, district_figures
from tests.support.paths import TINY


def test_figures_of_the_hand_worked_plan() -> None:
    calendar = build_calendar(read_instance(TINY))
    result = solve_flow(calendar)
    figures = district_figures(calendar, result, assign_first_come(calendar, result))
    assert figures == [
        DistrictFigures(district="A", name="", applicants=4, printed=4, not_printed=0,
                        cleared=date(2024, 1, 3), blanks_left=6, longest_wait=3,
                        longest_wait_unfinished=False),
        DistrictFigures(district="B", name="", applicants=0, printed=0, not_printed=0,
                        cleared=None, blanks_left=0, longest_wait=0,
                        longest_wait_unfinished=False),
    ]


def test_an_applicant_still_waiting_at_the_end_marks_the_longest_wait_unfinished() -> None:
    # Without the link, A prints 1 a day on days 0, 1, 2: one of the 4 is never printed.
    # Backlog 3, 2, 1: never cleared. That applicant waits from 2023-12-31 (day −1) to
    # the horizon's end (day 3): 4 days and counting.
    import json

    from scheduler.instance.reader import parse_instance

    doc = json.loads(TINY.read_text())
    doc["links"] = []
    calendar = build_calendar(parse_instance(doc, source="no-link.json"))
    result = solve_flow(calendar)
    a = district_figures(calendar, result, assign_first_come(calendar, result))[0]
    assert (a.printed, a.not_printed, a.cleared, a.blanks_left) == (3, 1, None, 7)
    assert (a.longest_wait, a.longest_wait_unfinished) == (4, True)
