"""`office import`: an office's SIAK export into the ledger, as it comes.

Its own column names are mapped once to the SPEC's (`NIK=applicant_id,
TGL_REKAM=ready,...`) and the mapping is remembered for the next import; dates
are read as ISO, DD-MM-YYYY, DD/MM/YYYY or Excel dates (serial numbers
included); every other column (nama, alamat, no. registrasi...) is kept with
the applicant and shown on lists and look-ups. Importing the same file twice
adds nothing; a changed row updates the applicant and keeps the old value
(`applicant_changes`); an id in two districts, in the file or against the
ledger, is refused with both places named. All of it in one transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select, update

from scheduler.errors import InputError
from scheduler.instance.fields import UNREADABLE, text_value
from scheduler.office import meta, words
from scheduler.office.db import bulk_insert, writing
from scheduler.office.ids import shown_id
from scheduler.office.import_file import Table, read_table
from scheduler.office.migrate import require_current
from scheduler.office.schema import applicants, imports
from scheduler.office.state import SOURCE

FIELDS = ("applicant_id", "district", "ready", "class")
REQUIRED = ("applicant_id", "district", "ready")
DEFAULT_CLASS = "regular"
EXCEL_EPOCH = date(1899, 12, 30)  # Excel's serial day 0 (1900 date system, leap bug included)
EXCEL_DIGITS = 10**15  # Excel keeps 15 significant digits: a 16-digit NIK as a number lost one
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d")
NEW_COLUMNS = ("id", "district", "class", "ready", "tiebreak", "source", "extra")
CHANGE_COLUMNS = ("applicant_id", "import_id", "field", "old", "new")
FEW = 1000


@dataclass(frozen=True)
class Imported:
    """What an import did."""

    file: str
    rows: int
    added: int
    updated: int
    unchanged: int
    mapping: dict[str, str]
    extra_columns: tuple[str, ...]


def parse_mapping(text: str) -> dict[str, str]:
    """`NIK=applicant_id,TGL_REKAM=ready` -> {"NIK": "applicant_id", ...}, checked."""
    mapping: dict[str, str] = {}
    for pair in filter(None, (p.strip() for p in text.split(","))):
        column, sep, target = (s.strip() for s in pair.partition("="))
        if not sep or not column or not target:
            raise InputError("--columns", "", words.BAD_MAPPING.format(text=text))
        if target not in FIELDS:
            raise InputError("--columns", "", words.MAPPING_TARGET.format(
                target=target, fields=", ".join(FIELDS)))
        if target in mapping.values():
            raise InputError("--columns", "", words.MAPPING_TWICE.format(target=target))
        mapping[column] = target
    return mapping


def import_queue(engine: Engine, path: str | Path, mapping: Mapping[str, str] | None = None
                 ) -> Imported:
    """Import the file (module docstring); `mapping` None: the remembered one."""
    path = Path(path)
    table = read_table(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with writing(engine) as connection:
        require_current(connection, SOURCE)
        remembered = json.loads(meta.get_meta(connection, meta.COLUMNS, "{}"))
        chosen = dict(mapping) if mapping is not None else remembered
        positions = _positions(table, chosen, str(path))
        rows = _rows(connection, table, positions, str(path))
        extra_names = tuple(n for i, n in enumerate(table.header) if i not in positions.values())
        result = _store(connection, rows, path, digest, chosen, extra_names)
        if chosen != remembered and (result.added or result.updated or mapping is not None):
            meta.set_meta(connection, meta.COLUMNS, json.dumps(chosen))
    return result


def _positions(table: Table, mapping: Mapping[str, str], source: str) -> dict[str, int]:
    """Each SPEC field's column position in the file."""
    header = list(table.header)
    shown = ", ".join(header)
    positions: dict[str, int] = {}
    for column, target in mapping.items():
        if column not in header:
            raise InputError(source, "", words.MAPPING_NO_COLUMN.format(column=column,
                                                                        header=shown))
        positions[target] = header.index(column)
    for field in FIELDS:
        if field not in positions and field in header and field not in mapping:
            positions[field] = header.index(field)
    for field in REQUIRED:
        if field not in positions:
            raise InputError(source, "", words.MISSING_COLUMN.format(target=field, header=shown))
    return positions


# id, district, class, ready, extra columns, where in the file
Applicant = tuple[str, str, str, str, dict[str, str], str]


def _rows(connection: Connection, table: Table, positions: dict[str, int], source: str
          ) -> list[Applicant]:
    """The file's rows as applicants, every cell checked (InputError at the first bad one)."""
    doc = meta.instance_doc(connection)
    districts = [d["id"] for d in doc["districts"]]
    classes = [c["id"] for c in doc.get("classes", [{"id": DEFAULT_CLASS}])]
    extra_at = [(i, n) for i, n in enumerate(table.header) if i not in positions.values()]
    dates: dict[object, str] = {}
    seen: dict[str, tuple[str, str]] = {}
    out: list[Applicant] = []
    for where, cells in table.rows:
        applicant = _id_text(cells[positions["applicant_id"]], source, where)
        district = _text(cells[positions["district"]])
        if district not in districts:
            raise InputError(source, where, words.IMPORT_UNKNOWN_DISTRICT.format(
                value=district, known=", ".join(districts)))
        service_class = _text(cells[positions["class"]]) if "class" in positions else ""
        if not service_class:
            if DEFAULT_CLASS not in classes:
                raise InputError(source, where, words.IMPORT_NO_DEFAULT_CLASS)
            service_class = DEFAULT_CLASS
        elif service_class not in classes:
            raise InputError(source, where, words.IMPORT_UNKNOWN_CLASS.format(
                value=service_class, known=", ".join(classes)))
        raw = cells[positions["ready"]]
        ready = dates.get(raw) if isinstance(raw, str | int | float) else None
        if ready is None:
            ready = _ready(raw, source, where)
            if isinstance(raw, str | int | float):
                dates[raw] = ready
        if applicant in seen:
            first_district, first_where = seen[applicant]
            who = shown_id(applicant)
            if first_district != district:
                raise InputError(source, where, words.TWO_DISTRICTS.format(
                    who=who, first=first_district, first_where=first_where, second=district))
            raise InputError(source, where, words.TWICE_IN_FILE.format(who=who, other=first_where))
        seen[applicant] = (district, where)
        # Names and addresses keep their words; a stray tab or line break becomes a space.
        extra = {name: UNREADABLE.sub(" ", _text(cells[i])) for i, name in extra_at}
        out.append((applicant, district, service_class, ready, extra, where))
    return out


