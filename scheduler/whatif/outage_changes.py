"""A scenario's changes to the outage model: `reliable` printers, replacing `outage_model`.

A repair or a new server changes the known outages, not what may go wrong at
random: Pelalawan's PLW-1 would still fail every ~30 days. Two change kinds
say otherwise, both on the instance document before it is read:

- `reliable: [{"printer": P} | {"district": D}]` removes the model of P (of
  every printer of D): a backup that takes over at once whenever it breaks.
- `outage_model: [record, ...]`, records in the instance's own format, each
  replacing the model of the printers it covers (a new server that fails
  less often).

A printer named by a change loses the model it had, whether its entry named
it or its district (the district's other printers keep theirs, as entries
of their own). A change naming a printer without a model to remove, or two
changes naming one printer, is an error: the scenario would not say what it
means. The records themselves are checked by the instance reader;
`outage_error` re-addresses its errors to the scenario's own record.
"""

from __future__ import annotations

import re
from typing import Any

from scheduler.errors import InputError
from scheduler.instance.fields import describe, unknown_field

OUTAGE_CHANGE_KEYS = frozenset({"reliable", "outage_model"})
SUBJECT_KEYS = frozenset({"printer", "district"})
_MODEL_PATH = re.compile(r"outage_model\[(\d+)\](.*)")


def change_outage_model(data: dict[str, Any], changes: dict[str, Any], source: str
                        ) -> tuple[dict[str, Any], int]:
    """The instance dict with the changes applied (a copy), and how many entries were kept.

    The replacing records come after the kept entries, so an error at
    `outage_model[k]` with k >= the count kept is in the scenario's record k - kept.
    """
    reliable = _list(changes, "reliable", source)
    replacing = _list(changes, "outage_model", source)
    printers = {p["id"]: p.get("district") for p in data.get("printers", [])
                if isinstance(p, dict) and isinstance(p.get("id"), str)}
    named: dict[str, str] = {}  # printer -> the change naming it
    for kind, records in (("reliable", reliable), ("outage_model", replacing)):
        for i, record in enumerate(records):
            where = f"{kind}[{i}]"
            for printer in _covered(record, printers, source, where, kind == "reliable"):
                if printer in named:
                    raise InputError(source, where, f"printer {printer!r} is already named by "
                                     f"{named[printer]}")
                named[printer] = where
    models = list(data.get("outage_model", []))
    kept = _without(models, set(named), printers)
    for i, record in enumerate(reliable):
        lost = {p for p, where in named.items() if where == f"reliable[{i}]"}
        if not any(_covers(entry, lost, printers) for entry in models):
            subject = record.get("printer", record.get("district"))
            raise InputError(source, f"reliable[{i}]",
                             f"{describe(subject)} has no outage model to remove")
    return {**data, "outage_model": [*kept, *replacing]}, len(kept)


def outage_error(error: InputError, kept: int, source: str) -> InputError | None:
    """An instance-reader error in a replacing record, addressed to it (None: not one)."""
    match = _MODEL_PATH.fullmatch(error.where)
    if match is None or int(match[1]) < kept:
        return None
    return InputError(source, f"outage_model[{int(match[1]) - kept}]{match[2]}", error.what)


def _list(changes: dict[str, Any], key: str, source: str) -> list[Any]:
    value = changes.get(key, [])
    if not isinstance(value, list):
        raise InputError(source, key, f"must be a list, got {describe(value)}")
    return value


def _covered(record: object, printers: dict[str, Any], source: str, where: str,
             only_subject: bool) -> list[str]:
    """The printers a change names (a `reliable` record has no other field)."""
    if not isinstance(record, dict):
        raise InputError(source, where, f"expected an object, got {describe(record)}")
    if only_subject:
        for key in record:
            if key not in SUBJECT_KEYS:
                raise InputError(source, f"{where}.{key}", unknown_field(key, SUBJECT_KEYS))
    if ("printer" in record) == ("district" in record):
        raise InputError(source, where, "needs exactly one of 'printer' or 'district'")
    if "printer" in record:
        printer = record["printer"]
        if not isinstance(printer, str) or printer not in printers:
            raise InputError(source, f"{where}.printer", f"unknown printer {describe(printer)}")
        return [printer]
    district = record["district"]
    covered = [p for p, d in printers.items() if d == district]
    if not covered:
        raise InputError(source, f"{where}.district",
                         f"no printer in district {describe(district)}")
    return covered


def _covers(entry: object, printers_named: set[str], printers: dict[str, Any]) -> bool:
    if not isinstance(entry, dict):
        return False
    if "printer" in entry:
        return entry["printer"] in printers_named
    return any(printers.get(p) == entry.get("district") for p in printers_named)


def _without(models: list[Any], named: set[str], printers: dict[str, Any]) -> list[Any]:
    """The entries with the named printers' coverage taken out.

    An entry naming a named printer goes; one naming a district with a named
    printer becomes one entry per other printer of the district.
    """
    kept: list[Any] = []
    for entry in models:
        if not _covers(entry, named, printers):
            kept.append(entry)
        elif "district" in entry:
            rest = {k: v for k, v in entry.items() if k != "district"}
            kept += [{"printer": p, **rest} for p, d in printers.items()
                     if d == entry["district"] and p not in named]
    return kept
