"""The report's tables as HTML: blanks to ask for, help between neighbours, the districts.

A table lists at most `ROWS` districts, those with the most waiting days first
when there are more (the report's `rank`), and sums the others in one last row:
a national instance's page stays as long as a province's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import TypeVar

from scheduler.i18n import number, short_date
from scheduler.report import words
from scheduler.report.data import NeighbourHelp, ReportData

ROWS = 40  # districts a table lists before it sums the rest
SHORT_ROWS = 10  # districts the blanks to ask for list (the districts' table has every one)
RowT = TypeVar("RowT")


def _cells(values: Sequence[str], head: bool = False) -> str:
    tag = "th" if head else "td"
    return "<tr>" + "".join(f"<{tag}>{escape(v)}</{tag}>" for v in values) + "</tr>"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    return (f'<div class="table-wrap"><table{attribute}><thead>{_cells(head, True)}</thead>'
            "<tbody>" + "".join(_cells(r) for r in rows) + "</tbody></table></div>")


def _bounded(items: Sequence[RowT], order: Callable[[RowT], int],
             ) -> tuple[list[RowT], list[RowT]]:
    """All items when at most ROWS, else the ROWS first by `order` (in that order) and the rest."""
    if len(items) <= ROWS:
        return list(items), []
    ranked = sorted(items, key=order)
    return ranked[:ROWS], ranked[ROWS:]


def _position(data: ReportData) -> dict[str, int]:
    """District id -> its place in the report's rank (most waiting days first)."""
    return {data.figures[k].district: place for place, k in enumerate(data.rank)}


def _others_note(shown: int, rest: int) -> str:
    return f'<p class="note">{escape(words.OTHERS_NOTE.format(shown=shown, count=rest))}</p>'


def shortages(data: ReportData) -> str:
    """Blanks to ask for, most first: how many, the first step and when all are needed.

    The SHORT_ROWS districts short of most are listed, the others summed (the
    districts' table shows each one's shortage).
    """
    if not data.shortages:
        body = f"<p>{escape(words.SHORT_NONE)}</p>"
    else:
        most_first = sorted(data.shortages, key=lambda s: -s.blanks)
        shown, rest = most_first[:SHORT_ROWS], most_first[SHORT_ROWS:]
        rows: list[tuple[str, ...]] = [
            (s.district, s.name, number(s.blanks), number(s.steps[0].blanks),
             short_date(s.steps[0].date), short_date(s.steps[-1].date)) for s in shown]
        if rest:
            rows.append(("", words.OTHERS.format(count=len(rest)),
                         number(sum(s.blanks for s in rest)), "", "",
                         short_date(max(s.steps[-1].date for s in rest))))
        if len(most_first) > 1:
            rows.append(("", words.TOTAL, number(sum(s.blanks for s in most_first)), "", "",
                         short_date(max(s.steps[-1].date for s in most_first))))
        body = (_table(words.SHORT_HEAD, rows, "short")
                + f'<p class="note">{escape(words.SHORT_NOTE)}</p>'
                + (f'<p class="note">{escape(words.SHORT_REST)}</p>' if rest else ""))
    return f'<section id="blanks"><h2>{escape(words.SHORT_TITLE)}</h2>{body}</section>'


def _helped(h: NeighbourHelp) -> bool:
    return bool(h.sent_out or h.taken_in or h.blanks_lent or h.blanks_borrowed)


def neighbour_help(data: ReportData) -> str:
    """Per district that gave or got help: cards printed across a border, blanks lent, borrowed."""
    helped = [h for h in data.help if _helped(h)]
    if not data.has_links:
        body = f"<p>{escape(words.HELP_NONE_LINKS)}</p>"
    elif not helped:
        body = f"<p>{escape(words.HELP_NONE)}</p>"
    else:
        place = _position(data)
        shown, rest = _bounded(helped, lambda h: place[h.district])
        rows: list[tuple[str, ...]] = [(h.district, h.name, number(h.sent_out), number(h.taken_in),
                 number(h.blanks_lent), number(h.blanks_borrowed)) for h in shown]
        if rest:
            rows.append(("", words.OTHERS.format(count=len(rest)),
                         *(number(sum(getattr(h, field) for h in rest)) for field in
                           ("sent_out", "taken_in", "blanks_lent", "blanks_borrowed"))))
        body = (_table(words.HELP_HEAD, rows, "help")
                + f'<p class="note">{escape(words.HELP_NOTE)}</p>'
                + (_others_note(len(shown), len(rest)) if rest else ""))
    return f'<section id="help"><h2>{escape(words.HELP_TITLE)}</h2>{body}</section>'


def districts(data: ReportData) -> str:
    """The districts' figures, at most ROWS of them and the rest summed."""
    short = {s.district: s.blanks for s in data.shortages}
    place = _position(data)
    shown, rest = _bounded(data.figures, lambda f: place[f.district])
    rows: list[tuple[str, ...]] = []
    for f in shown:
        cleared = short_date(f.cleared) if f.cleared else words.NOT_WITHIN
        wait = f"{f.longest_wait}{'+' if f.longest_wait_unfinished else ''}"
        rows.append((f.district, f.name, number(f.applicants), number(f.printed),
                     number(f.not_printed), cleared, number(f.blanks_left),
                     number(short.get(f.district, 0)), wait))
    if rest:
        rows.append(("", words.OTHERS.format(count=len(rest)),
                     *(number(sum(getattr(f, field) for f in rest))
                       for field in ("applicants", "printed", "not_printed")), "",
                     number(sum(f.blanks_left for f in rest)),
                     number(sum(short.get(f.district, 0) for f in rest)),
                     f"{max(f.longest_wait for f in rest)}"))
    description = (f"<details><summary>{escape(words.ABOUT)}</summary>"
                   f"<p>{escape(data.description)}</p></details>" if data.description else "")
    return (f'<section id="districts"><h2>{escape(words.DISTRICTS_TITLE)}</h2>'
            + _table(words.DISTRICTS_HEAD, rows)
            + (_others_note(len(shown), len(rest)) if rest else "") + f"{description}</section>")
