"""Which language a person reads: one context variable, chosen once per command or request.

The language is a `contextvars.ContextVar`, not a global, so a web server can set it per
request (`with use_language("id"): ...`) while another request reads English. The command
line chooses it from `--lang`, else `EKTP_LANG`, else the locale (LC_ALL, LC_MESSAGES,
LANG: the first one set decides, as in POSIX), else English.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

ENGLISH = "en"
INDONESIAN = "id"
LANGUAGES = (INDONESIAN, ENGLISH)
# The locale variables in the order POSIX reads them for messages.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_LANGUAGE: ContextVar[str] = ContextVar("ektp_language", default=ENGLISH)


def current_language() -> str:
    """The language of this command or request: "id" or "en"."""
    return _LANGUAGE.get()


def language_of(name: str) -> str | None:
    """"id", "en" for a language or locale name ("id", "id_ID.UTF-8", "en-GB"), else None."""
    head = name.strip().replace("-", "_").split("_")[0].split(".")[0].lower()
    return head if head in LANGUAGES else None


def choose_language(option: str | None, environ: Mapping[str, str] | None = None) -> str:
    """`--lang`, else EKTP_LANG, else the locale's language when it is Indonesian, else English.

    A value of `--lang` or EKTP_LANG that names neither language is a ValueError: a
    person who asked for a language should not silently get another one.
    """
    environ = os.environ if environ is None else environ
    for source, asked in (("--lang", option), ("EKTP_LANG", environ.get("EKTP_LANG"))):
        if asked:
            chosen = language_of(asked)
            if chosen is None:
                raise ValueError(f"{source}: {asked!r} is not a language of this tool "
                                 f"(one of {', '.join(LANGUAGES)})")
            return chosen
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable)
        if value:
            return INDONESIAN if language_of(value) == INDONESIAN else ENGLISH
    return ENGLISH


def accepted_language(header: str | None, default: str = INDONESIAN) -> str:
    """The language a browser's Accept-Language header prefers among ours, else `default`
    (a web page for the offices defaults to Indonesian): "en-US,en;q=0.9,id;q=0.8" -> "en"."""
    ranked = []
    for position, part in enumerate((header or "").split(",")):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        chosen = language_of(name) if name.strip() not in ("", "*") else None
        if chosen is not None and quality > 0:
            ranked.append((-quality, position, chosen))
    return min(ranked)[2] if ranked else default


@contextmanager
def use_language(language: str) -> Iterator[str]:
    """Read and write in `language` inside the block; the previous language after it."""
    chosen = language_of(language)
    if chosen is None:
        raise ValueError(f"{language!r} is not a language of this tool")
    token = _LANGUAGE.set(chosen)
    try:
        yield chosen
    finally:
        _LANGUAGE.reset(token)
