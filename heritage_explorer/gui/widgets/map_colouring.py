"""What the collection map colours by and selects with (issue #21 part 3): pure functions, no widgets.

:func:`colour_by` turns one value per point (a class, a collection, a metadata column) into a
colour per point and a legend: a distinct hue per category, grey for no value, the rarest
categories folded into "other" beyond ``MAX_CATEGORIES``; a column whose values are all numbers
and that has more distinct values than that is binned into ``NUMERIC_BINS`` equal-width ranges on a
blue-to-red scale. :func:`points_in_polygon` is the lasso's test, vectorised over all points.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtGui import QColor

from heritage_explorer.core.catalog import DISTRACTOR
from heritage_explorer.gui.i18n import translate

NO_VALUE = QColor(150, 150, 150)
OTHER = QColor(225, 225, 225)
MAX_CATEGORIES = 20
NUMERIC_BINS = 6
NONE_VALUES = (None, "")  # no value, in any column
CLASS_NONE_VALUES = (*NONE_VALUES, DISTRACTOR)  # in the class column, a distractor has no class either


@dataclass(frozen=True)
class Colouring:
    """A colour per point and the legend: (label, colour, count), in the order shown."""

    colours: list[QColor]
    legend: list[tuple[str, QColor, int]]
    binned: bool = False


def category_colours(names: Sequence[str]) -> list[QColor]:
    """A distinct hue per name (golden-angle steps), in the given order."""
    return [QColor.fromHsvF((i * 0.618034) % 1.0, 0.75, 0.9) for i in range(len(names))]


def _as_number(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def colour_by(values: Sequence[str | None], *, classes: bool = False) -> Colouring:
    """Colours for ``values`` (one per point; ``None`` and empty: grey). ``classes``: the values are
    the images' classes, where ``distractor`` means no class (grey too); in a metadata column it is
    a value like any other."""
    none = CLASS_NONE_VALUES if classes else NONE_VALUES
    present = [v for v in values if v not in none]
    counts = Counter(present)
    numbers = {v: _as_number(v) for v in counts}
    if len(counts) > MAX_CATEGORIES and all(n is not None for n in numbers.values()):
        return _binned(values, numbers, none)
    names = sorted(counts)
    if len(names) > MAX_CATEGORIES:
        kept = {name for name, _n in counts.most_common(MAX_CATEGORIES - 1)}
        names = sorted(kept)
    colour_of = dict(zip(names, category_colours(names), strict=True))
    colours = [NO_VALUE if v in none else colour_of.get(v, OTHER) for v in values]
    legend = [(name, colour_of[name], counts[name]) for name in names]
    others = sum(n for name, n in counts.items() if name not in colour_of)
    if others:
        legend.append((translate("MapColouring", "other ({count} values)").format(count=len(counts) - len(names)),
                       OTHER, others))
    missing = len(values) - len(present)
    if missing:
        legend.append((translate("MapColouring", "no value"), NO_VALUE, missing))
    return Colouring(colours, legend)


def _binned(values: Sequence[str | None], numbers: dict[str, float | None], none: tuple) -> Colouring:
    low = min(n for n in numbers.values() if n is not None)
    high = max(n for n in numbers.values() if n is not None)
    width = (high - low) / NUMERIC_BINS or 1.0
    bins = [QColor.fromHsvF(0.66 * (1 - b / (NUMERIC_BINS - 1)), 0.8, 0.95) for b in range(NUMERIC_BINS)]
    counts = [0] * NUMERIC_BINS
    colours = []
    for v in values:
        if v in none:
            colours.append(NO_VALUE)
            continue
        b = min(NUMERIC_BINS - 1, int((numbers[v] - low) / width))
        counts[b] += 1
        colours.append(bins[b])
    legend = [(f"{low + b * width:g} – {low + (b + 1) * width:g}", bins[b], counts[b]) for b in range(NUMERIC_BINS)]
    missing = sum(1 for v in values if v in none)
    if missing:
        legend.append((translate("MapColouring", "no value"), NO_VALUE, missing))
    return Colouring(colours, legend, binned=True)


def points_in_polygon(xy: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    """A boolean per row of ``xy`` (n×2): inside the closed ``polygon`` (m×2), by the even-odd rule.

    The points outside the polygon's bounding box are dropped first; the crossing test then runs
    over the polygon's edges, each edge against every remaining point at once.
    """
    inside = np.zeros(len(xy), bool)
    if len(polygon) < 3 or not len(xy):
        return inside
    low, high = polygon.min(axis=0), polygon.max(axis=0)
    candidates = np.flatnonzero((xy[:, 0] >= low[0]) & (xy[:, 0] <= high[0])
                                & (xy[:, 1] >= low[1]) & (xy[:, 1] <= high[1]))
    x, y = xy[candidates, 0], xy[candidates, 1]
    odd = np.zeros(len(candidates), bool)
    for (x1, y1), (x2, y2) in zip(polygon, np.roll(polygon, -1, axis=0), strict=True):
        if y1 == y2:
            continue  # a horizontal edge crosses no horizontal ray
        straddles = (y1 > y) != (y2 > y)
        crossing_x = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        odd ^= straddles & (x < crossing_x)
    inside[candidates] = odd
    return inside
