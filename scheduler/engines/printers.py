"""Cards a district prints on a day, spread over that district's printers."""

from __future__ import annotations

from collections.abc import Iterable

from scheduler.instance.calendar import Calendar
from scheduler.plan.result import PlannedPrint


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
        printers = printers_of.get(k, [])
        left = [int(calendar.printer_capacity[p, t]) for p in printers]
        slot = 0
        for q, n in sorted(items):
            while n > 0:
                while slot < len(printers) and left[slot] == 0:
                    slot += 1
                if slot == len(printers):
                    raise ValueError(
                        f"district {calendar.district_ids[k]} day {t}: more cards than capacity"
                    )
                take = min(n, left[slot])
                result.append(PlannedPrint(q, printers[slot], t, take))
                left[slot] -= take
                n -= take
    return tuple(result)
