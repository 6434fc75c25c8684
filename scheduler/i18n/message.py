"""`say`: a translated sentence with its fields formatted the language's way.

`say("printed {printed:,} of {cards:,}", printed=41200, cards=41950)` translates the
template and fills its fields as the current language writes them. In Indonesian a
number with a grouping or fixed decimals (`:,`, `:.2f`, `:.1%`) is formatted by Babel
("41.200", "3,50", "12,3%") and a date by `short_date` ("08-08-2017"). In English every
field is formatted by `str.format` itself, so English reads exactly as the f-string it
replaced did. Templates are whole sentences with named fields, so a translator can
move the fields.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from typing import Any

from scheduler.i18n.catalog import _
from scheduler.i18n.formats import number, percent, short_date
from scheduler.i18n.language import ENGLISH, current_language

# A format spec Babel takes over: an optional grouping and precision, then f, % or nothing.
_NUMBER_SPEC = re.compile(r"^(?P<group>,?)(?:\.(?P<decimals>\d+))?(?P<kind>[f%]?)$")


class LocalFormatter(string.Formatter):
    """`str.format`, with numbers and dates in the current language's form."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if current_language() == ENGLISH:
            return super().format_field(value, format_spec)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime) and not format_spec:
            return short_date(value)
        spec = _NUMBER_SPEC.match(format_spec)
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if not numeric or spec is None or not format_spec:
            return super().format_field(value, format_spec)
        decimals = int(spec["decimals"] or 0)
        if spec["kind"] == "%":
            return percent(value, decimals)
        text = number(value, decimals)
        return text if spec["group"] else text.replace(number(1000)[1], "")


FORMATTER = LocalFormatter()


def say(template: str, /, **fields: Any) -> str:
    """`template` (English) in the current language, its fields filled the language's way."""
    return FORMATTER.vformat(_(template), (), fields)
