"""`office check`: the ledger verified — every applicant once, every printed card once and
within its printer's capacity, every plan version complete and valid by the independent
validator, with the figures and inputs it was stored with.

Applicants and printed cards are keyed by id in the schema, so "once" is the
database's own guarantee; the check adds what keys cannot say.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, select

from scheduler.instance.reader import parse_instance
from scheduler.office import meta, words
from scheduler.office.done import capacity_on
from scheduler.office.migrate import current_revision, head_revision
from scheduler.office.schema import applicants, plan_assignments, plan_versions, printed, printers
from scheduler.office.state import frame, inputs_sha256
from scheduler.validator import validate


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[str, ...]
    applicants: int
    printed: int
    versions: int

    @property
    def ok(self) -> bool:
        return not self.problems


def check_ledger(connection: Connection) -> CheckReport:
    """Every check; the problems found (none: the ledger is sound)."""
    problems: list[str] = []
    revision = current_revision(connection)
    if revision != head_revision():
        problems.append(words.CHECK_SCHEMA.format(revision=revision, head=head_revision()))
        return CheckReport(tuple(problems), 0, 0, 0)
    start, end = meta.horizon(connection)
    base = frame(meta.instance_doc(connection), start, end)
    problems += _printed_problems(connection, base)
    numbers = list(connection.execute(
        select(plan_versions.c.number).order_by(plan_versions.c.number)).scalars())
    for number in numbers:
        problems += _version_problems(connection, number)
    count = connection.execute(select(func.count()).select_from(applicants)).scalar() or 0
    done = connection.execute(select(func.count()).select_from(printed)).scalar() or 0
    return CheckReport(tuple(problems), int(count), int(done), len(numbers))


def _printed_problems(connection: Connection, base: Any) -> list[str]:
    problems = []
    orphans = connection.execute(
        select(func.count()).select_from(
            printed.outerjoin(applicants, applicants.c.id == printed.c.applicant_id)
            .outerjoin(printers, printers.c.id == printed.c.printer))
        .where((applicants.c.id.is_(None)) | (printers.c.id.is_(None)))).scalar()
    if orphans:
        problems.append(words.CHECK_PRINTED_UNKNOWN.format(count=orphans))
    per_day = connection.execute(
        select(printed.c.printer, printed.c.print_date, func.count())
        .group_by(printed.c.printer, printed.c.print_date))
    for printer, day, count in per_day:
        capacity = capacity_on(base, printer, day)
        if count > capacity:
            problems.append(words.CHECK_OVER_CAPACITY.format(
                printer=printer, count=count, day=day, capacity=capacity))
    return problems


def _version_problems(connection: Connection, number: int) -> list[str]:
    row = connection.execute(select(plan_versions).where(
        plan_versions.c.number == number)).mappings().one()
    document = json.loads(row["document"])
    instance = parse_instance(json.loads(row["instance"]), f"plan {number}")
    problems = []
    rows = connection.execute(select(func.count()).where(
        plan_assignments.c.version == number)).scalar() or 0
    if rows != instance.applicant_count:
        problems.append(words.CHECK_ASSIGNMENTS.format(number=number, count=rows,
                                                       expected=instance.applicant_count))
    orphans = connection.execute(select(func.count()).select_from(
        plan_assignments.outerjoin(applicants, applicants.c.id == plan_assignments.c.applicant_id)
    ).where(and_(plan_assignments.c.version == number, applicants.c.id.is_(None)))).scalar()
    if orphans:
        problems.append(words.CHECK_UNKNOWN_IN_PLAN.format(number=number, count=orphans))
    if not _inputs_match(connection, number, row):
        problems.append(words.CHECK_SHA.format(number=number))
    report = validate(instance, document)
    if not report.valid:
        problems.append(words.CHECK_INVALID.format(number=number,
                                                   first=report.violations[0].message))
        return problems
    stored = (row["deadline_misses"], row["waiting_days"], row["transfer_cost"])
    recomputed = tuple(report.objective[k] for k in
                       ("deadline_misses", "waiting_days", "transfer_cost"))
    if stored != recomputed:
        problems.append(words.CHECK_OBJECTIVE.format(number=number, stored=stored,
                                                     recomputed=recomputed))
    return problems


def _inputs_match(connection: Connection, number: int, row: Any) -> bool:
    """The stored instance and the version's applicants (each cohort's, first-come) hash to
    the SHA-256 stored with it: neither was changed since."""
    doc = json.loads(row["instance"])
    rows = connection.execute(
        select(plan_assignments.c.cohort, plan_assignments.c.queue_rank,
               plan_assignments.c.applicant_id).where(plan_assignments.c.version == number))
    by_cohort: dict[int, list[tuple[int, str]]] = {}
    for cohort, rank, applicant in rows:
        by_cohort.setdefault(cohort, []).append((rank, applicant))
    groups = [tuple(a for _, a in sorted(by_cohort.get(j, [])))
              for j in range(len(doc["queue"]["cohorts"]))]
    return inputs_sha256(doc, groups) == row["inputs_sha256"]

