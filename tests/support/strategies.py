"""Hypothesis strategies for tiny random instances (as ektp-instance/1 dictionaries)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

START = date(2024, 1, 1)  # a Monday


def _iso(offset: int) -> str:
    return (START + timedelta(days=offset)).isoformat()


@st.composite
def tiny_instances(draw: st.DrawFn, max_days: int = 3, max_count: int = 3,
                   side: bool = False) -> dict[str, Any]:
    """Two districts A and B, one printer each, one queue each, optional links both ways.

    Small enough for the exhaustive search in tests/support/brute_force.py; every SPEC
    feature appears with some probability: closed days, outages crossing the
    horizon, deadlines before/inside/after it, leads, daily limits, deliveries.
    With `side`, the side-constraint fields (min_batch, box, trip_cost) appear too.
    """
    days = draw(st.integers(1, max_days))
    workdays = draw(st.sampled_from([["Mon", "Tue", "Wed", "Thu", "Fri"], ["Mon", "Wed"],
                                     ["Tue", "Wed", "Thu"]]))
    deadline = draw(st.integers(-2, days + 1))
    doc: dict[str, Any] = {
        "format": "ektp-instance/1",
        "name": "tiny",
        "horizon": {"start": START.isoformat(), "days": days},
        "classes": [{"id": "regular", "weight": 1},
                    {"id": "urgent", "weight": draw(st.integers(1, 3)),
                     "deadline": _iso(deadline)}],
        "districts": [
            {"id": "A", "blanks": draw(st.integers(0, 3))},
            {"id": "B", "blanks": draw(st.integers(0, 3)), "workdays": workdays},
        ],
        "printers": [
            {"id": "A1", "district": "A", "capacity": draw(st.integers(0, 2))},
            {"id": "B1", "district": "B", "capacity": draw(st.integers(0, 2))},
        ],
        "outages": [],
        "deliveries": [],
        "links": [],
        "queue": {"cohorts": []},
    }
    if draw(st.booleans()):
        start = draw(st.integers(-2, days))
        doc["outages"].append({"printer": "A1", "start": _iso(start),
                               "end": _iso(start + draw(st.integers(0, 2))),
                               "capacity": draw(st.integers(0, 1))})
    if draw(st.booleans()):
        doc["deliveries"].append({"district": "B", "date": _iso(draw(st.integers(-1, days))),
                                  "blanks": draw(st.integers(0, 2))})
    link_kind = draw(st.sampled_from(["none", "A->B", "both"]))
    if link_kind != "none":
        link: dict[str, Any] = {"from": "A", "to": "B", "lead_days": draw(st.integers(0, 2)),
                                "cost": draw(st.integers(0, 3)),
                                "bidirectional": link_kind == "both"}
        if draw(st.booleans()):
            link["daily_limit"] = draw(st.integers(0, 2))
        if side and draw(st.booleans()):
            link["box"] = draw(st.integers(1, 2))
            link["trip_cost"] = draw(st.integers(0, 3))
        doc["links"].append(link)
    if side:
        for printer in doc["printers"]:
            printer["min_batch"] = draw(st.integers(0, 2))
    for district, cls in (("A", "urgent"), ("B", "regular")):
        for _ in range(draw(st.integers(1, 2))):
            doc["queue"]["cohorts"].append({
                "district": district, "class": cls,
                "ready": _iso(draw(st.integers(-2, days))),
                "count": draw(st.integers(0, max_count)),
            })
    return doc


@st.composite
def small_instances(draw: st.DrawFn, side: bool = False) -> dict[str, Any]:
    """Two to four districts, up to two printers each, up to ten days, dozens of applicants.

    Too big for exhaustive search, small enough for CP-SAT to prove optimality in
    well under a second: the ground for comparing the engines. With `side`, the
    side constraints appear too (operators, minimum batches, boxes and trip costs).
    """
    days = draw(st.integers(2, 10))
    names = ["A", "B", "C", "D"][: draw(st.integers(2, 4))]
    doc: dict[str, Any] = {
        "format": "ektp-instance/1",
        "name": "small",
        "horizon": {"start": START.isoformat(), "days": days},
        "holidays": [_iso(draw(st.integers(0, days)))] if draw(st.booleans()) else [],
        "classes": [{"id": "regular", "weight": 1},
                    {"id": "urgent", "weight": draw(st.integers(1, 4)),
                     "deadline": _iso(draw(st.integers(-1, days + 2)))}],
        "districts": [], "printers": [], "outages": [], "deliveries": [], "links": [],
        "queue": {"cohorts": []},
    }
    for name in names:
        doc["districts"].append({"id": name, "blanks": draw(st.integers(0, 40)),
                                 "workdays": draw(st.sampled_from(
                                     [["Mon", "Tue", "Wed", "Thu", "Fri"],
                                      ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]]))})
        for i in range(draw(st.integers(1, 2))):
            doc["printers"].append({"id": f"{name}{i}", "district": name,
                                    "capacity": draw(st.integers(0, 12))})
        if draw(st.booleans()):
            first = draw(st.integers(-2, days))
            doc["outages"].append({"district": name, "start": _iso(first),
                                   "end": _iso(first + draw(st.integers(0, 4))),
                                   "capacity": draw(st.integers(0, 5))})
        if draw(st.booleans()):
            doc["deliveries"].append({"district": name, "date": _iso(draw(st.integers(-1, days))),
                                      "blanks": draw(st.integers(0, 30))})
        for _ in range(draw(st.integers(1, 3))):
            doc["queue"]["cohorts"].append({
                "district": name, "class": draw(st.sampled_from(["regular", "urgent"])),
                "ready": _iso(draw(st.integers(-3, days))), "count": draw(st.integers(0, 30))})
    for a, b in zip(names, names[1:], strict=False):
        if draw(st.booleans()):
            link: dict[str, Any] = {"from": a, "to": b, "lead_days": draw(st.integers(0, 3)),
                                    "cost": draw(st.integers(0, 5)),
                                    "bidirectional": draw(st.booleans())}
            if draw(st.booleans()):
                link["daily_limit"] = draw(st.integers(0, 8))
            if side and draw(st.booleans()):
                link["box"] = draw(st.integers(1, 6))
                link["trip_cost"] = draw(st.integers(0, 20))
            doc["links"].append(link)
    if side:
        _side_constraints(draw, doc)
    return doc


def _side_constraints(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    """Operators (0 to the district's printers) and minimum batches on a small instance."""
    for district in doc["districts"]:
        if draw(st.booleans()):
            printers = sum(p["district"] == district["id"] for p in doc["printers"])
            district["operators"] = draw(st.integers(0, printers))
    for printer in doc["printers"]:
        if draw(st.booleans()):
            printer["min_batch"] = draw(st.integers(0, 8))
