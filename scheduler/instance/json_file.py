"""Reading a JSON input file (gzip read transparently) with one-line errors naming the path.

Every input file given in the instance's field names (instances, events,
scenarios) is read here, so they share one set of checks and messages.
"""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

from scheduler.errors import InputError
from scheduler.i18n import _
from scheduler.instance.fields import JsonObject, one_line

_GZIP_MAGIC = b"\x1f\x8b"


class _NonFinite(ValueError):
    """`NaN` / `Infinity`: Python's json accepts them, JSON does not."""


def load_json(path: str | Path) -> object:
    """The file's JSON value; objects are `JsonObject`s (they remember repeated keys)."""
    path = Path(path)
    source = str(path)
    text = _text(_raw_bytes(path, source), source)
    try:
        return json.loads(
            text, object_pairs_hook=JsonObject.from_pairs, parse_constant=_refuse_constant
        )
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise InputError(source, where, f"invalid JSON: {exc.msg}") from None
    except _NonFinite as exc:
        raise InputError(source, "", f"invalid JSON: {exc} is not a JSON number") from None
    except RecursionError:
        raise InputError(source, "", "invalid JSON: nested too deeply") from None


def _raw_bytes(path: Path, source: str) -> bytes:
    """The file's bytes, gunzipped when they start with gzip's magic number."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(source, "", _("file not found")) from None
    except OSError as exc:
        raise InputError(source, "", f"cannot read the file: {exc.strerror}") from None
    if raw[:2] == _GZIP_MAGIC:
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(source, "", f"broken gzip file: {one_line(str(exc))}") from None
    return raw


def _text(raw: bytes, source: str) -> str:
    """UTF-8 text (a byte-order mark allowed, as spreadsheet programs write one)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, "", f"not UTF-8 text (bad byte at offset {exc.start})") from None


def _refuse_constant(name: str) -> object:
    raise _NonFinite(name)
