"""The report's charts as inline SVG (matplotlib, Agg backend, no files, no network).

Each function draws one chart and returns one `<svg>` element that scales to
the width of its container: the root's fixed width and height are dropped (its
viewBox stays), and every id inside is prefixed with the chart's key, so
several charts on one page never share a clip path or marker id. Text stays
text (`svg.fonttype: none`): smaller pages, selectable figures, the reader's
fonts.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

import matplotlib
from cycler import cycler

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import numpy as np  # noqa: E402
import numpy.typing as npt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import StrMethodFormatter  # noqa: E402

from scheduler.i18n import _, say
from scheduler.report.data import (  # noqa: E402
    DeadlineSeries,
    DistrictSeries,
    PrinterSeries,
)

FloatArray = npt.NDArray[np.float64]
WIDTH = 6.0  # inches: on a phone the chart shrinks to about 0.6, text stays about 9 px
STYLE: dict[Any, Any] = {  # rc_context's stubs want literal keys
    "svg.fonttype": "none",
    "text.parse_math": False,  # a name with `$` is text, never TeX (which can fail to parse)
    "svg.hashsalt": "ektp-report",
    "font.family": "sans-serif",
    "font.size": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.prop_cycle": cycler(color=[
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
        "#17becf", "#bcbd22", "#7f7f7f"]),
}
CARDS = "#1f77b4"
CAPACITY = "#cfd8e3"
OUTAGE = "#f4a6a6"
DEADLINE = "#d62728"
DUE = "#2ca02c"


def _figure(height: float, rows: int = 1) -> tuple[Figure, list[Axes]]:
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(WIDTH, height), layout="constrained")
        axes = fig.subplots(rows, 1, sharex=True, squeeze=False)[:, 0]
    return fig, list(axes)


def _days(dates: Sequence[date], *axes: Axes) -> FloatArray:
    """Matplotlib's day numbers for the horizon's dates, the axes set to show dates."""
    for ax in axes:
        ax.xaxis_date()
    return np.asarray(mdates.date2num(list(dates)), dtype=np.float64)


def _dates_axis(ax: Axes) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def svg(fig: Figure, key: str, title: str) -> str:
    """The figure as one scalable `<svg>` element with ids private to `key`."""
    buffer = io.StringIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    head_end = text.index(">")
    head = re.sub(r'\s(?:width|height)="[^"]*"', "", text[:head_end])
    head += f' class="chart" role="img" aria-label="{title}"'
    text = head + text[head_end:]
    text = re.sub(r'\bid="([^"]+)"', rf'id="{key}-\1"', text)
    text = re.sub(r'url\(#([^)]+)\)', rf'url(#{key}-\1)', text)
    return re.sub(r'href="#([^"]+)"', rf'href="#{key}-\1"', text)


def _label(district: str, name: str) -> str:
    return f"{district} {name}".strip()


def burn_down(dates: Sequence[date], districts: Sequence[DistrictSeries]) -> str:
    """Applicants ready and not yet printed at the end of each day, a line per district."""
    fig, (ax,) = _figure(3.3)
    with matplotlib.rc_context(STYLE):
        x = _days(dates, ax)
        for d in districts:
            if d.backlog.any():
                ax.step(x, d.backlog, where="post", label=_label(d.district, d.name),
                        linewidth=1.6)
        ax.set_ylabel(_("waiting for a card"))
        _thousands(ax)
        ax.set_ylim(bottom=0)
        _dates_axis(ax)
        _legend(fig, ax)
    return svg(fig, "burn", _("Backlog per district"))


def printers(dates: Sequence[date], series: Sequence[PrinterSeries]) -> str:
    """Cards a day per printer (bars) in front of its capacity that day; outage days shaded."""
    fig, axes = _figure(0.5 + 1.2 * len(series), rows=len(series))
    with matplotlib.rc_context(STYLE):
        x = _days(dates, *axes)
        for ax, p in zip(axes, series, strict=True):
            top = max(int(p.capacity.max()), int(p.printed.max()), 1) * 1.12
            ax.fill_between(x, 0, top, where=p.outage, step="mid", color=OUTAGE, alpha=0.45,
                            linewidth=0, label=_("outage"))
            ax.bar(x, p.capacity, width=0.85, color=CAPACITY, label=_("capacity"))
            ax.bar(x, p.printed, width=0.55, color=CARDS, label=_("cards printed"))
            ax.set_ylim(0, top)
            ax.set_title(f"{p.printer} ({p.district})", loc="left", fontsize=10, pad=2)
            ax.grid(axis="x", visible=False)
            _thousands(ax)
        _dates_axis(axes[-1])
        handles, labels = axes[0].get_legend_handles_labels()
        if not any(p.outage.any() for p in series):
            handles, labels = handles[1:], labels[1:]
        fig.legend(handles, labels, loc="outside lower center", ncols=3, frameon=False,
                   fontsize=9)
    return svg(fig, "printers", _("Cards per printer per day against capacity"))


def blank_stock(dates: Sequence[date], districts: Sequence[DistrictSeries]) -> str:
    """Blanks in stock at the end of each day per district; deliveries marked."""
    fig, (ax,) = _figure(3.3)
    with matplotlib.rc_context(STYLE):
        marked = False
        x = _days(dates, ax)
        for d in districts:
            (line,) = ax.step(x, d.stock, where="post", label=_label(d.district, d.name),
                              linewidth=1.6)
            if d.deliveries:
                days = [t for t, _ in d.deliveries]
                ax.scatter(x[days], d.stock[days], marker="v", s=40,
                           color=line.get_color(), edgecolors="black", linewidths=0.5,
                           zorder=3, label=None if marked else _("delivery"))
                marked = True
        ax.set_ylabel(_("blanks in stock"))
        _thousands(ax)
        ax.set_ylim(bottom=0)
        _dates_axis(ax)
        _legend(fig, ax)
    return svg(fig, "blanks", _("Blank stock per district"))


def deadlines(dates: Sequence[date], series: Sequence[DeadlineSeries]) -> str:
    """Per class with a deadline: cards home and applicants ready, against those due."""
    fig, axes = _figure(0.9 + 2.4 * len(series), rows=len(series))
    with matplotlib.rc_context(STYLE):
        x = _days(dates, *axes)
        for ax, s in zip(axes, series, strict=True):
            ax.step(x, s.ready, where="post", color="#7f7f7f", linestyle="--",
                    linewidth=1.2, label=_("ready (cumulative)"))
            ax.step(x, s.home, where="post", color=CARDS, linewidth=1.8,
                    label=_("cards home (cumulative)"))
            ax.axhline(s.eligible, color=DUE, linewidth=1.2,
                       label=_("due: ready by the deadline"))
            if 0 <= s.deadline_day < len(dates):
                ax.axvline(float(x[s.deadline_day]), color=DEADLINE, linewidth=1.2,
                           label=_("deadline"))
            ax.set_title(say("class {service_class}: {eligible:,} due home by {deadline}",
                             service_class=s.service_class, eligible=s.eligible,
                             deadline=s.deadline), loc="left", fontsize=10, pad=2)
            ax.set_ylim(bottom=0)
            _thousands(ax)
        _dates_axis(axes[-1])
        _legend(fig, axes[0])
    return svg(fig, "deadlines", _("Deadline classes' progress"))


def _legend(fig: Figure, ax: Axes) -> None:
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="outside lower center", ncols=min(3, len(handles)),
                   frameon=False, fontsize=9)


def _thousands(ax: Axes) -> None:
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
