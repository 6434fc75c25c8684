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
from html import escape
from typing import Any

import matplotlib
from cycler import cycler

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import numpy as np  # noqa: E402
import numpy.typing as npt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, StrMethodFormatter  # noqa: E402

from scheduler.i18n import ENGLISH, current_language, date_text, number  # noqa: E402
from scheduler.report import words  # noqa: E402
from scheduler.report.data import DeadlineSeries  # noqa: E402
from scheduler.report.scale import CapacityPanel, DistrictSeries  # noqa: E402

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
NO_BLANKS = "#f2c14e"
OTHERS = "#8a8a8a"


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
    if current_language() == ENGLISH:
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    else:  # matplotlib names months in English: Babel names them in the language
        ax.xaxis.set_major_formatter(FuncFormatter(_date_tick))


def _date_tick(x: float, _position: int | None = None) -> str:
    return date_text(mdates.num2date(x).date(), "axis")


def svg(fig: Figure, key: str, title: str) -> str:
    """The figure as one scalable `<svg>` element with ids private to `key`."""
    buffer = io.StringIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    head_end = text.index(">")
    head = re.sub(r'\s(?:width|height)="[^"]*"', "", text[:head_end])
    width, height = fig.get_size_inches()
    head += (f' class="chart" role="img" aria-label="{escape(title)}"'
             f' style="--aspect: {width / height:.3f}"')
    text = head + text[head_end:]
    text = re.sub(r'\bid="([^"]+)"', rf'id="{key}-\1"', text)
    text = re.sub(r'url\(#([^)]+)\)', rf'url(#{key}-\1)', text)
    return re.sub(r'href="#([^"]+)"', rf'href="#{key}-\1"', text)


def _lines(ax: Axes, x: FloatArray, districts: Sequence[DistrictSeries], field: str,
           ) -> list[tuple[Axes, DistrictSeries, Any]]:
    """A step line per series; the other districts summed go on a right-hand scale of their own.

    Summed, they would dwarf the districts shown beside them on one scale.
    Returns (axes, series, line) for each line drawn.
    """
    drawn = []
    for d in districts:
        values = getattr(d, field)
        if field == "backlog" and not values.any():
            continue
        target, label = ax, d.label
        style: dict[str, Any] = {}
        if d.summed:
            target = ax.twinx()
            target.spines["right"].set_visible(True)
            target.grid(False)
            target.tick_params(axis="y", colors=OTHERS)
            _thousands(target)
            label = words.RIGHT_SCALE.format(label=d.label)
            style = {"color": OTHERS, "linestyle": "--"}
        (line,) = target.step(x, values, where="post", label=label, linewidth=1.6, **style)
        target.set_ylim(bottom=0)
        drawn.append((target, d, line))
    return drawn


def burn_down(dates: Sequence[date], districts: Sequence[DistrictSeries]) -> str:
    """Applicants ready and not yet printed at the end of each day, a line per series."""
    fig, (ax,) = _figure(3.3)
    with matplotlib.rc_context(STYLE):
        x = _days(dates, ax)
        drawn = _lines(ax, x, districts, "backlog")
        ax.set_ylabel(words.WAITING_AXIS)
        _thousands(ax)
        ax.set_ylim(bottom=0)
        _dates_axis(ax)
        _legend(fig, ax, *{target for target, _, _ in drawn} - {ax})
    return svg(fig, "burn", words.BACKLOG_TITLE)


def capacity(dates: Sequence[date], panels: Sequence[CapacityPanel]) -> str:
    """Cards a day (blue) in front of the day's capacity (pale); outage and no-blank days shaded.

    Areas drawn as steps, not bars: one path per series, whatever the days.
    """
    fig, axes = _figure(0.5 + 1.2 * len(panels), rows=len(panels))
    with matplotlib.rc_context(STYLE):
        x = _days(dates, *axes)
        edges = np.append(x - 0.5, x[-1] + 0.5)
        for ax, panel in zip(axes, panels, strict=True):
            top = max(int(panel.capacity.max()), int(panel.printed.max()), 1) * 1.15
            _shade(ax, edges, panel.outage, top, OUTAGE, words.OUTAGE)
            _shade(ax, edges, panel.no_blanks, top, NO_BLANKS, words.NO_BLANKS)
            ax.stairs(panel.capacity, edges, fill=True, color=CAPACITY, label=words.CAPACITY)
            ax.stairs(panel.printed, edges, fill=True, color=CARDS, label=words.CARDS_PRINTED)
            ax.set_ylim(0, top)
            ax.set_title(panel.title, loc="left", fontsize=10, pad=2)
            ax.grid(axis="x", visible=False)
            _thousands(ax)
        _dates_axis(axes[-1])
        handles: dict[str, Any] = {}
        for ax in axes:
            for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
                handles.setdefault(label, handle)
        fig.legend(list(handles.values()), list(handles), loc="outside lower center",
                   ncols=min(4, len(handles)), frameon=False, fontsize=9)
    return svg(fig, "printers", words.PRINTERS_TITLE)


