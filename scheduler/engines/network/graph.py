"""The time-expanded graph of NETWORK.md as numpy arc arrays.

One unit of flow is one applicant *and* the blank its card uses, traced
backwards to the delivery it came from:

    Q[q,r] → … → Q[q,t] → (R[h→k,t] →) K[k,t] → B[k,t] → … → B[j,s] → Z

Node kinds, numbered in blocks by kind and, inside a block, by day:
- `Q[q,t]`  applicants of queue q ready and unprinted on day t (supply: ready that day);
- `R[l,t]`  cards of link l's source printed at its target on day t (only for a
            link with a daily limit: the R → K arc carries that limit);
- `K[k,t]`  cards printed in district k on day t (K → B carries the printers' capacity);
- `B[k,t]`  a blank available at k on day t (B → Z carries that day's delivery);
- `Z`       the sink: every applicant ends there, printed or not.

Every arc has three unit costs, one per lexicographic stage (misses, waiting,
transfer), and the arc table of NETWORK.md says why each is what it is.

Pruned and contracted, which changes no optimum:
- a `Q` chain starts at its queue's first ready day and has nodes only on days
  where applicants arrive or can be printed; a contracted chain arc carries the
  summed waiting cost and a miss when it steps over the deadline day;
- `K` (and print arcs) only on days with capacity; a limited link's `R` only on
  those days; a link without a limit prints straight into `K`;
- a remote print whose home day is past the horizon and past the deadline is
  dropped: staying unprinted costs the same waiting and misses and no transfer;
- `B` nodes only on days where blanks can leave the chain towards a print or a
  send (the district prints or sends that day); a blank arriving on another day
  (a delivery, a transfer) enters at the next such day, since nothing can use it
  before; one arriving after the last such day is useless and dropped.

`∞` capacities are the applicant count: no arc can carry more.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scheduler.instance.arrays import BoolArray, IntArray
from scheduler.instance.calendar import Calendar

MISSES, WAITING, TRANSFER = 0, 1, 2


@dataclass(frozen=True)
class FlowGraph:
    """Arcs as parallel arrays, node supplies, and the arcs that are plan decisions.

    `cost[s]` is the unit cost of stage s (MISSES, WAITING, TRANSFER).
    Print arcs carry cards of `print_queue` printed in `print_district` on
    `print_day`; transfer arcs carry blanks sent along `transfer_link` on
    `transfer_day`. `chain_arc` holds each `Q` node's arc to its queue's next
    node (or to Z), queue by queue, day by day. `queue_deadline` is the deadline
    day index, NO_DEADLINE when there is none or it lies before day 0.
    `misses_constant` counts the applicants whose deadline lies before day 0 and
    who were ready by it: no arc can save them. The node tables say which
    `Q`, `R` and `K` nodes exist (other engines map their variables onto arcs).
    """

    nodes: int
    tail: IntArray
    head: IntArray
    capacity: IntArray
    cost: IntArray
    supply: IntArray
    print_arc: IntArray
    print_queue: IntArray
    print_district: IntArray
    print_day: IntArray
    transfer_arc: IntArray
    transfer_link: IntArray
    transfer_day: IntArray
    chain_arc: IntArray
    chain_queue: IntArray
    chain_day: IntArray
    queue_deadline: IntArray
    misses_constant: int
    q_node: IntArray  # (queue, day) -> node id of Q[q,t], -1 where contracted away
    r_node: IntArray  # (link, day) -> R[l,t], -1 where none
    k_node: IntArray  # (district, day) -> K[k,t], -1 where none

    @property
    def arcs(self) -> int:
        return int(self.tail.size)


def print_links(calendar: Calendar) -> dict[tuple[int, int], int]:
    """(home district, printing district) -> the link a remote print goes along.

    A print names only its printer and its queue, so one link per ordered pair
    can carry prints; if a file repeats a pair, the first link is used.
    """
    result: dict[tuple[int, int], int] = {}
    pairs = zip(calendar.link_source.tolist(), calendar.link_target.tolist(), strict=True)
    for index, (source, target) in enumerate(pairs):
        if source != target:
            result.setdefault((source, target), index)
    return result


class _Arcs:
    """Collects arc families as arrays and concatenates them once."""

    def __init__(self) -> None:
        self.parts: list[tuple[IntArray, IntArray, IntArray, IntArray]] = []
        self.count = 0

    def add(self, tail: IntArray, head: IntArray, capacity: IntArray | int,
            misses: IntArray | int = 0, waiting: IntArray | int = 0,
            transfer: IntArray | int = 0) -> IntArray:
        """Append a family; returns the indices its arcs get."""
        n = tail.size
        cost = np.zeros((3, n), dtype=np.int64)
        cost[MISSES] = misses
        cost[WAITING] = waiting
        cost[TRANSFER] = transfer
        caps = np.broadcast_to(np.asarray(capacity, dtype=np.int64), (n,))
        self.parts.append((tail.astype(np.int64), head.astype(np.int64),
                           np.array(caps, dtype=np.int64), cost))
        first = self.count
        self.count += n
        return np.arange(first, self.count, dtype=np.int64)

    def arrays(self) -> tuple[IntArray, IntArray, IntArray, IntArray]:
        tail = np.concatenate([p[0] for p in self.parts])
        head = np.concatenate([p[1] for p in self.parts])
        capacity = np.concatenate([p[2] for p in self.parts])
        cost = np.concatenate([p[3] for p in self.parts], axis=1)
        return tail, head, capacity, cost


def _number(mask: BoolArray, first: int) -> tuple[IntArray, int]:
    """Node ids for the True cells of a (row, day) mask, numbered day by day.

    Returns the (row, day) table of ids (-1 where no node) and the next free id.
    """
    table = np.full(mask.shape, -1, dtype=np.int64)
    days, rows = np.nonzero(mask.T)
    table[rows, days] = np.arange(first, first + rows.size, dtype=np.int64)
    return table, first + int(rows.size)


def _next_day(mask: BoolArray) -> IntArray:
    """For each (row, day): the first day ≥ it where mask is True, else the day count."""
    days = mask.shape[1]
    marks = np.where(mask, np.arange(days, dtype=np.int64), days)
    return np.minimum.accumulate(marks[:, ::-1], axis=1)[:, ::-1]


def _remote_pairs(calendar: Calendar, home: IntArray) -> tuple[IntArray, IntArray]:
    """Every (queue, link out of its home that may carry prints) pair, as two arrays."""
    links = np.array(
        [link for link in sorted(print_links(calendar).values())
         if calendar.link_limit[link] != 0], dtype=np.int64)
    if links.size == 0 or home.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    links = links[np.argsort(calendar.link_source[links], kind="stable")]
    sources = calendar.link_source[links]
    districts = len(calendar.district_ids)
    count = np.bincount(sources, minlength=districts)
    start = np.concatenate([[0], np.cumsum(count)[:-1]])
    per_queue = count[home]
    pair_queue = np.repeat(np.arange(home.size, dtype=np.int64), per_queue)
    offset = np.arange(pair_queue.size) - np.repeat(np.cumsum(per_queue) - per_queue, per_queue)
    return pair_queue, links[start[home[pair_queue]] + offset]


@dataclass(frozen=True)
class _Layout:
    """Which nodes exist (masks over (row, day)), their ids, and the remote print options."""

    home: IntArray  # per queue: its home district
    deadline: IntArray  # per queue: deadline day, NO_DEADLINE when none can be met
    prints_home: BoolArray  # (queue, day): a print at home is possible
    pair_queue: IntArray  # remote options: (queue, link out of its home) pairs ...
    pair_link: IntArray
    remote: BoolArray  # ... and the days each pair may print
    limited: BoolArray  # per link: a daily limit (an R node carries it)
    sends: BoolArray  # (link, day): blanks may be sent
    q_mask: BoolArray
    r_mask: BoolArray
    b_mask: BoolArray
    q_node: IntArray
    r_node: IntArray
    k_node: IntArray
    b_node: IntArray
    sink: int


def _queue_deadlines(calendar: Calendar) -> tuple[IntArray, int]:
    """Each queue's deadline day (NO_DEADLINE if none or before day 0), and the misses
    no arc can save: applicants ready by a deadline that lies before day 0."""
    deadline = calendar.deadline_days()
    misses_constant = sum(
        int(calendar.eligible[i]) for i, q in enumerate(calendar.queues)
        if q.deadline is not None and q.deadline < 0)
    return deadline, misses_constant


def _blank_sends(calendar: Calendar) -> BoolArray:
    """(link, day): blanks may leave along the link that day (source open, arrival in time)."""
    days = calendar.days
    n_links = calendar.link_source.size
    sends = np.zeros((n_links, days), dtype=np.bool_)
    for link in range(n_links):
        source, lead = int(calendar.link_source[link]), int(calendar.link_lead[link])
        carries = calendar.instance.links[link].carries_blanks
        if source != int(calendar.link_target[link]) and lead < days and carries:
            sends[link, : days - lead] = calendar.open[source, : days - lead]
    return sends


def _layout(calendar: Calendar, deadline: IntArray) -> _Layout:
    """The pruned node set (module docstring) and the node ids, numbered kind by kind."""
    days = calendar.days
    dayline = np.arange(days, dtype=np.int64)
    home = np.array([q.home for q in calendar.queues], dtype=np.int64)
    prints_open = calendar.district_capacity > 0
    has_ready = calendar.ready > 0
    first_ready = np.where(has_ready.any(axis=1), has_ready.argmax(axis=1), days)
    started = dayline[None, :] >= first_ready[:, None]

    # Remote print options: every (queue, link out of its home) pair, by day.
    pair_queue, pair_link = _remote_pairs(calendar, home)
    home_day = dayline[None, :] + calendar.link_lead[pair_link][:, None]
    useful = (home_day < days) | (home_day <= deadline[pair_queue][:, None])
    remote = started[pair_queue] & prints_open[calendar.link_target[pair_link]] & useful

    # Q nodes: days from the first ready day on where applicants arrive or leave.
    prints_home = prints_open[home] & started
    exits = prints_home.copy()
    np.logical_or.at(exits, pair_queue, remote)
    q_mask = started & (has_ready | exits)

    # R nodes: limited links on days some queue prints along them.
    limited = calendar.link_limit > 0
    r_mask = np.zeros((calendar.link_source.size, days), dtype=np.bool_)
    np.logical_or.at(r_mask, pair_link, remote & limited[pair_link][:, None])

    # B nodes: days a district prints or sends blanks.
    sends = _blank_sends(calendar)
    b_mask = prints_open.copy()
    np.logical_or.at(b_mask, calendar.link_source, sends)

    q_node, nxt = _number(q_mask, 0)
    r_node, nxt = _number(r_mask, nxt)
    k_node, nxt = _number(prints_open, nxt)
    b_node, sink = _number(b_mask, nxt)
    return _Layout(home, deadline, prints_home, pair_queue, pair_link, remote, limited, sends,
                   q_mask, r_mask, b_mask, q_node, r_node, k_node, b_node, sink)


def _chain_arcs(arcs: _Arcs, calendar: Calendar, lay: _Layout, infinite: int
                ) -> tuple[IntArray, IntArray, IntArray]:
    """Q chains: each Q node to its queue's next one, the last into Z (unprinted).

    Returns the chain arcs and their (queue, day)."""
    days = calendar.days
    weight = np.array([q.weight for q in calendar.queues], dtype=np.int64)
    qq, qt = np.nonzero(lay.q_mask)
    chain_node = lay.q_node[qq, qt]
    has_next = np.zeros(qq.size, dtype=np.bool_)
    has_next[:-1] = qq[:-1] == qq[1:]
    later = np.full(qq.size, days, dtype=np.int64)
    later[:-1][has_next[:-1]] = qt[1:][has_next[:-1]]
    next_node = np.full(qq.size, lay.sink, dtype=np.int64)
    next_node[:-1][has_next[:-1]] = chain_node[1:][has_next[:-1]]
    deadline = lay.deadline[qq]
    crosses = (qt <= deadline) & (deadline < later)
    crosses |= ~has_next & (deadline >= qt)  # unprinted: a miss when ready by the deadline
    chain_arc = arcs.add(chain_node, next_node, infinite,
                         misses=crosses.astype(np.int64), waiting=weight[qq] * (later - qt))
    return chain_arc, qq, qt


@dataclass(frozen=True)
class _PrintArcs:
    """The print arcs (home ones first) with each arc's queue, printing district and day."""

    arc: IntArray
    queue: IntArray
    district: IntArray
    day: IntArray


