"""Why not better (scheduler/explain): binding constraints, shadow prices, re-solve checks."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import networkx as nx
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from scheduler.cli import cli
from scheduler.diagnose.explain.binding import binding_constraints
from scheduler.diagnose.explain.check import check_levers
from scheduler.diagnose.explain.prices import Lever, b_nodes, lever_arcs, lever_prices
from scheduler.engines.network.engine import solve_flow
from scheduler.engines.network.graph import WAITING
from scheduler.engines.network.potentials import residual_arcs
from scheduler.instance.calendar import build_calendar
from scheduler.instance.reader import parse_instance
from tests.support.strategies import START, small_instances

EVERY_DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def one_district(capacity: int, blanks: int, count: int, days: int) -> dict[str, Any]:
    return {
        "format": "ektp-instance/1", "name": "one",
        "horizon": {"start": "2024-01-01", "days": days},
        "classes": [{"id": "regular", "weight": 1}],
        "districts": [{"id": "A", "blanks": blanks, "workdays": EVERY_DAY}],
        "printers": [{"id": "A1", "district": "A", "capacity": capacity}],
        "queue": {"cohorts": [{"district": "A", "class": "regular", "ready": "2024-01-01",
                               "count": count}]},
    }


def explain(doc: dict[str, Any]) -> tuple[Any, Any, Any]:
    calendar = build_calendar(parse_instance(doc, "test"))
    result = solve_flow(calendar)
    levers = lever_prices(calendar, result.graph, result.staged)
    return calendar, result, levers


def test_capacity_bound_queue_prices_by_hand() -> None:
    # One district, 1 card a day, 3 applicants ready day 0, 3 days, blanks plenty.
    # Optimum prints one a day: waiting 0 + 1 + 2 = 3. At the end of day 0 two
    # wait, of day 1 one, of day 2 none: days 0 and 1 are capacity-bound.
    # +1 card on day 0: two on day 0, one on day 1 -> waiting 1, saves 2.
    # +1 card on day 1: one on day 0, two on day 1 -> waiting 2, saves 1.
    # Day 2 and blanks are worth nothing.
    calendar, result, levers = explain(one_district(1, 10, 3, 3))
    days, links = binding_constraints(calendar, result)
    assert [(b.day, b.kind, b.waiting) for b in days] == [(0, "capacity", 2), (1, "capacity", 1)]
    assert links == []
    assert [(lv.kind, lv.day, lv.misses, lv.waiting) for lv in levers] == [
        ("capacity", 0, 0, -2), ("capacity", 1, 0, -1)]
    checks = check_levers(calendar, levers, 3)
    assert [(c.misses, c.waiting) for c in checks] == [(0, -2), (0, -1)]


def test_blank_bound_day_by_hand() -> None:
    # Capacity 5 a day but only 1 blank: one card on day 0 (waiting 0), the other
    # two never printed and wait to the horizon's end, 3 days each: waiting 6.
    # Day 0 is blank-bound (stock 0, capacity left, two wait). One more blank on
    # day 0 prints a second card on day 0, saving its 3 days.
    calendar, result, levers = explain(one_district(5, 1, 3, 3))
    assert result.objective.waiting_days == 6
    days, _ = binding_constraints(calendar, result)
    assert [(b.day, b.kind) for b in days] == [(0, "blanks"), (1, "blanks"), (2, "blanks")]
    assert (levers[0].kind, levers[0].day, levers[0].waiting) == ("blank", 0, -3)
    assert [(c.misses, c.waiting) for c in check_levers(calendar, levers, 1)] == [(0, -3)]


def with_lever(doc: dict[str, Any], calendar: Any, lever: Lever) -> dict[str, Any]:
    """The instance document with the lever's +1 written as an instance change.

    Capacity at district k on day t: one more printer of capacity 1 in k, broken
    (capacity 0) every other day. A blank at k from day t: a delivery of 1 dated t.
    A link's daily limit: +1 on that direction (a two-way link split in two first).
    """
    changed = copy.deepcopy(doc)
    if lever.kind == "link":
        assert lever.link is not None
        source = calendar.district_ids[int(calendar.link_source[lever.link])]
        target = calendar.district_ids[int(calendar.link_target[lever.link])]
        links = []
        for link in changed["links"]:
            if link.pop("bidirectional", False):
                links.append({**link, "from": link["to"], "to": link["from"]})
            links.append(link)
        [raised] = [lk for lk in links if (lk["from"], lk["to"]) == (source, target)]
        raised["daily_limit"] += 1
        changed["links"] = links
        return changed
    assert lever.district is not None and lever.day is not None
    district, day = calendar.district_ids[lever.district], lever.day
    if lever.kind == "blank":
        changed["deliveries"].append({"district": district, "blanks": 1,
                                      "date": (START + timedelta(days=day)).isoformat()})
        return changed
    changed["printers"].append({"id": "LEVER", "district": district, "capacity": 1})
    for first, last in ((0, day - 1), (day + 1, calendar.days - 1)):
        if first <= last:
            changed["outages"].append({
                "printer": "LEVER", "capacity": 0,
                "start": (START + timedelta(days=first)).isoformat(),
                "end": (START + timedelta(days=last)).isoformat()})
    return changed


def optimum(doc: dict[str, Any]) -> tuple[int, int]:
    """(misses, waiting) of the flow engine's optimum of an instance document."""
    objective = solve_flow(build_calendar(parse_instance(doc, "test"))).objective
    assert objective is not None
    return objective.deadline_misses, objective.waiting_days


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(small_instances())
def test_levers_never_save_more_than_a_resolve_of_the_changed_instance(
        doc: dict[str, Any]) -> None:
    # The reference is independent of explain: the lever written into the instance
    # (with_lever) and the whole instance solved again. A price is a bound: the change
    # saves at most what it predicts, and a lever that keeps the misses optimum keeps it.
    # explain's own check (a change of the calendar) must measure the same change.
    calendar, _, levers = explain(doc)
    before = optimum(doc)
    for check in check_levers(calendar, levers, len(levers)):
        after = optimum(with_lever(doc, calendar, check.lever))
        misses, waiting = after[0] - before[0], after[1] - before[1]
        assert (check.misses, check.waiting) == (misses, waiting)
        assert misses >= check.lever.misses
        if check.lever.waiting is not None:
            assert misses == 0
            assert check.lever.waiting <= waiting <= 0


