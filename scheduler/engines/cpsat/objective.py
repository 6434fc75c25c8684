"""SPEC's three objective figures as linear expressions in the counts.

Each is `constant + Σ coef·var` (NETWORK.md, "why it is exact", point 2), kept
both as a CP-SAT expression and as numpy arrays, so a stage value is computed
from a solution vector exactly, in integers, and the same terms serve the model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from scheduler.engines.cpsat.variables import Variables
from scheduler.instance.calendar import Calendar, IntArray
from scheduler.plan.result import FIGURES


@dataclass(frozen=True)
class Goal:
    """One objective figure: constant + Σ coefs·values[terms] (terms are proto indices)."""

    name: str
    constant: int
    terms: IntArray
    coefs: IntArray
    variables: tuple[cp_model.IntVar, ...]

    @property
    def fixed(self) -> bool:
        """No decision changes this figure: its stage needs no solve."""
        return self.terms.size == 0

    def expression(self) -> cp_model.LinearExpr:
        return cp_model.LinearExpr.weighted_sum(list(self.variables), self.coefs.tolist()) + (
            self.constant
        )

    def value(self, solution: IntArray) -> int:
        return self.constant + int(np.dot(self.coefs, solution[self.terms]))


def _goal(name: str, constant: int, pairs: list[tuple[cp_model.IntVar, int]]) -> Goal:
    pairs = [(var, c) for var, c in pairs if c != 0]
    return Goal(
        name, constant,
        np.array([var.index for var, _ in pairs], dtype=np.int64),
        np.array([c for _, c in pairs], dtype=np.int64),
        tuple(var for var, _ in pairs),
    )


def build_goals(calendar: Calendar, v: Variables) -> tuple[Goal, Goal, Goal]:
    """(misses, waiting, transfer) in SPEC's notation:

    misses   = Σ_q eligible_q − Σ_{x[q,r,t]: t + L_r <= D_q} x[q,r,t]
    waiting  = Σ_q w_q (total_q·T − Σ_t t·a[q,t]) − Σ x[q,r,t]·w_q·max(T − (t + L_r), 0)
    transfer = Σ_{r a link} κ_r·x[q,r,t] + Σ κ_l·box_l·n[l,t] + Σ trip_cost_l·v[l,t]

    (An unprinted applicant waits until T; a card home at h < T ends its wait at
    h, one home later still at T. A deadline D_q may be < 0 or >= T.)
    """
    days = calendar.days
    misses_constant = 0
    waiting_constant = 0
    ready_day = np.arange(days, dtype=np.int64)
    for q, queue in enumerate(calendar.queues):
        if queue.deadline is not None:
            misses_constant += int(calendar.eligible[q])
        waiting_constant += queue.weight * (
            int(calendar.ready[q].sum()) * days - int(np.dot(calendar.ready[q], ready_day))
        )
    weight = np.array([queue.weight for queue in calendar.queues], dtype=np.int64)
    deadline = calendar.deadline_days()  # NO_DEADLINE (-1): no home day h >= 0 meets it
    misses_pairs: list[tuple[cp_model.IntVar, int]] = []
    waiting_pairs: list[tuple[cp_model.IntVar, int]] = []
    transfer_pairs: list[tuple[cp_model.IntVar, int]] = []
    for i, var in enumerate(v.x):
        q, home, lk = int(v.x_queue[i]), int(v.x_home[i]), int(v.x_link[i])
        if home <= deadline[q]:
            misses_pairs.append((var, -1))
        waiting_pairs.append((var, -int(weight[q]) * max(days - home, 0)))
        if lk >= 0:
            transfer_pairs.append((var, int(calendar.link_cost[lk])))
    for i, var in enumerate(v.n):
        lk = int(v.n_link[i])
        transfer_pairs.append((var, int(calendar.link_cost[lk]) * int(v.n_box[i])))
        if v.v_of_n[i] >= 0:
            transfer_pairs.append((v.v[int(v.v_of_n[i])], int(v.side.trip_cost[lk])))
    return (
        _goal(FIGURES[0], misses_constant, misses_pairs),
        _goal(FIGURES[1], waiting_constant, waiting_pairs),
        _goal(FIGURES[2], 0, transfer_pairs),
    )