def _print_arcs(arcs: _Arcs, calendar: Calendar, lay: _Layout, infinite: int) -> _PrintArcs:
    """Q[q,t] → K[h,t] at home; Q[q,t] → R[l,t] (limited link) or K[k,t] at a neighbour."""
    days = calendar.days
    weight = np.array([q.weight for q in calendar.queues], dtype=np.int64)
    hq, ht = np.nonzero(lay.prints_home)
    home_arcs = arcs.add(lay.q_node[hq, ht], lay.k_node[lay.home[hq], ht], infinite)
    pi, pt = np.nonzero(lay.remote)
    p_queue, p_link = lay.pair_queue[pi], lay.pair_link[pi]
    p_lead, p_target = calendar.link_lead[p_link], calendar.link_target[p_link]
    p_head = np.where(lay.limited[p_link], lay.r_node[p_link, pt], lay.k_node[p_target, pt])
    p_deadline = lay.deadline[p_queue]
    remote_arcs = arcs.add(
        lay.q_node[p_queue, pt], p_head, infinite,
        misses=((pt <= p_deadline) & (p_deadline < pt + p_lead)).astype(np.int64),
        waiting=weight[p_queue] * np.minimum(p_lead, days - pt),
        transfer=calendar.link_cost[p_link],
    )
    return _PrintArcs(np.concatenate([home_arcs, remote_arcs]), np.concatenate([hq, p_queue]),
                      np.concatenate([lay.home[hq], p_target]), np.concatenate([ht, pt]))


