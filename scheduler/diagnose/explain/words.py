# ruff: noqa: E501  (a sentence is easier to translate on one line)
"""Every sentence `explain` shows a person, in one place (translated, issue 15).

Each is a `str.format` template with named fields, or a plain phrase, written in
English; read as `words.NAME` it is the current language's translation, numbers
(`{n:,}`) and dates written the language's way (scheduler/i18n/sentences.py).
"""

from __future__ import annotations

from scheduler.i18n.sentences import read_in_current_language

# Binding facts, per district (text.py)
BINDING = "binding district-days: {days:,} (capacity {capacity:,}, outage {outage:,}, blanks {blanks:,}); links at their daily limit: {links:,} link-day(s)"
BINDING_HEAD = ("district", "name", "capacity", "outage", "blanks", "first", "last", "links full")
MORE_DISTRICTS = "... and {count} more district(s)"

# Levers, per district (text.py)
LEVERS = "levers worth something, per district (what one purchase saves: \"up to\" is the shadow price times the units, a bound; \"re-solved\" is measured)"
PRINTER_DAY = "a printer-day (+{units:,} cards)"
BLANKS = "a thousand blanks"
REPAIR = "a day sooner repair of {printer}"
REPAIR_DISTRICT = "a day sooner end of its outage"
LINK = "+1 card a day on {source}->{target}"
BEST_ON = "best on {date} ({days} day(s) worth something)"
BEST_BY = "best by {date} ({days} day(s) worth something)"
REPAIRED_ON = "working on {date} (down {start} to {end})"
EVERY_DAY = "every day"
LINKS = "links"
MORE_LEVERS = "... and {count} more"
NOT_MEASURED = "{count} more day-sooner repair(s) of outages that stop a district not measured (re-solving each takes a solve)"
NO_LEVERS = "  none: no purchase of these kinds would save a miss or a waiting day"

# What a lever saves (text.py)
SAVES_MISSES_UP_TO = "up to {misses:,} deadline miss(es) saved"
SAVES_UP_TO = "up to {waiting:,} waiting day(s) saved"
SAVES_MISSES = "{misses:,} deadline miss(es) saved"
SAVES = "{waiting:,} waiting day(s) saved"
SAVES_BOTH = "{misses:,} deadline miss(es) and {waiting:,} waiting day(s) saved"
RE_SOLVED = " (re-solved)"
NOTHING = "nothing saved"

# The checks (text.py)
CHECKS = "re-solved with the change (predicted -> actual):"
CHECK = "  {lever} at {district} {when}: {predicted} -> {actual}"
CHECK_LINK = "  {lever}: {predicted} -> {actual}"
ON = "on {date}"
BY = "by {date}"

# Progress on a terminal (run.py)
SOLVING = "solving the flow for its prices"
RE_SOLVING = "re-solving levers"

# Last: from here on `words.NAME` reads in the current language.
read_in_current_language(__name__)
