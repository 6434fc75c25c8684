"""Finding English a translated run should not show: the catalog's phrases, verbatim.

A phrase is a piece of a message's English between its placeholders, of two words or
more, that its Indonesian translation does not also contain (a command name such as
`ektp-sched office plan` stays the same in both). Single words are left out: a
district or an instance may be named "Pelalawan Baru" but no data is named "blanks to
ask for".
"""

from __future__ import annotations

import html
import re
import subprocess
from functools import lru_cache
from pathlib import Path

from tests.i18n.catalog_check import PLACEHOLDER, translated_pairs

TAG = re.compile(r"<[^>]+>")


@lru_cache(maxsize=1)
def english_phrases() -> frozenset[str]:
    phrases = set()
    for english, indonesian in translated_pairs():
        if english == indonesian:
            continue
        for piece in PLACEHOLDER.split(english):
            piece = piece.strip(" :;,.()!-–>")
            if len(piece.split()) >= 2 and piece not in indonesian:
                phrases.add(piece)
    return frozenset(phrases)


def english_in(text: str) -> list[str]:
    """The catalog's English phrases found in `text`, longest first."""
    return sorted((p for p in english_phrases() if p in text), key=len, reverse=True)


def page_text(path: Path) -> str:
    """An HTML page's words: tags dropped, entities read."""
    return html.unescape(TAG.sub(" ", path.read_text(encoding="utf-8")))


def pdf_text(path: Path) -> str:
    """A PDF's words as poppler's pdftotext reads them (every page, headers and footers)."""
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=120)
    return done.stdout


def workbook_text(path: Path) -> str:
    """Every cell and sheet name of an .xlsx, one per line."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        lines = []
        for sheet in workbook.worksheets:
            lines.append(sheet.title)
            lines += [str(v) for row in sheet.iter_rows(values_only=True) for v in row
                      if v is not None]
        return "\n".join(lines)
    finally:
        workbook.close()
