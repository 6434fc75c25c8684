"""The solve summary as a person reads it: headline figures, then a table per district."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scheduler.plan.document import lexicographic_gap
from scheduler.plan.make import DeadlinesMissed
from scheduler.plan.planned import Method, Planned
from scheduler.report.console import data_console


def _figure(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def print_summary(
    planned: Planned,
    *,
    seconds: float,
    output: Path,
    show_ceiling: bool = True,
    console: Console | None = None,
) -> None:
    """Print status, objective, bound and gap, time, cards printed against the ceiling
    (diagnose/ceiling.py) and why short of it, the per-district table, and a line per
    district short of blanks (diagnose/blanks_short.py; nothing when none is)."""
    instance, result, figures = planned.instance, planned.result, planned.figures
    ceiling = planned.ceiling if show_ceiling else None
    out = console or data_console(120)
    objective = result.objective
    gap = lexicographic_gap(objective, result.bound)
    out.print(Text(instance.name, style="bold"), f": {result.status} by {result.engine} "
              f"in {seconds:.2f} s -> {output}", sep="")
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
    for short in planned.shortages or ():
        out.print(f"  blanks: {short.district} {short.name}".rstrip() + f" {short.sentence()}")


def print_solve_summary(planned: Planned, *, seconds: float, output: Path,
                        asked_blanks_short: bool, console: Console | None = None) -> None:
    """`solve`'s summary: the plan's, and what the first-come plan and the limit left out."""
    out = console or data_console(120)
    greedy = planned.settings is not None and planned.settings.method == Method.GREEDY
    # The ceiling's reasons for a gap describe an optimum, not the first-come plan.
    print_summary(planned, seconds=seconds, output=output, show_ceiling=not greedy, console=out)
    if greedy:
        out.print(f"  {planned.ceiling.sentence(planned.result.cards)} (first-come: home "
                  "printers only, no rerouting, no lending)")
    if asked_blanks_short and planned.shortages is None:
        out.print("  blanks short: not computed, the time limit is used up "
                  "(`ektp-sched report` computes it)")


def strict_deadline_lines(missed: DeadlinesMissed) -> list[str]:
    """Why strict deadlines cannot be met: the bound's verdict, then each queue that misses."""
    if missed.proven:
        head = (f"no plan meets every deadline: every plan misses at least {missed.misses:,} "
                "eligible applicant(s)")
    else:
        head = (f"no plan meeting every deadline found within the limit: the best misses "
                f"{missed.misses:,} (fewer may be possible)")
    return [head, *(f"  {verdict.reason()}" for verdict in missed.verdicts)]
