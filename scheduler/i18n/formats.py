"""Numbers and dates as each language writes them, by Babel's locale data.

Indonesian groups thousands with a dot ("1.165.373") and writes dates "Selasa, 8
Agustus 2017" (long) and "08-08-2017" (short, as on the e-KTP itself), by Babel's
locale data. English keeps the forms this tool has always printed, byte for byte:
numbers by Python's own format ("1,165,373", "3.50") and ISO dates ("2017-08-08") in
tables, so scripts and the documentation's examples read the same.
"""

from __future__ import annotations

import datetime as dt

from scheduler.i18n.language import ENGLISH, INDONESIAN, current_language

# Babel date patterns per language: the long form for headings, the short one for tables.
DATE_PATTERNS = {
    INDONESIAN: {"long": "EEEE, d MMMM y", "medium": "d MMM y", "short": "dd-MM-y",
                 "axis": "d MMM"},
    "en": {"long": "EEEE, MMMM d, y", "medium": "MMM d, y", "short": "y-MM-dd", "axis": "MMM d"},
}


def number(value: int | float, decimals: int = 0) -> str:
    """A count or figure with the language's grouping and decimal mark: "1.165.373"."""
    if current_language() == ENGLISH:  # Python's own form, as the tool always printed it
        return f"{value:,.{decimals}f}" if decimals or isinstance(value, float) else f"{value:,}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=current_language())


def percent(fraction: float, decimals: int = 2) -> str:
    """A fraction as a percentage: 0.1234 -> "12.34%" (en), "12,34%" (id)."""
    if current_language() == ENGLISH:
        return f"{fraction:.{decimals}%}"
    from babel.numbers import format_percent

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(fraction, format=pattern, locale=current_language())


def weekday_name(day: dt.date) -> str:
    """The day of the week: "Selasa" / "Tuesday"."""
    from babel.dates import format_date

    return format_date(day, "EEEE", locale=current_language())


def date_text(day: dt.date, form: str = "short") -> str:
    """A day as the language writes it: form "long", "medium", "short" or "axis" (a chart's
    tick: "8 Agu")."""
    from babel.dates import format_date

    language = current_language()
    return format_date(day, DATE_PATTERNS[language][form], locale=language)


def long_date(day: dt.date) -> str:
    """"Selasa, 8 Agustus 2017" / "Tuesday, August 8, 2017": for headings and letters."""
    return date_text(day, "long")


def short_date(day: dt.date) -> str:
    """"08-08-2017" / "2017-08-08": for tables and lists."""
    return date_text(day, "short")
