"""The per-class results table (Gominski et al. 2019, Table 3): mAP per method, variations, difficulty.

One row per class: its size, the mAP of each method on its queries (§4: "the mAP per class is
obtained by averaging the AP over all query images from a single class"), the average over the
methods ("Column Avg. indicates the average performance of all methods"), the 11 predominance
scores (§2.2) and the overall difficulty ("sum of the variation scores"); the three best methods
of each class are marked ("the 3 top mAPs are in green, ranging from dark (best result) to light
green (3rd result)").

CSV header convention (read by :func:`read_results_csv`, written by :meth:`ClassResultsTable.to_csv`),
case-insensitive, any column order:

* ``class`` (required); ``count`` (or ``#``, ``n``): number of images of the class;
* a variation column for each of the 11 types: full name (``Scale``, ``Domain representation``…)
  or the paper's abbreviation (``Sc.``, ``Do.``…): integer scores 0–3;
* ``Overall`` / ``Overall difficulty``: the printed difficulty (optional; by default the
  difficulty is recomputed as the sum of the 11 scores);
* ``Avg`` / ``Average``: checked against the mean of the methods (a difference becomes a note of
  the table), then recomputed; ``1st`` / ``2nd`` / ``3rd``: ignored (recomputed);
* **every other column is a method**, holding mAP values in [0, 1] (empty = not evaluated).
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from heritage_explorer.core.annotations import (
    OVERALL,
    VARIATIONS,
    AnnotationError,
    canonical_variation,
    check_score,
)
from heritage_explorer.core.errors import SourceFormatError
from heritage_explorer.evaluation.metrics import EvaluationResult, finite_or_none
from heritage_explorer.evaluation.variations import (
    ABBREVIATIONS,
    CorrelationTable,
    align_table,
    correlation_table,
    format_value,
)

TOP_N = 3
AVERAGE_TOLERANCE = 0.0015  # a printed 3-decimal average may differ from the exact mean by rounding
RANK_LABELS = ("1st", "2nd", "3rd")
# Dark to light green for the 1st to 3rd mAP of a class, as in Table 3 of the paper.
RANK_COLOURS = ("#1a7a3a", "#52b160", "#b8e2b0")
RANK_TEXT_COLOURS = ("#ffffff", "#000000", "#000000")
_SUPERSCRIPTS = ("¹", "²", "³")
_COUNT_NAMES = {"count", "#", "n", "images"}
_AVERAGE_NAMES = {"avg", "avg.", "average", "mean"}
_OVERALL_NAMES = {"overall", "overall difficulty", "difficulty"}


@dataclass(frozen=True)
class ClassRow:
    """One class of the table: size, mAP per method, variation scores (``None`` if not annotated)."""

    name: str
    count: int | None
    maps: dict[str, float]
    scores: dict[str, int] | None = None
    printed_overall: int | None = None  # the "Overall" column of an imported table, if any
    printed_average: float | None = None  # the "Avg" column of an imported table, if any

    @property
    def average(self) -> float:
        """Mean mAP over the methods evaluated on this class (Table 3 "Avg")."""
        values = [v for v in self.maps.values() if math.isfinite(v)]
        return float(np.mean(values)) if values else math.nan

    @property
    def overall(self) -> int | None:
        """Overall difficulty: sum of the 11 scores (the paper's definition)."""
        return None if self.scores is None else sum(self.scores[v] for v in VARIATIONS)

    def top_methods(self, n: int = TOP_N) -> list[str]:
        """The ``n`` best methods on this class, best first (ties keep the column order)."""
        ranked = sorted((m for m, v in self.maps.items() if math.isfinite(v)), key=lambda m: -self.maps[m])
        return ranked[:n]


@dataclass(frozen=True)
class ClassResultsTable:
    """Table 3: ``rows`` of classes over ``methods`` (column order kept)."""

    methods: tuple[str, ...]
    rows: tuple[ClassRow, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def annotated_rows(self) -> list[ClassRow]:
        return [r for r in self.rows if r.scores is not None]

    def overall_mismatches(self) -> list[tuple[str, int, int]]:
        """Classes whose printed "Overall" differs from the sum of their scores: (class, printed, sum)."""
        return [(r.name, r.printed_overall, r.overall) for r in self.annotated_rows
                if r.printed_overall is not None and r.printed_overall != r.overall]

    def correlation(self, *, overall: str = "sum") -> CorrelationTable:
        """Table 1 over the annotated classes; ``overall="column"`` uses the printed Overall column."""
        rows = self.annotated_rows
        if overall == "column":
            missing = [r.name for r in rows if r.printed_overall is None]
            if missing:
                raise SourceFormatError("table", f"no Overall value for {', '.join(missing[:5])}")
            difficulty = {r.name: float(r.printed_overall) for r in rows}
        elif overall == "sum":
            difficulty = None
        else:
            raise ValueError(f"overall must be 'sum' or 'column', not {overall!r}")
        return correlation_table({r.name: r.scores for r in rows}, {r.name: r.maps for r in rows},
                                 self.methods, overall=difficulty)

    # -- renderers ---------------------------------------------------------------------------
    def _has_scores(self) -> bool:
        return bool(self.annotated_rows)

    def to_text(self) -> str:
        """Aligned text; the 1st–3rd mAP of each class carry ¹ ² ³."""
        header = ["Class", "#", *self.methods, "Avg"]
        if self._has_scores():
            header += [ABBREVIATIONS[v] for v in VARIATIONS] + ["Overall"]
        body = []
        for row in self.rows:
            top = row.top_methods()
            cells = [row.name, "" if row.count is None else str(row.count)]
            for m in self.methods:
                mark = _SUPERSCRIPTS[top.index(m)] if m in top else " "
                cells.append(format_value(row.maps.get(m)) + mark)
            cells.append(format_value(row.average))
            if self._has_scores():
                scores = row.scores or {}
                cells += [str(scores[v]) if v in scores else "–" for v in VARIATIONS]
                cells.append("–" if row.overall is None else str(row.overall))
            body.append(cells)
        return align_table(header, body)

    def to_csv(self) -> str:
        """The header convention of this module, plus ``1st,2nd,3rd`` method names."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["class", "count", *self.methods, "Avg", *VARIATIONS, OVERALL, *RANK_LABELS])
        for row in self.rows:
            top = row.top_methods()
            scores = row.scores or {}
            writer.writerow([
                row.name, "" if row.count is None else row.count,
                *(_csv_number(row.maps.get(m)) for m in self.methods), _csv_number(row.average),
                *(scores.get(v, "") for v in VARIATIONS), "" if row.overall is None else row.overall,
                *(top + [""] * (TOP_N - len(top))),
            ])
        return buffer.getvalue()

    def to_json(self) -> dict:
        return {
            "methods": list(self.methods),
            "variations": list(VARIATIONS),
            "classes": [
                {
                    "class": row.name,
                    "count": row.count,
                    "map": {m: finite_or_none(row.maps.get(m)) for m in self.methods},
                    "average": finite_or_none(row.average),
                    "scores": None if row.scores is None else {v: row.scores[v] for v in VARIATIONS},
                    "overall_difficulty": row.overall,
                    "top": row.top_methods(),
                }
                for row in self.rows
            ],
            "notes": list(self.notes),
        }

    def to_json_text(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"

    def to_html(self) -> str:
        """An HTML ``<table>`` (inline styles) coloured like the paper: dark → light green for 1st → 3rd."""
        scored = self._has_scores()
        head = ["Class", "#", *self.methods, "Avg"]
        if scored:
            head += [ABBREVIATIONS[v] for v in VARIATIONS] + ["Overall"]
        titles = {ABBREVIATIONS[v]: v for v in VARIATIONS} | {"Overall": OVERALL}
        out = ['<table class="results">', "<thead><tr>"]
        out += [f'<th title="{html.escape(titles.get(h, h))}">{html.escape(h)}</th>' for h in head]
        out.append("</tr></thead><tbody>")
        for row in self.rows:
            top = row.top_methods()
            cells = [f"<td>{html.escape(row.name)}</td>", f"<td>{'' if row.count is None else row.count}</td>"]
            for m in self.methods:
                style = ""
                if m in top:
                    rank = top.index(m)
                    style = (f' style="background:{RANK_COLOURS[rank]};color:{RANK_TEXT_COLOURS[rank]}"'
                             f' title="{RANK_LABELS[rank]} on this class"')
                cells.append(f'<td class="num"{style}>{format_value(row.maps.get(m))}</td>')
            cells.append(f'<td class="num avg">{format_value(row.average)}</td>')
            if scored:
                scores = row.scores or {}
                cells += [f'<td class="score s{scores.get(v, "")}">{scores.get(v, "–")}</td>' for v in VARIATIONS]
                cells.append(f'<td class="num">{"–" if row.overall is None else row.overall}</td>')
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
        return "\n".join(out)


def _csv_number(value: float | None) -> str:
    return "" if value is None or not math.isfinite(value) else f"{value:.6g}"


def build_class_table(
    results: Mapping[str, EvaluationResult],
    scores: Mapping[str, Mapping[str, int]] | None = None,
    *,
    counts: Mapping[str, int] | None = None,
) -> ClassResultsTable:
    """Table 3 from evaluation results (method -> result) and variation scores (class -> 11 scores).

    ``counts`` (class -> number of images) defaults to the number of evaluated queries of the class.
    Classes are every class any method evaluated, in name order; scores may cover only some.
    """
    methods = tuple(results)
    classes = sorted({c for r in results.values() for c in r.per_class})
    evaluated: dict[str, int] = {}
    for result in results.values():
        for cls, n in result.class_sizes().items():
            evaluated[cls] = max(evaluated.get(cls, 0), n)
    rows = []
    for cls in classes:
        class_scores = None
        if scores is not None and cls in scores:
            class_scores = {v: int(scores[cls][v]) for v in VARIATIONS}
        count = counts.get(cls) if counts is not None else evaluated.get(cls)
        rows.append(ClassRow(cls, count, {m: results[m].per_class.get(cls, math.nan) for m in methods}, class_scores))
    return ClassResultsTable(methods, tuple(rows))


def read_results_csv(path: str | Path) -> ClassResultsTable:
    """A Table 3-style CSV (header convention in the module docstring); errors name the line."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceFormatError(source, f"cannot read ({exc})") from exc
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    if not header or not all(header):
        raise SourceFormatError(source, "the header is missing or has an empty column name", line=1)
    roles = [_column_role(h) for h in header]
    if ("class", "") not in roles:
        raise SourceFormatError(source, "no 'class' column in the header", line=1)
    names = [name for kind, name in roles if kind in ("variation", "method")]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SourceFormatError(source, f"columns given twice: {', '.join(duplicates)}", line=1)
    methods = tuple(name for kind, name in roles if kind == "method")
    if not methods:
        raise SourceFormatError(source, "no method column (every column not named class, count, Avg, Overall, "
                                        "1st/2nd/3rd or a variation is read as a method's mAP)", line=1)
    variations = [name for kind, name in roles if kind == "variation"]
    if variations and len(variations) != len(VARIATIONS):
        missing = [v for v in VARIATIONS if v not in variations]
        raise SourceFormatError(source, f"variation columns missing: {', '.join(missing)}", line=1)
    rows, seen = [], set()
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise SourceFormatError(source, f"{len(cells)} cells for {len(header)} columns", line=line)
        try:
            rows.append(_parse_row(roles, [c.strip() for c in cells], bool(variations)))
        except (ValueError, AnnotationError) as exc:
            raise SourceFormatError(source, str(exc), line=line) from None
        if rows[-1].name in seen:
            raise SourceFormatError(source, f"class {rows[-1].name!r} appears twice", line=line)
        seen.add(rows[-1].name)
    if not rows:
        raise SourceFormatError(source, "no class rows")
    notes = [f"class {r.name}: the Avg column says {r.printed_average:.3f}, the mean of its methods is {r.average:.3f}"
             for r in rows if r.printed_average is not None and abs(r.printed_average - r.average) > AVERAGE_TOLERANCE]
    notes += [f"class {n}: the Overall column says {p}, the sum of its scores is {s}"
              for n, p, s in ClassResultsTable(methods, tuple(rows)).overall_mismatches()]
    return ClassResultsTable(methods, tuple(rows), tuple(notes))


def _column_role(name: str) -> tuple[str, str]:
    key = name.lower()
    if key == "class":
        return "class", ""
    if key in _COUNT_NAMES:
        return "count", ""
    if key in _AVERAGE_NAMES:
        return "average", ""
    if key in RANK_LABELS:
        return "ignored", name
    if key in _OVERALL_NAMES:
        return "overall", ""
    try:
        return "variation", canonical_variation(name)
    except AnnotationError:
        return "method", name


def _parse_row(roles: Sequence[tuple[str, str]], cells: Sequence[str], scored: bool) -> ClassRow:
    name, count, overall, average = "", None, None, None
    maps: dict[str, float] = {}
    scores: dict[str, int] = {}
    for (kind, column), cell in zip(roles, cells, strict=True):
        if kind == "class":
            name = cell
        elif kind == "count" and cell:
            count = int(cell)
        elif kind == "overall" and cell:
            overall = int(cell)
        elif kind == "average" and cell:
            average = float(cell)
        elif kind == "variation":
            if not cell:
                raise ValueError(f"no score for {column}")
            scores[column] = check_score(cell, variation=column)
        elif kind == "method":
            value = float(cell) if cell else math.nan
            if math.isfinite(value) and not 0.0 <= value <= 1.0:
                raise ValueError(f"mAP of {column} must be between 0 and 1, got {cell}")
            maps[column] = value
    if not name:
        raise ValueError("empty class name")
    return ClassRow(name, count, maps, scores if scored else None, overall, average)
