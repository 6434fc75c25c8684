"""The `whatif --runs` page's own chart: each scenario's change against the reference.

A panel per figure, a row per scenario: the mean change per run as a dot, its
paired 95% interval as a thick bar in the scenario's colour, and the interval
two independent samples would give as a thin grey bar behind it, so the
reader sees what measuring on the same futures buys. A change that has no
mean (a backlog that never clears in some run) is said in words on its row.
The distributions per scenario reuse simulate's charts with scenario colours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from scheduler.i18n import _
from scheduler.report.charts import STYLE, WIDTH, svg  # the plan report's look and SVG
from scheduler.simulate.charts import tick_label
from scheduler.whatif.paired import Change
from scheduler.whatif.uncertain_table import change_text

#: Scenario colours in file order: the baseline grey, then the report's cycle.
PALETTE = ("#7f7f7f", "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
           "#e377c2", "#17becf", "#bcbd22")
UNPAIRED = "#c8c8c8"


def scenario_colours(names: Sequence[str]) -> dict[str, str]:
    return {name: PALETTE[k % len(PALETTE)] for k, name in enumerate(names)}


def change_intervals(changes: Mapping[str, Mapping[str, Change]], scenarios: Sequence[str],
                     colours: Mapping[str, str]) -> str:
    """`changes[figure label][scenario]`: a panel per figure, a row per scenario."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(WIDTH, 0.6 + (0.45 * len(scenarios) + 0.45) * len(changes)),
                     layout="constrained")
        axes = fig.subplots(len(changes), 1, squeeze=False)[:, 0]
        for ax, (label, per_scenario) in zip(axes, changes.items(), strict=True):
            ax.axvline(0, color="black", linewidth=0.8)
            for row, name in enumerate(reversed(scenarios)):
                change = per_scenario[name]
                if change.mean is None:
                    ax.text(0.02, row, f"no mean: not every run clears ({change.both}/"
                            f"{change.runs} do)", transform=ax.get_yaxis_transform(),
                            va="center", fontsize=8, color="#586069")
                    continue
                if change.unpaired_low is not None and change.unpaired_high is not None:
                    ax.hlines(row, change.unpaired_low, change.unpaired_high, color=UNPAIRED,
                              linewidth=1.2)
                if change.ci_low is not None and change.ci_high is not None:
                    ax.hlines(row, change.ci_low, change.ci_high, color=colours[name],
                              linewidth=5)
                ax.plot([change.mean], [row], marker="o", markerfacecolor="white",
                        markeredgecolor="black", markersize=5)
            ends = [x for c in per_scenario.values() if c.mean is not None
                    for x in (c.mean, c.unpaired_low, c.unpaired_high) if x is not None]
            if not ends or min(ends) == max(ends):  # no change in any run: a readable axis
                middle = ends[0] if ends else 0.0
                ax.set_xlim(middle - 1, middle + 1)
            ax.set_yticks(range(len(scenarios)), [tick_label(n) for n in reversed(scenarios)],
                          fontsize=9)
            ax.set_ylim(-0.6, len(scenarios) - 0.4)
            ax.set_title(label, loc="left", fontsize=10, pad=2)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: change_text(x)))
            ax.grid(axis="y", visible=False)
    return svg(fig, "changes", _("Change against the reference per scenario, with intervals"))
