"""Two languages, Indonesian for the offices and English: messages, numbers and dates.

Every text a person reads goes through here: `_("...")` for a sentence, `say("...",
**fields)` for one whose numbers and dates the language formats, `ngettext` for one
with a count, `N_` to mark a module-level constant, `number`/`long_date`/`short_date`
for figures; a module of sentences reads in the current language with
`sentences.read_in_current_language` (scheduler/office/words.py). The language is a
context variable (`use_language`), set by the command line's `--lang`
(scheduler/cli.py) or per request by a web server.
Machine-readable outputs (JSON, CSV column names, exit codes) never pass through here.
"""

from __future__ import annotations

from scheduler.i18n.catalog import N_, _, ngettext, pgettext, translations
from scheduler.i18n.formats import (
    date_text,
    long_date,
    number,
    percent,
    short_date,
    weekday_name,
)
from scheduler.i18n.language import (
    ENGLISH,
    INDONESIAN,
    LANGUAGES,
    accepted_language,
    choose_language,
    current_language,
    use_language,
)
from scheduler.i18n.message import say

__all__ = [
    "ENGLISH", "INDONESIAN", "LANGUAGES", "N_", "_", "accepted_language", "choose_language",
    "current_language",
    "date_text", "long_date", "ngettext", "number", "percent", "pgettext", "short_date",
    "say", "translations", "use_language", "weekday_name",
]
