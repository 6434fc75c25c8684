"""The `explain` command's text: binding constraints, ranked levers, re-solve checks."""

from __future__ import annotations

from scheduler.explain.binding import BoundDay, BoundLink
from scheduler.explain.check import Check
from scheduler.explain.prices import Lever
from scheduler.instance.calendar import Calendar


def _date(calendar: Calendar, day: int | None) -> str:
    return "every day" if day is None else calendar.instance.date_of(day).isoformat()


def describe_lever(calendar: Calendar, lever: Lever) -> str:
    """A lever in words, e.g. '+1 card of capacity at A on 2024-01-01'."""
    if lever.link is not None:
        source = calendar.district_ids[int(calendar.link_source[lever.link])]
        target = calendar.district_ids[int(calendar.link_target[lever.link])]
        return f"+1 card a day on link {source}->{target}"
    assert lever.district is not None
    what = "card of capacity" if lever.kind == "capacity" else "blank"
    return f"+1 {what} at {calendar.district_ids[lever.district]} on {_date(calendar, lever.day)}"


def _change(misses: int, waiting: int | None) -> str:
    if misses < 0 and waiting is None:
        return f"misses {misses:+d} (at most)"
    return f"misses {misses:+d}, waiting days {waiting:+d}"


def explain_lines(
    calendar: Calendar, days: list[BoundDay], links: list[BoundLink], levers: list[Lever],
    checks: list[Check], limit: int = 20,
) -> list[str]:
    """The report, at most `limit` rows per table (the rest counted)."""
    lines = [f"binding district-days: {len(days)}"]
    if days:
        lines.append(f"  {'district':<12} {'date':<10} {'bound by':<9} "
                     f"{'printed':>8} {'capacity':>8} {'stock':>7} {'waiting':>8}")
    for bound in days[:limit]:
        lines.append(
            f"  {calendar.district_ids[bound.district]:<12} {_date(calendar, bound.day):<10} "
            f"{bound.kind:<9} {bound.printed:>8} {bound.capacity:>8} {bound.stock:>7} "
            f"{bound.waiting:>8}")
    if len(days) > limit:
        lines.append(f"  ... and {len(days) - limit} more")
    lines.append(f"links at their daily limit: {len(links)}")
    for bound_link in links[:limit]:
        source = calendar.district_ids[int(calendar.link_source[bound_link.link])]
        target = calendar.district_ids[int(calendar.link_target[bound_link.link])]
        lines.append(f"  {source}->{target} on {_date(calendar, bound_link.day)}: "
                     f"{bound_link.cards} cards")
    if len(links) > limit:
        lines.append(f"  ... and {len(links) - limit} more")
    lines.append(f"levers worth something (shadow prices, change per +1 unit): {len(levers)}")
    for lever in levers[:limit]:
        lines.append(f"  {describe_lever(calendar, lever):<48} "
                     f"{_change(lever.misses, lever.waiting)}")
    if len(levers) > limit:
        lines.append(f"  ... and {len(levers) - limit} more")
    if checks:
        lines.append("re-solved with the change (predicted -> actual):")
    for check in checks:
        lines.append(
            f"  {describe_lever(calendar, check.lever):<48} "
            f"{_change(check.lever.misses, check.lever.waiting)} -> "
            f"{_change(check.misses, check.waiting)}")
    return lines
