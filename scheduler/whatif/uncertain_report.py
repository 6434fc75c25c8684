"""`whatif --runs --report`: the scenarios compared on the same futures, as ONE self-contained page.

In the style of simulate's page (inline CSS, matplotlib SVG, no script,
nothing fetched): what each scenario changes against the reference, with the
paired 95% interval beside the unpaired one (table and chart); per scenario
the share of runs whose backlogs have all been cleared by each day (the
region, then each district), the distribution of days to clear a regent
reads; each outcome's distribution over runs; and every figure's statistics.
Only counts appear, never an applicant.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from scheduler.i18n import _, number, say
from scheduler.instance.model import Instance
from scheduler.report.html import district_label, page_opening
from scheduler.simulate import charts
from scheduler.simulate.report import _figure  # the simulate page's figure block
from scheduler.simulate.table import clear_column, number_text
from scheduler.whatif.paired import Change
from scheduler.whatif.uncertain import REGION_CLEAR, ScenarioFigure, ScenarioRuns, figures
from scheduler.whatif.uncertain_charts import change_intervals, scenario_colours
from scheduler.whatif.uncertain_table import change_text, figure_label, interval_text

HEADLINE = ("waiting_days", REGION_CLEAR, "printed", "deadline_misses")
BOXES = ("waiting_days", "printed", "deadline_misses")


def comparison_page(instance: Instance, results: Sequence[ScenarioRuns],
                    summary: Sequence[ScenarioFigure], *, reference: str, seed: int,
                    policy: str) -> str:
    """The whole page (`summary` from `summarise_scenarios` on the same results)."""
    names = [r.name for r in results]
    colours = scenario_colours(names)
    runs = len(results[0].rows)
    districts = list(dict.fromkeys(d for r in results for d in r.districts))
    values = {r.name: figures(r, districts) for r in results}
    others = [n for n in names if n != reference]
    changes = {figure_label(f): {s.scenario: s.change for s in summary
                                 if s.figure == f and s.change is not None}
               for f in HEADLINE}
    clearing = {_("All districts"): {n: values[n][REGION_CLEAR] for n in names}}
    clearing |= {district_label(instance, d): {n: values[n][clear_column(d)] for n in names}
                 for d in districts}
    boxes = {f: {n: [v for v in values[n][f] if v is not None] for n in names} for f in BOXES}
    parts = [
        *page_opening(
            escape(say("What if, under outages: {instance}", instance=instance.name)),
            escape(say("{start} to {end} ({days} days) · {runs:,} run(s), seed {seed}, policy "
                       "{policy} · every scenario lives through the same drawn futures",
                       start=instance.start, end=instance.end, days=instance.days, runs=runs,
                       seed=seed, policy=policy))),
        _changes_table(summary, reference),
    ]
    if others:
        parts.append(_figure(
            say("Change against {reference}", reference=reference),
            _("Dot: mean change per run. Thick bar: its 95% interval measured on the same "
              "futures (paired). Thin grey bar: the interval two independent samples of as "
              "many runs would give."), change_intervals(changes, others, colours)))
    parts += [
        _figure(_("Days to clear"),
                _("Share of runs in which every backlog (top panel), or the district's, has "
                  "first reached zero by each horizon day; below 100% at the end: some runs "
                  "never clear."),
                charts.clearing_curves(clearing, names, instance.days, colours)),
        _figure(_("Outcomes over runs"),
                _("Box: 25th to 75th percentile; whiskers: 10th to 90th; line: median; "
                  "dot: mean."),
                charts.outcome_boxes(boxes, names, colours)),
        _figures_table(summary),
        "<footer>" + escape(_(
            "Made by ektp-sched whatif --runs. Run r of every scenario draws its future with "
            "the same seeded streams per printer and delivery, so what a scenario leaves alone "
            "goes wrong alike in every scenario. Counts only: no applicant is named."))
        + "</footer>",
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"



def _changes_table(summary: Sequence[ScenarioFigure], reference: str) -> str:
    """Per scenario: its cost and its paired change of each headline figure."""
    by_scenario: dict[str, dict[str, Change | None]] = {}
    cost: dict[str, int | None] = {}
    for s in summary:
        by_scenario.setdefault(s.scenario, {})[s.figure] = s.change
        cost[s.scenario] = s.cost_rupiah
    head = [_("scenario"), _("cost (rupiah)"),
            *(say("{figure}: change, 95% CI", figure=figure_label(f)) for f in HEADLINE),
            _("waiting days saved per million rupiah")]
    rows = []
    for name, per_figure in by_scenario.items():
        price = cost[name]
        cells = [escape(name), "" if price is None else number(price)]
        for f in HEADLINE:
            change = per_figure[f]
            cells.append(escape(_("reference")) if change is None else
                         f"{escape(change_text(change.mean))}<br><small>"
                         f"{escape(interval_text(change.ci_low, change.ci_high, signed=True))}"
                         "</small>")
        waiting = per_figure["waiting_days"]
        cells.append("" if waiting is None or waiting.mean is None or not price
                     else escape(number_text(-waiting.mean / (price / 1_000_000))))
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    title = say("What each scenario changes against {reference}", reference=reference)
    note = _("Mean change per run (scenario − reference on the same future) with its paired "
             "95% interval; negative waiting and days to clear are better. “–”: a backlog "
             "never clears in some run, so no mean change exists.")
    return (f"<section><h2>{escape(title)}</h2>"
            '<div class="table-wrap"><table><thead><tr>'
            + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead><tbody>"
            + "".join(rows) + f'</tbody></table></div><p class="note">{escape(note)}</p>'
            "</section>")


def _figures_table(summary: Sequence[ScenarioFigure]) -> str:
    head = (_("figure"), _("scenario"), _("mean"), _("95% CI of mean"), _("median"),
            _("10th pct"), _("90th pct"), _("runs reached"), _("change"), _("95% CI, paired"),
            _("95% CI, unpaired"))
    rows = []
    for s in summary:
        st, ch = s.stats, s.change
        cells = (figure_label(s.figure), s.scenario, number_text(st.mean),
                 interval_text(st.ci_low, st.ci_high), number_text(st.median),
                 number_text(st.p10), number_text(st.p90), f"{st.reached}/{st.runs}",
                 "" if ch is None else change_text(ch.mean),
                 "" if ch is None else interval_text(ch.ci_low, ch.ci_high, signed=True),
                 "" if ch is None else interval_text(ch.unpaired_low, ch.unpaired_high,
                                                     signed=True))
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    note = _("Days to clear: horizon days until the backlog first reaches zero (all "
             "districts: until every one has); a run that never clears counts as later than "
             "every day.")
    title = _("Figures over runs")
    return (f'<section><h2>{escape(title)}</h2><div class="table-wrap">'
            "<table><thead><tr>"
            + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead><tbody>"
            + "".join(rows) + f'</tbody></table></div><p class="note">{escape(note)}</p>'
            "</section>")
