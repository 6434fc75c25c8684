"""The figures an instance can lead to must fit the engines' arithmetic exactly.

Every field is bounded on its own (a count at most 10^12, ...), but the engines
form products: waiting days are weight × applicants × days, a transfer cost
is a link's cost × the cards and blanks it carries over the days, and the
min-cost flow scales arc costs by the number of nodes. A product past 2^53
loses exactness in a float (HiGHS, CP-SAT's bounds) and past 2^63 wraps in
int64, so the plan's figures would be wrong without a word. The reader refuses
such an instance in one line naming the fields; no real office comes near it
(Indonesia's 5.7 million applicants over 90 days are below 10^11).
"""

from __future__ import annotations

from scheduler.errors import InputError
from scheduler.instance.model import Instance

EXACT = 2**53


def check_magnitudes(instance: Instance) -> None:
    """InputError when a figure the engines form could reach 2^53."""
    applicants = instance.applicant_count
    days = instance.days
    weight = max((c.weight for c in instance.classes), default=1)
    cost = max((lk.cost * max(lk.box, 1) for lk in instance.links), default=0)
    trip = max((lk.trip_cost for lk in instance.links), default=0)
    blanks = sum(d.blanks for d in instance.districts) + sum(d.blanks for d in
                                                            instance.deliveries)
    nodes = (len(instance.classes) * len(instance.districts) + 2 * len(instance.districts)
             + len(instance.links)) * days
    bounds = (
        ("classes[].weight × queue counts × horizon.days (waiting days)",
         weight * applicants * days),
        ("links[].cost × (queue counts + blanks) × horizon.days (transfer cost)",
         cost * (applicants + blanks) * days + trip * len(instance.links) * days),
        ("the largest unit cost × the flow graph's nodes (the min-cost flow's scaling)",
         max(weight * days, cost, trip) * nodes),
    )
    for fields, value in bounds:
        if value >= EXACT:
            raise InputError(instance.source, "", f"too large to plan exactly: {fields} could "
                             f"reach {value:.3g}, past 2^53 ≈ 9.0e15; lower those fields")
