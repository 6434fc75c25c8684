"""The world a run really lives in: the instance with its future's outages and late deliveries.

The *realised instance* is the instance plus every episode of the future as an
outage of its printer (start … start+days-1, at the episode's capacity) and
every late delivery moved `days_late` days later. It is an ordinary instance:
its calendar gives each printer's real capacity and each district's real
deliveries day by day, and the independent validator checks a run's realised
plan against it (a plan that kept every rule in the real world).
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from scheduler.instance.model import Instance, Outage
from scheduler.simulate.future import Episode, Future


def episode_outage(instance: Instance, episode: Episode, first: int, last: int) -> Outage:
    """An episode's cap on days `first` … `last` as an outage of its printer."""
    return Outage(start=instance.date_of(first), end=instance.date_of(last),
                  capacity=episode.capacity, printer=episode.printer)


def realised_instance(instance: Instance, future: Future) -> Instance:
    """The instance as the future makes it (see the module docstring)."""
    late = {ld.index: ld.days_late for ld in future.late_deliveries}
    deliveries = tuple(
        dataclasses.replace(d, date=d.date + timedelta(days=late.get(i, 0)))
        for i, d in enumerate(instance.deliveries)
    )
    outages = instance.outages + tuple(
        episode_outage(instance, e, e.start, e.start + e.days - 1)
        for e in future.episodes if e.days > 0
    )
    return dataclasses.replace(instance, outages=outages, deliveries=deliveries)