def _text(value: object) -> str:
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _id_text(value: object, source: str, where: str) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool) \
            and abs(value) >= EXCEL_DIGITS:
        raise InputError(source, where, words.NIK_AS_NUMBER.format(
            field="applicant_id", value=shown_id(str(int(value)))))
    text = _text(value)
    if not text:
        raise InputError(source, where, words.EMPTY_CELL.format(field="applicant_id"))
    return text_value(text, source, f"{where}: applicant_id")


def _ready(value: object, source: str, where: str) -> str:
    """A ready date from a cell: a date, an Excel serial number, or text in a known format."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2_958_466:
        return (EXCEL_EPOCH + timedelta(days=int(value))).isoformat()
    text = _text(value)
    if not text:
        raise InputError(source, where, words.EMPTY_CELL.format(field="ready"))
    if text.isdigit() and 4 <= len(text) <= 6:  # a serial number exported as text
        return (EXCEL_EPOCH + timedelta(days=int(text))).isoformat()
    day_part = text.split(" ", 1)[0].split("T", 1)[0]
    for layout in _DATE_FORMATS:
        try:
            return datetime.strptime(day_part, layout).date().isoformat()
        except ValueError:
            continue
    raise InputError(source, where, words.BAD_READY.format(field="ready", value=text))


def _store(connection: Connection, rows: list[Applicant], path: Path, digest: str,
           mapping: dict[str, str], extra_names: tuple[str, ...]) -> Imported:
    """Add the new applicants, update the changed ones (old values kept)."""
    query = select(applicants.c.id, applicants.c.district, applicants.c["class"],
                   applicants.c.ready, applicants.c.extra, applicants.c.source)
    if len(rows) <= FEW:  # a few ids: look them up; many: one pass over the ledger is faster
        query = query.where(applicants.c.id.in_([r[0] for r in rows]))
    wanted = {r[0] for r in rows}
    existing: dict[str, Any] = {row[0]: row for row in connection.execute(query)
                                if row[0] in wanted}
    new: list[Applicant] = []
    changed: list[tuple[Applicant, list[tuple[str, str | None, str | None]]]] = []
    for entry in rows:
        applicant, district, service_class, ready, extra, where = entry
        old = existing.get(applicant)
        if old is None:
            new.append(entry)
            continue
        if old[1] != district:
            raise InputError(str(path), where, words.TWO_DISTRICTS.format(
                who=shown_id(applicant), first=old[1], first_where=f"ledger, {old[5]}",
                second=district))
        diffs = _differences(old, service_class, ready, extra)
        if diffs:
            changed.append((entry, diffs))
    result = Imported(path.name, len(rows), len(new), len(changed),
                      len(rows) - len(new) - len(changed), mapping, extra_names)
    if not new and not changed:
        return result
    key = connection.execute(imports.insert().values(
        imported_at=meta.now_stamp(), file=path.name, sha256=digest, rows=len(rows),
        added=len(new), updated=len(changed), columns=json.dumps(mapping))).inserted_primary_key
    assert key is not None
    number = int(key[0])
    source = f"import {number}"
    bulk_insert(connection, "applicants", NEW_COLUMNS, [
        (a, d, c, r, a, source, json.dumps(e, ensure_ascii=False)) for a, d, c, r, e, _ in new])
    if changed:
        connection.execute(
            update(applicants).where(applicants.c.id == bindparam("key")).values(
                {"class": bindparam("new_class"), "ready": bindparam("new_ready"),
                 "extra": bindparam("new_extra")}),
            [{"key": r[0], "new_class": r[2], "new_ready": date.fromisoformat(r[3]),
              "new_extra": json.dumps(r[4], ensure_ascii=False)} for r, _ in changed])
        bulk_insert(connection, "applicant_changes", CHANGE_COLUMNS, [
            (r[0], number, field, old, value)
            for r, diffs in changed for field, old, value in diffs])
    known = list(json.loads(meta.get_meta(connection, meta.EXTRA_COLUMNS, "[]")))
    known += [n for n in extra_names if n not in known]
    meta.set_meta(connection, meta.EXTRA_COLUMNS, json.dumps(known, ensure_ascii=False))
    meta.bump_revision(connection)
    return result


def _differences(old: Any, service_class: str, ready: str, extra: dict[str, str]
                 ) -> list[tuple[str, str | None, str | None]]:
    """(field, old value, new value) for each field the file changes."""
    diffs: list[tuple[str, str | None, str | None]] = []
    if old[2] != service_class:
        diffs.append(("class", old[2], service_class))
    if old[3].isoformat() != ready:
        diffs.append(("ready", old[3].isoformat(), ready))
    before = json.loads(old[4]) if old[4] else {}
    for name in sorted(set(before) | set(extra)):
        if before.get(name) != extra.get(name):
            diffs.append((name, before.get(name), extra.get(name)))
    return diffs
