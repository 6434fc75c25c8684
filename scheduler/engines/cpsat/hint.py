"""A previous plan as a complete CP-SAT hint, repaired to be feasible where that is cheap.

The usual source is the relaxed network's flow (side constraints 6–8 dropped);
it can also be a plan made before an outage. CP-SAT accepts a complete feasible
hint at once and improves from it, while an infeasible one is merely a
suggestion, so the plan is cut back wherever it breaks a rule: a print or send
without a variable, blanks in part boxes, more than is ready, than a link's
daily limit, than the district's blanks or capacity, a printer below its
minimum batch or beyond the operators. Cutting back never breaks another rule,
so the result is feasible; shortages fall on the least valuable cards. It is
not optimised — that is CP-SAT's job.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import product

import numpy as np
from ortools.sat.python import cp_model

from scheduler.engines.cpsat.constraints import Derived
from scheduler.engines.cpsat.variables import Variables, upper
from scheduler.instance.calendar import Calendar, IntArray
from scheduler.plan.result import PlanCounts


def split_batches(total: int, caps: list[int], batches: list[int], operators: int) -> list[int]:
    """Cards per printer for as many of `total` cards as can print: each printer 0 or in
    [batch, cap], at most `operators` of them printing (-1: no limit).

    A set S of printers can print any total in [Σ_S batch, Σ_S cap], so the most
    cards is the best min(total, Σ_S cap) over the sets with Σ_S batch <= total.
    Printers alike (same cap and batch) are interchangeable, so the sets are
    enumerated as how many of each kind print (a handful of kinds per office);
    ties go to fewer printers, then to more of the earlier kinds. The chosen
    printers start at their batch and the rest fills them in the order given
    (largest first).
    """
    usable = len(caps) if operators < 0 else min(operators, len(caps))
    kinds: dict[tuple[int, int], list[int]] = {}
    for i, (cap, batch) in enumerate(zip(caps, batches, strict=True)):
        kinds.setdefault((cap, max(batch, 1)), []).append(i)
    best: tuple[int, int] | None = None  # (cards, -printers) of the chosen counts
    chosen_counts: tuple[int, ...] = ()
    for counts in product(*(range(len(members), -1, -1) for members in kinds.values())):
        used = sum(counts)
        floor = sum(c * batch for c, (_, batch) in zip(counts, kinds, strict=True))
        if used > usable or floor > total:
            continue
        cards = min(total, sum(c * cap for c, (cap, _) in zip(counts, kinds, strict=True)))
        if best is None or (cards, -used) > best:
            best, chosen_counts = (cards, -used), counts
    chosen = [i for c, members in zip(chosen_counts, kinds.values(), strict=True)
              for i in members[:c]]
    shares = [0] * len(caps)
    for i in chosen:
        shares[i] = max(batches[i], 1)
    left = (0 if best is None else best[0]) - sum(shares)
    for i in sorted(chosen):
        more = min(caps[i] - shares[i], left)
        shares[i] += more
        left -= more
    return shares


def _wanted(calendar: Calendar, v: Variables, plan: PlanCounts) -> tuple[IntArray, IntArray]:
    """The plan's prints per x position and blanks sent per n position (unmatched dropped)."""
    x_at = {
        (int(q), int(lk), int(t)): i
        for i, (q, lk, t) in enumerate(zip(v.x_queue, v.x_link, v.x_day, strict=True))
    }
    route: dict[tuple[int, int], int] = {}
    for lk in range(len(calendar.link_source)):
        route.setdefault((int(calendar.link_source[lk]), int(calendar.link_target[lk])), lk)
    x_wanted = np.zeros(len(v.x), dtype=np.int64)
    for pp in plan.prints:
        home = calendar.queues[pp.queue].home
        k = int(calendar.printer_district[pp.printer])
        lk = -1 if k == home else route.get((home, k), -2)
        i = x_at.get((pp.queue, lk, pp.day))
        if i is not None:
            x_wanted[i] += pp.count
    n_at = {(int(lk), int(t)): i for i, (lk, t) in enumerate(zip(v.n_link, v.n_day, strict=True))}
    z_wanted = np.zeros(len(v.n), dtype=np.int64)
    for tr in plan.transfers:
        i = n_at.get((tr.link, tr.day))
        if i is not None:
            z_wanted[i] += tr.count
    return x_wanted, z_wanted


