"""A plan's counts per district and day, read once into numpy arrays.

The report's series, its "what holds the plan back" sentence and its neighbour
help all need the same few sums over the plan's rows. Each is one `np.add.at`
over arrays of the rows, so the cost grows with the plan's rows and the
(district, day) grid, never with printers × outages or printers × days.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scheduler.instance.arrays import IntArray
from scheduler.instance.calendar import Calendar
from scheduler.plan.result import EngineResult


@dataclass(frozen=True)
class DailyCounts:
    """Per (district, day) unless said otherwise.

    - `printed_at[k, t]`: cards printed by k's printers on day t, for anyone;
    - `printed_for[k, t]`: cards of k's residents printed on day t, anywhere;
    - `sent_out[k]`: cards of k's residents printed by another district's printers;
    - `taken_in[k]`: cards k's printers printed for another district's residents;
    - `lent[k]`, `borrowed[k]`: blanks k sent along links, and received.
    """

    printed_at: IntArray
    printed_for: IntArray
    sent_out: IntArray
    taken_in: IntArray
    lent: IntArray
    borrowed: IntArray


def daily_counts(calendar: Calendar, result: EngineResult) -> DailyCounts:
    """Sum the plan's prints and sends per district (and day)."""
    districts, days = len(calendar.district_ids), calendar.days
    rows = np.array([(pp.queue, pp.printer, pp.day, pp.count) for pp in result.prints],
                    dtype=np.int64).reshape(-1, 4)
    home_of = np.array([q.home for q in calendar.queues], dtype=np.int64)
    home = home_of[rows[:, 0]] if rows.size else rows[:, 0]
    at = calendar.printer_district[rows[:, 1]]
    day, count = rows[:, 2], rows[:, 3]
    printed_at = np.zeros((districts, days), dtype=np.int64)
    printed_for = np.zeros((districts, days), dtype=np.int64)
    np.add.at(printed_at, (at, day), count)
    np.add.at(printed_for, (home, day), count)
    away = home != at
    sent_out = _summed(home[away], count[away], districts)
    taken_in = _summed(at[away], count[away], districts)
    sends = np.array([(tr.link, tr.count) for tr in result.transfers],
                     dtype=np.int64).reshape(-1, 2)
    lent = _summed(calendar.link_source[sends[:, 0]], sends[:, 1], districts)
    borrowed = _summed(calendar.link_target[sends[:, 0]], sends[:, 1], districts)
    return DailyCounts(printed_at, printed_for, sent_out, taken_in, lent, borrowed)


def _summed(where: IntArray, count: IntArray, size: int) -> IntArray:
    """Counts summed per index, in integers (bincount's weights would go through floats)."""
    total = np.zeros(size, dtype=np.int64)
    np.add.at(total, where, count)
    return total
