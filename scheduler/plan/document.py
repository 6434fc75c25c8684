"""Turning an engine's result into an `ektp-solution/1` document and writing it.

Prints name their queue by home district and class (SPEC), so the document is
readable without the engine's indices; the `solver` block says which engine
produced the plan, its status, the proven lexicographic bound, the gap and how
optimality was proven.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scheduler.files.json_files import write_json_file
from scheduler.instance.calendar import Calendar
from scheduler.instance.model import InputFile
from scheduler.plan.result import FIGURES, Bound, EngineResult, Objective

if TYPE_CHECKING:
    from scheduler.plan.planned import Planned

SOLUTION_FORMAT = "ektp-solution/1"


def lexicographic_gap(objective: Objective, bound: Bound) -> dict[str, Any]:
    """The first figure where plan and bound differ, with absolute and relative gap.

    A lexicographic plan is proven optimal when every figure meets its bound; the
    first that does not is where the remaining doubt lies (later figures are
    meaningless until it closes).
    """
    for name, value, lower in zip(FIGURES, objective.as_tuple(), bound.as_tuple(), strict=True):
        if lower is None:
            return {"figure": name, "absolute": None, "relative": None}
        if value != lower:
            gap = value - lower
            return {"figure": name, "absolute": gap, "relative": gap / max(abs(value), 1)}
    return {"figure": None, "absolute": 0, "relative": 0.0}


def solution_document(
    calendar: Calendar, result: EngineResult, settings: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The `ektp-solution/1` JSON document of an engine's plan."""
    instance = calendar.instance
    prints = [
        {
            "date": instance.date_of(pp.day).isoformat(),
            "printer": calendar.printer_ids[pp.printer],
            "district": calendar.district_ids[calendar.queues[pp.queue].home],
            "class": calendar.class_ids[calendar.queues[pp.queue].service_class],
            "count": pp.count,
        }
        for pp in sorted(result.prints, key=lambda p: (p.day, p.printer, p.queue))
        if pp.count > 0
    ]
    transfers = [
        {
            "date": instance.date_of(tr.day).isoformat(),
            "from": calendar.district_ids[int(calendar.link_source[tr.link])],
            "to": calendar.district_ids[int(calendar.link_target[tr.link])],
            "count": tr.count,
        }
        for tr in sorted(result.transfers, key=lambda t: (t.day, t.link))
        if tr.count > 0
    ]
    solver: dict[str, Any] = {
        "engine": result.engine,
        "status": result.status,
        "seconds": round(result.seconds, 3),
        "bound": result.bound.as_dict(),
        "gap": lexicographic_gap(result.objective, result.bound),
        "proof": result.proof,
        "stages": [
            {
                "name": s.name,
                "status": s.status,
                "value": s.value,
                "bound": s.bound,
                "seconds": round(s.seconds, 3),
            }
            for s in result.stages
        ],
    }
    if result.certificate is not None:
        solver["certificate"] = result.certificate  # per stage: what was checked
    if settings:
        solver["settings"] = settings
    document: dict[str, Any] = {"format": SOLUTION_FORMAT, "instance": instance.name}
    if instance.inputs:
        document["inputs"] = inputs_block(instance.inputs)
    document.update(objective=result.objective.as_dict(), prints=prints, transfers=transfers,
                    solver=solver)
    return document


def with_inputs(document: dict[str, Any], files: Iterable[InputFile]) -> dict[str, Any]:
    """The document with its `inputs` set to `files` (after `instance`, as written first)."""
    out: dict[str, Any] = {}
    for key, value in document.items():
        if key != "inputs":
            out[key] = value
        if key == "instance":
            out["inputs"] = inputs_block(files)
    return out


def inputs_block(files: Iterable[InputFile]) -> dict[str, dict[str, str]]:
    """The plan's `inputs`: per role, the file's name and SHA-256 (SPEC allows the field).

    A command reading the plan back compares them with the files it reads
    (plan/read.py), so a plan is never used with an instance or queue that changed.
    """
    return {f.role: {"file": f.name, "sha256": f.sha256} for f in files}


def write_solution(planned: Planned, path: str | Path) -> None:
    """Write a plan's document atomically (gzip-compressed when `path` ends in .gz)."""
    write_json_file(path, planned.document)
