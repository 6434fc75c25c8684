"""What the ledger's answers look like on a terminal: lines of text, ids masked.

Pure functions from the library's dataclasses to lines, so the command line
prints them and the web page can show the same words (`words.py`).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from scheduler.office import words
from scheduler.office.ids import shown_id
from scheduler.office.reasons import shown_reason

if TYPE_CHECKING:  # planning loads the engines: the day's work order and look-ups do without
    from scheduler.office.changes import Changes, HistoryEntry
    from scheduler.office.planning import StoredVersion
    from scheduler.office.workorder import WorkOrder


def version_lines(stored: StoredVersion) -> list[str]:
    """A stored version: its figures, and for a re-plan how many cards moved."""
    objective = stored.planned.objective
    lines = [words.SAID_PLAN.format(
        number=stored.number, as_of=stored.as_of, status=stored.planned.result.status,
        misses=objective.deadline_misses, waiting=objective.waiting_days,
        transfers=objective.transfer_cost, applicants=stored.applicants,
        cards=stored.planned.result.cards, changed=stored.changed, seconds=stored.seconds)]
    if stored.moved_cards is not None:
        lines.append(words.SAID_MOVED_CARDS.format(moved=stored.moved_cards))
    return lines


def work_order_lines(order: WorkOrder, show_ids: bool = False) -> list[str]:
    """The day per office: notices, cards per printer, blanks and cards to move, stock."""
    lines: list[str] = []
    for office in order.offices:
        name = f"{office.district} {office.name}".strip()
        lines.append(words.SAID_TODAY_OFFICE.format(office=name, day=order.day,
                                                    version=order.version))
        for notice in [*office.notices, *(n for p in office.printers for n in p.notices)]:
            lines.append(words.SAID_TODAY_NOTICE.format(notice=notice))
        for printer in office.printers:
            lines.append(words.SAID_TODAY_PRINTER.format(printer=printer.printer,
                                                         cards=len(printer.rows)))
        for send in office.blanks_to_send:
            template = words.SEND_BOXES if send.boxes is not None else words.SEND_BLANKS
            lines.append("  " + template.format(count=send.count, district=send.district,
                                                boxes=send.boxes, box=send.box))
        for cards in office.cards_to_dispatch:
            lines.append("  " + words.DISPATCH_CARDS.format(
                count=cards.count, district=cards.district, home=cards.arrives))
        for at, count in sorted(Counter(a.printed_at for a in office.arrivals).items()):
            lines.append("  " + words.ARRIVING_CARDS.format(count=count, district=at))
        if show_ids:
            lines += [words.SAID_TODAY_ARRIVAL.format(who=shown_id(a.applicant_id, True),
                                                      district=a.printed_at)
                      for a in office.arrivals]
        lines.append("  " + words.STOCK_END.format(stock=office.stock_at_end))
    return lines


def change_lines(found: Changes, show_ids: bool = False) -> list[str]:
    """How many moved, then one line per resident: old and new date and printer."""
    lines = [words.SAID_CHANGES.format(count=len(found.changes), since=found.since,
                                       until=found.until)]
    for change in found.changes:
        lines.append(words.CHANGE_LINE.format(
            who=shown_id(change.applicant_id, show_ids), district=change.district,
            old=_where(change.old_print_date, change.old_printer),
            new=_where(change.new_print_date, change.new_printer)))
    return lines


def history_lines(entries: list[HistoryEntry]) -> list[str]:
    if not entries:
        return [words.SAID_NO_HISTORY]
    return [words.HISTORY_LINE.format(
        number=e.version.number, created_at=e.version.created_at, as_of=e.version.as_of,
        reason=shown_reason(e.version.reason), status=e.version.status,
        misses=e.version.objective[0], waiting=e.version.objective[1],
        transfers=e.version.objective[2], changed=e.changed)
        for e in entries]


def _where(day: date | None, printer: str | None) -> str:
    if day is None:
        return words.CHANGE_NONE
    return words.CHANGE_AT.format(date=day, printer=printer)
