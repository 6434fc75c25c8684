"""`explain` as one library call: binding facts, levers in a coordinator's units, checks.

Pure networks only. The prices need the potentials of the misses and waiting
stages: with a validated plan given, those two stages are solved for them (the
plan itself is what the binding facts describe); without one, the flow
engine's whole solve gives both the prices and the plan. The re-solves (the
top priced purchases, checked, and the repairs that have no price, measured)
run side by side on the machine's cores (check.py).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from scheduler.diagnose.explain.binding import BoundDay, BoundLink, binding_constraints
from scheduler.diagnose.explain.check import (
    MEASURED_REPAIRS,
    OfferCheck,
    best_of_each,
    settle,
)
from scheduler.diagnose.explain.offers import Offer, priced_offers, repair_offers
from scheduler.diagnose.explain.prices import lever_prices
from scheduler.engines.network.engine import side_constraints_refused, solve_flow, stage_values
from scheduler.engines.network.graph import build_graph
from scheduler.engines.network.stages import solve_stages
from scheduler.instance.calendar import Calendar
from scheduler.plan.result import EngineResult


@dataclass(frozen=True)
class Explanation:
    """What `explain` says: the binding facts, the purchases best first, the checks.

    `unmeasured` counts the repairs with no price left out of the re-solves.
    """

    calendar: Calendar
    days: list[BoundDay]
    links: list[BoundLink]
    offers: list[Offer]
    checks: list[OfferCheck]
    unmeasured: int


class Progress:
    """What a caller may show while `explain` works (nothing, by default)."""

    def solving(self) -> AbstractContextManager[object]:
        """Around the solve behind the prices."""
        return nullcontext()

    def resolving(self, total: int) -> Callable[[int], None] | None:
        """Before `total` re-solves: a function told how many are done, or None."""
        return None


def explain_plan(calendar: Calendar, plan: EngineResult | None, top: int,
                 progress: Progress | None = None) -> Explanation:
    """Explain a validated plan of the calendar's instance (or the flow's own, when None)."""
    used = calendar.instance.side_constraints_used()
    if used:
        raise side_constraints_refused(used)
    progress = progress or Progress()
    with progress.solving():
        if plan is None:
            flow = solve_flow(calendar)
            graph, staged, plan = flow.graph, flow.staged, flow
        else:
            graph = build_graph(calendar)
            staged = solve_stages(graph, stages=2)
    misses, waiting, _ = stage_values(graph, staged.flow)
    days, links = binding_constraints(calendar, plan)
    offers = priced_offers(calendar, lever_prices(calendar, graph, staged))
    repairs, to_measure = repair_offers(calendar, graph, staged)
    checked = min(top, len(best_of_each(offers + repairs)))
    done = progress.resolving(checked + min(len(to_measure), MEASURED_REPAIRS))
    measured, checks = settle(calendar, (misses, waiting), offers + repairs, to_measure, top,
                              done)
    return Explanation(calendar, days, links,
                       sorted(offers + repairs + measured, key=lambda o: o.key), checks,
                       max(0, len(to_measure) - MEASURED_REPAIRS))
