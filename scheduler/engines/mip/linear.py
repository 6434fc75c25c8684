"""The count model as a MIP: CP-SAT's families read back as linear rows for HiGHS.

The MIP and the CP-SAT engine solve one model. Its variables and constraints
are built once, family by family, by `engines/cpsat/variables.py` and
`engines/cpsat/constraints.py` (each family's docstring states its
inequality: SPEC 1 capacity, 2 ready, 3 routes, 4 blanks, 6 operators, 7
minimum batch, 8 boxes and trips), and every one of them is a linear
inequality on integer variables. This module reads that model's proto into
arrays — bounds per variable, rows in compressed form — so that

- HiGHS gets it as MathOpt's `ModelProto` (`mathopt_model`), and
- a solution vector is checked against every row in exact integer arithmetic
  (`violated_rows`) before it is trusted: HiGHS works in floating point.

Only the model is shared; what HiGHS makes of it (its LP relaxation, cuts,
branching) is its own, and the stages (mip/stages.py) are this engine's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.math_opt import model_pb2
from ortools.sat.python import cp_model

from scheduler.instance.arrays import IntArray

INT_MIN = -(2**63)
INT_MAX = 2**63 - 1
NO_LIMIT = 2**62  # a row bound beyond this is no bound


@dataclass(frozen=True)
class Rows:
    """Linear rows lower <= Σ coef·x[column] <= upper, row r over entries start[r]:start[r+1]."""

    start: IntArray
    column: IntArray
    coef: IntArray
    lower: IntArray  # INT_MIN: no lower bound
    upper: IntArray  # INT_MAX: no upper bound

    @property
    def count(self) -> int:
        return int(self.start.size - 1)


@dataclass(frozen=True)
class LinearModel:
    """Variable bounds and rows of a CP-SAT model whose constraints are all linear."""

    lower: IntArray
    upper: IntArray
    rows: Rows

    @property
    def size(self) -> int:
        return int(self.lower.size)


def linear_model(model: cp_model.CpModel) -> LinearModel:
    """The model's variables and linear constraints as arrays (ValueError on anything else).

    A CP-SAT domain with a hole, or a constraint that is not a plain linear one
    (enforced by a literal, or of another kind), has no place in a MIP: the
    count model has neither, and a future one would be refused here, loudly.
    """
    proto = model.proto
    bounds = np.array([_interval(list(var.domain)) for var in proto.variables],
                      dtype=np.int64).reshape(-1, 2)
    start = [0]
    columns: list[int] = []
    coefs: list[int] = []
    limits: list[tuple[int, int]] = []
    for constraint in proto.constraints:
        if not constraint.has_linear() or len(constraint.enforcement_literal) > 0:
            raise ValueError("the MIP takes linear constraints only")
        linear = constraint.linear
        columns += list(linear.vars)
        coefs += list(linear.coeffs)
        start.append(len(columns))
        limits.append(_interval(list(linear.domain)))
    limit = np.array(limits, dtype=np.int64).reshape(-1, 2)
    rows = Rows(np.array(start, dtype=np.int64), np.array(columns, dtype=np.int64),
                np.array(coefs, dtype=np.int64), limit[:, 0], limit[:, 1])
    return LinearModel(bounds[:, 0], bounds[:, 1], rows)


def _interval(domain: list[int]) -> tuple[int, int]:
    """A domain [lo, hi] (one interval) as its two ends."""
    if len(domain) != 2:
        raise ValueError("the MIP takes domains of one interval only")
    return domain[0], domain[1]


def appended(rows: Rows, more: list[tuple[IntArray, IntArray, int, int]]) -> Rows:
    """`rows` with more rows (columns, coefficients, lower, upper) after them."""
    if not more:
        return rows
    sizes = np.array([c.size for c, _, _, _ in more], dtype=np.int64)
    return Rows(
        np.concatenate([rows.start, rows.start[-1] + np.cumsum(sizes)]),
        np.concatenate([rows.column, *(c for c, _, _, _ in more)]),
        np.concatenate([rows.coef, *(k for _, k, _, _ in more)]),
        np.concatenate([rows.lower, [lo for _, _, lo, _ in more]]).astype(np.int64),
        np.concatenate([rows.upper, [hi for _, _, _, hi in more]]).astype(np.int64),
    )


def mathopt_model(lower: IntArray, upper: IntArray, rows: Rows, objective: IntArray,
                  offset: int) -> model_pb2.ModelProto:
    """The MIP minimising Σ objective·x + offset over `rows` within [lower, upper].

    Filled from the arrays in bulk (MathOpt's proto, sparse and sorted by row
    then column, duplicates summed): no Python object per variable or row.
    """
    proto = model_pb2.ModelProto()
    size = lower.size
    proto.variables.ids.extend(range(size))
    proto.variables.lower_bounds.extend(lower.astype(np.float64).tolist())
    proto.variables.upper_bounds.extend(upper.astype(np.float64).tolist())
    proto.variables.integers.extend([True] * size)
    used = np.flatnonzero(objective)
    proto.objective.offset = float(offset)
    proto.objective.linear_coefficients.ids.extend(used.tolist())
    proto.objective.linear_coefficients.values.extend(objective[used].astype(np.float64).tolist())
    proto.linear_constraints.ids.extend(range(rows.count))
    proto.linear_constraints.lower_bounds.extend(
        np.where(rows.lower > -NO_LIMIT, rows.lower, -np.inf).astype(np.float64).tolist())
    proto.linear_constraints.upper_bounds.extend(
        np.where(rows.upper < NO_LIMIT, rows.upper, np.inf).astype(np.float64).tolist())
    row = np.repeat(np.arange(rows.count, dtype=np.int64), np.diff(rows.start))
    key = row * size + rows.column
    unique, where = np.unique(key, return_inverse=True)
    coef = np.zeros(unique.size, dtype=np.int64)
    np.add.at(coef, where, rows.coef)
    kept = coef != 0
    matrix = proto.linear_constraint_matrix
    matrix.row_ids.extend((unique[kept] // size).tolist())
    matrix.column_ids.extend((unique[kept] % size).tolist())
    matrix.coefficients.extend(coef[kept].astype(np.float64).tolist())
    return proto


def violated_rows(lower: IntArray, upper: IntArray, rows: Rows, values: IntArray) -> int:
    """How many bounds or rows an integer vector breaks (exact integer arithmetic)."""
    outside = int(((values < lower) | (values > upper)).sum())
    if rows.count == 0:
        return outside
    # A 0 at the end, so that reduceat may start a (trailing) empty row there.
    products = np.append(rows.coef * values[rows.column], 0)
    sums = np.add.reduceat(products, rows.start[:-1])
    empty = rows.start[1:] == rows.start[:-1]
    sums = np.where(empty, 0, sums)
    return outside + int(((sums < rows.lower) | (sums > rows.upper)).sum())
