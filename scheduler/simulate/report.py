"""The simulation as ONE self-contained HTML page, in the plan report's style (report/html.py).

Inline CSS and SVG, no script, nothing fetched: the summary table (mean with
its 95% interval, median, 10th and 90th percentiles per figure and policy),
the outcomes' distributions per policy, and per district the share of runs
whose backlog has cleared by each day. The policies are compared on the same
futures. Only counts appear, never an applicant.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from scheduler.i18n import N_, _, say
from scheduler.instance.model import Instance
from scheduler.report.html import district_label, page_opening
from scheduler.simulate import charts
from scheduler.simulate.runs import RunRow
from scheduler.simulate.table import (
    OUTCOMES,
    FigureSummary,
    clear_column,
    figure_label,
    figure_values,
    number_text,
)

POLICY_TEXT = {
    "replan": N_("re-solves each morning there is news, with what is known by then"),
    "fixed": N_("follows the first morning's plan; what reality cuts is not made up"),
    "greedy": N_("first-come by hand: each office prints its oldest at home, no lending"),
}


def simulation_page(instance: Instance, rows: Sequence[RunRow], policies: Sequence[str],
                    districts: Sequence[str], summaries: Sequence[FigureSummary],
                    seed: int) -> str:
    """The whole page for the runs of `policies` (rows from `simulate_runs`)."""
    runs = len({r.run for r in rows})
    per_policy = {p: figure_values([r for r in rows if r.policy == p], districts)
                  for p in policies}
    outcomes = {f: {p: [v for v in per_policy[p][f] if v is not None] for p in policies}
                for f in OUTCOMES}
    clearing = {district_label(instance, d): {p: per_policy[p][clear_column(d)]
                                               for p in policies}
                for d in districts}
    parts = [
        *page_opening(
            escape(say("Simulated outages: {instance}", instance=instance.name)),
            escape(say("{start} to {end} ({days} days) · {runs:,} run(s), seed {seed} · "
                       "policies compared on the same futures", start=instance.start,
                       end=instance.end, days=instance.days, runs=runs, seed=seed))),
        _policies(policies),
        _summary_table(summaries),
        _figure(_("Outcomes over runs"),
                _("Box: 25th to 75th percentile; whiskers: 10th to 90th; line: median; "
                  "dot: mean."), charts.outcome_boxes(outcomes, policies)),
    ]
    if clearing:
        parts.append(_figure(
            _("Days to clear"),
            _("Share of runs in which the district's ready backlog has first reached zero by "
              "each horizon day; below 100% at the end: some runs never clear."),
            charts.clearing_curves(clearing, policies, instance.days)))
    parts += [
        "<footer>" + escape(_(
            "Made by ektp-sched simulate. Each run draws one future of outages and late "
            "deliveries from the instance's outage model; each morning the policy knows only "
            "what has happened so far. Counts only: no applicant is named.")) + "</footer>",
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"



def _policies(policies: Sequence[str]) -> str:
    said = {p: _(POLICY_TEXT[p]) if p in POLICY_TEXT else "" for p in policies}
    items = "".join(f"<li><b>{escape(p)}</b>: {escape(said[p])}</li>" for p in policies)
    title = _("Policies")
    return f'<section><h2>{escape(title)}</h2><ul class="short">{items}</ul></section>'


def _summary_table(summaries: Sequence[FigureSummary]) -> str:
    head = (_("figure"), _("policy"), _("mean"), _("95% interval of the mean"), _("median"),
            _("10th pct"), _("90th pct"), _("runs reached"))
    rows = []
    for s in summaries:
        st = s.stats
        interval = ("–" if st.ci_low is None or st.ci_high is None
                    else f"{number_text(st.ci_low)} – {number_text(st.ci_high)}")
        cells = (figure_label(s.figure), s.policy, number_text(st.mean), interval,
                 number_text(st.median), number_text(st.p10), number_text(st.p90),
                 f"{st.reached}/{st.runs}")
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    note = _("Days to clear: horizon days until the backlog first reaches zero; a run that "
             "never clears counts as later than every day (a percentile on such runs, and "
             "then the mean, are “–”).")
    title = _("Figures over runs")
    return (f'<section><h2>{escape(title)}</h2><div class="table-wrap">'
            "<table><thead><tr>"
            + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead><tbody>"
            + "".join(rows) + f'</tbody></table></div><p class="note">{escape(note)}</p>'
            "</section>")


def _figure(title: str, caption: str, svg: str) -> str:
    return (f"<figure><figcaption><b>{escape(title)}</b>{escape(caption)}</figcaption>"
            f"{svg}</figure>")
