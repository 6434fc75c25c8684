"""TWO_OFFICES, the simulation tests' hand-worked instance, and WITH_OUTAGES, the same
instance with an outage model (both printers fail about every other day for about 2 days).

TWO_OFFICES: every district open every day, horizon 5 days, day 0 = 2024-01-01. A has 6
applicants and B 1, all ready before the start; A1 and B1 print 2 a day; A's cards may be
printed at B along A->B (lead 1 day, at most 2 a day, cost 1 a card); 10 blanks each.
Its optimum, (misses 0, waiting 5, transfer 1), is worked in tests/simulate/test_walk.py.
"""

from __future__ import annotations

from typing import Any

EVERY_DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
TWO_OFFICES: dict[str, Any] = {
    "format": "ektp-instance/1", "name": "two-offices",
    "horizon": {"start": "2024-01-01", "days": 5},
    "districts": [{"id": "A", "blanks": 10, "workdays": EVERY_DAY},
                  {"id": "B", "blanks": 10, "workdays": EVERY_DAY}],
    "printers": [{"id": "A1", "district": "A", "capacity": 2},
                 {"id": "B1", "district": "B", "capacity": 2}],
    "links": [{"from": "A", "to": "B", "lead_days": 1, "daily_limit": 2, "cost": 1}],
    "queue": {"cohorts": [{"district": "A", "ready": "2023-12-31", "count": 6},
                          {"district": "B", "ready": "2023-12-31", "count": 1}]},
}
WITH_OUTAGES: dict[str, Any] = {
    **TWO_OFFICES,
    "outage_model": [{"district": "A", "failures": {"mean_days_between": 2,
                                                    "days": {"mean": 2, "spread": 1}}},
                     {"printer": "B1", "degraded": {"mean_days_between": 2, "capacity": 1,
                                                    "days": {"mean": 2, "spread": 1}}}],
}
