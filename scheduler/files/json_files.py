"""JSON documents written atomically, gzip-compressed when the file name ends in `.gz`.

Large instances and plans (the national ones) are shipped as `.json.gz`; the
readers (`scheduler/instance/reader.py` for instances, `scheduler/validator/document.py`
for plans) recognise gzip by its magic bytes. The gzip header carries no time
stamp and no file name, so the same document always gives the same bytes: a
re-run generator reproduces its shipped file exactly.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from scheduler.files.atomic import write_atomic


def is_gzip_name(path: str | Path) -> bool:
    return str(path).endswith(".gz")


def write_json_file(path: str | Path, document: Any) -> None:
    """Write `document` atomically as UTF-8 JSON (indented), gzip when `path` ends in .gz."""
    data = (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")

    def dump(tmp: Path) -> None:
        with tmp.open("wb") as raw:
            if not is_gzip_name(path):
                raw.write(data)
                return
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed:
                packed.write(data)

    write_atomic(path, dump)


def document_stem(path: str | Path) -> str:
    """`indonesia` for `indonesia.json.gz` or `indonesia.json`: an instance's default name."""
    name = Path(path).name
    for suffix in (".json.gz", ".json", ".gz"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return Path(name).stem
