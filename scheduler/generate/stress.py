"""`ektp-sched generate stress`: seeded stress families on real districts of the graph.

Each family starts from the synthetic region of `synthetic.region_instance` (the
same printers, queues, blanks and border links as `generate region`) over a
connected set of real districts, then pushes one thing to its limit:

- `blank-starved`: blanks for 3-10% of each queue; a third of the districts get a
  delivery a third into the horizon and must lend the rest.
- `outage-heavy`: servers that often break: every printer 2-5 windows of 1-7 days
  (60% print nothing, the rest 20-60% of capacity), a third of the districts a
  whole-server outage of 3-10 days.
- `election-deadline`: an election a third into the horizon; each district holds
  a first-voter backlog of 70-120% of what its printers can print up to the eve
  (blanks for them in stock): some cannot make it alone, and rerouting decides how
  many miss.
- `long-lead`: cards and blanks take 3-6 days by road (3 + distance/60 km) and 7
  by sea; a third of the districts lose their first printer for 2-4 weeks.
- `one-printer`: a hub and up to eight graph neighbours; only the hub prints (three
  printers of 400 cards a day), its neighbours send their cards and blanks there,
  and the queue is 1.2 times what the hub can print.
- `side-constraints`: SPEC's side constraints 6-8, so that `auto` takes CP-SAT:
  half the offices with several printers have one operator fewer than printers,
  half the printers a minimum batch of 10-20% of their capacity, a quarter of the
  links carry blanks in boxes of 10 with a trip cost of 50 or 100. Mild on
  purpose, and still hard: CP-SAT proves some regions optimal within a minute
  (Sampang's 8 districts in about 14 s) and stops on others FEASIBLE, a fraction
  of a percent above the relaxed network's bound. Over the whole country
  (`every`) it measures the bound and gap CP-SAT reaches from the relaxed flow.
- `boxes-and-trips`: every link carries blanks in boxes of 50 with a trip cost of 100
  for each day it is used (SPEC 8), nothing else changed: the fixed-charge transfers
  that make the MIP engine's ladder (docs/performance.md).

The region is the `size` districts met by breadth-first search from `around`
(default: a district drawn by the seed; for `one-printer` one with at least five
neighbours), or with `every` the whole country (the base then equals `generate
region --all` with the same seed). The same arguments always give the same
instance, and the family's changes are stated in its `description`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from scheduler.errors import InputError
from scheduler.generate.region import APPLICANTS_PER_RESIDENT, choose_districts, read_graph
from scheduler.generate.synthetic import connected_districts, region_instance

Document = dict[str, Any]
Rng = np.random.Generator


@dataclass(frozen=True)
class Region:
    """What a family's change needs to know beyond the document itself."""

    around: str  # the district the region grew from (one-printer: the hub)
    start: date
    days: int
    adjacency: pd.DataFrame


def _total(document: Document, code: str) -> int:
    return sum(c["count"] for c in document["queue"]["cohorts"] if c["district"] == code)


def _open_days(start: date, days: int) -> int:
    """Monday-to-Friday days in [start, start + days): the generated offices' calendar."""
    return sum((start + timedelta(days=t)).weekday() < 5 for t in range(days))


def _capacity(document: Document, code: str) -> int:
    return sum(p["capacity"] for p in document["printers"] if p["district"] == code)


def _iso(start: date, day: int) -> str:
    return (start + timedelta(days=day)).isoformat()


