"""SPEC's constraint families as CP-SAT constraints, one function per family.

Notation (SPEC, NETWORK.md): x[q,r,t] cards of queue q printed on day t along
route r (home, or a link h -> k of lead L), a[q,t] applicants of q ready on day
t, cap'[p,t] a printer's capacity after 6/7 are folded in (variables.py),
y[g,t] / u[g,t] cards / printers printing of a group of alike printers, z[l,t] = box_l·n[l,t] blanks
sent along l, v[l,t] "blanks travel along l", s_k(t) blanks usable at k from t.

Family 5 (blanks are sent only along links, only on days the sender is open)
adds no inequality: `variables.py` creates n[l,t] only for such (l, t).

The cumulative families (2 and 4) are written with running-balance variables
b_j >= 0 at checkpoint days: b_j = b_{j-1} + inflow − outflow over the days since
the previous checkpoint. Their non-negativity at the checkpoints is exactly the
cumulative inequality on every day (between checkpoints nothing flows in, so
the latest day before an inflow is the tightest) with O(terms) instead of
O(days × terms) coefficients. `Derived` records each so a hint can give them values.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from scheduler.engines.cpsat.variables import Variables, upper
from scheduler.instance.calendar import Calendar, IntArray


@dataclass(frozen=True)
class Derived:
    """A running-balance variable: value = previous's value + constant + Σ coefs·values[terms].

    `previous` is the position of the previous balance in the same list, -1 for none;
    `terms` are proto indices of decision variables.
    """

    var: cp_model.IntVar
    previous: int
    constant: int
    terms: IntArray
    coefs: IntArray


Term = tuple[cp_model.IntVar, int]


def _running_balance(
    model: cp_model.CpModel,
    inflow: dict[int, int],
    inflow_terms: dict[int, list[Term]],
    outflow_terms: dict[int, list[Term]],
    days: int,
    derived: list[Derived],
) -> None:
    """Σ_{s<=t} (inflow − outflow) >= 0 for every day t, as running balances at checkpoints."""
    if not outflow_terms:
        return
    start = min(outflow_terms)
    checkpoints = sorted(
        {t - 1 for t in set(inflow) | set(inflow_terms) if t - 1 >= start} | {days - 1}
    )
    ceiling = sum(inflow.values()) + sum(
        upper(var) * c for terms in inflow_terms.values() for var, c in terms
    )
    previous = -1
    lo = 0
    for cp in checkpoints:
        constant = sum(inflow.get(t, 0) for t in range(lo, cp + 1))
        terms: list[Term] = []
        for t in range(lo, cp + 1):
            terms += inflow_terms.get(t, [])
            terms += [(var, -c) for var, c in outflow_terms.get(t, [])]
        lo = cp + 1
        balance = model.new_int_var(0, ceiling, "")
        expr = cp_model.LinearExpr.weighted_sum([v for v, _ in terms], [c for _, c in terms])
        if previous >= 0:
            model.add(balance == derived[previous].var + expr + constant)
        else:
            model.add(balance == expr + constant)
        derived.append(Derived(
            balance, previous, constant,
            np.array([v.index for v, _ in terms], dtype=np.int64),
            np.array([c for _, c in terms], dtype=np.int64),
        ))
        previous = len(derived) - 1


def _district_day_prints(v: Variables) -> dict[tuple[int, int], list[cp_model.IntVar]]:
    printed: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
    for i, var in enumerate(v.x):
        printed[int(v.x_district[i]), int(v.x_day[i])].append(var)
    return printed


def add_capacity(model: cp_model.CpModel, calendar: Calendar, v: Variables) -> None:
    """SPEC 1: Σ_{q,r into k} x[q,r,t] <= Σ_{p in k} cap'[p,t] for every district-day.

    Where a minimum batch makes printers matter (detailed days), the cards are
    split over groups g of alike printers instead: Σ_{q,r into k} x[q,r,t] =
    Σ_g y[g,t] with 0 <= y[g,t] <= |g|·cap'[g,t] (the variable's domain).
    """
    detailed = _detailed_groups(v)
    for (k, t), xs in _district_day_prints(v).items():
        if (k, t) in detailed:
            model.add(cp_model.LinearExpr.sum(xs) == sum(v.y[i] for i in detailed[k, t]))
            continue
        limit = int(v.capacity.total[k, t])
        if sum(upper(x) for x in xs) > limit:
            model.add(cp_model.LinearExpr.sum(xs) <= limit)


def _detailed_groups(v: Variables) -> dict[tuple[int, int], list[int]]:
    """(district, day) -> positions in y of the printer groups of a detailed district-day."""
    rows: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (k, t) in enumerate(zip(v.y_district.tolist(), v.y_day.tolist(), strict=True)):
        rows[k, t].append(i)
    return rows


def add_ready(model: cp_model.CpModel, calendar: Calendar, v: Variables) -> list[Derived]:
    """SPEC 2: Σ_{s<=t} Σ_r x[q,r,s] <= Σ_{s<=t} a[q,s] for every queue q and day t.

    (On the last day this is "never more than the queue's size".) First-come
    order needs nothing more: which applicant gets which card follows from the
    counts (SPEC, "who gets which print").
    """
    derived: list[Derived] = []
    by_queue: dict[int, dict[int, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for i, var in enumerate(v.x):
        by_queue[int(v.x_queue[i])][int(v.x_day[i])].append((var, 1))
    for q, outflow in by_queue.items():
        arrivals = {int(t): int(a) for t, a in enumerate(calendar.ready[q]) if a > 0}
        _running_balance(model, arrivals, {}, outflow, calendar.days, derived)
    return derived


def add_routes(model: cp_model.CpModel, calendar: Calendar, v: Variables) -> None:
    """SPEC 3: Σ_{q: home(q)=h} x[q,l,t] <= U_l for every link l = h -> k and day t.

    Routes themselves are by construction: a remote x exists only along a link
    from the queue's home (variables.py). One queue alone is capped by its domain.
    """
    along: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
    for i, var in enumerate(v.x):
        if v.x_link[i] >= 0:
            along[int(v.x_link[i]), int(v.x_day[i])].append(var)
    for (lk, _), xs in along.items():
        limit = int(calendar.link_limit[lk])
        if limit >= 0 and len(xs) > 1:
            model.add(cp_model.LinearExpr.sum(xs) <= limit)


def add_blanks(model: cp_model.CpModel, calendar: Calendar, v: Variables) -> list[Derived]:
    """SPEC 4: for every district k and day t,
    Σ_{s<=t} s_k(s) + Σ_{l=j->k, s+L_l<=t} z[l,s] − Σ_{l=k->j, s<=t} z[l,s]
    − Σ_{s<=t} Σ_{q,r into k} x[q,r,s] >= 0,  with z[l,s] = box_l·n[l,s].
    """
    districts = len(calendar.district_ids)
    inflow_terms: list[dict[int, list[Term]]] = [defaultdict(list) for _ in range(districts)]
    outflow_terms: list[dict[int, list[Term]]] = [defaultdict(list) for _ in range(districts)]
    for i, var in enumerate(v.x):
        outflow_terms[int(v.x_district[i])][int(v.x_day[i])].append((var, 1))
    for i, var in enumerate(v.n):
        lk, t, box = int(v.n_link[i]), int(v.n_day[i]), int(v.n_box[i])
        j, k = int(calendar.link_source[lk]), int(calendar.link_target[lk])
        outflow_terms[j][t].append((var, box))
        inflow_terms[k][t + int(calendar.link_lead[lk])].append((var, box))
    derived: list[Derived] = []
    for k in range(districts):
        supply = {int(t): int(s) for t, s in enumerate(calendar.supply[k]) if s > 0}
        _running_balance(model, supply, inflow_terms[k], outflow_terms[k], calendar.days,
                         derived)
    return derived


def add_operators(model: cp_model.CpModel, calendar: Calendar, v: Variables) -> None:
    """SPEC 6: Σ_g u[g,t] <= operators_k for every district-day (u: printers of g printing).

    Without a minimum batch that day this is exactly Σ_{q,r into k} x[q,r,t] <=
    Σ of the operators_k largest cap'[p,t] (fill the largest printers first), so
    no count is needed; on detailed days y[g,t] <= cap'[g,t]·u[g,t] ties the
    counts to the cards (7 adds that bound for min-batch groups).
    """
    cap = v.capacity
    detailed = _detailed_groups(v)
    for (k, t), xs in _district_day_prints(v).items():
        o = int(v.side.operators[k])
        if o < 0:
            continue
        if (k, t) in detailed:
            positions = [i for i in detailed[k, t] if v.u_of_y[i] >= 0]
            if o >= sum(upper(v.u[int(v.u_of_y[i])]) for i in positions):
                continue
            for i in positions:
                if v.y_batch[i] <= 1:
                    model.add(v.y[i] <= int(v.y_cap[i]) * v.u[int(v.u_of_y[i])])
            model.add(sum(v.u[int(v.u_of_y[i])] for i in positions) <= o)
        elif cap.operated[k, t] < cap.total[k, t]:
            model.add(cp_model.LinearExpr.sum(xs) <= int(cap.operated[k, t]))


def add_min_batch(model: cp_model.CpModel, v: Variables) -> None:
    """SPEC 7: min_batch_g·u[g,t] <= y[g,t] <= cap'[g,t]·u[g,t] for min_batch > 1.

    U alike printers print any total in [U·min_batch, U·cap] (share it out), so
    this is exact for a group. A day with cap[p,t] < min_batch_p prints nothing:
    cap'[p,t] = 0 there, so p is in no group.
    """
    for i, y in enumerate(v.y):
        batch = int(v.y_batch[i])
        if batch > 1:
            u = v.u[int(v.u_of_y[i])]
            model.add(y >= batch * u)
            model.add(y <= int(v.y_cap[i]) * u)


def add_trips(model: cp_model.CpModel, v: Variables) -> None:
    """SPEC 8: v[l,t] <= n[l,t] <= N·v[l,t] where trip_cost_l > 0 (N: n's upper bound).

    v = 1 exactly on the days blanks travel, so Σ trip_cost·v is SPEC's trip
    cost. The whole-box rule z = box·n is by construction (variables.py).
    """
    for i, n in enumerate(v.n):
        pos = int(v.v_of_n[i])
        if pos >= 0:
            trip = v.v[pos]
            model.add(n >= trip)
            model.add(n <= upper(n) * trip)


def add_all(model: cp_model.CpModel, calendar: Calendar, v: Variables) -> list[Derived]:
    """Every family; returns the running balances (2 and 4) in the order created."""
    add_capacity(model, calendar, v)
    derived = add_ready(model, calendar, v)
    add_routes(model, calendar, v)
    derived += _shift(add_blanks(model, calendar, v), len(derived))
    add_operators(model, calendar, v)
    add_min_batch(model, v)
    add_trips(model, v)
    return derived


def _shift(derived: list[Derived], offset: int) -> list[Derived]:
    """Re-base `previous` positions when two Derived lists are concatenated."""
    return [
        Derived(d.var, d.previous + offset if d.previous >= 0 else -1, d.constant, d.terms,
                d.coefs)
        for d in derived
    ]
