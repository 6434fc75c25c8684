"""The flow engine's entry point: graph, stages, certificate, plan (NETWORK.md)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from scheduler.engines.network.certificate import StageCertificate, check_stage
from scheduler.engines.network.graph import FlowGraph, build_graph
from scheduler.engines.network.stages import StagedFlow, solve_stages
from scheduler.engines.printers import split_over_printers
from scheduler.errors import EngineError
from scheduler.instance.calendar import Calendar
from scheduler.plan.result import (
    FIGURES,
    Bound,
    EngineResult,
    Objective,
    PlannedTransfer,
    StageReport,
    Status,
)

logger = logging.getLogger(__name__)

PROOF = "min-cost flow; optimality certified by node potentials for each of the 3 stages"
STAGE_LABELS = ("deadline misses", "waiting", "transfer")


@dataclass(frozen=True, kw_only=True)
class FlowResult(EngineResult):
    """The flow's plan with the graph and each stage's potentials it was proven on.

    CP-SAT fixes variables by the potentials' reduced costs (cpsat/fixing.py)
    and `explain` prices levers with them.
    """

    graph: FlowGraph
    staged: StagedFlow


def side_constraints_refused(used: list[str]) -> EngineError:
    """The one refusal of an instance whose side constraints a network cannot express."""
    return EngineError(
        f"the instance uses side constraints ({', '.join(used)}), which a min-cost flow "
        "cannot express; use --engine cpsat (or auto)"
    )


def solve_flow(
    calendar: Calendar,
    *,
    relax_side_constraints: bool = False,
    log: Callable[[str], None] | None = None,
) -> FlowResult:
    """Solve the pure network exactly; with `relax_side_constraints`, SPEC 6–8 are dropped.

    Without that flag an instance using a side constraint is refused: its flow
    would be a relaxation, not a plan the SPEC allows.
    """
    used = calendar.instance.side_constraints_used()
    if used and not relax_side_constraints:
        raise side_constraints_refused(used)
    started = time.perf_counter()
    graph = build_graph(calendar)
    built = time.perf_counter() - started
    logger.debug("flow graph: %d nodes, %d arcs in %.3f s", graph.nodes, graph.arcs, built)

    def report(stage: int, value: int, seconds: float) -> None:
        if log is not None:
            value += graph.misses_constant if stage == 0 else 0
            log(f"stage {stage + 1} ({STAGE_LABELS[stage]}): value {value} in {seconds:.2f} s")

    staged = solve_stages(graph, report if log is not None else None)
    values = stage_values(graph, staged.flow)
    certificates = certify(graph, staged)
    broken = [c for c in certificates if not c.valid]
    if broken:
        raise RuntimeError(
            "flow certificate failed: "
            + "; ".join(f"{c.stage}: {', '.join(c.violations)}" for c in broken))
    objective = Objective(*values)
    return FlowResult(
        engine="flow",
        status=Status.OPTIMAL,
        objective=objective,
        bound=Bound(*values),
        proof=PROOF,
        prints=split_over_printers(calendar, district_prints(graph, staged.flow)),
        transfers=transfers(graph, staged.flow),
        stages=tuple(
            StageReport(name, Status.OPTIMAL, value, value, stage.seconds)
            for name, value, stage in zip(FIGURES, values, staged.stages, strict=True)),
        seconds=time.perf_counter() - started,
        certificate={c.stage: c.as_dict() for c in certificates},
        graph=graph,
        staged=staged,
    )


def stage_values(graph: FlowGraph, flow: np.ndarray) -> tuple[int, int, int]:
    """The three objective figures of a flow: Σ cost·flow per stage (+ the misses constant)."""
    misses, waiting, transfer = (int(v) for v in graph.cost @ flow)
    return misses + graph.misses_constant, waiting, transfer


def certify(graph: FlowGraph, staged: StagedFlow) -> list[StageCertificate]:
    """Check every stage's potentials on that stage's graph against the final flow."""
    return [
        check_stage(
            name, graph.nodes, graph.tail[stage.free], graph.head[stage.free],
            graph.capacity[stage.free], graph.cost[index, stage.free], stage.supply,
            staged.flow[stage.free], stage.potential)
        for index, (name, stage) in enumerate(zip(FIGURES, staged.stages, strict=True))
    ]


def district_prints(graph: FlowGraph, flow: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Cards per (queue, printing district, day) from the print arcs that carry flow."""
    amount = flow[graph.print_arc]
    used = np.nonzero(amount)[0]
    return list(zip(graph.print_queue[used].tolist(), graph.print_district[used].tolist(),
                    graph.print_day[used].tolist(), amount[used].tolist(), strict=True))


def transfers(graph: FlowGraph, flow: np.ndarray) -> tuple[PlannedTransfer, ...]:
    """Blanks per (link, sending day) from the transfer arcs that carry flow."""
    amount = flow[graph.transfer_arc]
    used = np.nonzero(amount)[0]
    return tuple(
        PlannedTransfer(link, day, count)
        for link, day, count in zip(graph.transfer_link[used].tolist(),
                                    graph.transfer_day[used].tolist(),
                                    amount[used].tolist(), strict=True))
