"""Self-contained HTML report of an evaluation, with the same numbers as CSV and JSON.

The report gathers Table 3 (per-class mAP, variation scores, top-3 methods in green), Table 1
(correlation between variations and mAP, as a table and a heatmap), per-query A-versus-B
scatter plots, the reference image of each class (Gominski et al. 2019, §2.2) and provenance
(spec strings, weights hashes, image-set hash, date, version), as the guide asks of every
artefact. Figures are drawn with matplotlib's object API (no pyplot, no global backend: safe
in a GUI worker thread) and inlined (SVG, or PNG for large scatters), images as base64; every
file is written atomically.
"""

from __future__ import annotations

import base64
import html
import io
import json
import math
import re
import shlex
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from heritage_explorer import __version__
from heritage_explorer.core.atomic import atomic_write_text
from heritage_explorer.core.jobs import Progress
from heritage_explorer.evaluation.comparison import QueryComparison
from heritage_explorer.evaluation.tables import ClassResultsTable
from heritage_explorer.evaluation.variations import CorrelationTable, format_value

REPORT_SCHEMA_VERSION = 1
FIGURES_STAGE = "drawing the figures"
PNG_SCATTER_ABOVE = 2000  # points; beyond this an SVG scatter gets heavy, so the figure is a PNG


def make_provenance(
    specs: Sequence[str],
    *,
    weights_sha256: Mapping[str, str | None] | None = None,
    image_set_sha256: str | None = None,
    extra: Mapping[str, object] | None = None,
) -> dict:
    """What the numbers were computed from, for the report header and its JSON."""
    return {
        "specs": list(specs),
        "weights_sha256": dict(weights_sha256 or {}),
        "image_set_sha256": image_set_sha256,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "heritage_explorer_version": __version__,
        "report_schema_version": REPORT_SCHEMA_VERSION,
        **dict(extra or {}),
    }


@dataclass(frozen=True)
class ReportFiles:
    """Paths of the files a report wrote."""

    html: Path
    results_csv: Path
    correlation_csv: Path | None
    json: Path


