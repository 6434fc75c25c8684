"""Seeded synthetic instances on the real district graph (../shared/data).

Used by the benchmark script and the larger tests: pick `n` connected
kabupaten/kota, give each printers (100–400 cards a day per machine), a queue
scaled by population (a backlog ready before the start and weekly arrivals),
blanks, outages and links along real borders. The same arguments always give
the same instance.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd


def load_graph(data: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Regencies and adjacency tables with codes kept as text."""
    regencies = pd.read_csv(data / "regencies.csv", dtype={"code": str, "province_code": str})
    adjacency = pd.read_csv(data / "adjacency.csv", dtype={"code_a": str, "code_b": str})
    return regencies, adjacency


def connected_districts(adjacency: pd.DataFrame, first: str, n: int) -> list[str]:
    """The first `n` districts met by breadth-first search from `first` (sorted)."""
    neighbours: dict[str, list[str]] = {}
    for a, b in zip(adjacency.code_a, adjacency.code_b, strict=True):
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    seen = [first]
    todo = deque([first])
    while todo and len(seen) < n:
        for nxt in sorted(neighbours.get(todo.popleft(), [])):
            if nxt not in seen and len(seen) < n:
                seen.append(nxt)
                todo.append(nxt)
    return sorted(seen)


def lead_days(km: float, edge_type: str) -> int:
    """Carrying cards or blanks: a day by road up to 100 km, two beyond, three by sea."""
    if edge_type != "land":
        return 3
    return 1 if km <= 100 else 2


def daily_limit(km: float, edge_type: str) -> int:
    """Cards a neighbour prints a day for another district: one car a day, fewer by sea or far."""
    if edge_type != "land":
        return 60
    return 150 if km <= 100 else 100


def border_links(adjacency: pd.DataFrame, codes: Iterable[str]) -> list[dict[str, Any]]:
    """Both-way links along every real border (land or sea) between two of `codes`."""
    chosen = set(codes)
    links = []
    edge: dict[Any, Any]
    for edge in adjacency.to_dict("records"):
        if edge["code_a"] in chosen and edge["code_b"] in chosen:
            km, kind = float(edge["centroid_distance_km"]), str(edge["edge_type"])
            links.append({"from": edge["code_a"], "to": edge["code_b"],
                          "lead_days": lead_days(km, kind), "daily_limit": daily_limit(km, kind),
                          "cost": int(round(km / 10)), "bidirectional": True})
    return links


