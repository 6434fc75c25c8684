"""The SPEC objective recomputed from the plan by its exact first-come rule.

Within a queue the k-th applicant (first-come order) gets the k-th card, cards
ordered by (print day, home day, printer id). Applicants come in cohorts and
cards in runs of equal key, so the pairing is a merge of two run lists: cost
O(cohorts + card runs), never O(applicants), which matters at 3,000,000
applicants. The engines compute the same figures by a shortcut that is exact
only for plans that satisfy constraint 2; the validator follows the rule
itself, so its figures are right for any plan it is given.
"""

from __future__ import annotations

from datetime import date

from scheduler.instance.model import Cohort, Instance
from scheduler.validator.document import Counts
from scheduler.validator.facts import Facts
from scheduler.validator.report import OBJECTIVE_KEYS, Violation

CardRun = tuple[int, int, str, int]  # (print day, home day, printer id, cards)


def recompute_objective(instance: Instance, facts: Facts, counts: Counts) -> dict[str, int]:
    """deadline_misses, waiting_days and transfer_cost of the plan's counts.

    A card printed where no link allows it (a route violation) is taken as
    home the day it is printed, at no cost: the plan is invalid anyway.
    """
    cards: dict[tuple[str, str], list[CardRun]] = {}
    transfer = 0
    for (t, p, h, c), n in counts.prints.items():
        k = facts.printer_district[p]
        link = facts.links.get((h, k)) if k != h else None
        home_day = t if link is None else t + link.lead_days
        if link is not None:
            transfer += n * link.cost
        cards.setdefault((h, c), []).append((t, home_day, p, n))
    for (_, a, b), n in counts.transfers.items():
        link = facts.links.get((a, b))
        if link is not None and n > 0:
            transfer += n * link.cost + link.trip_cost  # one trip per link and day

    classes = {c.id: c for c in instance.classes}
    misses = waiting = 0
    for (h, c), cohorts in facts.cohorts.items():
        cls = classes[c]
        queue_misses, queue_wait = _pair(facts, cohorts, sorted(cards.get((h, c), [])),
                                         cls.deadline)
        misses += queue_misses
        waiting += cls.weight * queue_wait
    return {"deadline_misses": misses, "waiting_days": waiting, "transfer_cost": transfer}


def _pair(
    facts: Facts, cohorts: list[Cohort], cards: list[CardRun], deadline: date | None
) -> tuple[int, int]:
    """Misses and unweighted waiting of one queue, pairing cohort runs with card runs.

    An applicant misses when its class has a deadline, its ready *date* is on
    or before it, and it has no card or its card's home date is after it.
    Waiting is end − ready index: end = home day if < days, else days.
    Cards beyond the queue's size have no applicant and count for nothing here.
    """
    days = facts.days
    deadline_day = None if deadline is None else facts.index(deadline)
    misses = waiting = 0
    j = 0
    left = cards[0][3] if cards else 0
    for cohort in cohorts:
        ready = max(facts.index(cohort.ready), 0)
        eligible = deadline is not None and cohort.ready <= deadline
        n = cohort.count
        while n > 0 and j < len(cards):
            home_day = cards[j][1]
            take = min(n, left)
            waiting += take * (min(home_day, days) - ready)
            if eligible and deadline_day is not None and home_day > deadline_day:
                misses += take
            n -= take
            left -= take
            if left == 0:
                j += 1
                left = cards[j][3] if j < len(cards) else 0
        waiting += n * (days - ready)
        if eligible:
            misses += n
    return misses, waiting


def compare_objective(
    stated: dict[str, object] | None, recomputed: dict[str, int]
) -> list[Violation]:
    """Every stated figure must equal the recomputed one (none stated: nothing to compare)."""
    if stated is None:
        return []
    found: list[Violation] = []
    for key in OBJECTIVE_KEYS:
        value, actual = stated.get(key), recomputed[key]
        if isinstance(value, int) and not isinstance(value, bool) and value == actual:
            continue
        shown = "missing" if value is None else f"stated {value!r}"
        found.append(Violation(
            "objective", None, key, f"objective.{key}: {shown} != recomputed {actual}"
        ))
    return found
