"""Levers in a coordinator's units (scheduler/diagnose/explain/offers.py, run.py, text.py).

Worked by hand on one district A, every day open from Monday 2024-01-01, blanks plenty
unless said otherwise; the optimum prints as early as capacity and blanks allow.
"""

from __future__ import annotations

import dataclasses
import io
from datetime import timedelta
from typing import Any

import numpy as np
from rich.console import Console

from scheduler.diagnose.explain.offers import outage_printers, repair_day
from scheduler.diagnose.explain.progress import TerminalProgress
from scheduler.diagnose.explain.run import explain_plan
from scheduler.diagnose.explain.text import binding_lines, check_lines, lever_lines
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import parse_instance, read_instance
from tests.diagnose.test_explain import one_district
from tests.support.paths import INSTANCES


def explained(doc: dict[str, Any], top: int = 3) -> Any:
    return explain_plan(build_calendar(parse_instance(doc, "test")), None, top)


def kinds(said: Any) -> list[tuple[str, int | None, int, int, int | None, bool]]:
    return [(o.kind, o.day, o.units, o.misses, o.waiting, o.measured) for o in said.offers]


def test_a_printer_day_is_the_largest_printer_and_its_bound_is_checked() -> None:
    # Printers of 1 and 3 a day (a printer-day: +3 cards), 5 ready on day 0, 2 days:
    # 4 on day 0, 1 on day 1, waiting 1. One more card on day 0 saves that 1 day: the
    # price is -1 a card, so a printer-day on day 0 saves up to 3 days -- but there is
    # only 1 card left to bring forward: the re-solve finds 1. Day 1 is worth nothing.
    doc = one_district(1, 10, 5, 2)
    doc["printers"].append({"id": "A2", "district": "A", "capacity": 3})
    said = explained(doc)
    assert kinds(said) == [("printer-day", 0, 3, 0, -3, False)]
    assert [(c.misses, c.waiting) for c in said.checks] == [(0, -1)]
    assert check_lines(said.calendar, said.checks) == [
        "re-solved with the change (predicted -> actual):",
        "  a printer-day (+3 cards) at A on 2024-01-01: up to 3 waiting day(s) saved -> "
        "1 waiting day(s) saved"]


def test_a_thousand_blanks() -> None:
    # 5 a day, 1 blank, 3 ready, 3 days: one card on day 0, two never: waiting 6.
    # A blank by day 0 saves 3 days (price -3): a thousand, up to 3,000; the re-solve
    # finds the 2 blanks needed print both on day 0: 6 saved. By day 1: -2 each, by
    # day 2: -1 each. The best day is named, with the days worth something.
    said = explained(one_district(5, 1, 3, 3))
    blanks = [o for o in said.offers if o.kind == "blanks"]
    assert [(o.day, o.units, o.waiting) for o in blanks] == [
        (0, 1000, -3000), (1, 1000, -2000), (2, 1000, -1000)]
    assert [(c.offer.kind, c.waiting) for c in said.checks] == [("blanks", -6)]
    lines = lever_lines(said.calendar, said.offers, said.unmeasured)
    assert lines[1:] == [
        "  A",
        "    a thousand blanks best by 2024-01-01 (3 day(s) worth something) "
        "up to 3,000 waiting day(s) saved"]


def test_a_day_sooner_repair_of_an_outage_that_stops_the_district_is_measured() -> None:
    # 1 a day, 2 ready, 3 days; A1 down on days 0 and 1 (capacity 0): one card on day
    # 2, the other never: waiting 2 + 3 = 5. Repaired a day sooner, A1 works on day 1
    # (the outage's last open day): one on day 1, one on day 2: waiting 1 + 2 = 3,
    # saves 2. Day 1 has no capacity, so no price: measured by re-solving.
    doc = one_district(1, 10, 2, 3)
    doc["outages"] = [{"printer": "A1", "start": "2024-01-01", "end": "2024-01-02",
                       "capacity": 0}]
    said = explained(doc, top=0)
    assert [(o.kind, o.day, o.units, o.misses, o.waiting, o.measured) for o in said.offers
            if o.kind == "repair"] == [("repair", 1, 1, 0, -2, True)]
    assert binding_lines(said.calendar, said.days, said.links)[0].startswith(
        "binding district-days: 3 (capacity 1, outage 2, blanks 0)")
    line = next(row for row in lever_lines(said.calendar, said.offers, 0) if "repair" in row)
    assert line.split() == ["a", "day", "sooner", "repair", "of", "A1", "working", "on",
                            "2024-01-02", "(down", "2024-01-01", "to", "2024-01-02)", "2",
                            "waiting", "day(s)", "saved", "(re-solved)"]


def test_a_day_sooner_repair_with_capacity_left_is_priced() -> None:
    # Printers A1 (2 a day) and A2 (1 a day); A1 down to 0 on day 0: capacity 1 on
    # day 0, 3 after; 4 ready, 3 days: 1 on day 0, 3 on day 1: waiting 3. Repaired a
    # day sooner, day 0 has A1's 2 cards back: price -1 a card on day 0 (a card moved
    # from day 1), so up to 2 saved -- exactly: 3 on day 0, 1 on day 1, waiting 1.
    doc = one_district(1, 10, 4, 3)
    doc["printers"].append({"id": "A2", "district": "A", "capacity": 2})
    doc["outages"] = [{"printer": "A2", "start": "2024-01-01", "end": "2024-01-01",
                       "capacity": 0}]
    said = explained(doc)
    repair = next(o for o in said.offers if o.kind == "repair")
    assert (repair.day, repair.units, repair.waiting, repair.measured) == (0, 2, -2, False)
    checked = next(c for c in said.checks if c.offer.kind == "repair")
    assert (checked.misses, checked.waiting) == (0, -2)


def test_progress_shows_on_a_terminal_only() -> None:
    for terminal in (True, False):
        screen = io.StringIO()
        progress = TerminalProgress(Console(file=screen, force_terminal=terminal, width=80))
        said = explain_plan(build_calendar(parse_instance(one_district(1, 10, 3, 3), "t")),
                            None, 2, progress)
        assert len(said.checks) == 1
        assert ("re-solving levers" in screen.getvalue()) is terminal
        assert (screen.getvalue() == "") is not terminal


def test_repair_day_agrees_with_the_instance_repaired() -> None:
    # Reference without explain's rule: each outage of the outage-heavy stress instance
    # (101 outages, some overlapping) written as ending the day before its last open
    # day in the horizon, the calendar built again: it differs from the original on
    # that district-day alone, by the cards repair_day says.
    instance = read_instance(INSTANCES / "stress" / "outage-heavy.json")
    calendar = build_calendar(instance)
    covering: dict[int, list[Any]] = {p: [] for p in range(len(calendar.printer_ids))}
    for outage in instance.outages:
        for p in outage_printers(calendar, outage):
            covering[p].append(outage)
    gained = 0
    for outage in instance.outages:
        found = repair_day(calendar, outage, covering)
        if found is None:
            continue
        k, day, cards = found
        ends = instance.date_of(day) - timedelta(days=1)
        others = [o for o in instance.outages if o is not outage]
        if ends >= outage.start:
            others.append(dataclasses.replace(outage, end=ends))
        repaired = build_calendar(dataclasses.replace(instance, outages=tuple(others)))
        change = repaired.district_capacity - calendar.district_capacity
        assert change[k, day] == cards and np.count_nonzero(change) == 1
        gained += 1
    assert gained > 20
