"""SPEC constraints 1–8, checked day by day on the summed counts of a plan.

Each check states its inequality in SPEC notation and adds one violation per
broken (subject, day); cumulative rules (ready, blanks) report each run of
consecutive broken days once, at its first day, so one early over-print does
not flood the report with every later day.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from scheduler.instance.model import Instance
from scheduler.validator.document import Counts
from scheduler.validator.facts import Facts
from scheduler.validator.report import Violation


@dataclass(frozen=True)
class DayTotals:
    """The plan's counts gathered per subject and day (lists of length `days`)."""

    printer: dict[str, list[int]]  # cards printed on printer p
    queue: dict[tuple[str, str], list[int]]  # cards of queue (h, c), any printer
    reroute: dict[tuple[str, str], list[int]]  # cards of home h printed in k != h
    sent: dict[tuple[str, str], list[int]]  # blanks sent a -> b


def day_totals(facts: Facts, counts: Counts) -> DayTotals:
    """Gather the counts once; every check reads these lists."""
    days = facts.days
    printer: dict[str, list[int]] = {}
    queue: dict[tuple[str, str], list[int]] = {}
    reroute: dict[tuple[str, str], list[int]] = {}
    for (t, p, h, c), n in counts.prints.items():
        printer.setdefault(p, [0] * days)[t] += n
        queue.setdefault((h, c), [0] * days)[t] += n
        k = facts.printer_district[p]
        if k != h:
            reroute.setdefault((h, k), [0] * days)[t] += n
    sent: dict[tuple[str, str], list[int]] = {}
    for (t, a, b), n in counts.transfers.items():
        sent.setdefault((a, b), [0] * days)[t] += n
    return DayTotals(printer, queue, reroute, sent)


def check_constraints(instance: Instance, facts: Facts, totals: DayTotals) -> list[Violation]:
    """Every violation of constraints 1–8 (rows that could not be read are already out)."""
    found: list[Violation] = []
    found += _capacity(instance, facts, totals)
    found += _ready(facts, totals)
    found += _daily_limit(facts, totals)
    found += _blanks(instance, facts, totals)
    found += _send_day(facts, totals)
    found += _operators(instance, facts, totals)
    found += _min_batch(instance, facts, totals)
    found += _box(facts, totals)
    return found


def _capacity(instance: Instance, facts: Facts, totals: DayTotals) -> Iterator[Violation]:
    """(1) prints(p, t) ≤ cap_p(t): 0 when p's district is closed, min over covering outages."""
    for p in instance.printers:
        cards = totals.printer.get(p.id)
        if cards is None:
            continue
        for t, n in enumerate(cards):
            cap = facts.capacity[p.id][t]
            if n <= cap:
                continue
            if not facts.open[p.district][t]:
                why = f"printed {n} on a day district {p.district} is closed"
            elif cap < p.capacity:
                why = f"printed {n} > outage cap {cap}"
            else:
                why = f"printed {n} > capacity {cap}"
            yield _at(facts, "capacity", t, p.id, f"printer {p.id}: {why}")


def _ready(facts: Facts, totals: DayTotals) -> Iterator[Violation]:
    """(2) Σ_{s≤t} prints(q, s) ≤ Σ_{s≤t} a_{q,s} for every t, and Σ prints(q) ≤ |q|."""
    for (h, c), cards in totals.queue.items():
        arriving = [0] * facts.days
        for cohort in facts.cohorts.get((h, c), []):
            arriving[max(facts.index(cohort.ready), 0)] += cohort.count
        printed = list(accumulate(cards))
        ready = list(accumulate(arriving))
        over = [p > r for p, r in zip(printed, ready, strict=True)]
        for first, last in _runs(over):
            yield _at(
                facts, "ready", first, f"{h}/{c}",
                f"queue {h}/{c}: {printed[first]} printed by this day > "
                f"{ready[first]} ready by this day{_until(facts, first, last)}",
            )
        if printed[-1] > ready[-1]:
            yield Violation(
                "ready", None, f"{h}/{c}",
                f"queue {h}/{c}: {printed[-1]} printed in total > queue size {ready[-1]}",
            )


def _daily_limit(facts: Facts, totals: DayTotals) -> Iterator[Violation]:
    """(3) Σ_c prints of home h in district k on day t ≤ daily_limit(h→k)."""
    for (h, k), cards in totals.reroute.items():
        link = facts.links.get((h, k))
        if link is None or link.daily_limit is None:
            continue  # a missing link is a route violation of the rows themselves
        for t, n in enumerate(cards):
            if n > link.daily_limit:
                yield _at(
                    facts, "daily_limit", t, f"{h}->{k}",
                    f"link {h}->{k}: {n} cards of {h} printed in {k} > daily limit "
                    f"{link.daily_limit}",
                )


