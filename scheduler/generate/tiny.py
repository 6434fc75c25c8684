"""The tiny instances of the ladder, each with its optimum worked on paper.

Run `python -m scheduler.generate.tiny --out instances/tiny` to write them. Each
`description` holds the working; tests/test_ladder.py checks that both engines
(and an exhaustive search) reach exactly that optimum, so a change in how any
rule is read shows up as a wrong figure here. They are built in code, not kept
only as files, so the working and the instance cannot drift apart.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from scheduler.files.json_files import write_json_file

EVERY_DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _instance(name: str, description: str, **fields: Any) -> dict[str, Any]:
    return {"format": "ektp-instance/1", "name": name, "description": description, **fields}


def reroute_tiny() -> dict[str, Any]:
    return _instance(
        "reroute-tiny",
        "Optimum (misses 0, waiting 5, transfer 4), worked by hand: 3 days from Monday "
        "2024-01-01, both districts open every day. A prints 1 a day at home (days 0, 1, 2); "
        "its 4 applicants are ready at day 0. B (no blanks of its own) may print 1 of A's "
        "cards a day, home one day later (lead 1), with a blank sent from A (sent day 0, "
        "arrives day 1). At home only: ends 0, 1, 2 and one never (3): waiting 6. A print "
        "at B on day 1 is home on day 2 instead of never: waiting 0 + 1 + 2 + 2 = 5, for 2 "
        "(the card) + 2 (the blank) of transfer cost. A print at B on day 0 is impossible "
        "(no blank there yet); on day 2 it is home on day 3, the horizon's end, and saves "
        "nothing. Optimum (0, 5, 4).",
        horizon={"start": "2024-01-01", "days": 3},
        classes=[{"id": "regular", "weight": 1}],
        districts=[{"id": "A", "blanks": 10, "workdays": EVERY_DAY},
                   {"id": "B", "blanks": 0, "workdays": EVERY_DAY}],
        printers=[{"id": "A1", "district": "A", "capacity": 1},
                  {"id": "B1", "district": "B", "capacity": 2}],
        links=[{"from": "A", "to": "B", "lead_days": 1, "daily_limit": 1, "cost": 2}],
        queue={"cohorts": [{"district": "A", "class": "regular", "ready": "2023-12-31",
                            "count": 4}]},
    )


def lend_only_tiny() -> dict[str, Any]:
    return _instance(
        "lend-only-tiny",
        "Blanks only by lending. Optimum (misses 0, waiting 6, transfer 6), worked by hand: "
        "3 days from Monday 2024-01-01 (Mon-Wed, all open). A has a printer of 2 a day, 4 "
        "applicants ready on day 0 and no blanks; B holds 3 blanks and C 2, neither has a "
        "printer. B->A takes 1 day at cost 2 a blank, C->A 2 days at cost 1. Nothing can be "
        "printed on day 0 (no blank reaches A before day 1), so the best is 2 cards on day 1 "
        "and 2 on day 2: waiting 1 + 1 + 2 + 2 = 6 (printing nothing: 4 x 3 = 12). That "
        "needs 2 blanks at A by day 1, which only B can send (day 0, 2 x 2 = 4), and 2 more "
        "by day 2: C's (sent day 0, arrive day 2) at 2 x 1 = 2 rather than B's third at 2. "
        "Transfer 4 + 2 = 6: the third stage sends the blanks not needed early the slow, "
        "cheap way. Optimum (0, 6, 6).",
        horizon={"start": "2024-01-01", "days": 3},
        districts=[{"id": "A", "blanks": 0}, {"id": "B", "blanks": 3},
                   {"id": "C", "blanks": 2}],
        printers=[{"id": "A1", "district": "A", "capacity": 2}],
        links=[{"from": "B", "to": "A", "lead_days": 1, "cost": 2},
               {"from": "C", "to": "A", "lead_days": 2, "cost": 1}],
        queue={"cohorts": [{"district": "A", "ready": "2024-01-01", "count": 4}]},
    )


def deadline_tiny() -> dict[str, Any]:
    return _instance(
        "deadline-tiny",
        "A deadline class against a heavier class. Optimum (misses 0, waiting 8, transfer "
        "2), worked by hand: 3 days from Monday 2024-01-01 (Mon-Wed). A has 2 first voters "
        "(weight 1, home by Tuesday 2024-01-02 = day 1) and 2 elderly (priority service, "
        "weight 3, no deadline), all ready on day 0; A prints 1 a day (3 blanks), B prints 1 "
        "a day (1 blank), A->B lead 1, cost 2. Home days of the slots: A day 0 -> 0, A day "
        "1 -> 1, A day 2 -> 2, B day 0 -> 1, B day 1 -> 2, B day 2 -> 3 (the horizon's end: "
        "saves nothing). Waiting alone would give the elderly days 0 and 1 and the voters 1 "
        "and 2: waiting 3 x 1 + 1 + 2 = 6 but 1 miss. Misses come first: both voters must "
        "take two of the three slots home by day 1 (A0, A1, B0). Voters A0+A1: elderly B0, "
        "A2 -> 1 + 3 x (1 + 2) = 10; A0+B0: elderly A1, A2 -> 10; A1+B0: elderly A0 and A2 "
        "(or B1) -> 1 + 1 + 3 x (0 + 2) = 8. So waiting 8; the elderly's second card at A2 "
        "costs nothing while B1 would cost 2 (and a blank sent from A, 2 more), so the only "
        "rerouted card is the voter at B0: transfer 2. Optimum (0, 8, 2).",
        horizon={"start": "2024-01-01", "days": 3},
        classes=[{"id": "first_voter", "weight": 1, "deadline": "2024-01-02"},
                 {"id": "elderly", "weight": 3}],
        districts=[{"id": "A", "blanks": 3}, {"id": "B", "blanks": 1}],
        printers=[{"id": "A1", "district": "A", "capacity": 1},
                  {"id": "B1", "district": "B", "capacity": 1}],
        links=[{"from": "A", "to": "B", "lead_days": 1, "cost": 2}],
        queue={"cohorts": [
            {"district": "A", "class": "first_voter", "ready": "2024-01-01", "count": 2},
            {"district": "A", "class": "elderly", "ready": "2024-01-01", "count": 2}]},
    )


def calendar_tiny() -> dict[str, Any]:
    return _instance(
        "calendar-tiny",
        "Every calendar rule binds once. Optimum (misses 0, waiting 18, transfer 0), worked "
        "by hand: 5 days from Monday 2024-01-01 (Mon-Fri), one office A with a printer of 3 "
        "a day. Day 0: the printer's outage from 2023-12-30 (before the horizon) still "
        "covers it -> 0. Day 1: stock 1 + the delivery of 2023-12-28 (before the start: "
        "stock at day 0) = 2 blanks -> 2 cards (blank-bound, capacity 3). Day 2 (Wednesday "
        "2024-01-03): a holiday -> 0, although the 10 blanks delivered that day are there. "
        "Days 3 and 4: the whole server's outage from 2024-01-04 (to after the horizon) "
        "leaves 1 a day -> 1 + 1. The delivery on 2024-01-08 is after the horizon and "
        "ignored. 4 cards in all; first-come, the 5 applicants ready 2023-12-20 (day 0) get "
        "them on days 1, 1, 3, 4 and one waits to the end (5): 1 + 1 + 3 + 4 + 5 = 14; the 2 "
        "ready on day 3 wait 2 each: 4. Waiting 18, no deadline, nothing moved. "
        "Optimum (0, 18, 0).",
        horizon={"start": "2024-01-01", "days": 5},
        holidays=["2024-01-03"],
        districts=[{"id": "A", "blanks": 1}],
        printers=[{"id": "A1", "district": "A", "capacity": 3}],
        outages=[{"printer": "A1", "start": "2023-12-30", "end": "2024-01-01", "capacity": 0},
                 {"district": "A", "start": "2024-01-04", "end": "2024-01-10",
                  "capacity": 1}],
        deliveries=[{"district": "A", "date": "2023-12-28", "blanks": 1},
                    {"district": "A", "date": "2024-01-03", "blanks": 10},
                    {"district": "A", "date": "2024-01-08", "blanks": 50}],
        queue={"cohorts": [{"district": "A", "ready": "2023-12-20", "count": 5},
                           {"district": "A", "ready": "2024-01-04", "count": 2}]},
    )


TINY = (reroute_tiny, lend_only_tiny, deadline_tiny, calendar_tiny)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("instances/tiny"))
    args = parser.parse_args(argv)
    args.out.mkdir(exist_ok=True)  # the folder --out names (its parent must exist)
    for build in TINY:
        document = build()
        write_json_file(args.out / f"{document['name']}.json", document)


if __name__ == "__main__":
    main()
