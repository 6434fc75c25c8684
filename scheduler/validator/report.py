"""What a validation finds: violations, one per broken rule and day, and the objective.

Kept apart from the checks so the CLI and tests can read a report without
knowing how it was computed.
"""

from __future__ import annotations

from dataclasses import dataclass

OBJECTIVE_KEYS: tuple[str, ...] = ("deadline_misses", "waiting_days", "transfer_cost")


@dataclass(frozen=True)
class Violation:
    """One broken rule.

    `rule` names the SPEC family ("capacity", "ready", "route", "daily_limit",
    "blanks", "send_day", "operators", "min_batch", "box", "objective",
    "format"); `date` is the ISO day it happens (None when it concerns no one
    day); `subject` is what broke it: a printer id, a district id, a queue
    "district/class", a link "a->b", a row "prints[3]" or an objective figure.
    `message` is one human line with the amounts.
    """

    rule: str
    date: str | None
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """Every violation found, the objective recomputed, and the one the document stated."""

    violations: list[Violation]
    objective: dict[str, int]
    stated: dict[str, object] | None

    @property
    def valid(self) -> bool:
        return not self.violations

    def rules(self) -> set[str]:
        """The rules broken, for a quick look (tests, summaries)."""
        return {v.rule for v in self.violations}
