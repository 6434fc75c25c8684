"""One MIP solve with the HiGHS solver that OR-Tools bundles, through MathOpt's protos.

MathOpt, not `pywraplp`: OR-Tools 9.15's linear-solver wrapper of HiGHS
crashes the process when given a solution hint (seen with `SetHint` and
with `MPModelRequest.solution_hint`), while MathOpt hands the hint to
HiGHS's `setSolution`, which checks it and starts from it.

HiGHS works in floating point: its values are rounded to the integers they
stand for and its dual bound is read as the integer it proves (every
objective here has integer coefficients on integer variables, so a bound b
proves ⌈b⌉). "Optimal" is never taken on HiGHS's word alone: the stage
compares the proven integer bound with the integer value of the rounded plan.

Reproducibility: HiGHS's branch and bound is deterministic for a given
random seed; only a wall-clock limit that cuts a solve short
makes the result depend on the machine's speed (it is then reported FEASIBLE).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from ortools.math_opt import (
    model_parameters_pb2,
    model_pb2,
    parameters_pb2,
    result_pb2,
)
from ortools.math_opt.core.python import solver as mathopt_core
from ortools.math_opt.python import callback, init_arguments, parameters

from scheduler.instance.arrays import IntArray
from scheduler.plan.result import Status

Reason = result_pb2.TerminationReasonProto
# The gap HiGHS may stop at: below 1 on an integer objective, the bound's ceiling is the value.
ABSOLUTE_GAP = 0.999


@dataclass(frozen=True)
class MipAnswer:
    """What one solve gave: a status, the rounded values, the proven bound, the time."""

    status: Status
    values: IntArray | None
    bound: int | None
    seconds: float


def _parameters(seconds: float | None, seed: int, nodes: int | None
                ) -> parameters_pb2.SolveParametersProto:
    """Exact gaps, seeded, quiet; the time limit when there is one.

    No thread count: MathOpt refuses one for HiGHS (a process-wide setting),
    and HiGHS's branch and bound runs on one thread anyway.
    """
    params = parameters_pb2.SolveParametersProto(
        random_seed=seed, relative_gap_tolerance=0.0,
        absolute_gap_tolerance=ABSOLUTE_GAP, enable_output=False)
    if seconds is not None:
        params.time_limit.FromNanoseconds(int(max(seconds, 0.01) * 1e9))
    if nodes is not None:
        params.node_limit = nodes
    return params


def solve_mip(model: model_pb2.ModelProto, *, hint: IntArray | None, seconds: float | None,
              seed: int, nodes: int | None = None) -> MipAnswer:
    """Minimise `model` with HiGHS, starting from `hint` (a complete assignment) if given,
    within `nodes` branch-and-bound nodes if given (a limit independent of the machine)."""
    model_params = model_parameters_pb2.ModelSolveParametersProto()
    if hint is not None:
        start = model_params.solution_hints.add().variable_values
        start.ids.extend(range(hint.size))
        start.values.extend(hint.astype(np.float64).tolist())
    started = time.perf_counter()
    result = result_pb2.SolveResultProto.FromString(mathopt_core.solve(
        model, parameters.SolverType.HIGHS.value,
        init_arguments.StreamableSolverInitArguments().to_proto(),
        _parameters(seconds, seed, nodes), model_params, None,
        callback.CallbackRegistration().to_proto(), None, None).SerializeToString())
    took = time.perf_counter() - started
    reason = result.termination.reason
    if reason == Reason.TERMINATION_REASON_INFEASIBLE:
        return MipAnswer(Status.INFEASIBLE, None, None, took)
    primal = [s.primal_solution for s in result.solutions if s.HasField("primal_solution")]
    if not primal:
        return MipAnswer(Status.UNKNOWN, None, None, took)
    values = np.zeros(len(model.variables.ids), dtype=np.int64)
    found = primal[0].variable_values
    values[np.asarray(found.ids, dtype=np.int64)] = np.rint(
        np.asarray(found.values, dtype=np.float64)).astype(np.int64)
    dual = result.termination.objective_bounds.dual_bound
    bound = math.ceil(dual - 1e-6) if math.isfinite(dual) else None
    optimal = reason == Reason.TERMINATION_REASON_OPTIMAL
    return MipAnswer(Status.OPTIMAL if optimal else Status.FEASIBLE, values, bound, took)
