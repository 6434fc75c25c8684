"""Reading a JSON input file (gzip read transparently) with one-line errors naming the path.

Every input file given in the instance's field names (instances, events,
scenarios) is read here, so they share one set of checks and messages.
"""

from __future__ import annotations

import json
from pathlib import Path

from scheduler.errors import InputError
from scheduler.files.inputs import read_bounded
from scheduler.instance.fields import JsonObject


class _NonFinite(ValueError):
    """`NaN` / `Infinity`: Python's json accepts them, JSON does not."""


def load_json(path: str | Path) -> object:
    """The file's JSON value; objects are `JsonObject`s (they remember repeated keys)."""
    return load_json_with_digest(path)[0]


def load_json_with_digest(path: str | Path) -> tuple[object, str]:
    """The file's JSON value and the SHA-256 of the file as stored (gzip or not).

    Only a regular file is read, inflating to at most `files.inputs.max_input_bytes()`.
    """
    source = str(path)
    raw, digest = read_bounded(path, source)
    return _parsed(_text(raw, source), source), digest


def _parsed(text: str, source: str) -> object:
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


def _text(raw: bytes, source: str) -> str:
    """UTF-8 text (a byte-order mark allowed, as spreadsheet programs write one)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, "", f"not UTF-8 text (bad byte at offset {exc.start})") from None


def _refuse_constant(name: str) -> object:
    raise _NonFinite(name)
