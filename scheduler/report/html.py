"""The report as ONE self-contained HTML page: inline CSS and SVG, no script, no links out.

It reads on a phone (viewport meta, a grid that folds to one column, charts
scaled to the width, a table that scrolls sideways) and prints cleanly
(`@media print`: no backgrounds, no card broken over pages). Only counts appear:
no applicant ids.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from scheduler.diagnose.blanks_short import BlanksShort
from scheduler.files.atomic import write_atomic
from scheduler.i18n import _, current_language, number, say, short_date
from scheduler.instance.calendar import Calendar
from scheduler.instance.model import Instance
from scheduler.plan.figures import DistrictFigures
from scheduler.plan.result import EngineResult
from scheduler.report import charts
from scheduler.report.data import Headline, ReportData, report_data

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
ul.short { margin: 0; padding-left: 1.2em; }
details { margin-top: 8px; color: var(--muted); font-size: .9rem; }
footer { color: var(--muted); font-size: .8rem; margin: 16px 0 32px; }
@media (max-width: 520px) {
  main { padding: 10px; }
  h1 { font-size: 1.25rem; }
  .stats { grid-template-columns: repeat(2, 1fr); gap: 8px; }
  .stat strong { font-size: 1.45rem; }
  section, figure { padding: 10px; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .stats { grid-template-columns: repeat(5, 1fr); }
  .stat, section, figure { break-inside: avoid; page-break-inside: avoid; }
  section, figure { border: none; padding: 0; margin: 12pt 0; }
  .table-wrap { overflow: visible; }
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


def render_report(data: ReportData) -> str:
    """Headline, blanks to ask for, the district table and one figure per chart."""
    start, end = data.dates[0], data.dates[-1]
    parts = [
        *page_opening(
            escape(say("e-KTP printing plan: {name}", name=data.name)),
            escape(say("{start} to {end} ({days} days) · plan {status}, {engine} engine",
                       start=start, end=end, days=len(data.dates), status=data.status.lower(),
                       engine=data.engine))),
        _headline(data.headline),
        _shortages(data),
        _table(data),
        *_figures(data),
        "<footer>" + escape(_(
            "Made by ektp-sched from the instance and a validated plan. Counts only: no "
            "applicant is named. Backlogs count cards by print day, deadlines by the day a "
            "card is home.")) + "</footer>",
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _stat(key: str, value: str, label: str, note: str, alert: bool = False) -> str:
    css = "stat alert" if alert else "stat"
    return (f'<div class="{css}" data-figure="{key}"><strong>{escape(value)}</strong>'
            f'<span>{escape(label)}</span><span class="note">{escape(note)}</span></div>')


def _headline(h: Headline) -> str:
    if h.days_to_clear is None or h.cleared_on is None:
        clear = _stat("days-to-clear", "–", _("days to clear"), _("not within the horizon"),
                      True)
    else:
        clear = _stat("days-to-clear", number(h.days_to_clear), _("days to clear"),
                      say("every backlog empty on {day}", day=h.cleared_on))
    stats = [
        _stat("printed", number(h.printed), _("cards printed"),
              say("of {applicants:,} applicants", applicants=h.applicants)),
        _stat("waiting", number(h.waiting), _("still waiting"), _("at the horizon's end"),
              h.waiting > 0),
        clear,
        _stat("deadline-misses", number(h.deadline_misses), _("deadline misses"),
              _("cards not home by their class's deadline"), h.deadline_misses > 0),
        _stat("blanks-short", number(h.blanks_short), _("blanks short"),
              _("to print everyone ready within capacity"), h.blanks_short > 0),
    ]
    label = escape(_("Headline figures"))
    return f'<section class="stats" aria-label="{label}">' + "".join(stats) + "</section>"


def _shortages(data: ReportData) -> str:
    if not data.shortages:
        none_short = _("No district is short: blanks do not hold this plan back.")
        body = f"<p>{escape(none_short)}</p>"
    else:
        items = "".join(
            f"<li><b>{escape(f'{s.district} {s.name}'.strip())}</b>: {escape(s.sentence())}"
            + "".join(" · " + escape(say("{blanks:,} by {day}", blanks=st.blanks, day=st.date))
                      for st in s.steps[1:-1])
            + "</li>"
            for s in data.shortages
        )
        note = _("More blanks than the deliveries bring, needed by these dates, so that the "
                 "printers could print everyone ready as fast as their capacity allows "
                 "(surplus at a neighbour counted first).")
        body = f'<ul class="short">{items}</ul><p class="note">{escape(note)}</p>'
    title = _("Blanks to ask for")
    return f"<section><h2>{escape(title)}</h2>{body}</section>"


def _table(data: ReportData) -> str:
    short = {s.district: s.blanks for s in data.shortages}
    head = (_("district"), _("name"), _("applicants"), _("printed"), _("not printed"),
            _("backlog cleared"), _("blanks left"), _("blanks short"), _("longest wait (days)"))
    rows = []
    for f in data.figures:
        cleared = short_date(f.cleared) if f.cleared else _("not within horizon")
        wait = f"{f.longest_wait}{'+' if f.longest_wait_unfinished else ''}"
        cells = (f.district, f.name, number(f.applicants), number(f.printed),
                 number(f.not_printed), cleared, number(f.blanks_left),
                 number(short.get(f.district, 0)), wait)
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    about, title = _("About this instance"), _("Districts")
    description = (f"<details><summary>{escape(about)}</summary>"
                   f"<p>{escape(data.description)}</p></details>" if data.description else "")
    return (f"<section><h2>{escape(title)}</h2><div class=\"table-wrap\"><table>"
            "<thead><tr>"
            + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead><tbody>"
            + "".join(rows) + f"</tbody></table></div>{description}</section>")


def _figure(title: str, caption: str, svg: str) -> str:
    return (f"<figure><figcaption><b>{escape(title)}</b>{escape(caption)}</figcaption>"
            f"{svg}</figure>")


def _figures(data: ReportData) -> list[str]:
    dates = data.dates
    shown = [
        _figure(_("Backlog per district"),
                _("Applicants ready and not yet printed at the end of each day."),
                charts.burn_down(dates, data.districts)),
        _figure(_("Cards per printer per day"),
                _("Blue: cards printed; pale: the day's capacity (none on closed days); "
                  "shaded: an outage covers the printer."),
                charts.printers(dates, data.printers)),
        _figure(_("Blank stock per district"),
                _("Blanks left at the end of each day (after prints, sends and arrivals); "
                  "triangles: deliveries."),
                charts.blank_stock(dates, data.districts)),
    ]
    if data.deadlines:
        shown.append(_figure(
            _("Deadline classes"),
            _("Cards home by each day against the applicants due by the class's deadline."),
            charts.deadlines(dates, data.deadlines)))
    return shown
