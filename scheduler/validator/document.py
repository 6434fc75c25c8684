"""Reading an `ektp-solution/1` document and summing its rows into counts.

A document that is not a solution at all (bad JSON, not an object, wrong
format, `prints` not a list) is bad input: `InputError`, one line, exit 2. A
solution whose *rows* are wrong (unknown ids, dates outside the horizon, counts
that are not whole numbers, prints where no link allows them) is an invalid
plan: each such row becomes a violation naming it, and the checks go on with
the rows that can be read, so one report lists everything at once.
"""

from __future__ import annotations

import json
import os
import re
import stat
import zlib
from collections.abc import Container
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from scheduler.errors import InputError
from scheduler.instance.model import Instance
from scheduler.validator.facts import Facts
from scheduler.validator.report import OBJECTIVE_KEYS, Violation

SOLUTION_FORMAT = "ektp-solution/1"
MAX_INFLATED = 2 << 30  # 2 GiB by default: the national plan inflates to ~100 MB
PRINT_FIELDS = frozenset({"date", "printer", "district", "class", "count"})
TRANSFER_FIELDS = frozenset({"date", "from", "to", "count"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_GZIP_MAGIC = b"\x1f\x8b"

PrintKey = tuple[int, str, str, str]  # (day, printer, home district, class)
TransferKey = tuple[int, str, str]  # (day, from district, to district)


@dataclass(frozen=True)
class Counts:
    """The plan as summed counts: rows with the same key add up; zeros are dropped."""

    prints: dict[PrintKey, int]
    transfers: dict[TransferKey, int]


def read_solution_document(path: str | Path) -> dict[str, Any]:
    """Load a solution file (gzip read transparently) and check its top-level shape.

    Only a regular file is read, at most MAX_INFLATED bytes once inflated; JSON
    with a key given twice, a non-finite number or nesting too deep for any
    solution is not a solution (one-line InputError each).
    """
    source = str(path)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise InputError(source, "", "not a regular file")
        raw = Path(path).read_bytes()
        if raw[:2] == _GZIP_MAGIC:  # a large plan shipped as .json.gz
            raw = _inflate(raw, source)
        text = raw.decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(source, "", "file not found") from None
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:
        raise InputError(source, "", f"cannot read the file: {exc}") from None
    try:
        document = json.loads(text, object_pairs_hook=_unique_keys,
                              parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise InputError(source, where, f"not valid JSON: {exc.msg}") from None
    except ValueError as exc:  # a repeated key or a non-finite number
        raise InputError(source, "", f"not valid JSON: {exc}") from None
    except RecursionError:
        raise InputError(source, "", "not valid JSON: nested too deeply") from None
    document = check_structure(document, source)
    if "objective" not in document:
        raise InputError(source, "objective", "missing: a solution file states its three "
                         "figures (SPEC, 'Solution file')")
    return document


def _max_inflated() -> int:
    """MAX_INFLATED, or EKTP_MAX_INPUT_GIB as `ektp-sched --max-input-gib` sets it (read here
    rather than from files/inputs.py: the validator imports nothing of the tool's own)."""
    try:
        return int(float(os.environ["EKTP_MAX_INPUT_GIB"]) * (1 << 30))
    except (KeyError, ValueError):
        return MAX_INFLATED


def _inflate(raw: bytes, source: str) -> bytes:
    """Gunzip, refusing to inflate past the limit (a gzip bomb stops there)."""
    limit = _max_inflated()
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflater.decompress(raw, limit + 1)
    if len(out) > limit or inflater.unconsumed_tail:
        raise InputError(source, "", f"inflates to more than {limit:,} bytes")
    if not inflater.eof:
        raise InputError(source, "", "cannot read the file: a broken or cut gzip stream")
    return out


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        twice = sorted({key for key in keys if keys.count(key) > 1})
        raise ValueError(f"key {twice[0]!r} given twice in one object")
    return dict(pairs)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def check_structure(document: object, source: str) -> dict[str, Any]:
    """The top level must be a solution object; its rows are checked later, one by one."""
    if not isinstance(document, dict):
        raise InputError(source, "", f"expected a JSON object, got {_kind(document)}")
    fmt = document.get("format")
    if fmt != SOLUTION_FORMAT:
        raise InputError(source, "format", f"expected {SOLUTION_FORMAT!r}, got {fmt!r}")
    if not isinstance(document.get("prints"), list):
        raise InputError(source, "prints", f"expected a list, got {_kind(document.get('prints'))}")
    if not isinstance(document.get("transfers", []), list):
        raise InputError(
            source, "transfers", f"expected a list, got {_kind(document['transfers'])}"
        )
    stated = document.get("objective")
    if stated is not None and not isinstance(stated, dict):
        raise InputError(source, "objective", f"expected an object, got {_kind(stated)}")
    return document


def read_counts(
    instance: Instance, facts: Facts, document: dict[str, Any]
) -> tuple[Counts, list[Violation]]:
    """Sum the readable rows; every unreadable or unroutable row is a violation."""
    reader = _RowReader(instance, facts)
    prints: dict[PrintKey, int] = {}
    for i, row in enumerate(document["prints"]):
        key_count = reader.print_row(i, row)
        if key_count is not None and key_count[1] > 0:
            key, count = key_count
            prints[key] = prints.get(key, 0) + count
    transfers: dict[TransferKey, int] = {}
    for i, row in enumerate(document.get("transfers", [])):
        tkey_count = reader.transfer_row(i, row)
        if tkey_count is not None and tkey_count[1] > 0:
            tkey, count = tkey_count
            transfers[tkey] = transfers.get(tkey, 0) + count
    return Counts(prints, transfers), reader.violations


def stated_objective(document: dict[str, Any]) -> dict[str, object] | None:
    """The objective the document claims, if any (only the SPEC's three figures)."""
    stated = document.get("objective")
    if stated is None:
        return None
    return {key: stated.get(key) for key in OBJECTIVE_KEYS}


class _RowReader:
    """Turns one row into a key and count, or records why it cannot."""

    def __init__(self, instance: Instance, facts: Facts) -> None:
        self.facts = facts
        self.day_of = {facts.iso(t): t for t in range(facts.days)}
        self.districts = {d.id for d in instance.districts}
        self.classes = {c.id for c in instance.classes}
        self.violations: list[Violation] = []

    def print_row(self, i: int, row: object) -> tuple[PrintKey, int] | None:
        where = f"prints[{i}]"
        if not isinstance(row, dict):
            self._bad(where, None, f"expected an object, got {_kind(row)}")
            return None
        day = self._day(where, row)
        self._no_other_fields(where, row, PRINT_FIELDS, day)
        printer = self._id(where, row, "printer", self.facts.printer_district, day)
        home = self._id(where, row, "district", self.districts, day)
        cls = self._id(where, row, "class", self.classes, day)
        count = self._count(where, row, day)
        if day is None or printer is None or home is None or cls is None or count is None:
            return None
        k = self.facts.printer_district[printer]
        if k != home and (home, k) not in self.facts.links:
            # Still counted (capacity, blanks, ...): the cards were printed.
            self.violations.append(Violation(
                "route", self.facts.iso(day), f"{home}->{k}",
                f"{where}.printer: printer {printer!r} of district {k!r} prints queue "
                f"{home}/{cls}, but there is no link {home}->{k}",
            ))
        return (day, printer, home, cls), count

    def transfer_row(self, i: int, row: object) -> tuple[TransferKey, int] | None:
        where = f"transfers[{i}]"
        if not isinstance(row, dict):
            self._bad(where, None, f"expected an object, got {_kind(row)}")
            return None
        day = self._day(where, row)
        self._no_other_fields(where, row, TRANSFER_FIELDS, day)
        source = self._id(where, row, "from", self.districts, day)
        target = self._id(where, row, "to", self.districts, day)
        count = self._count(where, row, day)
        if day is None or source is None or target is None or count is None:
            return None
        if (source, target) not in self.facts.links and count > 0:
            # Still counted, as if carried with lead 0, so the blank balance sees it.
            self.violations.append(Violation(
                "route", self.facts.iso(day), f"{source}->{target}",
                f"{where}: {count} blanks sent from {source!r} to {target!r}, "
                f"but there is no link {source}->{target}",
            ))
        elif count > 0 and not self.facts.links[(source, target)].carries_blanks:
            self.violations.append(Violation(
                "route", self.facts.iso(day), f"{source}->{target}",
                f"{where}: {count} blanks sent from {source!r} to {target!r}, "
                f"but link {source}->{target} is closed to blanks",
            ))
        return (day, source, target), count

    def _day(self, where: str, row: dict[str, Any]) -> int | None:
        value = row.get("date")
        if isinstance(value, str) and value in self.day_of:
            return self.day_of[value]
        if isinstance(value, str) and _is_iso_date(value):
            first, last = self.facts.iso(0), self.facts.iso(self.facts.days - 1)
            self._bad(f"{where}.date", None, f"{value} is outside the horizon {first} .. {last}")
            return None
        self._bad(f"{where}.date", None, f"not an ISO date (YYYY-MM-DD): {value!r}")
        return None

    def _id(
        self, where: str, row: dict[str, Any], field: str, known: Container[str], day: int | None
    ) -> str | None:
        value = row.get(field)
        if isinstance(value, str) and value in known:
            return value
        what = {"printer": "printer", "class": "class"}.get(field, "district")
        self._bad(f"{where}.{field}", day, f"unknown {what} {value!r}")
        return None

    def _count(self, where: str, row: dict[str, Any], day: int | None) -> int | None:
        value = row.get("count")
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        self._bad(f"{where}.count", day, f"expected a whole number >= 0, got {value!r}")
        return None

    def _no_other_fields(self, where: str, row: dict[str, Any], known: frozenset[str],
                         day: int | None) -> None:
        """A field the SPEC does not define in a row is a mistake the reader names."""
        for field in sorted(set(row) - known):
            self._bad(f"{where}.{field}", day, f"unknown field {field!r} (a row has "
                      f"{', '.join(sorted(known))})")

    def _bad(self, where: str, day: int | None, what: str) -> None:
        subject = where.split(".")[0]
        date_iso = None if day is None else self.facts.iso(day)
        self.violations.append(Violation("format", date_iso, subject, f"{where}: {what}"))


def _is_iso_date(value: str) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _kind(value: object) -> str:
    return "nothing" if value is None else type(value).__name__
