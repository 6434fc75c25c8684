"""The report as ONE self-contained HTML page: inline CSS and SVG, no script, no links out.

It opens with what holds the plan back (holdback.py), reads on a phone
(viewport meta, a grid that folds to two columns, charts scaled to the width,
tables that scroll sideways inside their card) and prints cleanly (A4, page
numbers, no figure or table row broken over pages, table heads repeated, no
backgrounds): the PDF is this page printed (pdf.py). Only counts appear: no
applicant ids. Its charts and tables keep their size at every scale (scale.py,
tables.py).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from scheduler.diagnose.blanks_short import BlanksShort
from scheduler.files.atomic import write_atomic
from scheduler.i18n import current_language, number
from scheduler.instance.calendar import Calendar
from scheduler.instance.model import Instance
from scheduler.plan.figures import DistrictFigures
from scheduler.plan.result import EngineResult
from scheduler.report import charts, tables, words
from scheduler.report.data import Headline, ReportData, report_data
from scheduler.report.holdback import holdback_sentences
from scheduler.report.scale import SHOWN, SMALL, top_and_rest

CSS = """
:root { --ink: #1b1f23; --muted: #586069; --line: #e1e4e8; --accent: #1f5fa8; --bad: #b42318; }
* { box-sizing: border-box; }
body { margin: 0; background: #f3f5f8; color: var(--ink);
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.5rem; margin: 8px 0 4px; }
h2 { font-size: 1.15rem; margin: 0 0 8px; }
.sub, figcaption, .note { color: var(--muted); }
.sub { margin: 0 0 16px; }
.lead { font-size: 1.1rem; background: #fff; border: 1px solid var(--line);
  border-left: 5px solid var(--bad); border-radius: 10px; padding: 12px 16px; margin: 0 0 16px; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; }
.stat { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px;
  border-top: 4px solid var(--accent); }
.stat.alert { border-top-color: var(--bad); }
.stat strong { display: block; font-size: 1.9rem; line-height: 1.15;
  font-variant-numeric: tabular-nums; }
.stat span { display: block; font-size: .92rem; }
.stat .note { font-size: .8rem; }
section, figure { background: #fff; border: 1px solid var(--line); border-radius: 10px;
  padding: 14px 16px; margin: 16px 0; }
figure figcaption { margin-bottom: 8px; font-size: .92rem; }
figure figcaption b { color: var(--ink); font-size: 1.05rem; display: block; }
svg.chart { display: block; width: 100%; max-width: 760px; height: auto; margin: 0 auto; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .88rem;
  font-variant-numeric: tabular-nums; }
th, td { padding: 5px 7px; border-bottom: 1px solid var(--line); text-align: right;
  white-space: nowrap; }
th { background: #f6f8fa; font-weight: 600; white-space: normal; vertical-align: bottom; }
th:nth-child(-n+2), td:nth-child(-n+2) { text-align: left; }
details { margin-top: 8px; color: var(--muted); font-size: .9rem; }
footer { color: var(--muted); font-size: .8rem; margin: 16px 0 32px; }
@media (max-width: 520px) {
  main { padding: 10px; }
  h1 { font-size: 1.25rem; }
  .stats { grid-template-columns: repeat(2, 1fr); gap: 8px; }
  .stat strong { font-size: 1.45rem; }
  section, figure { padding: 10px; }
  .lead { font-size: 1rem; padding: 10px 12px; }
  table { font-size: .8rem; }
}
@page { size: A4; margin: 14mm 12mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #586069; } }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .stats { grid-template-columns: repeat(5, 1fr); gap: 6pt; }
  .stat { padding: 4pt 6pt; }
  .stat strong { font-size: 15pt; }
  .stat span { font-size: 8.5pt; }
  .stat .note { font-size: 7.5pt; }
  .stat, figure, tr { break-inside: avoid; page-break-inside: avoid; }
  h2, figcaption { break-after: avoid; page-break-after: avoid; }
  section, figure { border: none; padding: 0; margin: 10pt 0; }
  .lead { border: none; border-left: 4pt solid var(--bad); padding: 2pt 0 2pt 8pt; }
  svg.chart { max-width: min(100%, calc(225mm * var(--aspect, 1))); }
  .table-wrap { overflow: visible; }
  table { font-size: 8.5pt; }
  th, td { white-space: normal; padding: 2pt 4pt; }
  thead { display: table-header-group; }
  details { display: none; }
}
"""


def build_report(calendar: Calendar, result: EngineResult, figures: list[DistrictFigures],
                 shortages: list[BlanksShort]) -> str:
    """The whole page for a validated plan, its district figures and its blank shortages."""
    return render_report(report_data(calendar, result, figures, shortages))


def write_report(path: str | Path, page: str) -> None:
    """Write the page atomically (an existing report stays as it was on error)."""

    def write(tmp: Path) -> None:
        tmp.write_text(page, encoding="utf-8")

    write_atomic(path, write)


def page_opening(title: str, subtitle: str) -> list[str]:
    """A page's head (inline CSS) and header; `title` and `subtitle` are already HTML."""
    return [
        "<!DOCTYPE html>",
        f'<html lang="{current_language()}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body><main>",
        f"<header><h1>{title}</h1>",
        f'<p class="sub">{subtitle}</p></header>',
    ]


def district_label(instance: Instance, district: str) -> str:
    """A district as a page names it: code and name."""
    name = next(d.name for d in instance.districts if d.id == district)
    return f"{district} {name}".strip()


def render_report(data: ReportData, figures: list[str] | None = None) -> str:
    """What holds the plan back, the headline, what to ask for, charts, help, districts.

    `figures` are the charts' `<figure>` elements when drawn already (`chart_figures`).
    """
    lead = holdback_sentences(data.held, data.headline.blanks_short)
    start, end = data.dates[0], data.dates[-1]
    parts = [
        *page_opening(
            escape(words.TITLE.format(name=data.name)),
            escape(words.SUBTITLE.format(start=start, end=end,
                                         days=len(data.dates), status=data.status.lower(),
                                         engine=data.engine))),
        '<p class="lead" id="holds-back">' + " ".join(escape(s) for s in lead) + "</p>",
        _headline(data.headline),
        tables.shortages(data),
        *(chart_figures(data) if figures is None else figures),
        tables.neighbour_help(data),
        tables.districts(data),
        f"<footer>{escape(words.FOOTER)}</footer>",
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _stat(key: str, value: str, label: str, note: str, alert: bool = False) -> str:
    css = "stat alert" if alert else "stat"
    return (f'<div class="{css}" data-figure="{key}"><strong>{escape(value)}</strong>'
            f'<span>{escape(label)}</span><span class="note">{escape(note)}</span></div>')


def _headline(h: Headline) -> str:
    label, note = words.STAT_CLEAR
    if h.days_to_clear is None or h.cleared_on is None:
        clear = _stat("days-to-clear", "–", label, words.STAT_NOT_CLEARED, True)
    else:
        clear = _stat("days-to-clear", number(h.days_to_clear), label,
                      note.format(date=h.cleared_on))
    printed_label, printed_note = words.STAT_PRINTED
    stats = [
        _stat("printed", number(h.printed), printed_label,
              printed_note.format(applicants=h.applicants)),
        _stat("waiting", number(h.waiting), *words.STAT_WAITING, h.waiting > 0),
        clear,
        _stat("deadline-misses", number(h.deadline_misses), *words.STAT_MISSES,
              h.deadline_misses > 0),
        _stat("blanks-short", number(h.blanks_short), *words.STAT_SHORT, h.blanks_short > 0),
    ]
    return (f'<section class="stats" aria-label="{escape(words.HEADLINE_LABEL)}">'
            + "".join(stats) + "</section>")


def _figure(key: str, title: str, caption: str, svg: str) -> str:
    return (f'<figure id="{key}"><figcaption><b>{escape(title)}</b>{escape(caption)}'
            f"</figcaption>{svg}</figure>")


def _panels_caption(data: ReportData) -> str:
    if data.panels_by_district and len(data.districts) > SMALL:
        return words.PANELS_CAPTION.format(shown=SHOWN, count=len(data.districts) - SHOWN)
    return ""


def chart_figures(data: ReportData) -> list[str]:
    """Each chart in its `<figure>`: they read only the plan's series, not the shortages."""
    dates = data.dates
    lines, rest = top_and_rest(data.districts, data.rank)
    if rest is not None:
        lines.append(rest)
    top = (words.TOP_CAPTION.format(shown=len(lines) - 1, count=rest.summed)
           if rest is not None else "")
    shown = [
        _figure("backlog", words.BACKLOG_TITLE, words.BACKLOG_CAPTION + top,
                charts.burn_down(dates, lines)),
        _figure("capacity", words.DISTRICT_PRINTERS_TITLE if data.panels_by_district
                else words.PRINTERS_TITLE, words.PRINTERS_CAPTION + _panels_caption(data),
                charts.capacity(dates, data.panels)),
        _figure("stock", words.STOCK_TITLE, words.STOCK_CAPTION + top,
                charts.blank_stock(dates, lines)),
    ]
    if data.deadlines:
        shown.append(_figure("deadlines", words.DEADLINE_TITLE, words.DEADLINE_CAPTION,
                             charts.deadlines(dates, data.deadlines)))
    return shown
