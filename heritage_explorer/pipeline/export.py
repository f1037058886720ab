"""Exports back to heritage platforms (issue #21 part 4): a search's results, a group or a
selection of images, with the archivist's annotations, as CSV, JSON or a IIIF Presentation 3
manifest (:mod:`.iiif_export`).

The records (:class:`ExportSet` and its parts) live in :mod:`.export_set`, below both writers.

What is exported is gathered once into an :class:`ExportSet` (the images in order, each with its
rank, score and optional region box, the class annotations and the judgments that concern them);
the three writers only lay it out. A query export ranks with :func:`.methods.search_any`, the
function ``heritage-explorer search`` calls, so an export lists exactly what ``search`` shows.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Sequence
from pathlib import Path

from heritage_explorer.core.annotations import VARIATIONS, AnnotationStore
from heritage_explorer.core.atomic import atomic_write_text
from heritage_explorer.core.errors import HeritageError, UnreadableImageError
from heritage_explorer.core.imageio import probe
from heritage_explorer.core.records import ImageRow
from heritage_explorer.core.regions import Box
from heritage_explorer.descriptors.method import Method, as_method
from heritage_explorer.pipeline.export_set import (
    ExportItem,
    ExportQuery,
    ExportSet,
    Judgment,
    is_reference,
    variations_of,
)
from heritage_explorer.pipeline.iiif_export import build_manifest
from heritage_explorer.pipeline.project import Project

FORMATS = ("csv", "json", "iiif")


class ExportError(HeritageError):
    """An export that cannot be made: nothing to export, a selection file that names unknown images."""


# -- what to export -------------------------------------------------------------------------------
def query_export(project: Project, method: Method | str, *, query: str, image_id: int | None = None,
                 image_path: str | Path | None = None, k: int = 10, region: Box | None = None) -> ExportSet:
    """The top ``k`` results of a search, ranked exactly as ``heritage-explorer search`` ranks them
    (``region``: as ``search --region`` ranks them, each result with the box where it was found)."""
    from heritage_explorer.pipeline.methods import search_any

    if k < 1:
        raise ExportError(f"-k must be at least 1, got {k}")
    method = as_method(method)  # an unknown method says so before any search
    hits = search_any(project, method, image_id=image_id, image_path=image_path, k=k, region=region)
    rows = {row.id: row for row in project.catalog.images(ids=[h.image_id for h in hits])}
    items, skipped = [], []
    for hit in hits:
        box = hit.to_json().get("box")  # region results (search --region) carry one
        item = _item(rows[hit.image_id], rank=hit.rank, score=hit.score,
                     box=tuple(int(v) for v in box) if box is not None else None)
        if isinstance(item, tuple):
            skipped.append(item)
        else:
            items.append(item)
    canvas = project.catalog.image(image_id).metadata.get("iiif_canvas") if image_id is not None else None
    described = ExportQuery(image=query, method=str(method), k=k, image_id=image_id, canvas=canvas)
    title = f"Top {k} of {method} for {query}" + (f", region {region}" if region is not None else "")
    judged = _judgments(project, items, queries=[image_id] if image_id is not None else [])
    return _finish(project, ExportSet(title, project.root.name, items, query=described, judgments=judged,
                                      skipped=skipped))


def group_export(project: Project, group: str) -> ExportSet:
    """The images whose class (the catalog's ``group`` column) is ``group``, in catalog order."""
    rows = project.catalog.images(group=group)
    if not rows:
        known = sorted(project.catalog.groups())
        listed = ", ".join(known[:20]) + (f" (and {len(known) - 20} more)" if len(known) > 20 else "")
        raise ExportError(f"no image of this project has group {group!r}; groups: {listed or 'none'}")
    items, skipped = _items(rows)
    judged = _judgments(project, items, queries=[i.image.id for i in items])
    return _finish(project, ExportSet(f"Group {group}", project.root.name, items, group=group, judgments=judged,
                                      skipped=skipped))


def selection_export(project: Project, selection: str | Path) -> ExportSet:
    """The images a text file lists, one catalog path (or absolute path) per line, in its order.

    Blank lines and lines starting with ``#`` are ignored; a path given twice is exported once. An
    unknown path is an error naming the file and the line; nothing is written.
    """
    path = Path(selection)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ExportError(f"{path}: cannot read the selection: {reason}") from exc
    rows: dict[int, ImageRow] = {}
    unknown = []
    for line, raw in enumerate(text.splitlines(), start=1):
        wanted = raw.strip()
        if not wanted or wanted.startswith("#"):
            continue
        row = project.catalog.find_image(wanted)
        if row is None:
            unknown.append(f"line {line}: {wanted!r} is not an image of this project")
        else:
            rows.setdefault(row.id, row)
    if unknown:
        more = f" (and {len(unknown) - 10} more)" if len(unknown) > 10 else ""
        raise ExportError(f"{path}: " + "; ".join(unknown[:10]) + more)
    if not rows:
        raise ExportError(f"{path}: the selection is empty (one image path per line expected)")
    items, skipped = _items(list(rows.values()))
    judged = _judgments(project, items, queries=list(rows))
    return _finish(project, ExportSet(f"Selection {path.name}", project.root.name, items, selection=str(path),
                                      judgments=judged, skipped=skipped))


def write_selection(project: Project, image_ids: Sequence[int], path: str | Path) -> int:
    """Write the selection file :func:`selection_export` reads: one catalog path per line, in
    ``image_ids`` order (an absolute path where the catalog path would name another collection's
    image), after a ``#`` comment line; written atomically. Returns the number of images."""
    rows = {row.id: row for row in project.catalog.images(ids=image_ids)}
    lines = [f"# {len(rows)} images of {project.root.name}, one catalog path per line"]
    for image_id in dict.fromkeys(int(i) for i in image_ids):
        if image_id not in rows:
            raise ExportError(f"image #{image_id} is no longer in the catalog of {project.root.name}")
        row = rows[image_id]
        found = project.catalog.find_image(row.path)
        lines.append(row.path if found is not None and found.id == row.id else str(row.abspath))
    atomic_write_text(path, "\n".join(lines) + "\n")
    return len(lines) - 1


def _item(row: ImageRow, **ranked) -> ExportItem | tuple[str, str]:
    """The row as an :class:`ExportItem`, or (path, reason) when it cannot be used."""
    if row.status != "ok":
        return row.path, row.error or row.status
    width, height = row.width, row.height
    if not width or not height:
        try:
            width, height = probe(row.abspath)
        except UnreadableImageError as exc:
            return row.path, exc.reason
    return ExportItem(row, int(width), int(height), **ranked)


def _items(rows: Sequence[ImageRow]) -> tuple[list[ExportItem], list[tuple[str, str]]]:
    items, skipped = [], []
    for row in rows:
        item = _item(row)
        (skipped if isinstance(item, tuple) else items).append(item)
    return items, skipped


def _judgments(project: Project, items: list[ExportItem], *, queries: Sequence[int]) -> dict[int, list[Judgment]]:
    """For each exported image, the judgments made of it as a result of one of ``queries``."""
    store = AnnotationStore(project.catalog)
    exported = {item.image.id for item in items}
    found: dict[int, list[tuple[int, str]]] = {}
    for query in dict.fromkeys(queries):
        for result, label in store.judgments(query_id=query).get(query, {}).items():
            if result in exported:
                found.setdefault(result, []).append((query, label))
    paths = {row.id: row.path for row in project.catalog.images(ids={q for v in found.values() for q, _ in v})}
    return {result: [Judgment(q, paths[q], label) for q, label in judged] for result, judged in found.items()}


def _finish(project: Project, export: ExportSet) -> ExportSet:
    if not export.items:
        reasons = "; ".join(f"{path}: {reason}" for path, reason in export.skipped[:5])
        raise ExportError(f"nothing to export: no usable image{f' ({reasons})' if reasons else ''}")
    annotated = AnnotationStore(project.catalog).all()
    groups = {item.image.group for item in export.items}
    classes = {name: ann for name, ann in annotated.items() if name in groups and ann.is_annotated}
    return dataclasses.replace(export, classes=classes)


# -- rows (CSV and JSON) --------------------------------------------------------------------------
def export_rows(export: ExportSet) -> list[dict]:
    """One JSON-ready row per image: where a query ranked it, its labels and annotations."""
    rows = []
    for item in export.items:
        ann = export.classes.get(item.image.group or "")
        row: dict = {}
        if export.query is not None:
            row.update(rank=item.rank, score=item.score, box=list(item.box) if item.box is not None else None)
        row.update(
            image_id=item.image.id, path=item.image.path, group=item.image.group, width=item.width,
            height=item.height, variations=variations_of(export, item), reference=is_reference(export, item),
            class_scores=ann.scores if ann is not None else None,
            class_overall_difficulty=ann.overall if ann is not None else None,
            judgments=[{"query": j.query_path, "query_id": j.query_id, "label": j.label}
                       for j in export.judgments.get(item.image.id, [])],
            iiif_canvas=item.image.metadata.get("iiif_canvas"),
        )
        rows.append(row)
    return rows


def export_document(export: ExportSet) -> dict:
    """The JSON export: what was exported, then the rows."""
    query = None
    if export.query is not None:
        query = {"image": export.query.image, "image_id": export.query.image_id, "method": export.query.method,
                 "k": export.query.k}
    return {"title": export.title, "project": export.project, "query": query, "group": export.group,
            "selection": export.selection, "count": len(export.items), "images": export_rows(export),
            "skipped": [{"path": p, "reason": r} for p, r in export.skipped]}


def export_csv(export: ExportSet) -> str:
    """The CSV export: one row per image; lists joined with ``;``, the box as ``x,y,w,h`` (as
    ``search --region`` takes it), the class's 11 effective variation scores as columns."""
    head = ["rank", "score", "box"] if export.query is not None else []
    header = [*head, "image_id", "path", "group", "width", "height", "variations", "reference", "judgments",
              "overall_difficulty", *VARIATIONS]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in export_rows(export):
        scores = row["class_scores"] or {}
        cells = [row["rank"], row["score"], ",".join(map(str, row["box"])) if row["box"] else ""] if head else []
        cells += [row["image_id"], row["path"], row["group"] or "", row["width"], row["height"],
                  ";".join(row["variations"]), int(row["reference"]),
                  ";".join(f"{j['query']}={j['label']}" for j in row["judgments"]),
                  "" if row["class_overall_difficulty"] is None else row["class_overall_difficulty"],
                  *(scores.get(v, "") for v in VARIATIONS)]
        writer.writerow(cells)
    return buffer.getvalue()


def write_export(export: ExportSet, fmt: str, out: str | Path, *, base_url: str | None = None) -> None:
    """Write ``export`` as ``fmt`` (csv, json, iiif) to ``out``, atomically.

    ``base_url``: for IIIF, the id the manifest will be published under (its canvases' and
    annotations' ids are made below it); by default the output file's ``file://`` URI.
    """
    out = Path(out)
    if fmt == "csv":
        text = export_csv(export)
    elif fmt == "json":
        text = json.dumps(export_document(export), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "iiif":
        manifest = build_manifest(export, manifest_id=base_url or out.expanduser().resolve().as_uri())
        text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    else:
        raise ExportError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if out.is_dir():
        raise ExportError(f"{out}: is a folder; give the file to write")
    atomic_write_text(out, text)