def blank_starved(document: Document, rng: Rng, region: Region) -> str:
    codes = [d["id"] for d in document["districts"]]
    for district in document["districts"]:
        district["blanks"] = int(_total(document, district["id"]) * rng.uniform(0.03, 0.10))
    lucky = sorted(str(c) for c in rng.choice(codes, size=max(1, len(codes) // 3),
                                              replace=False))
    document["deliveries"] = [
        {"district": code, "date": _iso(region.start, region.days // 3),
         "blanks": int(_total(document, code) * rng.uniform(0.3, 0.6))}
        for code in lucky]
    return (f"blank-starved: stock for 3-10% of each district's queue; only {', '.join(lucky)} "
            "get a delivery (30-60% of their queue) a third into the horizon, so blanks "
            "must be lent along the links.")


def outage_heavy(document: Document, rng: Rng, region: Region) -> str:
    outages: list[dict[str, Any]] = []
    for printer in document["printers"]:
        for _ in range(int(rng.integers(2, 6))):
            begin = int(rng.integers(0, region.days - 1))
            length = int(rng.integers(1, 8))
            capacity = 0 if rng.random() < 0.6 else int(
                printer["capacity"] * rng.uniform(0.2, 0.6)) // 10 * 10
            outages.append({"printer": printer["id"], "start": _iso(region.start, begin),
                            "end": _iso(region.start, begin + length - 1),
                            "capacity": capacity})
    for district in document["districts"]:
        if rng.random() < 1 / 3:
            begin = int(rng.integers(0, region.days - 3))
            outages.append({"district": district["id"], "start": _iso(region.start, begin),
                            "end": _iso(region.start, begin + int(rng.integers(3, 11)) - 1),
                            "capacity": 0})
    document["outages"] = outages
    return ("outage-heavy: servers that often break: every printer has 2-5 outage windows "
            "of 1-7 days (60% print nothing, the rest 20-60% of capacity) and about a third "
            f"of the districts a whole-server outage of 3-10 days; {len(outages)} windows "
            "in all.")


def election_deadline(document: Document, rng: Rng, region: Region) -> str:
    eve = region.days // 3 - 1
    open_before = _open_days(region.start, eve + 1)
    document["classes"] = [{"id": "regular", "weight": 1},
                           {"id": "first_voter", "weight": 3,
                            "deadline": _iso(region.start, eve)}]
    backlog_ready = _iso(region.start, -14)
    for district in document["districts"]:
        code = district["id"]
        voters = int(_capacity(document, code) * open_before * rng.uniform(0.7, 1.2))
        document["queue"]["cohorts"].append(
            {"district": code, "class": "first_voter", "ready": backlog_ready,
             "count": voters})
        district["blanks"] = max(district["blanks"], int(voters * 1.2))
    for cohort in document["queue"]["cohorts"]:
        if cohort["class"] == "first_voter" and cohort["ready"] > _iso(region.start, eve):
            cohort["class"] = "regular"  # turned 17 after the election: no deadline
    return (f"election-deadline: the election is on {_iso(region.start, eve + 1)}; first "
            f"voters (weight 3) must be home by {_iso(region.start, eve)}. Each district "
            f"holds a first-voter backlog ready {backlog_ready} of 70-120% of what its "
            f"printers print on the {open_before} open days up to the eve (stock raised to "
            "1.2 times it): some cannot make it alone; first voters arriving after the "
            "eve are regular.")


def long_lead(document: Document, rng: Rng, region: Region) -> str:
    distance = {}
    for edge in region.adjacency.to_dict("records"):
        km = float(edge["centroid_distance_km"])
        distance[(edge["code_a"], edge["code_b"])] = (km, str(edge["edge_type"]))
    for link in document["links"]:
        km, kind = distance[(link["from"], link["to"])]
        link["lead_days"] = 7 if kind != "land" else min(6, 3 + int(np.ceil(km / 60)))
    broken = []
    for district in document["districts"]:
        if rng.random() < 1 / 3:
            begin = int(rng.integers(0, region.days // 2))
            printer = f"{district['id']}-P1"
            broken.append(printer)
            document["outages"].append(
                {"printer": printer, "start": _iso(region.start, begin),
                 "end": _iso(region.start, begin + int(rng.integers(14, 29)) - 1),
                 "capacity": 0})
    return ("long-lead: a card printed at a neighbour, or a blank sent, takes 3 + "
            "distance/60 km days by road (at most 6) and 7 by sea; printers "
            f"{', '.join(broken) or 'none'} stop for 2-4 weeks besides the region's outages.")


def one_printer(document: Document, rng: Rng, region: Region) -> str:
    hub = region.around
    document["printers"] = [{"id": f"{hub}-P{m}", "district": hub, "capacity": 400}
                            for m in (1, 2, 3)]
    document["outages"] = [o for o in document["outages"] if o.get("district") == hub
                           or str(o.get("printer", "")).startswith(f"{hub}-")]
    document["links"] = [link for link in document["links"] if hub in (link["from"], link["to"])]
    return (f"one-printer: only {hub} prints (three printers of 400 cards a day); "
            f"{len(document['districts']) - 1} of its graph neighbours (the first by code) "
            "have none and send their cards and blanks along their link to it; links "
            "between two neighbours are dropped; the queue is 1.2 times what the hub can "
            "print over the horizon.")


def side_constraints(document: Document, rng: Rng, region: Region) -> str:
    offices: dict[str, int] = {}
    for printer in document["printers"]:
        offices[printer["district"]] = offices.get(printer["district"], 0) + 1
    several = sorted(code for code, count in offices.items() if count > 1)
    short = sorted(str(c) for c in rng.choice(several, size=(len(several) + 1) // 2,
                                              replace=False)) if several else []
    for district in document["districts"]:
        if district["id"] in short:
            district["operators"] = offices[district["id"]] - 1
    batched = 0
    for printer in document["printers"]:
        if rng.random() < 0.5:
            printer["min_batch"] = int(printer["capacity"] * rng.uniform(0.1, 0.2)) // 10 * 10
            batched += 1
    links = document["links"]
    boxed = sorted(int(i) for i in rng.choice(len(links), size=(len(links) + 3) // 4,
                                              replace=False)) if links else []
    for i in boxed:
        links[i]["box"] = 10
        links[i]["trip_cost"] = int(rng.choice([50, 100]))
    return (f"side-constraints: {', '.join(short) or 'no district'} "
            f"{'has' if len(short) == 1 else 'have'} one operator fewer than printers "
            f"(constraint 6); {batched} of the {len(document['printers'])} printers print "
            "nothing or at least a minimum batch of 10-20% of their capacity (7); "
            f"{len(boxed)} of the {len(links)} links carry blanks in boxes of 10 at a trip "
            "cost of 50 or 100 a day they are used (8).")


BOX, TRIP_COST = 50, 100  # boxes-and-trips


def boxes_and_trips(document: Document, rng: Rng, region: Region) -> str:
    for link in document["links"]:
        link["box"] = BOX
        link["trip_cost"] = TRIP_COST
    return (f"boxes-and-trips: all {len(document['links'])} links carry blanks in boxes of "
            f"{BOX} at a trip cost of {TRIP_COST} a day they are used (8).")


@dataclass(frozen=True)
class Family:
    change: Callable[[Document, Rng, Region], str]
    size: int


FAMILIES: dict[str, Family] = {
    "blank-starved": Family(blank_starved, 12),
    "outage-heavy": Family(outage_heavy, 12),
    "election-deadline": Family(election_deadline, 12),
    "long-lead": Family(long_lead, 12),
    "one-printer": Family(one_printer, 9),
    "side-constraints": Family(side_constraints, 8),
    "boxes-and-trips": Family(boxes_and_trips, 12),  # last: the others keep their seeds
}
HUB_NEIGHBOURS = 5  # one-printer: the drawn hub has at least this many neighbours


def _neighbours(adjacency: pd.DataFrame) -> dict[str, set[str]]:
    around: dict[str, set[str]] = {}
    for a, b in zip(adjacency.code_a, adjacency.code_b, strict=True):
        around.setdefault(str(a), set()).add(str(b))
        around.setdefault(str(b), set()).add(str(a))
    return around


def _districts(family: str, adjacency: pd.DataFrame, around: str, size: int) -> list[str]:
    """The region's codes, sorted: the hub and its first `size - 1` neighbours by code
    (one-printer), else the first `size` met by breadth-first search."""
    if family == "one-printer":
        return sorted([around, *sorted(_neighbours(adjacency)[around])[: size - 1]])
    return connected_districts(adjacency, around, size)


def _region(family: str, regencies: pd.DataFrame, adjacency: pd.DataFrame, data: Path,
            rng: Rng, around: str | None, size: int | None, every: bool,
            ) -> tuple[str, list[str], str]:
    """The district the region grows from, the region's codes and the description's words
    for them; `every`: the whole country (no district drawn)."""
    names = dict(zip(regencies["code"].astype(str), regencies["name"].astype(str),
                     strict=True))
    if every:
        if family == "one-printer" or around is not None or size is not None:
            raise InputError("--all", "", "the whole country takes no --around or --size, "
                             "and one-printer needs a hub (--around)")
        codes = choose_districts(regencies, data, province=None, codes=None, every=True)
        return codes[0], codes, f"all {len(codes)} districts of regencies.csv (the whole country)"
    if around is None:
        candidates = sorted(regencies["code"].astype(str))
        if family == "one-printer":
            degree = _neighbours(adjacency)
            candidates = [c for c in candidates if len(degree.get(c, ())) >= HUB_NEIGHBOURS]
        around = str(rng.choice(candidates))
    else:
        choose_districts(regencies, data, province=None, codes=[around])
    codes = _districts(family, adjacency, around, size or FAMILIES[family].size)
    return around, codes, (f"{len(codes)} real districts around {around} {names[around]}: "
                           f"{', '.join(sorted(codes))}")


def stress_document(data: Path, family: str, *, seed: int = 0, around: str | None = None,
                    size: int | None = None, every: bool = False, days: int = 90,
                    start: date = date(2024, 1, 1), name: str = "stress") -> Document:
    """An ektp-instance/1 of a stress family (seeded, deterministic); `every`: the family's
    change over the whole country instead of a region."""
    if family not in FAMILIES:
        raise InputError("--family", "", f"unknown family {family!r} "
                         f"(one of {', '.join(FAMILIES)})")
    if days < 14:
        raise InputError("--days", "", f"the horizon must be at least 14 days, got {days}")
    regencies, adjacency = read_graph(data)
    rng = np.random.default_rng([seed, list(FAMILIES).index(family)])
    around, codes, where = _region(family, regencies, adjacency, data, rng, around, size, every)
    population = float(regencies.set_index("code").loc[codes, "population"].sum())
    applicants = int(round(population * APPLICANTS_PER_RESIDENT * days / 90))
    if family == "one-printer":
        applicants = int(1.2 * 3 * 400 * _open_days(start, days))
    document = region_instance(data, codes, applicants=applicants, days=days, seed=seed,
                               start=start, name=name)
    change = FAMILIES[family].change(document, rng, Region(around, start, days, adjacency))
    document["description"] = (
        f"Generated by `ektp-sched generate stress --family {family}` (seed {seed}) on "
        f"{where}. Base as `generate region`: printers of 100-400 cards "
        "a day, a queue of 2% of the population over 90 days (30% backlog, weekly "
        "arrivals, a tenth first voters due at mid-horizon), blanks for 20-50% plus a "
        "delivery, links along real borders (lead 1-2 days by land, 3 by sea; "
        "150/100/60 cards a day; cost distance/10). Then " + change
    )
    return document
