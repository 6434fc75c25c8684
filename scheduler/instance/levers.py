"""Close a coordinator's levers by transforming the Instance, not the engines' models.

`solve --no-reroute` and `--no-blank-transfers` solve the same instance with one
lever shut so the plans can be compared. Each is an exact change of the
instance that the engines and the independent validator already read:

- no rerouting: every link gets `daily_limit` 0, so no card of a district is
  printed in another (SPEC constraint 3); blanks may still travel.
- no blank transfers: every link gets `carries_blanks` False; both engines
  create no transfer for such a link and the validator reports any as a route
  violation. Cards may still be printed along it.

Costs, leads and everything else stay as they are, so the objectives compare.
"""

from __future__ import annotations

from dataclasses import replace

from scheduler.instance.model import Instance


def close_levers(instance: Instance, *, reroute: bool = True,
                 blank_transfers: bool = True) -> Instance:
    """The instance with rerouting and/or blank lending closed (True keeps a lever open)."""
    links = instance.links
    if not reroute:
        links = tuple(replace(lk, daily_limit=0) for lk in links)
    if not blank_transfers:
        links = tuple(replace(lk, carries_blanks=False) for lk in links)
    return replace(instance, links=links)
