"""The `explain` command's text: binding constraints, ranked levers, re-solve checks."""

from __future__ import annotations

from scheduler.diagnose.explain.binding import BoundDay, BoundLink
from scheduler.diagnose.explain.check import Check
from scheduler.diagnose.explain.prices import Lever
from scheduler.i18n import N_, _, say, short_date
from scheduler.instance.calendar import Calendar

# What binds a district-day (binding.py's kinds), as the table says it.
BOUND_BY = {"capacity": N_("capacity"), "outage": N_("outage"), "blanks": N_("blanks")}


def _date(calendar: Calendar, day: int | None) -> str:
    return _("every day") if day is None else short_date(calendar.instance.date_of(day))


def describe_lever(calendar: Calendar, lever: Lever, last: int | None = None) -> str:
    """A lever in words, e.g. '+1 card of capacity at A on 2024-01-01'.

    With `last`, the lever stands for a run of days up to `last` (see lever_runs).
    """
    if lever.link is not None:
        source = calendar.district_ids[int(calendar.link_source[lever.link])]
        target = calendar.district_ids[int(calendar.link_target[lever.link])]
        return say("+1 card a day on link {source}->{target}", source=source, target=target)
    assert lever.district is not None
    district = calendar.district_ids[lever.district]
    capacity = lever.kind == "capacity"
    if last is None or last == lever.day:
        one_day = (_("+1 card of capacity at {district} on {day}") if capacity
                   else _("+1 blank at {district} on {day}"))
        return one_day.format(district=district, day=_date(calendar, lever.day))
    days = (_("+1 card of capacity at {district} from {first} to {last} (each open day)")
            if capacity else _("+1 blank at {district} from {first} to {last} (each open day)"))
    return days.format(district=district, first=_date(calendar, lever.day),
                       last=_date(calendar, last))


def _change(misses: int, waiting: int | None, measured: bool = False) -> str:
    if misses < 0 and waiting is None:
        return say("misses {misses:+d} (at most)", misses=misses)
    return (say("misses {misses:+d}, waiting days {waiting:+d}", misses=misses, waiting=waiting)
            + (_(" (re-solved)") if measured else ""))


def lever_runs(calendar: Calendar, levers: list[Lever]) -> list[tuple[Lever, int | None]]:
    """Each run of levers with the last day of the run, in list order (first day's place).

    A run is one kind at one district with the same changes on consecutive open
    days of that district (closed days in between carry no lever), so a report
    says "from D1 to D2 (each open day)" once instead of one line per day. A
    link lever is a run of its own.
    """
    runs: dict[tuple[str, int, int, int | None, bool], list[int]] = {}
    for i, lever in enumerate(levers):
        if lever.district is not None and lever.day is not None:
            same = (lever.kind, lever.district, lever.misses, lever.waiting, lever.measured)
            runs.setdefault(same, []).append(i)
    last_day = {i: lever.day for i, lever in enumerate(levers)}
    for (_kind, district, *_same), indices in runs.items():
        indices.sort(key=lambda i: levers[i].day or 0)
        first = indices[0]
        for before, after in zip(indices, indices[1:], strict=False):
            start, end = levers[before].day, levers[after].day
            assert start is not None and end is not None
            if calendar.open[district, start + 1 : end].any():
                first = after
            else:
                del last_day[after]
                last_day[first] = end
    return [(levers[i], day) for i, day in last_day.items()]


def explain_lines(
    calendar: Calendar, days: list[BoundDay], links: list[BoundLink], levers: list[Lever],
    checks: list[Check], limit: int = 20,
) -> list[str]:
    """The report, at most `limit` rows per table (the rest counted)."""
    lines = [say("binding district-days: {count}", count=len(days))]
    if days:
        district, day, bound_by = _("district"), _("date"), _("bound by")
        printed, capacity, stock, waiting = _("printed"), _("capacity"), _("stock"), _("waiting")
        lines.append(f"  {district:<12} {day:<10} {bound_by:<9} "
                     f"{printed:>8} {capacity:>8} {stock:>7} {waiting:>8}")
    for bound in days[:limit]:
        lines.append(
            f"  {calendar.district_ids[bound.district]:<12} {_date(calendar, bound.day):<10} "
            f"{_(BOUND_BY[bound.kind]):<9} {bound.printed:>8} {bound.capacity:>8} "
            f"{bound.stock:>7} {bound.waiting:>8}")
    if len(days) > limit:
        lines.append("  " + say("... and {count} more", count=len(days) - limit))
    lines.append(say("links at their daily limit: {count}", count=len(links)))
    for bound_link in links[:limit]:
        source = calendar.district_ids[int(calendar.link_source[bound_link.link])]
        target = calendar.district_ids[int(calendar.link_target[bound_link.link])]
        lines.append("  " + say("{source}->{target} on {day}: {cards} cards", source=source,
                                target=target, day=_date(calendar, bound_link.day),
                                cards=bound_link.cards))
    if len(links) > limit:
        lines.append("  " + say("... and {count} more", count=len(links) - limit))
    lines.append(say("levers worth something (change per +1 unit, shadow price or re-solved): "
                     "{count}", count=len(levers)))
    runs = lever_runs(calendar, levers)
    words = [describe_lever(calendar, lever, last) for lever, last in runs[:limit]]
    width = max([48, *map(len, words)])
    for (lever, _last), said in zip(runs, words, strict=False):
        lines.append(f"  {said:<{width}} {_change(lever.misses, lever.waiting, lever.measured)}")
    if len(runs) > limit:
        lines.append("  " + say("... and {count} more lines", count=len(runs) - limit))
    if checks:
        lines.append(_("re-solved with the change (predicted -> actual):"))
    for check in checks:
        lines.append(
            f"  {describe_lever(calendar, check.lever):<48} "
            f"{_change(check.lever.misses, check.lever.waiting)} -> "
            f"{_change(check.misses, check.waiting)}")
    return lines
