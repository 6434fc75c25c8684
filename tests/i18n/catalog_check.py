"""What the catalogue check reads: the messages in the code (Babel's extractor with
babel.cfg and the `say` keyword, as `pybabel extract` sees them) and the Indonesian
catalog the translators keep."""

from __future__ import annotations

import re
from functools import lru_cache

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from scheduler.i18n.catalog import DOMAIN, catalog_path
from tests.support.paths import ROOT

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
Key = str | tuple[str, str]


@lru_cache(maxsize=1)
def code_messages() -> dict[tuple[Key, str | None], str]:
    """Every message marked in scheduler/: (msgid or (singular, plural), context) -> file."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found: dict[tuple[Key, str | None], str] = {}
    for filename, _line, message, _comments, context in extract_from_dir(
            ROOT / "scheduler", method_map=method_map, options_map=options_map,
            keywords={**DEFAULT_KEYWORDS, "say": None}):
        key = message if isinstance(message, str) else (message[0], message[1])
        found[(key, context)] = filename
    return found


@lru_cache(maxsize=1)
def indonesian() -> Catalog:
    with catalog_path("id").open("rb") as po:
        return read_po(po, locale="id", domain=DOMAIN)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def translated_pairs() -> list[tuple[str, str]]:
    """(English, Indonesian) of every message, plural forms as their plural."""
    pairs = []
    for message in indonesian():
        if not message.id:
            continue
        if isinstance(message.id, str):
            pairs.append((message.id, str(message.string)))
        else:
            pairs.append((message.id[0], message.string[0]))
            pairs.append((message.id[1], message.string[0]))
    return pairs
