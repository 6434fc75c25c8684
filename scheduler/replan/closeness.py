"""The fourth stage: among plans as good as the optimum, the one closest to the previous plan.

Definition (what `moved` counts): for every (queue, printer, day) on or after
the re-planning date, the previous plan's cards there that the new plan does
not print there, max(0, prev − new), summed. A card printed on another day,
on another printer, or not at all is moved; cards the new plan adds (new
arrivals, freed capacity) are not.

On a pure network whose optimum came from the flow engine, the stage is a
fourth min-cost flow at printer level (engines/network/closest.py): exact,
certified by its potentials, and deterministic in well under a second. Where
that flow is not exact (two queues of one home district sharing a limited link
into an office of several printers) or the instance has side constraints,
CP-SAT does it (replan/closeness_cpsat.py), per office and then per printer.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, replace

from scheduler.engines.network.closest import closest_flow
from scheduler.engines.network.engine import FlowResult, stage_values, transfers
from scheduler.instance.calendar import Calendar
from scheduler.plan.result import EngineResult, PlannedPrint, StageReport, Status

STAGE = "moved"


@dataclass(frozen=True)
class Closeness:
    """The closest optimal plan, its `moved` count and the stage's office-level figures."""

    result: EngineResult
    moved: int
    stage: StageReport


def moved_cards(previous: tuple[PlannedPrint, ...], new: tuple[PlannedPrint, ...]) -> int:
    """Σ over (queue, printer, day) of max(0, previous − new)."""
    counts: dict[tuple[int, int, int], int] = defaultdict(int)
    for pp in previous:
        counts[pp.queue, pp.printer, pp.day] += pp.count
    for pp in new:
        counts[pp.queue, pp.printer, pp.day] -= pp.count
    return sum(n for n in counts.values() if n > 0)


def closest_plan(calendar: Calendar, optimum: EngineResult, previous: tuple[PlannedPrint, ...],
                 *, time_limit: float | None, workers: int, seed: int,
                 work_limit: float | None = None) -> Closeness:
    """Minimise moved cards with the optimum's three figures fixed.

    By the fourth flow stage when the optimum is the flow engine's and the stage
    is exact for it; otherwise by CP-SAT hinted by the optimum, within
    `time_limit` seconds and `work_limit` deterministic units (the latter keeps
    the plan independent of the machine's speed).
    """
    if isinstance(optimum, FlowResult):
        close = _by_flow(calendar, optimum, previous)
        if close is not None:
            return close
    # CP-SAT (and pandas with it) loads only when the flow cannot do the stage.
    from scheduler.replan.closeness_cpsat import closest_by_cpsat

    return closest_by_cpsat(calendar, optimum, previous, time_limit=time_limit,
                            workers=workers, seed=seed, work_limit=work_limit)


def _by_flow(calendar: Calendar, optimum: FlowResult, previous: tuple[PlannedPrint, ...]
             ) -> Closeness | None:
    """The fourth min-cost flow stage; None where it is not exact for this instance."""
    started = time.perf_counter()
    close = closest_flow(calendar, optimum.graph, optimum.staged, previous)
    if close is None:
        return None
    if stage_values(optimum.graph, close.flow) != optimum.objective.as_tuple():
        raise RuntimeError(f"stage {STAGE} changed the objective (a bug)")
    if not close.certificate.valid:
        raise RuntimeError(f"stage {STAGE}: certificate failed: {close.certificate.violations}")
    moved = moved_cards(previous, close.prints)
    if moved != sum(pp.count for pp in previous) - close.kept:
        raise RuntimeError(f"stage {STAGE}: kept cards and moved cards disagree (a bug)")
    seconds = time.perf_counter() - started
    stage = StageReport(STAGE, Status.OPTIMAL, moved, moved, seconds)
    result = replace(
        optimum, prints=close.prints, transfers=transfers(optimum.graph, close.flow),
        proof=f"{optimum.proof}; closest to the previous plan by a fourth min-cost flow "
              "stage at printer level, certified by its potentials",
        stages=(*optimum.stages, stage), seconds=optimum.seconds + seconds,
        certificate={**(optimum.certificate or {}), STAGE: close.certificate.as_dict()})
    return Closeness(result, moved, stage)


