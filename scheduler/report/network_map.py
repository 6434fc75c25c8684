"""The network view as a person reads it: a rich table and a map (PNG, SVG or PDF).

The map puts each district at its lat/lon in an equirectangular projection
scaled by the cosine of the region's middle latitude (x = lon · cos φ0, y = lat,
one unit the same length both ways), so a province keeps its shape; a circle
layout when any district lacks lat/lon. Districts are coloured by load
(queue ÷ capacity), links by the cards a plan printed along them, and each
district is named beside its dot without overlapping another name
(map_labels.py). The file is written atomically in the format its extension
names.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.cm import ScalarMappable  # noqa: E402
from matplotlib.colors import Normalize  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from scheduler.errors import InputError
from scheduler.files.atomic import write_atomic
from scheduler.i18n import N_, _, number
from scheduler.instance.calendar import Calendar  # noqa: E402
from scheduler.report import words
from scheduler.report.console import data_console
from scheduler.report.map_labels import Place, place_labels
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
                    number(f.blanks_borrowed), _clear(v.queue, f.days_to_clear)]
        table.add_row(*row)
    out.print(table)


MAP_FORMATS = ("png", "svg", "pdf")
MAP_INCHES = 9.0  # the map's longer side
MAP_LEAST = 3.0  # its shorter side at least (a flat region gets room around it)
MARGIN = 0.35  # inches around the map
KEYS = 1.3  # inches under the map for the two colour keys
TITLE = 0.45  # inches above it
NAME_PREFIXES = ("Kabupaten ",)  # dropped on the map: "Kota Malang" stays, "Malang" is the regency


@dataclass(frozen=True)
class DrawnMap:
    """A drawn map and what the tests check: the map's box and every label's box (pixels)."""

    figure: Figure
    frame: Bbox
    labels: list[Bbox]
    left_out: int


def map_format(path: str | Path) -> str:
    """The image format the file name asks for (InputError for any other)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in MAP_FORMATS:
        raise InputError(str(path), "", _(
            "a map is written as .png, .svg or .pdf, not {suffix}").format(suffix=repr(suffix)))
    return suffix


def project(views: list[DistrictView]) -> dict[str, tuple[float, float]]:
    """(x, y) per district: lon · cos(middle latitude) and lat, or a circle without lat/lon."""
    if views and all(v.lat is not None and v.lon is not None for v in views):
        lats = [float(v.lat or 0.0) for v in views]
        scale = math.cos(math.radians((min(lats) + max(lats)) / 2))
        return {v.district: (float(v.lon or 0.0) * scale, float(v.lat or 0.0)) for v in views}
    n = max(len(views), 1)
    return {v.district: (math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n))
            for i, v in enumerate(views)}


