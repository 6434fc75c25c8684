"""Reading an input file safely: only a regular file, never more than a set size inflated.

Every file the tool reads (instances, queue files, plans, events, done records,
scenarios) comes through here or through the same rules: a path that is a
folder, a FIFO or a device is refused before it is opened (a FIFO would hang
the command), and a gzip file is inflated in steps, stopping with a one-line
error past the limit (a 3 MB file can inflate to 3 GB). The limit is 2 GiB;
`ektp-sched --max-input-gib N` or the EKTP_MAX_INPUT_GIB environment variable
raises it for a country-sized input.

`read_bounded` also gives the SHA-256 of the bytes as stored: an instance keeps
it for each file it was read from (`InputFile`), and a plan records them.
"""

from __future__ import annotations

import hashlib
import os
import stat
import zlib
from pathlib import Path

from scheduler.errors import InputError
from scheduler.i18n import _, say

GIB = 1 << 30
DEFAULT_MAX_INPUT_GIB = 2.0
GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20


def max_input_bytes() -> int:
    """The most bytes an input may inflate to (EKTP_MAX_INPUT_GIB, default 2 GiB)."""
    text = os.environ.get("EKTP_MAX_INPUT_GIB", "")
    try:
        gib = float(text) if text else DEFAULT_MAX_INPUT_GIB
    except ValueError:
        gib = DEFAULT_MAX_INPUT_GIB
    return int(max(gib, 0.001) * GIB)


def regular_file(path: str | Path, source: str | None = None) -> Path:
    """`path` as a Path when it is a regular file (or a link to one), else InputError."""
    shown = str(path) if source is None else source
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise InputError(shown, "", _("file not found")) from None
    except OSError as error:
        raise InputError(shown, "",
                         say("cannot read the file: {why}", why=error.strerror)) from None
    if stat.S_ISDIR(mode):
        raise InputError(shown, "", "a folder, not a file")
    if not stat.S_ISREG(mode):
        raise InputError(shown, "", "not a regular file (a device or a pipe): give a file")
    return Path(path)


def read_bounded(path: str | Path, source: str | None = None) -> tuple[bytes, str]:
    """The file's bytes (gunzipped when gzip) and the SHA-256 of the file as stored."""
    shown = str(path) if source is None else source
    raw = _read(regular_file(path, shown), shown)
    digest = hashlib.sha256(raw).hexdigest()
    if raw[:2] == GZIP_MAGIC:
        raw = inflate(raw, shown)
    return raw, digest


def inflate(raw: bytes, source: str) -> bytes:
    """Gunzip in steps, refusing to go past `max_input_bytes()` (a gzip bomb stops there)."""
    limit = max_input_bytes()
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    parts: list[bytes] = []
    size = 0
    data = raw
    try:
        while data and not inflater.eof:
            part = inflater.decompress(data, _CHUNK)
            size += len(part)
            if size > limit:
                raise InputError(source, "", _too_large(limit))
            parts.append(part)
            data = inflater.unconsumed_tail
        if not inflater.eof:
            raise InputError(source, "", "broken gzip file: the data ends too soon")
    except zlib.error as error:
        raise InputError(source, "", f"broken gzip file: {error}") from None
    return b"".join(parts)


def sha256_of(path: str | Path) -> str:
    """The SHA-256 of a regular file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(regular_file(path), "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _read(path: Path, shown: str) -> bytes:
    limit = max_input_bytes()
    try:
        if path.stat().st_size > limit:
            raise InputError(shown, "", _too_large(limit))
        return path.read_bytes()
    except OSError as error:
        raise InputError(shown, "",
                         say("cannot read the file: {why}", why=error.strerror)) from None


def _too_large(limit: int) -> str:
    return (f"larger than {limit / GIB:g} GiB once read; if it is meant to be, raise the "
            "limit with `ektp-sched --max-input-gib N` (or EKTP_MAX_INPUT_GIB)")
