"""Variations versus performance: Pearson correlation over classes (Table 1) and the colour experiment (Table 2).

Gominski et al. 2019, §4.1: "We also computed the correlation matrix (see table 1) between the
results of each method and the predominance scores, considering each column as a series of 39
observations" — one observation per class: its predominance score for a variation (or its
overall difficulty) and a method's mAP on that class. §4.2.4 / Table 2 compare the global mAP
on the original images and on the same images mapped to grayscale.

The 11 variation types and their scores live in ``core/annotations.py`` (they are stored in the
catalog); they are re-exported here for the analysis code.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from heritage_explorer.core.annotations import ABBREVIATIONS, OVERALL, VARIATIONS, derive_predominance
from heritage_explorer.evaluation.metrics import finite_or_none

__all__ = [
    "ABBREVIATIONS", "OVERALL", "VARIATIONS", "CorrelationTable", "correlation_table", "derive_predominance",
    "format_grayscale_table", "format_value", "grayscale_json", "pearson",
]

DASH = "–"


def format_value(value: float | None, digits: int = 3, *, signed: bool = False) -> str:
    """A number for a text table; ``None`` and NaN show as an en dash."""
    if value is None or not math.isfinite(value):
        return DASH
    return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"


def pearson(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float:
    """Pearson's r of two series; pairs with a NaN are dropped.

    NaN when fewer than two pairs remain or when either series is constant (r is undefined
    there: a variation no class shows says nothing about performance).
    """
    a = np.asarray(x, dtype=float).ravel()
    b = np.asarray(y, dtype=float).ravel()
    if a.shape != b.shape:
        raise ValueError(f"series of different lengths: {a.size} and {b.size}")
    keep = np.isfinite(a) & np.isfinite(b)
    a, b = a[keep], b[keep]
    if a.size < 2 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return math.nan
    da, db = a - a.mean(), b - b.mean()
    denominator = math.sqrt(float(da @ da) * float(db @ db))
    return float(np.clip(float(da @ db) / denominator, -1.0, 1.0))


@dataclass(frozen=True)
class CorrelationTable:
    """``values[row][method]``: Pearson r over classes; rows are the variations then "Overall difficulty"."""

    rows: tuple[str, ...]
    methods: tuple[str, ...]
    values: dict[str, dict[str, float]]
    n_classes: int

    def to_json(self) -> dict:
        """``{"correlation": {VARIATION: {METHOD: r or null}}, "n_classes": n}``."""
        return {
            "correlation": {
                row: {m: (None if not math.isfinite(v) else round(v, 6)) for m, v in self.values[row].items()}
                for row in self.rows
            },
            "n_classes": self.n_classes,
        }

    def to_text(self, digits: int = 2) -> str:
        header = ["Variation", *self.methods]
        body = [[row, *(format_value(self.values[row][m], digits, signed=True) for m in self.methods)]
                for row in self.rows]
        return align_table(header, body)

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["variation", *self.methods])
        for row in self.rows:
            writer.writerow([row, *("" if not math.isfinite(v) else f"{v:.6f}" for v in self.values[row].values())])
        return buffer.getvalue()


def correlation_table(
    scores: Mapping[str, Mapping[str, float]],
    maps: Mapping[str, Mapping[str, float]],
    methods: Sequence[str],
    *,
    overall: Mapping[str, float] | None = None,
) -> CorrelationTable:
    """Table 1: r between each variation's scores (and overall difficulty) and each method's mAP.

    ``scores[class][variation]`` and ``maps[class][method]`` over the same classes; ``overall``
    (class -> difficulty) defaults to the sum of the 11 scores (§4.1, Table 3 "Overall").
    Classes missing from either mapping are left out.
    """
    classes = [c for c in scores if c in maps]
    if overall is None:
        overall = {c: float(sum(scores[c][v] for v in VARIATIONS)) for c in classes}
    series = {v: [float(scores[c][v]) for c in classes] for v in VARIATIONS}
    series[OVERALL] = [float(overall[c]) for c in classes]
    values = {
        row: {m: pearson(xs, [float(maps[c].get(m, math.nan)) for c in classes]) for m in methods}
        for row, xs in series.items()
    }
    return CorrelationTable(rows=(*VARIATIONS, OVERALL), methods=tuple(methods), values=values, n_classes=len(classes))


def format_grayscale_table(original: dict[str, float], gray: dict[str, float]) -> str:
    """Table 2 of Gominski et al. (§4.2.4): global mAP on mixed colour domains vs grayscale only.

    One column per method (those of ``original`` first, then any only in ``gray``); a missing
    value shows as "–"; the last row is the difference (grayscale − original).
    """
    methods = list(original) + [m for m in gray if m not in original]
    difference = grayscale_json(original, gray)["global_map"]["difference"]
    body = [
        ["Mixed color domains", *(format_value(original.get(m)) for m in methods)],
        ["Grayscale only", *(format_value(gray.get(m)) for m in methods)],
        ["Difference", *(format_value(difference[m], signed=True) for m in methods)],
    ]
    return align_table(["Global mAP", *methods], body)


def grayscale_json(original: dict[str, float], gray: dict[str, float]) -> dict:
    """``{"global_map": {"original": {M: v}, "grayscale": {M: v}, "difference": {M: gray − original}}}``.

    Missing or non-finite values are ``null``.
    """
    methods = list(original) + [m for m in gray if m not in original]

    def delta(m: str) -> float | None:
        a, b = finite_or_none(original.get(m)), finite_or_none(gray.get(m))
        return None if a is None or b is None else b - a

    return {"global_map": {
        "original": {m: finite_or_none(original.get(m)) for m in methods},
        "grayscale": {m: finite_or_none(gray.get(m)) for m in methods},
        "difference": {m: delta(m) for m in methods},
    }}


def align_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Plain text table: first column left-aligned, the others right-aligned (numbers)."""
    columns = list(zip(header, *rows, strict=True))
    widths = [max(len(str(cell)) for cell in column) for column in columns]

    def line(cells: Sequence[str]) -> str:
        parts = [str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
        return "  ".join(parts).rstrip()

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)])
