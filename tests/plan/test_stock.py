"""Blanks left at each district after each day (the print lists' "Blanks left after day").

reroute-tiny's plan (tests/data/reroute-tiny.plan.json, worked in tests/commands/test_cli.py):
A starts with 10 blanks, prints one card a day and sends B one blank on day 0 along
A -> B of lead 1, so it is B's from day 1 on; B prints one card on day 1.
  A: 10 − 1 printed − 1 sent = 8, then 7, then 6.
  B: 0 (the blank is on its way), then 0 + 1 arrived − 1 printed = 0, then 0.
"""

from __future__ import annotations

from dataclasses import replace

from scheduler.instance.reader import read_instance
from scheduler.plan.read import read_solution
from scheduler.plan.result import PlannedTransfer
from scheduler.plan.stock import blank_stock
from tests.support.paths import TINY, TINY_PLAN


def test_lent_blanks_count_from_their_arrival_day() -> None:
    planned = read_solution(read_instance(TINY), TINY_PLAN)
    assert planned.calendar.district_ids == ("A", "B")
    assert blank_stock(planned.calendar, planned.result).tolist() == [[8, 7, 6], [0, 0, 0]]


def test_blanks_arriving_after_the_horizon_are_not_counted() -> None:
    # The plan's transfer moved to day 2, the last: it leaves A on day 2 and would reach
    # B on day 3, after the horizon. A: 10 − 1 = 9, 8, then 7 − 1 sent = 6. B: 0, then
    # 0 − 1 printed = −1 (this plan is invalid; the stock says so), then −1.
    planned = read_solution(read_instance(TINY), TINY_PLAN)
    [transfer] = planned.result.transfers
    moved = replace(planned.result,
                    transfers=(PlannedTransfer(transfer.link, 2, transfer.count),))
    assert blank_stock(planned.calendar, moved).tolist() == [[9, 8, 6], [0, -1, -1]]
