"""Blanks at each district at the end of each day under a plan (SPEC constraint 4's left side)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from scheduler.instance.calendar import Calendar
from scheduler.plan.result import EngineResult


def blank_stock(calendar: Calendar, result: EngineResult) -> npt.NDArray[np.int64]:
    """`stock[k, t]`: blanks at district k at the end of day t under a plan.

    SPEC constraint 4's left side: stock and deliveries by t, plus blanks arrived by
    t, less blanks sent and cards printed by t. Blanks still on their way (or
    arriving after the horizon) are not counted.
    """
    change = calendar.supply.copy()
    for pp in result.prints:
        change[calendar.printer_district[pp.printer], pp.day] -= pp.count
    for tr in result.transfers:
        change[calendar.link_source[tr.link], tr.day] -= tr.count
        arrival = tr.day + int(calendar.link_lead[tr.link])
        if arrival < calendar.days:
            change[calendar.link_target[tr.link], arrival] += tr.count
    return np.cumsum(change, axis=1)