def write_report(
    out_dir: str | Path,
    *,
    table: ClassResultsTable,
    provenance: Mapping[str, object],
    correlation: CorrelationTable | None = None,
    comparisons: Sequence[QueryComparison] = (),
    thumbnails: Mapping[str, bytes] | None = None,
    title: str = "Heritage Explorer evaluation report",
    progress: Callable[[Progress], None] | None = None,
) -> ReportFiles:
    """Write ``report.html``, ``results.csv``, ``correlation.csv`` (if any) and ``report.json``.

    ``thumbnails`` maps a class to the JPEG bytes of its reference image; ``progress`` hears of
    each figure drawn (the slow part: the first one loads matplotlib and its fonts).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = ReportFiles(out / "report.html", out / "results.csv",
                        out / "correlation.csv" if correlation is not None else None, out / "report.json")
    atomic_write_text(files.results_csv, table.to_csv())
    if correlation is not None and files.correlation_csv is not None:
        atomic_write_text(files.correlation_csv, correlation.to_csv())
    payload = {
        "provenance": dict(provenance),
        "results": table.to_json(),
        "correlation": correlation.to_json()["correlation"] if correlation is not None else None,
        "comparisons": [c.to_json() for c in comparisons],
    }
    atomic_write_text(files.json, json.dumps(payload, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    atomic_write_text(files.html, render_html(table=table, provenance=provenance, correlation=correlation,
                                              comparisons=comparisons, thumbnails=thumbnails or {}, title=title,
                                              progress=progress))
    return files


def render_html(
    *,
    table: ClassResultsTable,
    provenance: Mapping[str, object],
    correlation: CorrelationTable | None,
    comparisons: Sequence[QueryComparison],
    thumbnails: Mapping[str, bytes],
    title: str,
    progress: Callable[[Progress], None] | None = None,
) -> str:
    """The report as one HTML document with no external resource."""
    n_figures = (correlation is not None) + len(comparisons)
    drawn = 0

    def drawing(what: str) -> None:
        if progress is not None:
            first = "matplotlib.figure" not in sys.modules
            progress(Progress(FIGURES_STAGE, drawn, n_figures,
                              message=f"{what}; loading matplotlib first" if first else what))

    parts = [f"<h1>{html.escape(title)}</h1>", _provenance_html(provenance)]
    parts += ["<h2>Results per class</h2>",
              "<p>mAP per class (Gominski et al. §4); the three best methods of each class in dark to light "
              "green; variation predominance 0–3 and overall difficulty (§2.2).</p>", table.to_html()]
    for note in table.notes:
        parts.append(f'<p class="note">{html.escape(note)}</p>')
    if correlation is not None:
        parts += ["<h2>Correlation between variations and performance</h2>",
                  f"<p>Pearson r over {correlation.n_classes} annotated classes (Table 1); – where a column is "
                  "constant.</p>", _correlation_html(correlation)]
        drawing("correlation heatmap")
        parts.append(heatmap_figure(correlation))
        drawn += 1
    elif not table.annotated_rows:
        project = shlex.quote(str(provenance.get("project") or "PROJECT"))
        parts.append('<p class="note">No class has variation annotations: no correlation analysis '
                     "(annotate in the app's Annotate variations panel, or run <code>"
                     f"{html.escape(f'heritage-explorer annotations import --project {project} FILE.csv')}"
                     "</code>).</p>")
    for comparison in comparisons:
        drawing(f"{comparison.method_a} vs {comparison.method_b}")
        parts += [f"<h2>{html.escape(comparison.method_a)} vs {html.escape(comparison.method_b)}, per query</h2>",
                  f"<p>{html.escape(comparison.summary())}</p>", scatter_figure(comparison),
                  _differences_html(comparison)]
        drawn += 1
    if progress is not None and n_figures:
        progress(Progress(FIGURES_STAGE, n_figures, n_figures))
    if thumbnails:
        parts.append("<h2>Reference images</h2><div class=\"refs\">")
        for name, jpeg in thumbnails.items():
            data = base64.b64encode(jpeg).decode("ascii")
            parts.append(f'<figure><img alt="{html.escape(name)}" src="data:image/jpeg;base64,{data}">'
                         f"<figcaption>{html.escape(name)}</figcaption></figure>")
        parts.append("</div>")
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{_CSS}</style></head><body>\n" + "\n".join(parts) + "\n</body></html>\n")


_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:13px}
th,td{border:1px solid #ccc;padding:3px 6px}th{background:#f2f2f2}
td.num,td.score{text-align:right;font-variant-numeric:tabular-nums}td.avg{font-style:italic}
td.s3{background:#f4cccc}td.s2{background:#fbe5d6}
.note{color:#555}.refs{display:flex;flex-wrap:wrap;gap:12px}
figure{margin:0;text-align:center}figure img{max-height:160px;border:1px solid #ccc}
dl.prov{display:grid;grid-template-columns:max-content auto;gap:2px 12px;font-size:13px}
dl.prov dt{font-weight:bold}dl.prov dd{margin:0;font-family:monospace}
"""


def _provenance_html(provenance: Mapping[str, object]) -> str:
    items = []
    for key, value in provenance.items():
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        items.append(f"<dt>{html.escape(key)}</dt><dd>{html.escape(str(text))}</dd>")
    return '<dl class="prov">' + "".join(items) + "</dl>"


def _correlation_html(correlation: CorrelationTable) -> str:
    rows = ["<table><thead><tr><th>Variation</th>"
            + "".join(f"<th>{html.escape(m)}</th>" for m in correlation.methods) + "</tr></thead><tbody>"]
    for name in correlation.rows:
        cells = "".join(f'<td class="num">{format_value(correlation.values[name][m], 2, signed=True)}</td>'
                        for m in correlation.methods)
        rows.append(f"<tr><td>{html.escape(name)}</td>{cells}</tr>")
    return "\n".join(rows) + "</tbody></table>"


