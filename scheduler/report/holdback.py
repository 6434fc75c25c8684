"""What holds a plan back: the report's first line, computed from the plan and the instance.

How. Every *open* day of a district on which some of its own residents are
ready and still without a card at the day's end is charged to what bound the
district that day, weighed by how many wait then (each is one waiting day of
the objective):
- `outage`: its printers printed all they could, and an outage had cut their
  capacity below their own (a broken printer or server);
- `capacity`: its printers printed all they could, no outage (a district
  without printers counts here: it has no capacity of its own);
- `blanks`: capacity was left, but no blank was spare: every blank in its
  stock at the day's end is printed or lent later in the plan (one more card
  that day would leave it a blank short on a later day). The spare blanks on
  day t are the least stock the district holds on any day from t to the
  horizon's end: a card printed on t lowers each of those by one;
- `plan`: capacity and spare blanks were both left: the plan chose not to use
  them (a link's limit or lead days, or a plan that is not optimal).
Closed days are charged to nothing: they are the calendar, not a resource.

The cause with the most waiting days holds the plan back; the sentence names
the district carrying most of it (for an outage, the outage record whose days
carry most of it) and the cause's share of all the waiting charged. A plan that
misses deadlines says so first: misses are the first thing the objective
counts. When nobody waits at the end of an open day, nothing holds it back.

This names what *binds*, not what a change would save: `explain` and `whatif`
measure that. The backlog an outage leaves behind after its repair is charged
to capacity on the days after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from scheduler.diagnose.explain.binding import nominal_capacity
from scheduler.i18n import percent
from scheduler.instance.arrays import IntArray
from scheduler.instance.calendar import Calendar
from scheduler.instance.model import Outage
from scheduler.report import words

CAUSES = ("capacity", "outage", "blanks", "plan")  # ties go to the earlier one


@dataclass(frozen=True)
class HoldBack:
    """Waiting days and district-days charged to each cause; the plan's deadline misses.

    `district[c]` names the district carrying most of cause c (code and name,
    "" when nothing is charged to it); `outage` the record carrying most of the
    outage waiting; `missed` the classes with a deadline some of their
    eligible applicants miss, with that deadline.
    """

    waiting: dict[str, int]
    days: dict[str, int]
    district: dict[str, str]
    outage: Outage | None
    misses: int
    missed: tuple[tuple[str, date], ...]

    @property
    def total(self) -> int:
        """Waiting days charged to any cause."""
        return sum(self.waiting.values())

    @property
    def cause(self) -> str | None:
        """The cause with the most waiting days; None when nobody waits on an open day."""
        if self.total == 0:
            return None
        return max(CAUSES, key=lambda c: (self.waiting[c], -CAUSES.index(c)))


def charge(calendar: Calendar, backlog: IntArray, printed_at: IntArray,
           stock: IntArray) -> IntArray:
    """Per (district, day): the index in CAUSES of what bound it, -1 when none is charged.

    `backlog[k, t]`: k's residents ready by t without a card at t's end;
    `printed_at[k, t]`: cards k's printers printed on t; `stock[k, t]`: k's
    blanks at t's end. Only open days with someone waiting are charged.
    """
    capacity = calendar.district_capacity
    full = printed_at >= capacity
    cut = capacity < nominal_capacity(calendar)
    spare = np.minimum.accumulate(stock[:, ::-1], axis=1)[:, ::-1]
    kind = np.select([full & cut, full, spare <= 0], [CAUSES.index("outage"),
                     CAUSES.index("capacity"), CAUSES.index("blanks")], CAUSES.index("plan"))
    return np.where(calendar.open & (backlog > 0), kind, -1)


def hold_back(calendar: Calendar, backlog: IntArray, kind: IntArray, misses: int,
              missed: tuple[tuple[str, date], ...]) -> HoldBack:
    """Weigh each charged district-day (`kind` from `charge`) by the residents waiting."""
    waiting, days, where = {}, {}, {}
    for index, cause in enumerate(CAUSES):
        weight = np.where(kind == index, backlog, 0)
        waiting[cause] = int(weight.sum())
        days[cause] = int((kind == index).sum())
        most = int(weight.sum(axis=1).argmax())
        where[cause] = _district(calendar, most) if waiting[cause] else ""
    outage_weight = np.where(kind == CAUSES.index("outage"), backlog, 0)
    return HoldBack(waiting, days, where, _worst_outage(calendar, outage_weight), misses,
                    missed)


def _worst_outage(calendar: Calendar, weight: IntArray) -> Outage | None:
    """The outage record whose district-days carry the most outage waiting (first on ties)."""
    instance = calendar.instance
    district_of = {d.id: k for k, d in enumerate(instance.districts)}
    printer_district = {p.id: p.district for p in instance.printers}
    best, best_weight = None, 0
    for outage in instance.outages:
        district = printer_district[outage.printer] if outage.printer else outage.district or ""
        lo = max(instance.day_index(outage.start), 0)
        hi = min(instance.day_index(outage.end), calendar.days - 1)
        row = weight[district_of[district]]
        carried = int(row[lo:hi + 1].sum()) if lo <= hi else 0
        if carried > best_weight:
            best, best_weight = outage, carried
    return best


def _district(calendar: Calendar, k: int) -> str:
    district = calendar.instance.districts[k]
    return f"{district.id} {district.name}".strip()


def _share(part: int, whole: int) -> str:
    return percent(part / whole if whole else 0.0, 0)


def holdback_sentences(held: HoldBack, blanks_short: int) -> list[str]:
    """The report's first line: deadline misses first (when any), then the main cause."""
    said = []
    if held.misses:
        classes = ", ".join(words.CLASS_BY.format(service_class=c, deadline=d)
                            for c, d in held.missed)
        said.append(words.HOLDBACK_DEADLINE.format(misses=held.misses, classes=classes))
    cause = held.cause
    if cause is None:
        said.append(words.HOLDBACK_NOTHING)
        return said
    fields: dict[str, object] = {"days": held.days[cause],
                                 "share": _share(held.waiting[cause], held.total),
                                 "district": held.district[cause], "short": blanks_short}
    if cause == "outage" and held.outage is not None:
        outage = held.outage
        fields.update(what=outage.printer or words.EVERY_PRINTER, start=outage.start,
                      end=outage.end)
        said.append(words.HOLDBACK_OUTAGE.format(**fields))
    elif cause == "blanks" and blanks_short:
        said.append(words.HOLDBACK_BLANKS_ASK.format(**fields))
    else:
        said.append(words.HOLDBACK[cause].format(**fields))
    rest = [words.CAUSE_SHARE.format(cause=words.CAUSE_NAMES[c],
                                     share=_share(held.waiting[c], held.total))
            for c in CAUSES if c != cause and held.waiting[c]]
    if rest:
        said.append(words.HOLDBACK_REST.format(rest=", ".join(rest)))
    return said
