"""The `explain` command's text: binding constraints, ranked levers, re-solve checks."""

from __future__ import annotations

from scheduler.diagnose.explain.binding import BoundDay, BoundLink
from scheduler.diagnose.explain.check import Check
from scheduler.diagnose.explain.prices import Lever
from scheduler.instance.calendar import Calendar


def _date(calendar: Calendar, day: int | None) -> str:
    return "every day" if day is None else calendar.instance.date_of(day).isoformat()


def describe_lever(calendar: Calendar, lever: Lever, last: int | None = None) -> str:
    """A lever in words, e.g. '+1 card of capacity at A on 2024-01-01'.

    With `last`, the lever stands for a run of days up to `last` (see lever_runs).
    """
    if lever.link is not None:
        source = calendar.district_ids[int(calendar.link_source[lever.link])]
        target = calendar.district_ids[int(calendar.link_target[lever.link])]
        return f"+1 card a day on link {source}->{target}"
    assert lever.district is not None
    what = "card of capacity" if lever.kind == "capacity" else "blank"
    where = f"+1 {what} at {calendar.district_ids[lever.district]}"
    if last is None or last == lever.day:
        return f"{where} on {_date(calendar, lever.day)}"
    return f"{where} from {_date(calendar, lever.day)} to {_date(calendar, last)} (each open day)"


def _change(misses: int, waiting: int | None, measured: bool = False) -> str:
    if misses < 0 and waiting is None:
        return f"misses {misses:+d} (at most)"
    return f"misses {misses:+d}, waiting days {waiting:+d}" + (" (re-solved)" if measured else "")


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
    for (_, district, *_), indices in runs.items():
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
    lines.append(f"levers worth something (change per +1 unit, shadow price or re-solved): "
                 f"{len(levers)}")
    runs = lever_runs(calendar, levers)
    words = [describe_lever(calendar, lever, last) for lever, last in runs[:limit]]
    width = max([48, *map(len, words)])
    for (lever, _), said in zip(runs, words, strict=False):
        lines.append(f"  {said:<{width}} {_change(lever.misses, lever.waiting, lever.measured)}")
    if len(runs) > limit:
        lines.append(f"  ... and {len(runs) - limit} more lines")
    if checks:
        lines.append("re-solved with the change (predicted -> actual):")
    for check in checks:
        lines.append(
            f"  {describe_lever(calendar, check.lever):<48} "
            f"{_change(check.lever.misses, check.lever.waiting)} -> "
            f"{_change(check.misses, check.waiting)}")
    return lines