def test_link_lever_by_hand_and_by_resolving_the_changed_instance() -> None:
    # A prints 1 a day; 3 applicants ready day 0; 2 days. B (lead 0, cost 0, plenty of
    # blanks and capacity) may print 1 of A's a day: day 0 prints 1 at A and 1 at B
    # (home day 0), day 1 the third at A: waiting 0 + 0 + 1 = 1. One more card a day
    # along A -> B prints all three on day 0: waiting 0, saving 1; so does one more card
    # of capacity at A on day 0. The instance with the limit raised to 2 re-solves to 0.
    doc = one_district(1, 10, 3, 2)
    doc["districts"].append({"id": "B", "blanks": 10, "workdays": EVERY_DAY})
    doc["printers"].append({"id": "B1", "district": "B", "capacity": 5})
    doc["links"] = [{"from": "A", "to": "B", "lead_days": 0, "daily_limit": 1, "cost": 0,
                     "bidirectional": True}]
    calendar, result, levers = explain(doc)
    assert result.objective.waiting_days == 1
    assert [(lv.kind, lv.district, lv.day, lv.misses, lv.waiting) for lv in levers] == [
        ("capacity", 0, 0, 0, -1), ("link", None, None, 0, -1)]
    link = levers[1]
    assert calendar.district_ids[int(calendar.link_source[link.link])] == "A"
    changed = with_lever(doc, calendar, link)
    assert [(lk["from"], lk["to"], lk["daily_limit"]) for lk in changed["links"]] == [
        ("B", "A", 1), ("A", "B", 2)]
    assert optimum(changed) == (0, 0)
    assert [(c.misses, c.waiting) for c in check_levers(calendar, levers, 2)] == [
        (0, -1), (0, -1)]


def exact_waiting_change(result: Any, tail: int, head: int) -> int:
    """+1 on a zero-cost arc tail → head among miss-optimal plans: the best cycle it closes.

    Cancelling one unit around the cheapest residual path head → tail (stage-2
    graph, waiting costs) is the whole change: any other cycle is ≥ 0 at an optimum.
    """
    graph, staged = result.graph, result.staged
    free = staged.stages[WAITING].free
    tails, heads, costs = residual_arcs(graph.tail[free], graph.head[free],
                                        graph.capacity[free], graph.cost[WAITING, free],
                                        staged.flow[free])
    residual = nx.DiGraph()
    for u, v, c in zip(tails.tolist(), heads.tolist(), costs.tolist(), strict=True):
        if not residual.has_edge(u, v) or residual[u][v]["weight"] > c:
            residual.add_edge(u, v, weight=c)
    if head not in residual or tail not in residual or not nx.has_path(residual, head, tail):
        return 0
    return min(0, int(nx.bellman_ford_path_length(residual, head, tail)))


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(small_instances())
def test_single_arc_resolve_matches_residual_path(doc: dict[str, Any]) -> None:
    # For one more unit of capacity or of blanks that keeps the misses optimum, the
    # re-solve equals the residual-path value computed here independently, and the
    # potential's price is a bound on it: it never promises less than that saving.
    calendar, result, levers = explain(doc)
    single = [lv for lv in levers if lv.kind != "link" and lv.waiting is not None]
    head_of = b_nodes(result.graph)
    for check in check_levers(calendar, single, 2):
        tails, heads = lever_arcs(calendar, result.graph, check.lever, head_of)
        exact = exact_waiting_change(result, int(tails[0]), int(heads[0]))
        assert (check.misses, check.waiting) == (0, exact)
        assert check.lever.waiting is not None and check.lever.waiting <= exact


def test_cli_explain_prints_tables_and_checks(runner: CliRunner, tmp_path: Path) -> None:
    # The hand-worked queue above through the command: day 0 is worth 2 days,
    # and re-solving with +1 card on day 0 saves exactly those 2.
    path = tmp_path / "one.json"
    path.write_text(json.dumps(one_district(1, 10, 3, 3)))
    # Its only printer prints 1 a day, so a printer-day there is +1 card.
    outcome = runner.invoke(cli, ["explain", str(path), "--top", "1"])
    assert outcome.exit_code == 0, outcome.output
    assert outcome.output.startswith("binding district-days: 2 (capacity 2, outage 0, blanks 0)")
    assert outcome.output.splitlines()[-1] == (
        "  a printer-day (+1 cards) at A on 2024-01-01: up to 2 waiting day(s) saved -> "
        "2 waiting day(s) saved")
