"""The translations: gettext catalogs read from the .po files the translators edit.

English is the source language: its msgids are the English text, so `en` needs no
catalog. For `id` the .po file is read with Babel once, on the first translated
message, compiled in memory to the gettext (.mo) form and kept for the process:
no compiled binary is committed, nothing is built at install time, and an English
run never reads a catalog at all.
"""

from __future__ import annotations

import gettext
from functools import cache
from importlib import resources
from io import BytesIO

from scheduler.i18n.language import ENGLISH, current_language

DOMAIN = "ektp"


def catalog_path(language: str) -> resources.abc.Traversable:
    """Where a language's .po file lives inside the package."""
    return resources.files("scheduler") / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The language's messages, read from its .po once (English: the identity)."""
    if language == ENGLISH:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalog_path(language).open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _(message: str) -> str:
    """`message` (English) in the current language."""
    return translations(current_language()).gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the name gettext's tools look for
    """Mark a module-level English constant for the catalog; translate it where it is shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, by the current language's plural rule."""
    return translations(current_language()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language where the same English means two things."""
    return translations(current_language()).pgettext(context, message)
