"""A run's real state day by day, and how reality cuts a day's planned work.

Each day the policy hands in planned prints and blank sends; `realise_day`
makes what the real world allows of them, in this order:
1. Capacity. Each printer works down its day's print list — the supervisor's
   print order (`print-list`): its own district's queues first, then the other
   home districts in the instance's order, classes in the instance's order —
   and stops at its real capacity: the cut falls on the end of that list.
2. Minimum batch. A printer left with fewer cards than its `min_batch` prints
   none (constraint 7 stays true).
3. Blanks. A district may not end the day below zero (constraint 4). A short
   office first cuts what it sends (last link first, in whole boxes: it keeps
   its blanks for its own printers), then its prints (last printer first, from
   the end of its list; again none below `min_batch`). Blanks sent along a
   lead-0 link count for the receiver the same day, so a cut send may make the
   receiver short in turn; cutting repeats until no district is short.
Cut work is not made up later by this module: a policy decides that the next
morning. Cutting keeps every other rule (ready, routes, daily limits,
operators, boxes) because it only lowers counts the plan made valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from scheduler.instance.calendar import Calendar, IntArray
from scheduler.plan.result import PlannedPrint, PlannedTransfer


@dataclass
class RunState:
    """What has really happened before the current morning.

    `printed[q]`: queue q's cards printed so far (the first-come prefix of q);
    `stock[k]`: blanks at k this morning, before the day's arrivals;
    `arrivals[k, t]`: blanks sent along links that reach k on day t;
    `deliveries[k, t]`: the real deliveries' blanks reaching k on day t;
    `capacity[p, t]`: each printer's real capacity; `diverged`: whether reality
    cut anything of the last day's plan.
    """

    calendar: Calendar
    capacity: IntArray
    deliveries: IntArray
    printed: IntArray
    stock: IntArray
    arrivals: IntArray
    prints: list[PlannedPrint] = field(default_factory=list)
    transfers: list[PlannedTransfer] = field(default_factory=list)
    diverged: bool = False

    @classmethod
    def start(cls, calendar: Calendar, real: Calendar) -> RunState:
        """The state on the first morning; `real` is the realised instance's calendar."""
        initial = np.array([d.blanks for d in calendar.instance.districts], dtype=np.int64)
        deliveries = real.supply.copy()
        deliveries[:, 0] -= initial  # the calendar counts the initial stock as day-0 supply
        return cls(calendar, real.printer_capacity, deliveries,
                   np.zeros(len(calendar.queues), dtype=np.int64), initial,
                   np.zeros_like(real.supply))

    def realise_day(self, day: int, prints: list[PlannedPrint],
                    transfers: list[PlannedTransfer]) -> None:
        """Make what reality allows of the day's plan (module docstring) and record it."""
        cal = self.calendar
        lists = self._capacity_cut(day, prints)
        sends = np.zeros(len(cal.link_source), dtype=np.int64)
        for tr in transfers:
            sends[tr.link] += tr.count
        planned_sends = sends.copy()
        self._blank_cut(day, lists, sends)
        made = [(q, p, n) for p, items in lists.items() for q, n in items if n > 0]
        self.diverged = (sum(n for _, _, n in made) != sum(pp.count for pp in prints)
                         or not np.array_equal(sends, planned_sends))
        for q, p, n in made:
            self.prints.append(PlannedPrint(q, p, day, n))
            self.printed[q] += n
        self.stock = self._balance(day, lists, sends)
        for link in np.flatnonzero(sends).tolist():
            count = int(sends[link])
            self.transfers.append(PlannedTransfer(link, day, count))
            arrival = day + int(cal.link_lead[link])
            if day < arrival < cal.days:
                self.arrivals[int(cal.link_target[link]), arrival] += count

    def _capacity_cut(self, day: int, prints: list[PlannedPrint]
                      ) -> dict[int, list[tuple[int, int]]]:
        """Each printer's list [(queue, cards)] in print order, cut to capacity and batch."""
        cal = self.calendar
        by_printer: dict[int, dict[int, int]] = {}
        for pp in prints:
            cards = by_printer.setdefault(pp.printer, {})
            cards[pp.queue] = cards.get(pp.queue, 0) + pp.count
        lists: dict[int, list[tuple[int, int]]] = {}
        for p in sorted(by_printer):
            k = int(cal.printer_district[p])
            order = sorted(by_printer[p].items(), key=lambda item: (
                cal.queues[item[0]].home != k, cal.queues[item[0]].home,
                cal.queues[item[0]].service_class))
            lists[p] = _keep_head(order, int(self.capacity[p, day]),
                                  cal.instance.printers[p].min_batch)
        return lists

    def _balance(self, day: int, lists: dict[int, list[tuple[int, int]]],
                 sends: IntArray) -> IntArray:
        """Each district's blanks at the end of the day with these prints and sends."""
        cal = self.calendar
        balance = self.stock + self.deliveries[:, day] + self.arrivals[:, day]
        for p, items in lists.items():
            balance[int(cal.printer_district[p])] -= sum(n for _, n in items)
        np.subtract.at(balance, cal.link_source, sends)
        same_day = cal.link_lead == 0
        np.add.at(balance, cal.link_target[same_day], sends[same_day])
        return balance

    def _blank_cut(self, day: int, lists: dict[int, list[tuple[int, int]]],
                   sends: IntArray) -> None:
        """Cut sends, then prints, of short districts until none is short (module docstring)."""
        cal = self.calendar
        links = cal.instance.links
        while True:
            balance = self._balance(day, lists, sends)
            short = np.flatnonzero(balance < 0)
            if short.size == 0:
                return
            k = int(short[0])
            need = -int(balance[k])
            for link in reversed(np.flatnonzero((cal.link_source == k) & (sends > 0)).tolist()):
                box = links[link].box
                cut = min(int(sends[link]), -(-need // box) * box)
                sends[link] -= cut
                need -= cut
                if need <= 0:
                    break
            printing = [p for p in lists if int(cal.printer_district[p]) == k]
            for p in reversed(printing):
                if need <= 0:
                    break
                total = sum(n for _, n in lists[p])
                lists[p] = _keep_head(lists[p], max(total - need, 0),
                                      cal.instance.printers[p].min_batch)
                need -= total - sum(n for _, n in lists[p])


def _keep_head(items: list[tuple[int, int]], keep: int, min_batch: int
               ) -> list[tuple[int, int]]:
    """The first `keep` cards of a print list; none when that is below `min_batch`."""
    keep = min(keep, sum(n for _, n in items))
    if keep < min_batch:
        keep = 0
    out: list[tuple[int, int]] = []
    for q, n in items:
        take = min(n, keep)
        out.append((q, take))
        keep -= take
    return out
