"""Why a plan version was made: stored in English, shown in the reader's language.

The ledger records the reason with each version as data, so it reads the same
whatever the language of the command that made it; `history` shows it translated.
"""

from __future__ import annotations

import re
from datetime import date

from scheduler.i18n import say

REASON_PLAN = "plan as of {as_of}"
REASON_REPLAN = "re-plan as of {as_of}"
_STORED = re.compile(r"(?P<replan>re-)?plan as of (?P<as_of>\d{4}-\d{2}-\d{2})")


def stored_reason(as_of: date, replan: bool) -> str:
    """The reason to record with a version made as of `as_of`."""
    return (REASON_REPLAN if replan else REASON_PLAN).format(as_of=as_of)


def shown_reason(stored: str) -> str:
    """A recorded reason in the current language (any other text as it was recorded)."""
    found = _STORED.fullmatch(stored)
    if found is None:
        return stored
    as_of = date.fromisoformat(found["as_of"])
    if found["replan"]:
        return say("re-plan as of {as_of}", as_of=as_of)
    return say("plan as of {as_of}", as_of=as_of)
