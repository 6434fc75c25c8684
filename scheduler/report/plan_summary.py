"""The solve summary as a person reads it: headline figures, then a table per district."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scheduler.i18n import N_, _, number, percent, short_date
from scheduler.plan.document import lexicographic_gap
from scheduler.plan.make import DeadlinesMissed
from scheduler.plan.planned import Method, Planned
from scheduler.report.console import data_console

# The per-district table's columns (translated where printed); the first two are text.
COLUMNS = (N_("district"), N_("name"), N_("applicants"), N_("printed"), N_("not printed"),
           N_("backlog cleared"), N_("blanks left"), N_("longest wait (days)"))


def _figure(value: int | None) -> str:
    return "-" if value is None else number(value)


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
    out.print(Text(instance.name, style="bold"), ": ", _(
        "{status} by {engine} in {seconds} s -> {output}").format(
            status=result.status, engine=result.engine, seconds=number(seconds, 2),
            output=output), sep="")
    out.print("  " + _("deadline misses {misses}   waiting days {waiting}   "
                       "transfer cost {cost}").format(
        misses=number(objective.deadline_misses), waiting=number(objective.waiting_days),
        cost=number(objective.transfer_cost)))
    bound = result.bound
    out.print("  " + _("bound: misses {misses}, waiting {waiting}, transfer {cost}").format(
        misses=_figure(bound.deadline_misses), waiting=_figure(bound.waiting_days),
        cost=_figure(bound.transfer_cost)))
    out.print("  " + _gap_line(gap, result.proof))
    if ceiling is not None:
        printed = sum(f.printed for f in figures)
        out.print(f"  {ceiling.sentence(printed)}")
        reason = ceiling.gap_reason(printed)
        if reason is not None:
            out.print(f"  {reason}")
    table = Table(title=None, show_edge=False, pad_edge=False)
    for k, column in enumerate(COLUMNS):
        table.add_column(_(column), justify="left" if k < 2 else "right")
    for f in figures:
        cleared = short_date(f.cleared) if f.cleared else _("not within horizon")
        wait = f"{f.longest_wait}{'+' if f.longest_wait_unfinished else ''}"
        table.add_row(f.district, f.name, number(f.applicants), number(f.printed),
                      number(f.not_printed), cleared, number(f.blanks_left), wait)
    out.print(table)
    for short in planned.shortages or ():
        out.print("  " + _("blanks: {district} {sentence}").format(
            district=f"{short.district} {short.name}".rstrip(), sentence=short.sentence()))


def _gap_line(gap: dict[str, object], proof: str) -> str:
    """The gap to the bound, or the proof that there is none."""
    absolute, relative = gap["absolute"], gap["relative"]
    if gap["figure"] is None:
        return _("gap: 0 (proven optimal: {proof})").format(proof=proof)
    if not isinstance(absolute, int) or not isinstance(relative, float):
        return _("gap: {figure} not bounded ({proof})").format(figure=gap["figure"], proof=proof)
    return _("gap: {figure} {absolute} ({relative}); {proof}").format(
        figure=gap["figure"], absolute=number(absolute), relative=percent(relative),
        proof=proof)


def print_solve_summary(planned: Planned, *, seconds: float, output: Path,
                        asked_blanks_short: bool, console: Console | None = None) -> None:
    """`solve`'s summary: the plan's, and what the first-come plan and the limit left out."""
    out = console or data_console(120)
    greedy = planned.settings is not None and planned.settings.method == Method.GREEDY
    # The ceiling's reasons for a gap describe an optimum, not the first-come plan.
    print_summary(planned, seconds=seconds, output=output, show_ceiling=not greedy, console=out)
    if greedy:
        out.print("  " + _("{ceiling} (first-come: home printers only, no rerouting, "
                           "no lending)").format(
            ceiling=planned.ceiling.sentence(planned.result.cards)))
    if asked_blanks_short and planned.shortages is None:
        out.print("  " + _("blanks short: not computed, the time limit is used up "
                           "(`ektp-sched report` computes it)"))


def strict_deadline_lines(missed: DeadlinesMissed) -> list[str]:
    """Why strict deadlines cannot be met: the bound's verdict, then each queue that misses."""
    if missed.proven:
        head = _("no plan meets every deadline: every plan misses at least {misses} "
                 "eligible applicant(s)").format(misses=number(missed.misses))
    else:
        head = _("no plan meeting every deadline found within the limit: the best misses "
                 "{misses} (fewer may be possible)").format(misses=number(missed.misses))
    return [head, *(f"  {verdict.reason()}" for verdict in missed.verdicts)]
