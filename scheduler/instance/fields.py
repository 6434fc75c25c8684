"""Typed access to the fields of a parsed JSON instance, with field-path errors.

Every getter either returns a value of the promised type or raises
`InputError(source, "printers[3].capacity", "must be a whole number >= 0, got -5")`,
so the reader itself reads like the SPEC's list of fields and never repeats a check.
JSON is strict here on purpose: booleans are not numbers, `3.0` is not a whole
number, and an unknown key is an error (it is usually a typo such as `capcity`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from datetime import date

from scheduler.errors import InputError

#: Whole numbers above this are refused: every engine works in int64 and sums
#: capacities and counts over days, so a larger figure could only overflow there.
MAX_WHOLE = 10**12

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SHOWN_TEXT = 60


class JsonObject(dict[str, object]):
    """A JSON object that remembers keys given twice (the `json` module keeps the last)."""

    duplicate_keys: tuple[str, ...] = ()

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, object]]) -> JsonObject:
        """`object_pairs_hook` for `json.loads`."""
        obj = cls(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            repeated: list[str] = []
            for key, _ in pairs:
                if key in seen:
                    repeated.append(key)
                seen.add(key)
            obj.duplicate_keys = tuple(repeated)
        return obj


def describe(value: object) -> str:
    """A value as it appears in a message: JSON words for JSON values, one line, short."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= _SHOWN_TEXT else value[:_SHOWN_TEXT] + "..."
        return repr(shown)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    return f"a {type(value).__name__}"


# C0 and C1 control characters (tab and newline included: none belongs in a name or id)
# and UTF-16 surrogates, which only a broken producer writes into JSON text.
UNREADABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def one_line(text: str) -> str:
    """A foreign message (pandas, zlib, json) squeezed onto one line."""
    return " ".join(text.split())


def parse_iso_date(value: object) -> date | None:
    """A strict `YYYY-MM-DD` date, or None (Python's `fromisoformat` also takes `20170601`)."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def whole_value(value: object, source: str, where: str, minimum: int = 0) -> int:
    """A JSON integer >= minimum (not a bool, not a float such as 3.0)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InputError(
            source, where, f"must be a whole number >= {minimum}, got {describe(value)}"
        )
    if value > MAX_WHOLE:
        raise InputError(source, where, f"must be at most {MAX_WHOLE} (10^12), got {value}")
    return value


def number_value(
    value: object, source: str, where: str, minimum: float, maximum: float | None = None
) -> float:
    """A JSON number (int or float, not bool) from minimum to maximum (default 10^12)."""
    wanted = f">= {minimum:g}" if maximum is None else f"from {minimum:g} to {maximum:g}"
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not minimum <= value <= (MAX_WHOLE if maximum is None else maximum)  # refuses NaN
    ):
        if maximum is None and isinstance(value, int | float) and value > MAX_WHOLE:
            wanted = f"at most {MAX_WHOLE} (10^12)"
        raise InputError(source, where, f"must be a number {wanted}, got {describe(value)}")
    return float(value)


def date_value(value: object, source: str, where: str) -> date:
    """An ISO date string."""
    parsed = parse_iso_date(value)
    if parsed is None:
        raise InputError(source, where, f"not an ISO date (YYYY-MM-DD): {describe(value)}")
    return parsed


def text_value(value: object, source: str, where: str) -> str:
    """A JSON string a person can read: no control character, no lone surrogate.

    A carriage return in an id splits a CSV row, a NUL breaks an .xlsx, and a lone
    surrogate (`"\\ud800"`, valid JSON) cannot be written as UTF-8 at all: each is
    refused here with the field's path, before any output is made.
    """
    if not isinstance(value, str):
        raise InputError(source, where, f"must be a string, got {describe(value)}")
    bad = UNREADABLE.search(value)
    if bad is not None:
        raise InputError(source, where, f"contains U+{ord(bad.group()):04X}, a control "
                         "character or half of a surrogate pair: not text a person can read")
    return value


def id_value(value: object, source: str, where: str) -> str:
    """An id: a non-empty string (ids are text, `1405` must be written `"1405"`)."""
    if not isinstance(value, str) or not value:
        raise InputError(source, where, f"must be a non-empty string id, got {describe(value)}")
    return text_value(value, source, where)


def unknown_field(key: str, allowed: Iterable[str]) -> str:
    """The message for an unknown key, with the nearest allowed key as a hint."""
    return "unknown field" + nearest_hint(key, allowed)


def nearest_hint(name: str, allowed: Iterable[str]) -> str:
    """"; did you mean 'x'?" for the nearest allowed name, else " (allowed: a, b, ...)"."""
    names = sorted(allowed)
    close = difflib.get_close_matches(name, names, n=1)
    if close:
        return f"; did you mean '{close[0]}'?"
    return " (allowed: " + ", ".join(names) + ")"


