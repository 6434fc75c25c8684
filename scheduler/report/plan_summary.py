"""The solve summary as a person reads it: headline figures, then a table per district."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from scheduler.diagnose.blanks_short import BlanksShort
from scheduler.diagnose.ceiling import Ceiling
from scheduler.instance.model import Instance
from scheduler.plan.document import lexicographic_gap
from scheduler.plan.figures import DistrictFigures
from scheduler.plan.result import EngineResult


def _figure(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def print_summary(
    instance: Instance,
    result: EngineResult,
    figures: list[DistrictFigures],
    *,
    seconds: float,
    output: Path,
    shortages: list[BlanksShort] | None = None,
    ceiling: Ceiling | None = None,
    console: Console | None = None,
) -> None:
    """Print status, objective, bound and gap, time, cards printed against the ceiling
    (scheduler/diagnose/ceiling.py) and why short of it, the per-district table, and a line
    per district short of blanks (scheduler/diagnose/blanks_short.py; nothing when none is)."""
    out = console or Console(width=120, highlight=False)
    assert result.objective is not None
    objective = result.objective
    gap = lexicographic_gap(objective, result.bound)
    out.print(f"[bold]{instance.name}[/]: {result.status} by {result.engine} "
              f"in {seconds:.2f} s -> {output}")
    out.print(f"  deadline misses {objective.deadline_misses:,}   "
              f"waiting days {objective.waiting_days:,}   "
              f"transfer cost {objective.transfer_cost:,}")
    bound = result.bound
    out.print(f"  bound: misses {_figure(bound.deadline_misses)}, "
              f"waiting {_figure(bound.waiting_days)}, transfer {_figure(bound.transfer_cost)}")
    if gap["figure"] is None:
        out.print(f"  gap: 0 (proven optimal: {result.proof})")
    elif gap["absolute"] is None:
        out.print(f"  gap: {gap['figure']} not bounded ({result.proof})")
    else:
        out.print(f"  gap: {gap['figure']} {gap['absolute']:,} ({gap['relative']:.2%}); "
                  f"{result.proof}")
    if ceiling is not None:
        printed = sum(f.printed for f in figures)
        out.print(f"  {ceiling.sentence(printed)}")
        reason = ceiling.gap_reason(printed)
        if reason is not None:
            out.print(f"  {reason}")
    table = Table(title=None, show_edge=False, pad_edge=False)
    for column in ("district", "name", "applicants", "printed", "not printed",
                   "backlog cleared", "blanks left", "longest wait (days)"):
        table.add_column(column, justify="left" if column in ("district", "name") else "right")
    for f in figures:
        cleared = f.cleared.isoformat() if f.cleared else "not within horizon"
        wait = f"{f.longest_wait}{'+' if f.longest_wait_unfinished else ''}"
        table.add_row(f.district, f.name, f"{f.applicants:,}", f"{f.printed:,}",
                      f"{f.not_printed:,}", cleared, f"{f.blanks_left:,}", wait)
    out.print(table)
    for short in shortages or []:
        out.print(f"  blanks: {short.district} {short.name}".rstrip() + f" {short.sentence()}")
