"""Keeping the report's charts the same size from one district to a province.

Up to `SMALL` districts every district has its own line and, up to `SMALL`
printers, every printer its own capacity panel. Beyond that a chart shows the
`SHOWN` districts with the most waiting days (the report's `rank`) and one
more series, the other districts summed: never more than `SMALL` lines (so the
legend stays shorter than the chart) and never more than `SMALL` panels,
however many districts and printers the instance has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scheduler.instance.arrays import BoolArray, IntArray
from scheduler.instance.calendar import Calendar
from scheduler.plan.result import EngineResult
from scheduler.report import words

SMALL = 8  # up to this many districts (printers) each gets its own line (panel)
SHOWN = SMALL - 1  # beyond it, this many districts and the rest summed


@dataclass(frozen=True)
class DistrictSeries:
    """Backlog and blank stock at the end of each day, and the deliveries within the horizon.

    `summed` > 0 marks the series of that many other districts added up.
    """

    district: str
    name: str
    backlog: IntArray
    stock: IntArray
    deliveries: tuple[tuple[int, int], ...]  # (day, blanks)
    summed: int = 0

    @property
    def label(self) -> str:
        """How a chart names it: code and name, or 'N other districts'."""
        if self.summed:
            return words.OTHERS.format(count=self.summed)
        return f"{self.district} {self.name}".strip()


@dataclass(frozen=True)
class CapacityPanel:
    """Cards printed a day against the day's capacity, for a printer or a group of districts.

    `outage` marks days an outage cuts the capacity, `no_blanks` open days
    with applicants waiting and no blank in stock at the day's end; both are all False
    for a panel of districts summed (the caption says so).
    """

    title: str
    printed: IntArray
    capacity: IntArray
    outage: BoolArray
    no_blanks: BoolArray


def top_and_rest(series: Sequence[DistrictSeries],
                 rank: Sequence[int]) -> tuple[list[DistrictSeries], DistrictSeries | None]:
    """Every series when there are at most SMALL; else the SHOWN first in `rank` and the sum."""
    if len(series) <= SMALL:
        return list(series), None
    shown = [series[k] for k in rank[:SHOWN]]
    rest = [series[k] for k in rank[SHOWN:]]
    deliveries: dict[int, int] = {}
    for s in rest:
        for day, blanks in s.deliveries:
            deliveries[day] = deliveries.get(day, 0) + blanks
    summed = DistrictSeries("", "", np.sum([s.backlog for s in rest], axis=0),
                            np.sum([s.stock for s in rest], axis=0),
                            tuple(sorted(deliveries.items())), summed=len(rest))
    return shown, summed


def printer_panels(calendar: Calendar, result: EngineResult,
                   no_blanks: BoolArray) -> tuple[CapacityPanel, ...]:
    """One panel per printer (for at most SMALL printers): an outage cuts it below its own."""
    printed = np.zeros(calendar.printer_capacity.shape, dtype=np.int64)
    for pp in result.prints:
        printed[pp.printer, pp.day] += pp.count
    panels = []
    for p, printer in enumerate(calendar.instance.printers):
        k = int(calendar.printer_district[p])
        capacity = calendar.printer_capacity[p]
        panels.append(CapacityPanel(
            words.PRINTER_PANEL.format(printer=printer.id, district=printer.district),
            printed[p], capacity, calendar.open[k] & (capacity < printer.capacity),
            no_blanks[k]))
    return tuple(panels)


def district_panels(calendar: Calendar, printed_at: IntArray, no_blanks: BoolArray,
                    rank: Sequence[int]) -> tuple[CapacityPanel, ...]:
    """One panel per shown district (its printers summed) and one for the rest summed."""
    nominal = np.zeros(len(calendar.district_ids), dtype=np.int64)
    np.add.at(nominal, calendar.printer_district,
              np.array([p.capacity for p in calendar.instance.printers], dtype=np.int64))
    printers = np.bincount(calendar.printer_district, minlength=nominal.size)
    capacity = calendar.district_capacity
    outage = calendar.open & (capacity < nominal[:, None])
    districts = len(calendar.district_ids)
    shown = list(rank[:SHOWN]) if districts > SMALL else list(range(districts))
    panels = []
    for k in shown:
        district = calendar.instance.districts[k]
        label = f"{district.id} {district.name}".strip()
        panels.append(CapacityPanel(
            words.DISTRICT_PANEL.format(district=label, printers=int(printers[k])),
            printed_at[k], capacity[k], outage[k], no_blanks[k]))
    rest = [k for k in range(districts) if k not in set(shown)]
    if rest:
        none = np.zeros(calendar.days, dtype=np.bool_)
        panels.append(CapacityPanel(words.OTHERS.format(count=len(rest)),
                                    printed_at[rest].sum(axis=0), capacity[rest].sum(axis=0),
                                    none, none))
    return tuple(panels)