def _capacity_arcs(arcs: _Arcs, calendar: Calendar, lay: _Layout) -> None:
    """A limited link's daily cap R[l,t] → K[k,t]; the printers' capacity K[k,t] → B[k,t]."""
    rl, rt = np.nonzero(lay.r_mask)
    arcs.add(lay.r_node[rl, rt], lay.k_node[calendar.link_target[rl], rt],
             calendar.link_limit[rl])
    kk, kt = np.nonzero(calendar.district_capacity > 0)
    arcs.add(lay.k_node[kk, kt], lay.b_node[kk, kt], calendar.district_capacity[kk, kt])


def _blank_arcs(arcs: _Arcs, calendar: Calendar, lay: _Layout, infinite: int
                ) -> tuple[IntArray, IntArray, IntArray]:
    """Blank stock, deliveries and sends; returns the send arcs and their (link, day)."""
    days = calendar.days
    # Blank stock kept from the previous B node of the district: B[k,t] → B[k,t'].
    bk, bt = np.nonzero(lay.b_mask)
    chain = np.nonzero(bk[:-1] == bk[1:])[0]
    arcs.add(lay.b_node[bk[chain + 1], bt[chain + 1]], lay.b_node[bk[chain], bt[chain]],
             infinite)
    # Deliveries: B[k, next B day ≥ t] → Z, capped by the blanks usable from day t.
    entry = _next_day(lay.b_mask)
    sk, st = np.nonzero(calendar.supply > 0)
    at = entry[sk, st]
    kept = at < days
    unique_nodes, where = np.unique(lay.b_node[sk[kept], at[kept]], return_inverse=True)
    blanks = np.zeros(unique_nodes.size, dtype=np.int64)
    np.add.at(blanks, where, calendar.supply[sk[kept], st[kept]])
    arcs.add(unique_nodes, np.full(unique_nodes.size, lay.sink, dtype=np.int64), blanks)
    # Blanks sent along link j→k on day s (j open): B[k, next B day ≥ s+L] → B[j,s].
    sl, ss = np.nonzero(lay.sends)
    s_target = calendar.link_target[sl]
    s_arrive = entry[s_target, ss + calendar.link_lead[sl]]
    usable = s_arrive < days
    sl, ss, s_target, s_arrive = sl[usable], ss[usable], s_target[usable], s_arrive[usable]
    transfer_arcs = arcs.add(
        lay.b_node[s_target, s_arrive], lay.b_node[calendar.link_source[sl], ss], infinite,
        transfer=calendar.link_cost[sl],
    )
    return transfer_arcs, sl, ss


