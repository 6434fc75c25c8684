"""Cards a district prints on a day, spread over that district's printers.

Both engines count cards per (queue, district, day); a plan names printers.
`fill_printers` is the one place where a district-day's cards are poured into
its printers' slots, in the slots' order, queues in the order given.
"""

from __future__ import annotations

from collections.abc import Iterable

from scheduler.instance.calendar import Calendar
from scheduler.plan.result import PlannedPrint


def fill_printers(slots: list[tuple[int, int]], queue_counts: Iterable[tuple[int, int]],
                  day: int) -> list[PlannedPrint]:
    """Pour (queue, cards) into (printer, room) slots in order, each slot up to its room.

    Raises ValueError when the cards exceed the slots' room.
    """
    out: list[PlannedPrint] = []
    slot = 0
    left = [room for _, room in slots]
    for q, count in queue_counts:
        while count > 0:
            while slot < len(slots) and left[slot] == 0:
                slot += 1
            if slot == len(slots):
                raise ValueError(f"day {day}: more cards than the printers' capacity")
            take = min(count, left[slot])
            out.append(PlannedPrint(q, slots[slot][0], day, take))
            left[slot] -= take
            count -= take
    return out


def split_over_printers(
    calendar: Calendar, district_prints: Iterable[tuple[int, int, int, int]]
) -> tuple[PlannedPrint, ...]:
    """Split cards printed per (queue, district, day) over that district's printers.

    Printers of one district are interchangeable for the pure network (only
    their summed capacity matters), so each day's cards fill the printers in
    the instance's order, each up to its own capacity that day, queues taken in
    index order. Raises if a district-day holds more than its printers can.
    """
    by_district_day: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for q, k, t, n in district_prints:
        if n > 0:
            by_district_day.setdefault((k, t), []).append((q, n))
    printers_of: dict[int, list[int]] = {}
    for p, k in enumerate(calendar.printer_district.tolist()):
        printers_of.setdefault(int(k), []).append(p)
    result: list[PlannedPrint] = []
    for (k, t), items in sorted(by_district_day.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        slots = [(p, int(calendar.printer_capacity[p, t])) for p in printers_of.get(k, [])]
        try:
            result += fill_printers(slots, sorted(items), t)
        except ValueError as error:
            raise ValueError(f"district {calendar.district_ids[k]}: {error}") from None
    return tuple(result)