def _shade(ax: Axes, edges: FloatArray, days: npt.NDArray[np.bool_], top: float, colour: str,
           label: str) -> None:
    """Shade runs of marked days; the longest run (3 days or more) also says what it is."""
    if not days.any():
        return
    ax.stairs(np.where(days, top, 0.0), edges, fill=True, color=colour, alpha=0.55,
              linewidth=0, label=label, zorder=3)
    start, length = _longest_run(days)
    if length >= 3:
        ax.text(float(edges[start]) + 0.3, top * 0.97, label, fontsize=8, va="top", zorder=4,
                color="#5a3d00" if colour == NO_BLANKS else "#7a1010")


def _longest_run(days: npt.NDArray[np.bool_]) -> tuple[int, int]:
    """(first day, length) of the longest run of True (the first one on ties)."""
    padded = np.concatenate([[0], days.astype(np.int8), [0]])
    changes = np.flatnonzero(np.diff(padded))
    starts, ends = changes[::2], changes[1::2]
    best = int(np.argmax(ends - starts))
    return int(starts[best]), int(ends[best] - starts[best])


def blank_stock(dates: Sequence[date], districts: Sequence[DistrictSeries]) -> str:
    """Blanks in stock at the end of each day per series; deliveries marked."""
    fig, (ax,) = _figure(3.3)
    with matplotlib.rc_context(STYLE):
        marked = False
        x = _days(dates, ax)
        drawn = _lines(ax, x, districts, "stock")
        for target, d, line in drawn:
            if d.deliveries:
                days = [t for t, _ in d.deliveries]
                target.scatter(x[days], d.stock[days], marker="v", s=40,
                               color=line.get_color(), edgecolors="black", linewidths=0.5,
                               zorder=3, label=None if marked else words.DELIVERY)
                marked = True
        ax.set_ylabel(words.STOCK_AXIS)
        _thousands(ax)
        ax.set_ylim(bottom=0)
        _dates_axis(ax)
        _legend(fig, ax, *{target for target, _, _ in drawn} - {ax})
    return svg(fig, "blanks", words.STOCK_TITLE)


def deadlines(dates: Sequence[date], series: Sequence[DeadlineSeries]) -> str:
    """Per class with a deadline: cards home and applicants ready, against those due."""
    fig, axes = _figure(0.9 + 2.4 * len(series), rows=len(series))
    with matplotlib.rc_context(STYLE):
        x = _days(dates, *axes)
        for ax, s in zip(axes, series, strict=True):
            ax.step(x, s.ready, where="post", color="#7f7f7f", linestyle="--",
                    linewidth=1.2, label=words.READY)
            ax.step(x, s.home, where="post", color=CARDS, linewidth=1.8,
                    label=words.HOME)
            ax.axhline(s.eligible, color=DUE, linewidth=1.2,
                       label=words.DUE)
            if 0 <= s.deadline_day < len(dates):
                ax.axvline(float(x[s.deadline_day]), color=DEADLINE, linewidth=1.2,
                           label=words.DEADLINE)
            ax.set_title(words.DEADLINE_PANEL.format(
                service_class=s.service_class, eligible=s.eligible,
                deadline=s.deadline), loc="left", fontsize=10, pad=2)
            ax.set_ylim(bottom=0)
            _thousands(ax)
        _dates_axis(axes[-1])
        _legend(fig, axes[0])
    return svg(fig, "deadlines", words.DEADLINE_TITLE)


def _legend(fig: Figure, *axes: Axes) -> None:
    """One legend under the chart for the lines of all `axes`; two columns for long names."""
    handles, labels = [], []
    for ax in axes:
        more_handles, more_labels = ax.get_legend_handles_labels()
        handles += more_handles
        labels += more_labels
    if handles:
        columns = 2 if max(map(len, labels)) > 22 else 3
        fig.legend(handles, labels, loc="outside lower center",
                   ncols=min(columns, len(handles)), frameon=False, fontsize=9)


def _thousands(ax: Axes) -> None:
    if current_language() == ENGLISH:
        ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    else:
        ax.yaxis.set_major_formatter(FuncFormatter(_count_tick))


def _count_tick(y: float, _position: int | None = None) -> str:
    return number(round(y))
