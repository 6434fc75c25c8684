"""Names on the network map that never overlap: a greedy placement around each district.

Districts are taken in order (the caller puts the most important first). Each
label tries positions around its point — right, left, above, below, then the
diagonals — at growing distances, and takes the first whose box (as the
renderer measures the text) stays inside the map and clear of every label
placed so far and of every district's dot; a label placed away from its dot
gets a thin leader line. A label that finds no room anywhere falls back to the
district's code, and if even that finds none it is left out (and counted), so
no two labels ever overlap. Boxes are in display units of the figure as
drawn, which the caller fixes (size, axes, limits) before placing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.patheffects import withStroke
from matplotlib.text import Text
from matplotlib.transforms import Bbox

DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))
DISTANCES = (5.0, 10.0, 16.0, 24.0, 34.0)  # points from the dot to the label's near edge
LEADER_FROM = 10.0  # labels this far or further from their dot get a leader line


@dataclass(frozen=True)
class Place:
    """One label to place: its point (data units) and the texts to try, best first."""

    x: float
    y: float
    texts: tuple[str, ...]


def _candidates() -> list[tuple[float, float]]:
    """Offsets in points, nearest first: the eight directions at each distance."""
    offsets = []
    for distance in DISTANCES:
        for dx, dy in DIRECTIONS:
            scale = distance / math.hypot(dx, dy) if dx and dy else distance
            offsets.append((dx * scale, dy * scale))
    return offsets


def _text(ax: Axes, place: Place, text: str, offset: tuple[float, float], size: float,
          leader: bool = False) -> Text:
    """The label at `offset` points from its dot; with `leader`, a thin grey line to the dot."""
    dx, dy = offset
    arrow = {"arrowstyle": "-", "color": "#888888", "linewidth": 0.5, "shrinkA": 0,
             "shrinkB": 2} if leader else None
    return ax.annotate(
        text, (place.x, place.y), xytext=(dx, dy), textcoords="offset points",
        ha="left" if dx > 0 else "right" if dx < 0 else "center",
        va="bottom" if dy > 0 else "top" if dy < 0 else "center",
        fontsize=size, zorder=5, annotation_clip=False, arrowprops=arrow,
        path_effects=[withStroke(linewidth=2.5, foreground="white")])


def place_labels(ax: Axes, renderer: RendererBase, places: Sequence[Place],
                 obstacles: Sequence[Bbox], size: float = 7.5) -> tuple[list[Bbox], int]:
    """Place each label greedily (module doc); returns the placed boxes and how many were left out.

    `obstacles` are boxes (display units) no label may cover, e.g. the dots.
    """
    frame = ax.get_window_extent(renderer)
    placed: list[Bbox] = []
    left_out = 0
    offsets = _candidates()
    for place in places:
        box = None
        for text in place.texts:
            box = _first_fit(ax, renderer, place, text, offsets, size, frame,
                             [*placed, *obstacles])
            if box is not None:
                placed.append(box)
                break
        left_out += box is None
    return placed, left_out


def _first_fit(ax: Axes, renderer: RendererBase, place: Place, text: str,
               offsets: list[tuple[float, float]], size: float, frame: Bbox,
               taken: list[Bbox]) -> Bbox | None:
    """Draw `text` at the first offset where it fits and return its box; None if none does."""
    for offset in offsets:
        artist = _text(ax, place, text, offset, size)
        box = artist.get_window_extent(renderer)
        artist.remove()
        if frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1) and not any(
                box.overlaps(other) for other in taken):
            _text(ax, place, text, offset, size, leader=math.hypot(*offset) >= LEADER_FROM)
            return box
    return None
