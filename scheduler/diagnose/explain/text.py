"""The `explain` command's text: binding facts and levers per district, re-solve checks.

Grouped as a coordinator asks: which districts were held back and by what
(capacity, an outage, blanks; links at their limit), then per district what
each purchase would save (the best day of a printer-day or of a thousand
blanks, and each outage repaired a day sooner), then the links, then the
re-solves that check the best predictions. Long lists stop at `limit` rows and
say how many more there are.
"""

from __future__ import annotations

from collections import defaultdict

from scheduler.diagnose.explain import words
from scheduler.diagnose.explain.binding import BoundDay, BoundLink
from scheduler.diagnose.explain.check import OfferCheck
from scheduler.diagnose.explain.offers import Offer
from scheduler.i18n import number, short_date
from scheduler.instance.calendar import Calendar

KINDS = ("capacity", "outage", "blanks")
LINKS_SHOWN = 10


def _date(calendar: Calendar, day: int | None) -> str:
    return words.EVERY_DAY if day is None else short_date(calendar.instance.date_of(day))


def _district(calendar: Calendar, k: int) -> str:
    district = calendar.instance.districts[k]
    return f"{district.id} {district.name}".strip()


def _columns(rows: list[tuple[str, ...]], right_from: int) -> list[str]:
    """Rows padded to common widths; columns from `right_from` on aligned right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  " + " ".join(cell.rjust(w) if i >= right_from else cell.ljust(w)
                            for i, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip()
            for row in rows]


def binding_lines(calendar: Calendar, days: list[BoundDay], links: list[BoundLink],
                  limit: int = 20) -> list[str]:
    """One row per district held back: binding days by kind, first and last, links full."""
    count: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    span: dict[int, list[int]] = {}
    for bound in days:
        count[bound.district][bound.kind] += 1
        span.setdefault(bound.district, [bound.day, bound.day])[1] = bound.day
    full: dict[int, int] = defaultdict(int)
    for bound_link in links:
        full[int(calendar.link_source[bound_link.link])] += 1
    totals = {kind: sum(c[kind] for c in count.values()) for kind in KINDS}
    lines = [words.BINDING.format(days=len(days), links=len(links), **totals)]
    held = sorted(set(count) | set(full), key=lambda k: (-sum(count[k].values()), k))
    if not held:
        return lines
    rows = [words.BINDING_HEAD] + [
        (calendar.district_ids[k], calendar.instance.districts[k].name,
         *(number(count[k][kind]) for kind in KINDS),
         _date(calendar, span[k][0]) if k in span else "-",
         _date(calendar, span[k][1]) if k in span else "-", number(full[k]))
        for k in held[:limit]]
    lines += _columns(rows, right_from=2)
    if len(held) > limit:
        lines.append("  " + words.MORE_DISTRICTS.format(count=len(held) - limit))
    return lines


def saves(misses: int, waiting: int | None, *, bound: bool) -> str:
    """What a change saves, in words: 'up to' for a bound, exact for a re-solve."""
    if misses < 0 and (waiting is None or bound):
        return (words.SAVES_MISSES_UP_TO if bound else words.SAVES_MISSES).format(
            misses=-misses)
    if misses < 0:
        return words.SAVES_BOTH.format(misses=-misses, waiting=-(waiting or 0))
    if not waiting:
        return words.NOTHING
    return (words.SAVES_UP_TO if bound else words.SAVES).format(waiting=-waiting)


def describe(calendar: Calendar, offer: Offer) -> str:
    """The purchase in words, e.g. 'a printer-day (+300 cards)'."""
    if offer.kind == "printer-day":
        return words.PRINTER_DAY.format(units=offer.units)
    if offer.kind == "blanks":
        return words.BLANKS
    if offer.kind == "repair":
        assert offer.outage is not None
        if offer.outage.printer is None:
            return words.REPAIR_DISTRICT
        return words.REPAIR.format(printer=offer.outage.printer)
    assert offer.link is not None
    return words.LINK.format(source=calendar.district_ids[int(calendar.link_source[offer.link])],
                             target=calendar.district_ids[int(calendar.link_target[offer.link])])


def _when(calendar: Calendar, offer: Offer, days: int) -> str:
    if offer.kind == "repair":
        assert offer.outage is not None
        return words.REPAIRED_ON.format(date=_date(calendar, offer.day),
                                        start=short_date(offer.outage.start),
                                        end=short_date(offer.outage.end))
    if offer.kind == "link":
        return words.EVERY_DAY
    best = words.BEST_ON if offer.kind == "printer-day" else words.BEST_BY
    return best.format(date=_date(calendar, offer.day), days=days)


def _row(calendar: Calendar, offer: Offer, days: int) -> tuple[str, ...]:
    said = saves(offer.misses, offer.waiting, bound=not offer.measured)
    return ("  " + describe(calendar, offer), _when(calendar, offer, days),
            said + (words.RE_SOLVED if offer.measured else ""))


def lever_lines(calendar: Calendar, offers: list[Offer], unmeasured: int,
                limit: int = 20) -> list[str]:
    """Per district its best printer-day, best thousand blanks and each repair; then links."""
    lines = [words.LEVERS]
    by_district: dict[int, list[Offer]] = defaultdict(list)
    for offer in sorted(offers, key=lambda o: o.key):
        if offer.district is not None:
            by_district[offer.district].append(offer)
    rows: list[tuple[str, ...]] = []
    for k in list(by_district)[:limit]:
        rows.append((_district(calendar, k), "", ""))
        best: dict[str, tuple[Offer, int]] = {}
        for offer in by_district[k]:
            first, days = best.get(offer.kind, (offer, 0))
            best[offer.kind] = (first, days + 1)
        for kind in ("printer-day", "blanks"):
            if kind in best:
                rows.append(_row(calendar, *best[kind]))
        rows += [_row(calendar, o, 1) for o in by_district[k] if o.kind == "repair"]
    links = [o for o in sorted(offers, key=lambda o: o.key) if o.kind == "link"]
    if links:
        rows.append((words.LINKS, "", ""))
        rows += [_row(calendar, o, 1) for o in links[:LINKS_SHOWN]]
    lines += _columns(rows, right_from=len(rows[0])) if rows else [words.NO_LEVERS]
    if len(by_district) > limit:
        lines.append("  " + words.MORE_DISTRICTS.format(count=len(by_district) - limit))
    if len(links) > LINKS_SHOWN:
        lines.append("  " + words.MORE_LEVERS.format(count=len(links) - LINKS_SHOWN))
    if unmeasured:
        lines.append("  " + words.NOT_MEASURED.format(count=unmeasured))
    return lines


def check_lines(calendar: Calendar, checks: list[OfferCheck]) -> list[str]:
    """Each checked purchase: what its price predicted, what the re-solve found."""
    if not checks:
        return []
    lines = [words.CHECKS]
    for check in checks:
        offer = check.offer
        said = {"lever": describe(calendar, offer),
                "predicted": saves(offer.misses, offer.waiting, bound=True),
                "actual": saves(check.misses, check.waiting, bound=False)}
        if offer.district is None or offer.day is None:
            lines.append(words.CHECK_LINK.format(**said))
            continue
        when = (words.BY if offer.kind == "blanks" else words.ON).format(
            date=_date(calendar, offer.day))
        lines.append(words.CHECK.format(district=calendar.district_ids[offer.district],
                                        when=when, **said))
    return lines