def region_instance(
    data: Path,
    codes: list[str],
    *,
    applicants: int,
    days: int = 90,
    seed: int = 0,
    start: date = date(2024, 1, 1),
    name: str = "synthetic",
) -> dict[str, Any]:
    """An ektp-instance/1 document over `codes` with about `applicants` applicants."""
    rng = np.random.default_rng(seed)
    regencies, adjacency = load_graph(data)
    rows = regencies.set_index("code").loc[codes]
    info: dict[Any, dict[Any, Any]] = rows.to_dict("index")
    share = rows["population"].to_numpy(dtype=float)
    share /= share.sum()
    parts: dict[str, list[dict[str, Any]]] = {
        key: [] for key in ("districts", "printers", "cohorts", "deliveries", "outages")}
    for i, code in enumerate(codes):
        total = int(round(applicants * share[i]))
        for key, records in _office(code, info[code], total, rng, start, days).items():
            parts[key].extend(records)
    return {
        "format": "ektp-instance/1",
        "name": name,
        "description": f"Synthetic: {len(codes)} districts, seed {seed}, {applicants} applicants.",
        "horizon": {"start": start.isoformat(), "days": days},
        "classes": [{"id": "regular", "weight": 1},
                    {"id": "first_voter", "weight": 3,
                     "deadline": (start + timedelta(days=days // 2)).isoformat()}],
        "districts": parts["districts"],
        "printers": parts["printers"],
        "outages": parts["outages"],
        "deliveries": parts["deliveries"],
        "links": border_links(adjacency, codes),
        "queue": {"cohorts": parts["cohorts"]},
    }


def _office(code: str, info: dict[Any, Any], total: int, rng: np.random.Generator,
            start: date, days: int) -> dict[str, list[dict[str, Any]]]:
    """One district of about `total` applicants: printers, record, a delivery, its queue and
    (three times in ten) an outage. The draws are made in this order, whatever changes."""
    printers = [{"id": f"{code}-P{m + 1}", "district": code,
                 "capacity": int(rng.integers(10, 41)) * 10}
                for m in range(int(rng.integers(1, 4)))]
    district = {"id": code, "name": str(info["name"]), "province": str(info["province"]),
                "blanks": int(total * rng.uniform(0.2, 0.5)),
                "lat": float(info["centroid_lat"]), "lon": float(info["centroid_lon"])}
    delivery = {"district": code, "date": (start + timedelta(days=days // 3)).isoformat(),
                "blanks": int(total * rng.uniform(0.2, 0.5))}
    return {"districts": [district], "printers": printers, "deliveries": [delivery],
            "cohorts": _queue(code, total, start, days),
            "outages": _outage(code, rng, start, days)}


def _queue(code: str, total: int, start: date, days: int) -> list[dict[str, Any]]:
    """A backlog of 30% in three monthly cohorts before the start; the rest weekly, a
    tenth of it first voters."""
    backlog = int(total * 0.3)
    cohorts = [{"district": code, "class": "regular",
                "ready": (start - timedelta(days=30 * (3 - month))).isoformat(),
                "count": backlog // 3} for month in range(3)]
    weeks = max(1, days // 7)
    per_week = (total - backlog) // weeks
    first = int(per_week * 0.1)
    for w in range(weeks):
        ready = (start + timedelta(weeks=w)).isoformat()
        cohorts.append({"district": code, "class": "regular", "ready": ready,
                        "count": per_week - first})
        cohorts.append({"district": code, "class": "first_voter", "ready": ready,
                        "count": first})
    return cohorts


def _outage(code: str, rng: np.random.Generator, start: date, days: int
            ) -> list[dict[str, Any]]:
    """With probability 0.3, the first printer down (or at 100 a day) for 3-14 days."""
    if rng.random() >= 0.3:
        return []
    begin = int(rng.integers(0, days - 10))
    return [{"printer": f"{code}-P1",
             "start": (start + timedelta(days=begin)).isoformat(),
             "end": (start + timedelta(days=begin + int(rng.integers(3, 15)))).isoformat(),
             "capacity": int(rng.choice([0, 100]))}]


def office_with_file_queue(
    folder: Path, *, applicants: int = 60_000, days: int = 90, seed: int = 0,
    start: date = date(2024, 1, 1),
) -> Path:
    """One office whose queue is a CSV of `applicants` rows with 16-digit NIK-like ids.

    Two deadline classes and an outage; returns the instance path written in `folder`.
    """
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    ids = rng.choice(10**15, size=applicants, replace=False) + 3527 * 10**12
    ready_offsets = rng.integers(-120, days, size=applicants)
    classes = rng.choice(["regular", "first_voter", "urgent"], size=applicants,
                         p=[0.85, 0.1, 0.05])
    frame = pd.DataFrame({
        "applicant_id": [f"{i:016d}" for i in ids],
        "district": "35.27",
        "ready": [(start + timedelta(days=int(o))).isoformat() for o in ready_offsets],
        "class": classes,
    })
    frame.to_csv(folder / "applicants.csv", index=False)
    document = {
        "format": "ektp-instance/1",
        "name": "office-file-queue",
        "horizon": {"start": start.isoformat(), "days": days},
        "classes": [{"id": "regular", "weight": 1},
                    {"id": "first_voter", "weight": 3,
                     "deadline": (start + timedelta(days=60)).isoformat()},
                    {"id": "urgent", "weight": 5,
                     "deadline": (start + timedelta(days=20)).isoformat()}],
        "districts": [{"id": "35.27", "name": "Sampang", "blanks": 20_000}],
        "printers": [{"id": "SPG-1", "district": "35.27", "capacity": 300},
                     {"id": "SPG-2", "district": "35.27", "capacity": 200}],
        "outages": [{"printer": "SPG-1", "start": (start + timedelta(days=10)).isoformat(),
                     "end": (start + timedelta(days=24)).isoformat(), "capacity": 100}],
        "deliveries": [{"district": "35.27", "date": (start + timedelta(days=30)).isoformat(),
                        "blanks": 15_000}],
        "queue": {"file": "applicants.csv"},
    }
    path = folder / "office-file-queue.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path
