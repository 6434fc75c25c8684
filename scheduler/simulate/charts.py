"""The simulation page's charts as inline SVG, in the style of the plan report (report/charts.py).

Two charts: each outcome's distribution over runs per policy (a box from the
25th to the 75th percentile, whiskers at the 10th and 90th, the median as a
line and the mean as a dot), and per district the share of runs whose backlog
has cleared by each day, a line per policy (a run that never clears keeps the
line below 100%).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter, StrMethodFormatter

from scheduler.i18n import N_, _
from scheduler.report.charts import STYLE, WIDTH, svg  # the plan report's look and SVG

POLICY_COLOURS = {"replan": "#1f77b4", "fixed": "#ff7f0e", "greedy": "#7f7f7f"}
OUTCOME_LABELS = {"printed": N_("cards printed"), "waiting_days": N_("waiting days"),
                  "deadline_misses": N_("deadline misses"), "transfer_cost": N_("transfer cost")}

Values = Mapping[str, Mapping[str, Sequence[float]]]  # figure -> policy -> value per run


def tick_label(name: str) -> str:
    """A long name (a whatif scenario's) on lines of at most 22 characters."""
    return textwrap.fill(name, 22)


def outcome_boxes(values: Values, policies: Sequence[str],
                  colours: Mapping[str, str] = POLICY_COLOURS) -> str:
    """A panel per outcome, a box per policy (percentiles 10, 25, 50, 75, 90 and the mean).

    `policies` may be any names with runs (whatif's scenarios), coloured by `colours`.
    """
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(WIDTH, 0.6 + 0.55 * len(policies) * len(values)),
                     layout="constrained")
        axes = fig.subplots(len(values), 1, squeeze=False)[:, 0]
        for ax, (figure, per_policy) in zip(axes, values.items(), strict=True):
            for row, policy in enumerate(reversed(policies)):
                runs = np.asarray(per_policy[policy], dtype=np.float64)
                p10, p25, p50, p75, p90 = np.percentile(runs, [10, 25, 50, 75, 90])
                colour = colours.get(policy, "#9467bd")
                ax.hlines(row, p10, p90, color=colour, linewidth=1.4)
                ax.barh(row, p75 - p25, left=p25, height=0.5, color=colour, alpha=0.55,
                        edgecolor=colour)
                ax.vlines(p50, row - 0.25, row + 0.25, color="black", linewidth=1.6)
                ax.plot([runs.mean()], [row], marker="o", markerfacecolor="white",
                        markeredgecolor="black", markersize=5)
            low = min(min(per_policy[p], default=0) for p in policies)
            high = max(max(per_policy[p], default=0) for p in policies)
            if low == high:  # one value in every run (no misses, say): a readable axis
                ax.set_xlim(low - 1, high + 1)
            ax.set_yticks(range(len(policies)), [tick_label(p) for p in reversed(policies)],
                          fontsize=9 if len(policies) > 3 else None)
            ax.set_ylim(-0.6, len(policies) - 0.4)
            ax.set_title(_(OUTCOME_LABELS[figure]) if figure in OUTCOME_LABELS else figure,
                         loc="left", fontsize=10, pad=2)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
            ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
            ax.grid(axis="y", visible=False)
    return svg(fig, "outcomes", _("Outcomes over runs per policy"))


def clearing_curves(clear: Mapping[str, Mapping[str, Sequence[float | None]]],
                    policies: Sequence[str], days: int,
                    colours: Mapping[str, str] = POLICY_COLOURS) -> str:
    """Per district, the share of runs whose backlog has cleared by each horizon day.

    `policies` may be any names with runs (whatif's scenarios), coloured by
    `colours`; the legend has as many columns as the longest name lets fit.
    """
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(WIDTH, 0.7 + 1.35 * len(clear)), layout="constrained")
        axes = fig.subplots(len(clear), 1, sharex=True, squeeze=False)[:, 0]
        x = np.arange(1, days + 1)
        for ax, (district, per_policy) in zip(axes, clear.items(), strict=True):
            for policy in policies:
                cleared = np.array([v for v in per_policy[policy] if v is not None])
                runs = max(len(per_policy[policy]), 1)
                share = np.searchsorted(np.sort(cleared), x, side="right") / runs
                ax.step(x, share, where="post", linewidth=1.6, label=policy,
                        color=colours.get(policy, "#9467bd"))
            ax.set_ylim(-0.03, 1.03)
            ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
            ax.set_title(district, loc="left", fontsize=10, pad=2)
        axes[-1].set_xlabel(_("horizon day"))
        handles, labels = axes[0].get_legend_handles_labels()
        columns = max(1, min(len(policies), 66 // (max(map(len, policies)) + 6)))
        fig.legend(handles, labels, loc="outside lower center", ncols=columns,
                   frameon=False, fontsize=9)
    return svg(fig, "clearing", _("Share of runs with the backlog cleared, by day"))
