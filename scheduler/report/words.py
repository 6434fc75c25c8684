# ruff: noqa: E501  (a sentence is easier to translate on one line)
"""Every sentence the plan report shows a person, in one place (translated, issue 15).

Each is a `str.format` template with named fields, or a plain phrase, written in
English; read as `words.NAME` it is the current language's translation (the last
line of this module, scheduler/i18n/sentences.py), whose `.format` writes numbers
(`{n:,}`) and dates the language's way. The page's machine-readable names
(`data-figure` keys, CSS classes, element ids) are not here: they stay the same in
every language.
"""

from __future__ import annotations

from scheduler.i18n.sentences import read_in_current_language

# The page (html.py)
TITLE = "e-KTP printing plan: {name}"
SUBTITLE = "{start} to {end} ({days} days) · plan {status}, {engine} engine"
FOOTER = ("Made by ektp-sched from the instance and a validated plan. Counts only: no applicant "
          "is named. Backlogs count cards by print day, deadlines by the day a card is home.")
HEADLINE_LABEL = "Headline figures"
ABOUT = "About this instance"

# The headline figures (html.py): (label, note)
STAT_PRINTED = ("cards printed", "of {applicants:,} applicants")
STAT_WAITING = ("still waiting", "at the horizon's end")
STAT_CLEAR = ("days to clear", "every backlog empty on {date}")
STAT_NOT_CLEARED = "not within the horizon"
STAT_MISSES = ("deadline misses", "cards not home by their class's deadline")
STAT_SHORT = ("blanks short", "to print everyone ready within capacity")

# What holds the plan back (holdback.py): the page's first line
HOLDBACK_DEADLINE = "{misses:,} applicant(s) miss their deadline ({classes})."
CLASS_BY = "{service_class} by {deadline}"
HOLDBACK_NOTHING = "Nothing holds this plan back: every card is printed on the day its applicant is ready."
HOLDBACK = {
    "capacity": "Printer capacity holds this plan back: printers ran full on {days:,} district-days while applicants waited ({share} of the waiting), most at {district}.",
    "outage": "Broken printers or servers hold this plan back: outages cut capacity on {days:,} district-days while applicants waited ({share} of the waiting), most at {district}.",
    "blanks": "Blanks hold this plan back: printers stood idle without blanks on {days:,} district-days while applicants waited ({share} of the waiting), most at {district}.",
    "plan": "The plan holds applicants back: printers and blanks were left unused on {days:,} district-days while applicants waited ({share} of the waiting), most at {district}.",
}
HOLDBACK_OUTAGE = "A broken printer or server holds this plan back: {what} at {district} was down from {start} to {end}, and outages cut capacity on {days:,} district-days while applicants waited ({share} of the waiting)."
HOLDBACK_BLANKS_ASK = "Blanks hold this plan back: printers stood idle without blanks on {days:,} district-days while applicants waited ({share} of the waiting), most at {district}; ask for {short:,} more blanks (table below)."
EVERY_PRINTER = "every printer"
HOLDBACK_REST = "The rest of the waiting: {rest}."
CAUSE_SHARE = "{cause} {share}"
CAUSE_NAMES = {"capacity": "capacity", "outage": "outages", "blanks": "blanks",
               "plan": "unused capacity"}

# Blanks to ask for (tables.py)
SHORT_TITLE = "Blanks to ask for"
SHORT_NONE = "No district is short: blanks do not hold this plan back."
SHORT_HEAD = ("district", "name", "blanks to ask for", "the first", "needed by", "all needed by")
TOTAL = "all districts"
SHORT_REST = "Each district's shortage is also in the districts' table (blanks short)."
SHORT_NOTE = ("Most first. More blanks than the deliveries bring, needed by these dates, so that the printers "
              "could print everyone ready as fast as their capacity allows (surplus at a neighbour "
              "counted first).")

# Neighbour help (tables.py)
HELP_TITLE = "Help between neighbours"
HELP_NONE_LINKS = "No links in this instance: every office prints its own cards with its own blanks."
HELP_NONE = "No office printed cards for another or lent blanks in this plan."
HELP_HEAD = ("district", "name", "its cards printed by neighbours", "cards it printed for neighbours",
             "blanks lent", "blanks borrowed")
HELP_NOTE = "Over the horizon, in this plan. Only offices that gave or got help are listed."

# The districts' table (tables.py)
DISTRICTS_TITLE = "Districts"
DISTRICTS_HEAD = ("district", "name", "applicants", "printed", "not printed", "backlog cleared",
                  "blanks left", "blanks short", "longest wait (days)")
NOT_WITHIN = "not within horizon"
OTHERS = "{count} other districts"
OTHERS_NOTE = "The {shown} districts with the most waiting days are listed; the other {count} are summed in the last row."

# The charts: titles and captions (html.py), texts inside them (charts.py)
BACKLOG_TITLE = "Backlog per district"
BACKLOG_CAPTION = "Applicants ready and not yet printed at the end of each day."
TOP_CAPTION = " The {shown} districts with the most waiting days; the other {count} summed (grey, dashed, on the right-hand scale)."
PANELS_CAPTION = " The {shown} districts with the most waiting days, each with its printers summed, and the other {count} summed in the last panel (not shaded)."
PRINTERS_TITLE = "Cards per printer per day"
DISTRICT_PRINTERS_TITLE = "Cards per district per day"
PRINTERS_CAPTION = ("Blue: cards printed; pale: the day's capacity (none on closed days); red: an outage "
                    "cuts capacity; amber: no blanks while applicants wait.")
STOCK_TITLE = "Blank stock per district"
STOCK_CAPTION = "Blanks left at the end of each day (after prints, sends and arrivals); triangles: deliveries."
DEADLINE_TITLE = "Deadline classes"
DEADLINE_CAPTION = "Cards home by each day against the applicants due by the class's deadline."
RIGHT_SCALE = "{label} (right scale)"
WAITING_AXIS = "waiting for a card"
STOCK_AXIS = "blanks in stock"
OUTAGE = "outage"
NO_BLANKS = "no blanks"
CAPACITY = "capacity"
CARDS_PRINTED = "cards printed"
DELIVERY = "delivery"
READY = "ready (cumulative)"
HOME = "cards home (cumulative)"
DUE = "due: ready by the deadline"
DEADLINE = "deadline"
DEADLINE_PANEL = "class {service_class}: {eligible:,} due home by {deadline}"
PRINTER_PANEL = "{printer} ({district})"
DISTRICT_PANEL = "{district} ({printers} printer(s))"

# The network map (network_map.py; the table's columns are translated there)
MAP_TITLE = "{name}: load and rerouting"
MAP_LOAD = "load (ready queue ÷ capacity)"
MAP_REROUTED = "cards rerouted along the link"

# Printing the page to PDF (pdf.py)
NO_CHROMIUM = "a PDF report is printed by Chromium, and none was found (install `chromium`, or set EKTP_CHROMIUM to its path; or write .html)"
CHROMIUM_FAILED = "Chromium could not print the PDF ({reason})"

# Last: from here on `words.NAME` reads in the current language.
read_in_current_language(__name__)