def _differences_html(comparison: QueryComparison, n: int = 10) -> str:
    rows = [f"<table><thead><tr><th>query</th><th>class</th><th>AP {html.escape(comparison.method_a)}</th>"
            f"<th>AP {html.escape(comparison.method_b)}</th><th>difference</th></tr></thead><tbody>"]
    for q in comparison.largest_differences(n):
        rows.append(f"<tr><td>#{q.query_id}</td><td>{html.escape(q.query_class)}</td><td class=\"num\">{q.ap_a:.3f}"
                    f"</td><td class=\"num\">{q.ap_b:.3f}</td><td class=\"num\">{q.difference:+.3f}</td></tr>")
    return "\n".join(rows) + "</tbody></table>"


# -- figures (matplotlib imported lazily) ------------------------------------------------------------
def _figure_html(figure, *, png: bool = False) -> str:
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "heritage-explorer", "svg.fonttype": "none"}):
        figure.savefig(buffer, format="png" if png else "svg", dpi=110, bbox_inches="tight")
    if png:
        return f'<img alt="figure" src="data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode("ascii")}">'
    svg = buffer.getvalue().decode("utf-8")
    return re.sub(r"<metadata>.*?</metadata>\s*", "", svg[svg.index("<svg"):], flags=re.DOTALL)


def heatmap_figure(correlation: CorrelationTable) -> str:
    """Table 1 as a heatmap (red: negative r, green: positive; grey with "–": undefined), inline SVG."""
    import numpy as np
    from matplotlib.figure import Figure

    values = np.array([[correlation.values[r][m] for m in correlation.methods] for r in correlation.rows], float)
    figure = Figure(figsize=(1.1 + 0.8 * len(correlation.methods), 0.35 * len(correlation.rows) + 1.2))
    axes = figure.add_subplot()
    axes.set_facecolor("#dddddd")
    image = axes.imshow(np.ma.masked_invalid(values), cmap="RdYlGn", vmin=-1, vmax=1, aspect="auto")
    axes.set_xticks(range(len(correlation.methods)), correlation.methods, rotation=30, ha="right")
    axes.set_yticks(range(len(correlation.rows)), correlation.rows)
    for (i, j), v in np.ndenumerate(values):
        axes.text(j, i, "–" if not math.isfinite(v) else f"{v:+.2f}", ha="center", va="center", fontsize=8)
    figure.colorbar(image, ax=axes, label="Pearson r")
    return _figure_html(figure)


def scatter_figure(comparison: QueryComparison) -> str:
    """AP under A (x) against AP under B (y), one point per query, with the diagonal."""
    import numpy as np
    from matplotlib.figure import Figure

    a = np.array([q.ap_a for q in comparison.queries], float)
    b = np.array([q.ap_b for q in comparison.queries], float)
    d = a - b
    colours = np.where(d > comparison.tolerance, "#1f77b4", np.where(d < -comparison.tolerance, "#d62728", "#7f7f7f"))
    figure = Figure(figsize=(4.8, 4.8))
    axes = figure.add_subplot()
    axes.plot([0, 1], [0, 1], color="#999999", linewidth=1)
    axes.scatter(a, b, s=10, c=colours, alpha=0.7, linewidths=0)
    axes.set_xlim(-0.02, 1.02)
    axes.set_ylim(-0.02, 1.02)
    axes.set_aspect("equal")
    axes.set_xlabel(f"AP {comparison.method_a} (better below the diagonal: {comparison.wins_a})")
    axes.set_ylabel(f"AP {comparison.method_b} (better above: {comparison.wins_b})")
    return _figure_html(figure, png=len(a) > PNG_SCATTER_ABOVE)