def build_graph(calendar: Calendar) -> FlowGraph:
    """Build the pruned, contracted time-expanded graph of a calendar (arc families in
    a fixed order: chains, prints, capacities, blanks)."""
    total = int(calendar.ready.sum())
    infinite = max(total, 1)
    deadline, misses_constant = _queue_deadlines(calendar)
    lay = _layout(calendar, deadline)
    arcs = _Arcs()
    chain_arc, chain_queue, chain_day = _chain_arcs(arcs, calendar, lay, infinite)
    prints = _print_arcs(arcs, calendar, lay, infinite)
    _capacity_arcs(arcs, calendar, lay)
    transfer_arc, transfer_link, transfer_day = _blank_arcs(arcs, calendar, lay, infinite)
    tail, head, cap, cost = arcs.arrays()
    supply = np.zeros(lay.sink + 1, dtype=np.int64)
    supply[lay.q_node[lay.q_mask]] = calendar.ready[lay.q_mask]
    supply[lay.sink] = -total
    return FlowGraph(
        nodes=lay.sink + 1, tail=tail, head=head, capacity=cap, cost=cost, supply=supply,
        print_arc=prints.arc, print_queue=prints.queue, print_district=prints.district,
        print_day=prints.day, transfer_arc=transfer_arc, transfer_link=transfer_link,
        transfer_day=transfer_day, chain_arc=chain_arc, chain_queue=chain_queue,
        chain_day=chain_day, queue_deadline=deadline, misses_constant=misses_constant,
        q_node=lay.q_node, r_node=lay.r_node, k_node=lay.k_node,
    )