def _extent(points: list[tuple[float, float]]) -> tuple[float, float, float, float, float, float]:
    """Data limits (x0, x1, y0, y1) padded for labels, and the map's size in inches (w, h)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    pad = 0.06 * max(span_x, span_y, 1e-6)
    span_x, span_y = span_x + 2 * pad, span_y + 2 * pad
    width, height = (MAP_INCHES, MAP_INCHES * span_y / span_x) if span_x >= span_y else (
        MAP_INCHES * span_x / span_y, MAP_INCHES)
    width, height = max(width, MAP_LEAST), max(height, MAP_LEAST)
    # One data unit the same length both ways: widen the narrower span to the box's shape.
    unit = max(span_x / width, span_y / height)
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return (mid_x - unit * width / 2, mid_x + unit * width / 2, mid_y - unit * height / 2,
            mid_y + unit * height / 2, width, height)


def map_figure(calendar: Calendar, views: list[DistrictView],
               rerouted: dict[tuple[str, str], int] | None = None) -> DrawnMap:
    """Draw the map on a new figure (not yet saved)."""
    positions = project(views)
    x0, x1, y0, y1, width, height = _extent([positions[v.district] for v in views])
    figure = Figure(figsize=(width + 2 * MARGIN, height + KEYS + TITLE), dpi=100)
    canvas = FigureCanvasAgg(figure)
    inches_w, inches_h = figure.get_size_inches()
    ax = figure.add_axes((MARGIN / inches_w, KEYS / inches_h, width / inches_w,
                          height / inches_h))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    dot = 60.0 if len(views) > 12 else 220.0
    _links(ax, calendar, views, positions, rerouted, dot)
    loads = [v.load if v.load is not None else 0.0 for v in views]
    norm = Normalize(0.0, max(max(loads, default=1.0), 1.0))
    ax.scatter([positions[v.district][0] for v in views],
               [positions[v.district][1] for v in views], c=loads, cmap="RdYlGn_r",
               norm=norm, s=dot, edgecolors="black", linewidths=0.6, zorder=3)
    _keys(figure, norm, rerouted, views, calendar)
    figure.text(0.5, 1 - 0.25 / inches_h, words.MAP_TITLE.format(name=calendar.instance.name),
                ha="center", va="center", fontsize=12)
    renderer = canvas.get_renderer()
    labels, left_out = place_labels(ax, renderer, _places(views, positions),
                                    _dots(ax, views, positions, dot, figure.dpi),
                                    size=7.5 if len(views) > 12 else 9.0)
    return DrawnMap(figure, ax.get_window_extent(renderer), labels, left_out)


def _places(views: list[DistrictView], positions: dict[str, tuple[float, float]]) -> list[Place]:
    """Largest queue first: they get the nearest places. A name, else the code."""
    places = []
    for v in sorted(views, key=lambda v: -v.queue):
        name = v.name
        for prefix in NAME_PREFIXES:
            name = name.removeprefix(prefix)
        texts = (name, v.district) if name and name != v.district else (v.district,)
        places.append(Place(*positions[v.district], texts))
    return places


def _dots(ax: Axes, views: list[DistrictView], positions: dict[str, tuple[float, float]],
          dot: float, dpi: float) -> list[Bbox]:
    """Each dot's box in pixels (a scatter size is the dot's area in points²)."""
    radius = math.sqrt(dot) / 2 * dpi / 72
    centres = ax.transData.transform(np.array([positions[v.district] for v in views]))
    return [Bbox.from_extents(x - radius, y - radius, x + radius, y + radius)
            for x, y in centres]


def _links(ax: Axes, calendar: Calendar, views: list[DistrictView],
           positions: dict[str, tuple[float, float]],
           rerouted: dict[tuple[str, str], int] | None, dot: float) -> None:
    graph = nx.DiGraph()
    graph.add_nodes_from(v.district for v in views)
    for source, target in zip(calendar.link_source.tolist(), calendar.link_target.tolist(),
                              strict=True):
        if source != target:
            graph.add_edge(calendar.district_ids[source], calendar.district_ids[target])
    if not graph.number_of_edges():
        return
    cards = [float((rerouted or {}).get(edge, 0)) for edge in graph.edges]
    nx.draw_networkx_edges(
        graph, positions, edge_color=cards, edge_cmap=matplotlib.colormaps["Blues"],
        edge_vmin=-0.15 * max(max(cards), 1.0), edge_vmax=max(max(cards), 1.0), width=1.6,
        arrows=True, arrowsize=9, connectionstyle="arc3,rad=0.12", node_size=dot, ax=ax)


def _keys(figure: Figure, norm: Normalize, rerouted: dict[tuple[str, str], int] | None,
          views: list[DistrictView], calendar: Calendar) -> None:
    """The colour keys under the map: load, and the cards rerouted when a plan was given."""
    width, height = figure.get_size_inches()
    keys = [(ScalarMappable(norm=norm, cmap="RdYlGn_r"), words.MAP_LOAD)]
    if rerouted is not None and calendar.link_source.size:
        most = max([*rerouted.values(), 1])
        keys.append((ScalarMappable(norm=Normalize(0.0, most), cmap="Blues"),
                     words.MAP_REROUTED))
    share = (width - 2 * MARGIN) / len(keys)
    for i, (mappable, label) in enumerate(keys):
        cax = figure.add_axes(((MARGIN + i * share + 0.2) / width, 0.55 / height,
                               (share - 0.4) / width, 0.16 / height))
        figure.colorbar(mappable, cax=cax, orientation="horizontal", label=label)


def draw_map(path: str | Path, calendar: Calendar, views: list[DistrictView],
             rerouted: dict[tuple[str, str], int] | None = None) -> None:
    """Draw districts and links to `path` (atomically), in the format its extension names."""
    image_format = map_format(path)
    with matplotlib.rc_context({"text.parse_math": False}):  # a `$` in a name is text
        drawn = map_figure(calendar, views, rerouted)
        write_atomic(path, lambda tmp: drawn.figure.savefig(tmp, format=image_format))
