"""The two seed instances, built from the news reports and ../shared/data.

Run `python -m scheduler.generate.seeds --data ../shared/data --out instances` to
rebuild `pelalawan-2017.json`, `sampang-2018.json` and the two regional seeds built
on them, `madura-2018.json` and `riau-2017.json`, exactly (fixed seeds).
Every figure not in the reports is an assumption stated in the instance's
`description`.
"""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from scheduler.files.json_files import write_json_file
from scheduler.generate.synthetic import daily_limit, lead_days


def _weekly(start: date, weeks: int) -> list[date]:
    return [start + timedelta(weeks=w) for w in range(weeks)]


def _district(row: pd.Series, blanks: int) -> dict[str, Any]:
    return {
        "id": str(row["code"]),
        "name": str(row["name"]).replace("Kabupaten ", ""),
        "province": str(row["province"]),
        "blanks": blanks,
        "lat": round(float(row["centroid_lat"]), 5),
        "lon": round(float(row["centroid_lon"]), 5),
    }


def pelalawan_2017(data: Path) -> dict[str, Any]:
    """Pelalawan (Riau), May 2017: the only print server broken, 8,000 blanks, 15,000+ waiting."""
    rng = np.random.default_rng(2017)
    regencies = pd.read_csv(data / "regencies.csv", dtype={"code": str})
    adjacency = pd.read_csv(data / "adjacency.csv", dtype={"code_a": str, "code_b": str})
    home = "14.05"
    edges = adjacency[(adjacency.code_a == home) | (adjacency.code_b == home)]
    neighbours = sorted((set(edges.code_a) | set(edges.code_b)) - {home})
    start = date(2017, 5, 22)
    districts = [_district(regencies[regencies.code == home].iloc[0], 8000)]
    printers = [{"id": "PLW-1", "district": home, "capacity": 300}]
    cohorts: list[dict[str, Any]] = []
    # 15,000+ waiting since September 2016: monthly cohorts of about 1,700.
    for month in range(9):
        ready = date(2016 + (8 + month) // 12, (8 + month) % 12 + 1, 1)
        cohorts.append({"district": home, "class": "regular", "ready": ready.isoformat(),
                        "count": int(rng.integers(1600, 1850))})
    links = []
    deliveries = [{"district": home, "date": "2017-07-17", "blanks": 5000}]
    for code in neighbours:
        row = regencies[regencies.code == code].iloc[0]
        population = int(row["population"])
        machines = 2 if population > 800_000 else 1
        capacity = int(rng.integers(25, 36)) * 10
        daily_print = machines * capacity
        # Neighbours keep up with their own recording but have blanks for about that only.
        districts.append(_district(row, int(daily_print * 0.75 * 5 * 4)))
        deliveries.append({"district": code, "date": "2017-06-19",
                           "blanks": int(daily_print * 0.7 * 5 * 10)})
        for m in range(machines):
            printers.append({"id": f"{code.replace('.', '')}-{m + 1}", "district": code,
                             "capacity": capacity})
        for week_start in _weekly(start - timedelta(days=7), 14):
            cohorts.append({"district": code, "class": "regular",
                            "ready": week_start.isoformat(),
                            "count": int(daily_print * 5 * rng.uniform(0.55, 0.7))})
        edge = edges[(edges.code_a == code) | (edges.code_b == code)].iloc[0]
        km = float(edge["centroid_distance_km"])
        links.append({"from": home, "to": code, "lead_days": lead_days(km, edge["edge_type"]),
                      "daily_limit": 150 if edge["edge_type"] == "land" else 60,
                      "cost": int(round(km / 10)), "bidirectional": True})
    # Recording goes on: about 450 new print-ready residents a week in Pelalawan.
    for week_start in _weekly(start, 13):
        cohorts.append({"district": home, "class": "regular", "ready": week_start.isoformat(),
                        "count": int(rng.integers(400, 500))})
    return {
        "format": "ektp-instance/1",
        "name": "pelalawan-2017",
        "description": (
            "Pelalawan (Riau), from RiauBernas 18 May 2017: the only e-KTP print server is "
            "broken, more than 15,000 residents have waited since September 2016, and only "
            "8,000 blanks have arrived. Assumptions: horizon 90 days from Monday 22 May 2017; "
            "the server (PLW-1, 300 cards a day when working) is broken from 18 May until a "
            "replacement bought from the revised budget (APBD-P) runs on 1 August 2017; a "
            "delivery of 5,000 blanks on 17 July 2017; about 450 new print-ready residents a "
            "week. Neighbours are Pelalawan's real land neighbours (and Kepulauan Meranti by "
            "sea) from ../shared/data, each with one or two printers of 250-350 cards a day "
            "(two for units above 800,000 residents), their own weekly queue at 55-70% of "
            "capacity and blanks for four weeks of it; links both ways, lead 1 day up to 100 "
            "km, 2 beyond, 3 by sea; a neighbour prints at most 150 of Pelalawan's cards a "
            "day (60 by sea); cost per card or blank moved = distance/10. National holidays "
            "of 2017 included. For `simulate` only (plans ignore it): the old server 'often "
            "breaks' (the report), assumed to fail on any day it runs with probability 1/30 "
            "and to take 7 +- 4 days to repair, also after 1 August (the replacement is "
            "taken as no better until it has proven itself); the backlog began with blanks "
            "arriving late, so every delivery to every unit is assumed late with "
            "probability 0.3, by 10 +- 5 days. Generated by `python -m "
            "scheduler.generate.seeds`."
        ),
        "horizon": {"start": start.isoformat(), "days": 90},
        "holidays": ["2017-05-25", "2017-06-01", "2017-06-23", "2017-06-26", "2017-06-27",
                     "2017-06-28", "2017-06-29", "2017-06-30", "2017-08-17"],
        "classes": [{"id": "regular", "weight": 1}],
        "districts": districts,
        "printers": printers,
        "outages": [{"printer": "PLW-1", "start": "2017-05-18", "end": "2017-07-31",
                     "capacity": 0}],
        "outage_model": [{"printer": "PLW-1", "failures": {
            "mean_days_between": 30, "days": {"mean": 7, "spread": 4}}}],
        "deliveries": deliveries,
        "delivery_delay": [{"probability": 0.3, "days_late": {"mean": 10, "spread": 5}}],
        "links": links,
        "queue": {"cohorts": cohorts},
    }


def sampang_2018(data: Path) -> dict[str, Any]:
    """Sampang (Madura), Q2 2018: 300 cards a day, 100 when disturbed, 60,000 a quarter."""
    rng = np.random.default_rng(2018)
    regencies = pd.read_csv(data / "regencies.csv", dtype={"code": str})
    code = "35.27"
    start = date(2018, 4, 2)
    cohorts: list[dict[str, Any]] = []
    # The first quarter left about 15,000 of 60,000 recorded unprinted.
    for month, count in ((1, 4000), (2, 5000), (3, 6000)):
        cohorts.append({"district": code, "class": "regular",
                        "ready": date(2018, month, 15).isoformat(), "count": count})
    # Recording goes on at 60,000 a quarter; first voters of the 27 June 2018 election
    # (Pilkada Jawa Timur) are about a tenth of them.
    for week in range(13):
        ready = (start + timedelta(weeks=week)).isoformat()
        total = int(rng.integers(4400, 4850))
        first = int(total * rng.uniform(0.08, 0.12))
        cohorts.append({"district": code, "class": "regular", "ready": ready,
                        "count": total - first})
        cohorts.append({"district": code, "class": "first_voter", "ready": ready,
                        "count": first})
    return {
        "format": "ektp-instance/1",
        "name": "sampang-2018",
        "description": (
            "Sampang (Madura), from the 2018 report: 60,000 recorded in the first quarter, "
            "about 45,000 printed, 300 cards a day or about 100 when the server is disturbed, "
            "elections ahead. Assumptions: horizon 90 days from Monday 2 April 2018; one "
            "printer SPG-1 of 300 cards a day; three disturbance windows at 100 a day; the "
            "15,000 left from the first quarter ready in January-March; 60,000 more arriving "
            "weekly over the horizon, a tenth of them first voters (weight 3) who need their "
            "card home by 26 June 2018, the eve of the Jawa Timur governor election; 6,000 "
            "blanks in stock and 8,000 delivered on 2 May and 4 June; 2018 national holidays "
            "and the Lebaran leave days. For `simulate` only (plans ignore it): the report says "
            "the server is often disturbed; assumed: disturbances also come at random besides "
            "the three known windows, as often and as long as those (22 disturbed days in "
            "three windows in 90): one starts on any undisturbed day with probability 1/23 "
            "and lasts 7 +- 3 days at 100 cards a day. Generated by `python -m "
            "scheduler.generate.seeds`."
        ),
        "horizon": {"start": start.isoformat(), "days": 90},
        "holidays": ["2018-04-14", "2018-05-01", "2018-05-10", "2018-05-29", "2018-06-01",
                     "2018-06-11", "2018-06-12", "2018-06-13", "2018-06-14", "2018-06-15",
                     "2018-06-18", "2018-06-19", "2018-06-20", "2018-06-27"],
        "classes": [{"id": "regular", "weight": 1},
                    {"id": "first_voter", "weight": 3, "deadline": "2018-06-26"}],
        "districts": [_district(regencies[regencies.code == code].iloc[0], 6000)],
        "printers": [{"id": "SPG-1", "district": code, "capacity": 300}],
        "outages": [
            {"district": code, "start": "2018-04-16", "end": "2018-04-20", "capacity": 100},
            {"district": code, "start": "2018-05-07", "end": "2018-05-18", "capacity": 100},
            {"district": code, "start": "2018-06-04", "end": "2018-06-08", "capacity": 100},
        ],
        "outage_model": [{"printer": "SPG-1", "degraded": {
            "mean_days_between": 23, "days": {"mean": 7, "spread": 3}, "capacity": 100}}],
        "deliveries": [{"district": code, "date": "2018-05-02", "blanks": 8000},
                       {"district": code, "date": "2018-06-04", "blanks": 8000}],
        "links": [],
        "queue": {"cohorts": cohorts},
    }


def _office(row: pd.Series, rng: np.random.Generator, start: date,
            first_voters: float) -> dict[str, list[dict[str, Any]]]:
    """A neighbour office keeping up with its own queue: the Pelalawan-neighbour recipe.

    One or two printers (two above 800,000 residents) of 250-350 cards a day, a
    weekly queue at 55-70% of capacity (`first_voters` of it first voters), blanks
    for four weeks of it and a delivery for ten more weeks four weeks in.
    """
    code = str(row["code"])
    machines = 2 if int(row["population"]) > 800_000 else 1
    capacity = int(rng.integers(25, 36)) * 10
    daily_print = machines * capacity
    cohorts: list[dict[str, Any]] = []
    for week_start in _weekly(start - timedelta(days=7), 14):
        total = int(daily_print * 5 * rng.uniform(0.55, 0.7))
        first = int(total * first_voters)
        cohorts.append({"district": code, "class": "regular",
                        "ready": week_start.isoformat(), "count": total - first})
        if first:
            cohorts.append({"district": code, "class": "first_voter",
                            "ready": week_start.isoformat(), "count": first})
    return {
        "districts": [_district(row, int(daily_print * 0.75 * 5 * 4))],
        "printers": [{"id": f"{code.replace('.', '')}-{m + 1}", "district": code,
                      "capacity": capacity} for m in range(machines)],
        "cohorts": cohorts,
        "deliveries": [{"district": code, "date": (start + timedelta(weeks=4)).isoformat(),
                        "blanks": int(daily_print * 0.7 * 5 * 10)}],
    }


def _links(adjacency: pd.DataFrame, codes: list[str]) -> list[dict[str, Any]]:
    """Both-way links along every real border (land or sea) between two chosen districts."""
    chosen = set(codes)
    links = []
    for edge in adjacency.to_dict("records"):
        if edge["code_a"] in chosen and edge["code_b"] in chosen:
            km, kind = float(edge["centroid_distance_km"]), str(edge["edge_type"])
            links.append({"from": edge["code_a"], "to": edge["code_b"],
                          "lead_days": lead_days(km, kind), "daily_limit": daily_limit(km, kind),
                          "cost": int(round(km / 10)), "bidirectional": True})
    return links


LINK_RULE = (
    "links both ways along every real border between two of the units (../shared/data): lead "
    "1 day up to 100 km by land, 2 beyond, 3 by sea; at most 150 cards a day printed for the "
    "other unit (100 beyond 100 km, 60 by sea); cost per card or blank moved = distance/10"
)


def _region(base: dict[str, Any], data: Path, codes: list[str], seed: int,
            first_voters: float) -> dict[str, Any]:
    """`base` (a seed office's document) with offices for the other `codes` and their links."""
    rng = np.random.default_rng(seed)
    regencies = pd.read_csv(data / "regencies.csv", dtype={"code": str})
    adjacency = pd.read_csv(data / "adjacency.csv", dtype={"code_a": str, "code_b": str})
    start = date.fromisoformat(base["horizon"]["start"])
    # The office's outage model (for `simulate`) stays with the office seed: the
    # regional seeds say nothing random, so they are the deterministic instances.
    document = {key: value for key, value in base.items()
                if key not in ("outage_model", "delivery_delay")}
    present = {d["id"] for d in base["districts"]}
    parts: dict[str, list[dict[str, Any]]] = {
        key: list(base[key]) for key in ("districts", "printers", "deliveries")}
    parts["cohorts"] = list(base["queue"]["cohorts"])
    for code in codes:
        if code in present:
            continue
        office = _office(regencies[regencies.code == code].iloc[0], rng, start, first_voters)
        for key, rows in office.items():
            parts[key].extend(rows)
    for key in ("districts", "printers", "deliveries"):
        document[key] = parts[key]
    document["links"] = _links(adjacency, codes)
    document["queue"] = {"cohorts": parts["cohorts"]}
    return document


def madura_2018(data: Path) -> dict[str, Any]:
    """Madura's four kabupaten, Q2 2018: Sampang's seed office beside three neighbours."""
    codes = ["35.26", "35.27", "35.28", "35.29"]
    document = _region(sampang_2018(data), data, codes, seed=3527, first_voters=0.1)
    document["name"] = "madura-2018"
    document["description"] = (
        "Madura (Jawa Timur), Q2 2018: Bangkalan 35.26, Sampang 35.27, Pamekasan 35.28 and "
        "Sumenep 35.29. Sampang is the sampang-2018 seed unchanged (300 cards a day, 100 in "
        "three disturbance windows, 60,000 recorded a quarter, 15,000 left from the first "
        "quarter, a tenth first voters who need their card by 26 June 2018, the eve of the "
        "Jawa Timur governor election). Assumptions for the three neighbours: one or two "
        "printers (two above 800,000 residents) of 250-350 cards a day, their own weekly "
        "queue at 55-70% of capacity with a tenth first voters, blanks for four weeks of it "
        "and a delivery for ten more weeks on 30 April 2018; " + LINK_RULE + ". Horizon, "
        "holidays and classes as sampang-2018. Generated by `python -m scheduler.generate.seeds`."
    )
    return document


def riau_2017(data: Path) -> dict[str, Any]:
    """Riau's twelve units, May 2017: Pelalawan's broken server and 8,000 blanks."""
    regencies = pd.read_csv(data / "regencies.csv", dtype={"code": str})
    codes = sorted(regencies[regencies.code.str.startswith("14.")].code)
    document = _region(pelalawan_2017(data), data, codes, seed=1405, first_voters=0.0)
    document["name"] = "riau-2017"
    document["description"] = (
        "Riau province, May 2017: its twelve kabupaten/kota. Pelalawan 14.05 and its seven "
        "neighbours are the pelalawan-2017 seed unchanged (the only print server PLW-1 "
        "broken from 18 May until 1 August 2017, 8,000 blanks, more than 15,000 waiting "
        "since September 2016, 5,000 blanks on 17 July). Assumptions for the other four "
        "units (Bengkalis, Rokan Hulu, Rokan Hilir, Dumai), as for Pelalawan's neighbours: "
        "one or two printers (two above 800,000 residents) of 250-350 cards a day, their own "
        "weekly queue at 55-70% of capacity, blanks for four weeks of it and a delivery for "
        "ten more weeks on 19 June 2017; " + LINK_RULE + " (this replaces pelalawan-2017's "
        "flat 150/60 limits). Horizon, holidays and classes as pelalawan-2017. Generated by "
        "`python -m scheduler.generate.seeds`."
    )
    return document


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("instances"))
    args = parser.parse_args(argv)
    args.out.mkdir(exist_ok=True)  # the folder --out names (its parent must exist)
    for build in (pelalawan_2017, sampang_2018, madura_2018, riau_2017):
        document = build(args.data)
        write_json_file(args.out / f"{document['name']}.json", document)


if __name__ == "__main__":
    main()