def _blanks(instance: Instance, facts: Facts, totals: DayTotals) -> Iterator[Violation]:
    """(4) stock + deliveries ≤ t + arrivals by t − sent ≤ t − printed ≤ t ≥ 0 (every k, t).

    A blank sent on day s along a link of lead L arrives on s + L (never, if
    that is past the horizon); a transfer with no link counts with lead 0.
    """
    days = facts.days
    received = {k: list(row) for k, row in facts.supply.items()}
    sent = {k: [0] * days for k in facts.supply}
    for (a, b), blanks in totals.sent.items():
        link = facts.links.get((a, b))
        lead = 0 if link is None else link.lead_days
        for s, n in enumerate(blanks):
            sent[a][s] += n
            if s + lead < days:
                received[b][s + lead] += n
    printed = {k: [0] * days for k in facts.supply}
    for p in instance.printers:
        for t, n in enumerate(totals.printer.get(p.id, ())):
            printed[p.district][t] += n
    for k in facts.supply:
        got = list(accumulate(received[k]))
        out = list(accumulate(sent[k]))
        used = list(accumulate(printed[k]))
        stock = [g - o - u for g, o, u in zip(got, out, used, strict=True)]
        for first, last in _runs([s < 0 for s in stock]):
            yield _at(
                facts, "blanks", first, k,
                f"district {k}: blank stock {stock[first]} at the end of the day "
                f"({got[first]} received so far, {out[first]} sent, {used[first]} printed)"
                f"{_until(facts, first, last)}",
            )


def _send_day(facts: Facts, totals: DayTotals) -> Iterator[Violation]:
    """(5) blanks leave a only on a's open days (links themselves: see the row checks)."""
    for (a, b), blanks in totals.sent.items():
        for t, n in enumerate(blanks):
            if n > 0 and not facts.open[a][t]:
                yield _at(
                    facts, "send_day", t, f"{a}->{b}",
                    f"link {a}->{b}: {n} blanks sent on a day district {a} is closed",
                )


def _operators(instance: Instance, facts: Facts, totals: DayTotals) -> Iterator[Violation]:
    """(6) |{p of k : prints(p, t) ≥ 1}| ≤ operators_k."""
    for d in instance.districts:
        if d.operators is None:
            continue
        rows = [(p.id, totals.printer[p.id]) for p in instance.printers
                if p.district == d.id and p.id in totals.printer]
        for t in range(facts.days):
            busy = [pid for pid, cards in rows if cards[t] > 0]
            if len(busy) > d.operators:
                yield _at(
                    facts, "operators", t, d.id,
                    f"district {d.id}: {len(busy)} printers print ({', '.join(busy)}) > "
                    f"{d.operators} operators",
                )


def _min_batch(instance: Instance, facts: Facts, totals: DayTotals) -> Iterator[Violation]:
    """(7) prints(p, t) = 0 or prints(p, t) ≥ min_batch_p."""
    for p in instance.printers:
        for t, n in enumerate(totals.printer.get(p.id, ())):
            if 0 < n < p.min_batch:
                yield _at(
                    facts, "min_batch", t, p.id,
                    f"printer {p.id}: printed {n} < minimum batch {p.min_batch} "
                    f"(a day prints 0 or at least {p.min_batch})",
                )


def _box(facts: Facts, totals: DayTotals) -> Iterator[Violation]:
    """(8) Σ blanks sent along a→b on day t ≡ 0 (mod box_{a→b})."""
    for (a, b), blanks in totals.sent.items():
        link = facts.links.get((a, b))
        if link is None or link.box <= 1:
            continue
        for t, n in enumerate(blanks):
            if n % link.box:
                yield _at(
                    facts, "box", t, f"{a}->{b}",
                    f"link {a}->{b}: {n} blanks sent is not a whole number of boxes of "
                    f"{link.box}",
                )


def _at(facts: Facts, rule: str, t: int, subject: str, what: str) -> Violation:
    """A violation on day t; the message starts with its date."""
    iso = facts.iso(t)
    return Violation(rule, iso, subject, f"{iso} {what}")


def _until(facts: Facts, first: int, last: int) -> str:
    return "" if first == last else f", and every day to {facts.iso(last)}"


def _runs(flags: list[bool]) -> Iterator[tuple[int, int]]:
    """(first, last) day of each maximal run of True."""
    first: int | None = None
    for t, flag in enumerate(flags):
        if flag and first is None:
            first = t
        elif not flag and first is not None:
            yield first, t - 1
            first = None
    if first is not None:
        yield first, len(flags) - 1
