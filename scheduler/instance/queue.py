"""Reading an instance's `queue`: cohorts listed inline, or a per-applicant queue file.

Either way the result is first-come cohorts (SPEC "Queue"); only a file queue
has applicant ids. Cohorts ready after the horizon are outside the instance.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from itertools import pairwise
from pathlib import Path

from scheduler.errors import InputError
from scheduler.files.inputs import sha256_of
from scheduler.instance.fields import Record
from scheduler.instance.model import Cohort, District, InputFile, ServiceClass

DEFAULT_CLASS = "regular"
QUEUE_KEYS = frozenset({"cohorts", "file"})
COHORT_KEYS = frozenset({"district", "class", "ready", "count", "label", "first"})


def read_queue(
    top: Record,
    districts: tuple[District, ...],
    classes: tuple[ServiceClass, ...],
    last_day: date,
    base_dir: Path,
) -> tuple[tuple[Cohort, ...], tuple[tuple[str, ...], ...] | None]:
    """The cohorts in first-come order, and each cohort's applicant ids (file queues only).

    A relative `queue.file` is found in `base_dir`.
    """
    queue = top.record("queue", QUEUE_KEYS)
    if queue.one_of("cohorts", "file"):
        return _inline_cohorts(queue, districts, classes, last_day), None
    shown = queue.text("file")
    if not shown:
        raise queue.error("file", "must be a file name, got ''")
    # pandas and pyarrow load only for file queues: inline cohorts start faster.
    from scheduler.instance.queue_file import read_queue_file

    return read_queue_file(
        base_dir / shown,
        source=top.source,
        shown=shown,
        district_ids=[d.id for d in districts],
        class_ids=[c.id for c in classes],
        default_class=DEFAULT_CLASS,
        last_day=last_day,
    )


def queue_inputs(top: Record, base_dir: Path) -> tuple[InputFile, ...]:
    """The queue file an instance names, with its SHA-256 (none for inline cohorts)."""
    queue = top.data.get("queue")
    shown = queue.get("file") if isinstance(queue, Mapping) else None
    if not isinstance(shown, str) or not shown:
        return ()
    return (InputFile("queue", str(base_dir / shown), sha256_of(base_dir / shown)),)


def _inline_cohorts(
    queue: Record,
    districts: tuple[District, ...],
    classes: tuple[ServiceClass, ...],
    last_day: date,
) -> tuple[Cohort, ...]:
    """`queue.cohorts`: a class-less cohort is of the default class (which must exist)."""
    district_ids = {d.id: d for d in districts}
    class_ids = {c.id: c for c in classes}
    cohorts: list[Cohort] = []
    named: dict[int, list[tuple[int, int, str]]] = {}  # label -> (first, end, path)
    for index, r in enumerate(queue.records("cohorts", COHORT_KEYS, required=True)):
        district = r.reference("district", district_ids, "district")
        if r.has("class"):
            service_class = r.reference("class", class_ids, "class")
        elif DEFAULT_CLASS in class_ids:
            service_class = DEFAULT_CLASS
        else:
            raise r.error(
                "class", f"none given, and the default class {DEFAULT_CLASS!r} is not in classes"
            )
        ready, count = r.day("ready"), r.whole("count")
        label, first = r.whole("label", default=index), r.whole("first", default=0)
        named.setdefault(label, []).append((first, first + count, r.path))
        if count > 0 and ready <= last_day:  # later applicants are outside the instance
            cohorts.append(Cohort(district, service_class, ready, count, label, first))
    _distinct_cohort_ids(queue, named)
    # First-come within each queue; sorted() is stable, so equal dates keep file order.
    return tuple(sorted(cohorts, key=lambda c: c.ready))


def _distinct_cohort_ids(queue: Record, named: dict[int, list[tuple[int, int, str]]]) -> None:
    """No two cohort records name the same applicant `cohort-<label>-<position>`."""
    for label, ranges in named.items():
        ranges.sort()
        for (_, end, before), (first, _, path) in pairwise(ranges):
            if first < end:
                raise InputError(queue.source, path, f"applicant ids cohort-{label}-{first}.. "
                                 f"are also those of {before} (label and first overlap)")
