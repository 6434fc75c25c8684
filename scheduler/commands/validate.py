"""`ektp-sched validate`: the independent validator's verdict on a plan."""

from __future__ import annotations

import sys

import click

from scheduler.commands.common import EXIT_INVALID, guarded
from scheduler.commands.working import working
from scheduler.i18n import _


@click.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(dir_okay=False))
@click.argument("solution_path", metavar="SOLUTION", type=click.Path(dir_okay=False))
@guarded
def validate(instance_path: str, solution_path: str) -> None:
    """Check SOLUTION against INSTANCE independently of the engines.

    Recomputes every constraint day by day and the three objective figures from
    the prints and transfers alone. Exit 0 valid, 1 invalid, 2 bad input.

    \b
    Example:
      ektp-sched validate instances/pelalawan-2017.json solutions/pelalawan-2017.json
    """
    from scheduler.instance.reader import read_instance
    from scheduler.validator import read_solution_document, validate_solution

    with working(_("Checking the plan…")):
        instance = read_instance(instance_path)
        document = read_solution_document(solution_path)
        report = validate_solution(instance, document, source=solution_path)
    figures = ", ".join(f"{k}={v}" for k, v in report.objective.items())
    if report.valid:
        click.echo(_("valid: {path} ({figures})").format(path=solution_path, figures=figures))
        return
    for violation in report.violations:
        click.echo(f"{violation.rule}: {violation.message}")
    click.echo(_("invalid: {count} violation(s) in {path}").format(
        count=len(report.violations), path=solution_path))
    sys.exit(EXIT_INVALID)