class Record:
    """A JSON object found at a field path, with typed getters for its fields.

    Construction rejects non-objects, keys given twice and keys outside `allowed`.
    A getter with `default` returns it when the key is absent; `null` is never
    taken as absent except where a getter says so (SPEC: only `operators`).
    """

    def __init__(self, value: object, source: str, path: str, allowed: frozenset[str]) -> None:
        if not isinstance(value, Mapping):
            raise InputError(source, path, f"must be an object, got {describe(value)}")
        self.data: Mapping[str, object] = value
        self.source = source
        self.path = path
        for key in getattr(value, "duplicate_keys", ()):
            raise self.error(key, "given twice in the same object")
        for key in value:
            if key not in allowed:
                raise self.error(str(key), unknown_field(str(key), allowed))

    def where(self, key: str | None = None) -> str:
        """The field path of `key` in this record (of the record itself for None)."""
        if key is None:
            return self.path
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str | None, what: str) -> InputError:
        return InputError(self.source, self.where(key), what)

    def has(self, key: str) -> bool:
        return key in self.data

    def one_of(self, first: str, second: str) -> bool:
        """Whether `first` is the one given, when exactly one of the two keys must be."""
        given = self.has(first)
        if given == self.has(second):
            got = "both" if given else "neither"
            raise self.error(None, f"needs exactly one of {first!r} or {second!r}, got {got}")
        return given

    def _get(self, key: str) -> object:
        if key not in self.data:
            raise self.error(key, "required field is missing")
        return self.data[key]

    def whole(self, key: str, minimum: int = 0, default: int | None = None) -> int:
        """A whole number >= minimum; required unless a default is given."""
        if default is not None and key not in self.data:
            return default
        return whole_value(self._get(key), self.source, self.where(key), minimum)

    def optional_whole(
        self, key: str, minimum: int = 0, null_is_absent: bool = False
    ) -> int | None:
        """A whole number >= minimum, or None when absent (or null, if allowed)."""
        if key not in self.data or (null_is_absent and self.data[key] is None):
            return None
        return whole_value(self.data[key], self.source, self.where(key), minimum)

    def text(self, key: str, default: str | None = None) -> str:
        if default is not None and key not in self.data:
            return default
        return text_value(self._get(key), self.source, self.where(key))

    def prose(self, key: str, default: str) -> str:
        """Free text a person wrote (a description): line breaks and tabs allowed."""
        if key not in self.data:
            return default
        value = self._get(key)
        text_value(value.replace("\n", " ").replace("\t", " ") if isinstance(value, str)
                   else value, self.source, self.where(key))
        return str(value)

    def ident(self, key: str = "id") -> str:
        return id_value(self._get(key), self.source, self.where(key))

    def day(self, key: str) -> date:
        return date_value(self._get(key), self.source, self.where(key))

    def optional_day(self, key: str) -> date | None:
        if key not in self.data:
            return None
        return date_value(self.data[key], self.source, self.where(key))

    def flag(self, key: str, default: bool) -> bool:
        if key not in self.data:
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            raise self.error(key, f"must be true or false, got {describe(value)}")
        return value

    def number(self, key: str, minimum: float, maximum: float | None = None) -> float:
        """A required JSON number from minimum to maximum (default 10^12)."""
        return number_value(self._get(key), self.source, self.where(key), minimum, maximum)

    def optional_number(self, key: str, low: float, high: float) -> float | None:
        """A JSON number (int or float, not bool) within [low, high], or None when absent."""
        if key not in self.data:
            return None
        return self.number(key, low, high)

    def reference(self, key: str, known: Mapping[str, object], kind: str) -> str:
        """An id that must name an existing record of `kind`."""
        ref = self.ident(key)
        if ref not in known:
            raise self.error(key, f"unknown {kind} {ref!r}")
        return ref

    def items(self, key: str, required: bool = False) -> list[tuple[str, object]]:
        """The elements of a list field with their paths `key[i]`; [] when absent."""
        if not required and key not in self.data:
            return []
        value = self._get(key)
        if not isinstance(value, list):
            raise self.error(key, f"must be a list, got {describe(value)}")
        return [(f"{self.where(key)}[{i}]", item) for i, item in enumerate(value)]

    def records(self, key: str, allowed: frozenset[str], required: bool = False) -> list[Record]:
        """A list of objects, each checked against `allowed`."""
        return [Record(v, self.source, where, allowed) for where, v in self.items(key, required)]

    def record(self, key: str, allowed: frozenset[str]) -> Record:
        """A required nested object."""
        return Record(self._get(key), self.source, self.where(key), allowed)


def unique_ids(records: list[Record], key: str = "id") -> dict[str, Record]:
    """Map each record's id to the record, refusing an id used twice."""
    seen: dict[str, Record] = {}
    for rec in records:
        ident = rec.ident(key)
        if ident in seen:
            raise rec.error(key, f"{ident!r} is already used by {seen[ident].path}")
        seen[ident] = rec
    return seen