def _boxed_sends(calendar: Calendar, v: Variables, z_wanted: IntArray) -> IntArray:
    """Boxes per n position: each link's cumulative blanks keep up with the plan's.

    A day's send is rounded up to whole boxes while the sender has the blanks
    (what is sent early is sent less later); it never exceeds the sender's
    stock counted without prints, so the sends alone are feasible.
    """
    days = calendar.days
    stock = calendar.supply.copy()
    n_val = np.zeros(len(v.n), dtype=np.int64)
    owed: dict[int, int] = defaultdict(int)
    lead = calendar.link_lead[v.n_link]
    order = sorted(range(len(v.n)), key=lambda i: (int(v.n_day[i]), int(lead[i]) > 0))
    balance = np.cumsum(stock, axis=1)
    for i in order:
        lk, t, box = int(v.n_link[i]), int(v.n_day[i]), int(v.n_box[i])
        j, k = int(calendar.link_source[lk]), int(calendar.link_target[lk])
        owed[lk] += int(z_wanted[i])
        wanted = -(-max(owed[lk], 0) // box)
        n_val[i] = min(wanted, int(balance[j, t:].min()) // box, upper(v.n[i]))
        sent = int(n_val[i]) * box
        owed[lk] -= sent
        balance[j, t:] -= sent
        if t + int(lead[i]) < days:
            balance[k, t + int(lead[i]):] += sent
    return n_val


def _priority(calendar: Calendar, v: Variables) -> list[tuple[int, bool]]:
    """x positions most valuable first (a met deadline, then waiting saved, then cheaper),
    each with whether printing it saves anything at all."""
    days = calendar.days

    def key(i: int) -> tuple[int, int, int, int]:
        queue = calendar.queues[int(v.x_queue[i])]
        home = int(v.x_home[i])
        met = queue.deadline is not None and home <= queue.deadline
        lk = int(v.x_link[i])
        cost = int(calendar.link_cost[lk]) if lk >= 0 else 0
        return (-int(met), -queue.weight * max(days - home, 0), cost, int(v.x_day[i]))

    keys = {i: key(i) for i in range(len(v.x))}
    order = sorted(keys, key=keys.__getitem__)
    return [(i, keys[i][0] < 0 or keys[i][1] < 0) for i in order]


class _Budget:
    """What is left for more prints: capacity, link limits, blank and ready slack.

    Stock and backlog slack are cumulative: a print on day t uses it on every
    day from t on, so it may take only the minimum left over those days.
    """

    def __init__(self, calendar: Calendar, v: Variables, n_val: IntArray) -> None:
        self.v = v
        lead = calendar.link_lead[v.n_link]
        net = calendar.supply.copy()
        np.add.at(net, (calendar.link_source[v.n_link], v.n_day), -n_val * v.n_box)
        np.add.at(net, (calendar.link_target[v.n_link], v.n_day + lead), n_val * v.n_box)
        self.stock = np.cumsum(net, axis=1)
        self.backlog = np.cumsum(calendar.ready, axis=1)
        self.room = v.capacity.operated.copy()
        self.limit = {lk: int(c) for lk, c in enumerate(calendar.link_limit) if c >= 0}
        self.used: dict[tuple[int, int], int] = defaultdict(int)
        self.x = np.zeros(len(v.x), dtype=np.int64)

    def left(self, i: int) -> int:
        v = self.v
        q, k, t, lk = int(v.x_queue[i]), int(v.x_district[i]), int(v.x_day[i]), int(v.x_link[i])
        left = min(upper(v.x[i]) - int(self.x[i]), int(self.room[k, t]),
                   int(self.stock[k, t:].min()), int(self.backlog[q, t:].min()))
        if lk in self.limit:
            left = min(left, self.limit[lk] - self.used[lk, t])
        return max(left, 0)

    def take(self, i: int, cards: int) -> None:
        """Print `cards` more at x position i (fewer when negative)."""
        v = self.v
        q, k, t = int(v.x_queue[i]), int(v.x_district[i]), int(v.x_day[i])
        self.x[i] += cards
        self.room[k, t] -= cards
        self.stock[k, t:] -= cards
        self.backlog[q, t:] -= cards
        self.used[int(v.x_link[i]), t] += cards


class _DayBatches:
    """Each district-day's min-batch printer groups, and which card counts split into
    valid batches there (constraints 6 and 7: operators and minimum batches)."""

    def __init__(self, v: Variables) -> None:
        self.v = v
        self.groups: dict[tuple[int, int], list[int]] = defaultdict(list)
        for g, (k, t) in enumerate(zip(v.y_district.tolist(), v.y_day.tolist(), strict=True)):
            self.groups[k, t].append(g)

    def shares(self, k: int, t: int, cards: int) -> list[tuple[int, int]]:
        """(group, cards) per printer slot of (k, t) for at most `cards` cards."""
        v = self.v
        slots = [g for g in self.groups[k, t] for _ in v.y_members[g]]
        split = split_batches(cards, [int(v.y_cap[g]) for g in slots],
                              [int(v.y_batch[g]) for g in slots], int(v.side.operators[k]))
        return list(zip(slots, split, strict=True))

    def fits(self, k: int, t: int, cards: int) -> int:
        """The most cards <= `cards` that split into valid batches on (k, t)."""
        return sum(c for _, c in self.shares(k, t, cards))


def repaired_hint(
    calendar: Calendar, v: Variables, derived: list[Derived], plan: PlanCounts, size: int
) -> IntArray:
    """A value for each of the model's `size` variables, feasible by construction.

    1. Sends (`_boxed_sends`). 2. The plan's prints, most valuable first, each
    cut to what is left (`_Budget`). 3. A district-day short of its minimum
    batch is padded up to it if it can be (even with cards that save nothing:
    they let the others print); otherwise cards that do not split into valid
    batches go back, least valuable first (`_valid_batches`). 4. More cards
    wherever something is left, most valuable first (any card that saves waiting
    or a miss improves the objective; on a min-batch day only as many as still
    split into valid batches: `_fill_rest`).
    """
    x_wanted, z_wanted = _wanted(calendar, v, plan)
    n_val = _boxed_sends(calendar, v, z_wanted)
    budget = _Budget(calendar, v, n_val)
    order = _priority(calendar, v)
    for i, _ in order:
        if x_wanted[i] > 0:
            budget.take(i, min(int(x_wanted[i]), budget.left(i)))
    batches = _DayBatches(v)
    printed: dict[tuple[int, int], int] = defaultdict(int)
    for i in np.flatnonzero(budget.x).tolist():
        printed[int(v.x_district[i]), int(v.x_day[i])] += int(budget.x[i])
    _valid_batches(v, budget, batches, printed, order)
    _fill_rest(v, budget, batches, printed, order)
    values = _assembled(v, size, budget.x, n_val, batches, printed)
    complete_derived(values, derived)
    return values


def _valid_batches(v: Variables, budget: _Budget, batches: _DayBatches,
                   printed: dict[tuple[int, int], int], order: list[tuple[int, bool]]) -> None:
    """Step 3: pad each min-batch day short of its batch, or cut it to what splits."""
    at_day: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, _ in order:
        at_day[int(v.x_district[i]), int(v.x_day[i])].append(i)
    for (k, t), cards in list(printed.items()):
        if (k, t) not in batches.groups or batches.fits(k, t, cards) == cards:
            continue
        pad = min(int(v.y_batch[g]) for g in batches.groups[k, t]) - cards
        if 0 < pad <= sum(budget.left(i) for i in at_day[k, t]):
            # The positions share the day's capacity and the district's blanks, so
            # their lefts need not add up: count what was really taken.
            for i in at_day[k, t]:
                more = min(pad, budget.left(i))
                budget.take(i, more)
                pad -= more
                cards += more
            printed[k, t] = cards
        excess = cards - batches.fits(k, t, cards)
        printed[k, t] -= excess
        for i in reversed(at_day[k, t]):
            cut = min(excess, int(budget.x[i]))
            budget.take(i, -cut)
            excess -= cut


def _fill_rest(v: Variables, budget: _Budget, batches: _DayBatches,
               printed: dict[tuple[int, int], int], order: list[tuple[int, bool]]) -> None:
    """Step 4: more cards wherever they save something and something is left."""
    for i, saves in order:
        more = budget.left(i) if saves else 0
        k, t = int(v.x_district[i]), int(v.x_day[i])
        if more > 0 and (k, t) in batches.groups:
            more = max(batches.fits(k, t, printed[k, t] + more) - printed[k, t], 0)
        if more > 0:
            budget.take(i, more)
            printed[k, t] += more


def _assembled(v: Variables, size: int, x_val: IntArray, n_val: IntArray,
               batches: _DayBatches, printed: dict[tuple[int, int], int]) -> IntArray:
    """The full vector: prints, batches per group and how many printers run, sends, trips."""
    y_val = np.zeros(len(v.y), dtype=np.int64)
    u_val = np.zeros(len(v.y), dtype=np.int64)
    for k, t in batches.groups:
        for g, c in batches.shares(k, t, printed.get((k, t), 0)):
            y_val[g] += c
            u_val[g] += c > 0
    values = np.zeros(size, dtype=np.int64)
    values[Variables.indices(v.x)] = x_val
    values[Variables.indices(v.y)] = y_val
    values[Variables.indices(v.n)] = n_val
    with_u = v.u_of_y >= 0
    values[Variables.indices(v.u)[v.u_of_y[with_u]]] = u_val[with_u]
    with_v = v.v_of_n >= 0
    values[Variables.indices(v.v)[v.v_of_n[with_v]]] = n_val[with_v] > 0
    return values


def complete_derived(values: IntArray, derived: list[Derived]) -> None:
    """Give the running balances the values their definitions imply, in place."""
    running = np.zeros(len(derived), dtype=np.int64)
    for j, d in enumerate(derived):
        before = running[d.previous] if d.previous >= 0 else 0
        running[j] = before + d.constant + int(np.dot(d.coefs, values[d.terms]))
        values[d.var.index] = running[j]


def set_hint(model: cp_model.CpModel, values: IntArray) -> None:
    """Replace the model's hint by `values` (one per variable, in proto order)."""
    model.clear_hints()
    hint = model.proto.solution_hint
    hint.vars.extend(range(len(values)))
    hint.values.extend(values.tolist())


def strip_idle_sends(
    calendar: Calendar, v: Variables, derived: list[Derived], values: IntArray
) -> IntArray:
    """`values` with blanks nobody needs left unsent (a copy; feasible if `values` is).

    A stage's solution is arbitrary on what its objective ignores: minimising
    misses or waiting leaves blanks travelling back and forth at a cost. Latest
    sends first, each is cut by the whole boxes its target can spare on every
    day from the arrival on; the sender only gains stock, so all stays feasible
    and only the transfer cost changes.
    """
    values = values.copy()
    x_idx, n_idx = Variables.indices(v.x), Variables.indices(v.n)
    n = values[n_idx].copy()
    lead = calendar.link_lead[v.n_link]
    source, target = calendar.link_source[v.n_link], calendar.link_target[v.n_link]
    net = calendar.supply.copy()
    np.add.at(net, (v.x_district, v.x_day), -values[x_idx])
    np.add.at(net, (source, v.n_day), -n * v.n_box)
    np.add.at(net, (target, v.n_day + lead), n * v.n_box)
    balance = np.cumsum(net, axis=1)
    for i in sorted(np.flatnonzero(n).tolist(), key=lambda i: -int(v.n_day[i])):
        box, arrival = int(v.n_box[i]), int(v.n_day[i] + lead[i])
        cut = min(int(n[i]), int(balance[target[i], arrival:].min()) // box)
        if cut > 0:
            n[i] -= cut
            balance[target[i], arrival:] -= cut * box
            balance[source[i], int(v.n_day[i]):] += cut * box
    values[n_idx] = n
    with_v = v.v_of_n >= 0
    values[Variables.indices(v.v)[v.v_of_n[with_v]]] = n[with_v] > 0
    complete_derived(values, derived)
    return values
