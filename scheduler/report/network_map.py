"""The network view as a person reads it: a rich table and a map (PNG, written atomically).

The map puts each district at its lat/lon (a circle layout when any district
lacks them), colours districts by load (queue ÷ capacity) and links by the
cards a plan printed along them.
"""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
import networkx as nx  # noqa: E402
from matplotlib.colors import Normalize  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from scheduler.errors import InputError
from scheduler.files.atomic import write_atomic
from scheduler.i18n import N_, _, number
from scheduler.instance.calendar import Calendar  # noqa: E402
from scheduler.report.console import data_console
from scheduler.report.network_table import DistrictView

# The table's columns, translated where printed; the plan's only with a plan.
COLUMNS = (N_("district"), N_("name"), N_("ready queue"), N_("capacity"), N_("load"),
           N_("outage days"), N_("blanks"))
PLAN_COLUMNS = (N_("cards sent out"), N_("cards taken in"), N_("blanks lent"),
                N_("blanks borrowed"), N_("days to clear"))


def _load(view: DistrictView) -> str:
    return _("no capacity") if view.load is None else number(view.load, 2)


def _clear(queue: int, days: int | None) -> str:
    if queue == 0:
        return "-"
    return _("not within horizon") if days is None else str(days)


def print_view(views: list[DistrictView], console: Console | None = None) -> None:
    """One row per district; the plan's columns only when a plan was given."""
    out = console or data_console(140)
    with_plan = any(v.flows is not None for v in views)
    columns = COLUMNS + (PLAN_COLUMNS if with_plan else ())
    table = Table(show_edge=False, pad_edge=False)
    for k, column in enumerate(columns):
        table.add_column(_(column), justify="left" if k < 2 else "right")
    for v in views:
        row = [v.district, v.name, number(v.queue), number(v.capacity), _load(v),
               str(v.outage_days), number(v.blanks)]
        if v.flows is not None:
            f = v.flows
            row += [number(f.sent_out), number(f.taken_in), number(f.blanks_lent),
                    number(f.blanks_borrowed),
                    _clear(v.queue, f.days_to_clear)]
        table.add_row(*row)
    out.print(table)


def _positions(views: list[DistrictView]) -> dict[str, tuple[float, float]]:
    if all(v.lat is not None and v.lon is not None for v in views):
        return {v.district: (float(v.lon or 0.0), float(v.lat or 0.0)) for v in views}
    n = max(len(views), 1)
    return {v.district: (math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n))
            for i, v in enumerate(views)}


MAP_FORMATS = ("png", "svg", "pdf")


def map_format(path: str | Path) -> str:
    """The image format the file name asks for (InputError for any other)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in MAP_FORMATS:
        raise InputError(str(path), "", _(
            "a map is written as .png, .svg or .pdf, not {suffix}").format(suffix=repr(suffix)))
    return suffix


def draw_map(path: str | Path, calendar: Calendar, views: list[DistrictView],
             rerouted: dict[tuple[str, str], int] | None = None) -> None:
    """Draw districts and links to `path` (atomically), in the format its extension names."""
    image_format = map_format(path)
    graph = nx.DiGraph()
    for v in views:
        graph.add_node(v.district)
    for source, target in zip(calendar.link_source.tolist(), calendar.link_target.tolist(),
                              strict=True):
        if source != target:
            graph.add_edge(calendar.district_ids[source], calendar.district_ids[target])
    with matplotlib.rc_context({"text.parse_math": False}):  # a `$` in a name is text
        _draw(path, image_format, calendar, views, graph, rerouted)


def _draw(path: str | Path, image_format: str, calendar: Calendar, views: list[DistrictView],
          graph: nx.DiGraph, rerouted: dict[tuple[str, str], int] | None) -> None:
    positions = _positions(views)
    loads = [v.load if v.load is not None else 0.0 for v in views]
    cards = [float((rerouted or {}).get(edge, 0)) for edge in graph.edges]
    figure, axes = plt.subplots(figsize=(8, 6), dpi=100)
    try:
        node_norm = Normalize(vmin=0.0, vmax=max(max(loads, default=1.0), 1.0))
        nodes = nx.draw_networkx_nodes(
            graph, positions, nodelist=[v.district for v in views], node_color=loads,
            cmap="RdYlGn_r", vmin=node_norm.vmin, vmax=node_norm.vmax, node_size=600,
            edgecolors="black", ax=axes)
        nx.draw_networkx_labels(graph, positions, font_size=8, ax=axes)
        if graph.number_of_edges():
            nx.draw_networkx_edges(
                graph, positions, edge_color=cards, edge_cmap=plt.get_cmap("Blues"),
                edge_vmin=0.0, edge_vmax=max(max(cards), 1.0), width=2.0, arrows=True,
                arrowsize=15, connectionstyle="arc3,rad=0.1", node_size=600, ax=axes)
            if rerouted is not None:
                mappable = plt.cm.ScalarMappable(
                    cmap="Blues", norm=Normalize(0.0, max(max(cards), 1.0)))
                figure.colorbar(mappable, ax=axes, label=_("cards rerouted along the link"))
        figure.colorbar(nodes, ax=axes, label=_("load (ready queue ÷ capacity)"))
        axes.set_title(_("{instance}: load and rerouting").format(
            instance=calendar.instance.name))
        axes.set_axis_off()
        write_atomic(path, lambda tmp: figure.savefig(tmp, format=image_format))
    finally:
        plt.close(figure)
