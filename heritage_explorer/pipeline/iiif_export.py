"""An :class:`~.export.ExportSet` as a IIIF Presentation 3 Manifest (pure: no I/O).

Presentation API 3.0 (https://iiif.io/api/presentation/3.0/): one Canvas per image, painted by
one Annotation whose body is the Image. Images that came from a IIIF manifest keep their
original canvas id, image id and Image service (recorded at import, ``core.iiif_manifest.SOURCE_KEYS``),
and name the manifest they are ``partOf``, so the export points back at the source; local images
get a canvas minted under the manifest's id and a ``file://`` body that ``heritage-explorer
import`` reads back.

The archivist's annotations are W3C Web Annotations (https://www.w3.org/TR/annotation-model/)
in an AnnotationPage of the canvas's ``annotations``, each a ``TextualBody``:

* ``tagging``: the image's class (group label), "reference image of CLASS", and each variation
  the image was flagged with (relative to its class's reference);
* ``assessing``: the class's 11 variation predominance scores and overall difficulty (Gominski et
  al. 2019 §2.2), each relevance judgment of the image (easy/hard/junk/wrong) for a query, and
  where a query ranked it (rank, score). A result that carries the region where a query region
  was found targets that region: a ``SpecificResource`` with a ``FragmentSelector``
  ``xywh=x,y,w,h`` (Media Fragments, in canvas coordinates).

The query (method, query image, k) is in the manifest's ``summary`` and ``metadata``.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath

from heritage_explorer import __version__
from heritage_explorer.core.annotations import VARIATIONS
from heritage_explorer.pipeline.export_set import ExportItem, ExportSet, is_reference, variations_of

CONTEXT = "http://iiif.io/api/presentation/3/context.json"
MEDIA_FRAGMENTS = "http://www.w3.org/TR/media-frags/"


def build_manifest(export: ExportSet, *, manifest_id: str) -> dict:
    """The Presentation 3 Manifest of ``export``; ids of what is minted here lie below ``manifest_id``."""
    root = manifest_id[: -len(".json")] if manifest_id.endswith(".json") else manifest_id.rstrip("/")
    used: set[str] = set()
    canvases = [_canvas(export, item, root, used) for item in export.items]
    return {
        "@context": CONTEXT,
        "id": manifest_id,
        "type": "Manifest",
        "label": {"en": [f"Heritage Explorer: {export.title}"]},
        "summary": {"en": [_summary(export)]},
        "metadata": [_pair(label, value) for label, value in _manifest_pairs(export)],
        "items": canvases,
    }


def _summary(export: ExportSet) -> str:
    n = len(export.items)
    if export.query is not None:
        q = export.query
        return (f"The {n} images that {q.method} ranks most similar to {q.image} (k = {q.k}), best first, "
                "with the archivist's annotations.")
    if export.group is not None:
        return f"The {n} images of group {export.group}, with the archivist's annotations."
    return f"The {n} images listed in {export.selection}, with the archivist's annotations."


def _manifest_pairs(export: ExportSet) -> list[tuple[str, str]]:
    pairs = [("Exported by", f"Heritage Explorer {__version__}"), ("Project", export.project)]
    if export.query is not None:
        pairs += [("Method", export.query.method), ("Query image", export.query.image), ("k", str(export.query.k))]
        if export.query.canvas:
            pairs.append(("Query canvas", export.query.canvas))
    if export.group is not None:
        pairs.append(("Group", export.group))
    if export.selection is not None:
        pairs.append(("Selection", export.selection))
    return pairs


def _pair(label: str, value: str) -> dict:
    return {"label": {"en": [label]}, "value": {"none": [value]}}


def canvas_size(item: ExportItem) -> tuple[int, int]:
    """The canvas's size: the source canvas's for an image from a IIIF manifest (the catalog
    holds the bounded rendition that was downloaded), else the image's."""
    meta = item.image.metadata
    width, height = meta.get("iiif_canvas_width", ""), meta.get("iiif_canvas_height", "")
    if meta.get("iiif_canvas") and width.isdigit() and height.isdigit() and int(width) > 0 and int(height) > 0:
        return int(width), int(height)
    return item.width, item.height


def canvas_box(item: ExportItem) -> tuple[int, int, int, int] | None:
    """The item's box in canvas coordinates (scaled from the catalog image's pixels), clipped to the canvas."""
    if item.box is None:
        return None
    width, height = canvas_size(item)
    sx, sy = width / item.width, height / item.height
    x, y, w, h = item.box
    left, top = max(0, round(x * sx)), max(0, round(y * sy))
    right, bottom = min(width, round((x + w) * sx)), min(height, round((y + h) * sy))
    return left, top, max(1, right - left), max(1, bottom - top)


def _canvas(export: ExportSet, item: ExportItem, root: str, used: set[str]) -> dict:
    meta = item.image.metadata
    minted = f"{root}/canvas/{item.image.id}"
    canvas_id = meta.get("iiif_canvas") or minted
    if canvas_id in used:  # the same source canvas imported twice: the second one gets its own id
        canvas_id = minted
    used.add(canvas_id)
    width, height = canvas_size(item)
    canvas: dict = {
        "id": canvas_id,
        "type": "Canvas",
        "label": {"none": [meta.get("label") or item.image.path]},
        "width": width,
        "height": height,
        "metadata": [_pair(label, value) for label, value in _canvas_pairs(item)],
        "items": [{
            "id": f"{root}/page/{item.image.id}",
            "type": "AnnotationPage",
            "items": [{
                "id": f"{root}/annotation/{item.image.id}/painting",
                "type": "Annotation",
                "motivation": "painting",
                "body": _image_body(item),
                "target": canvas_id,
            }],
        }],
    }
    source = meta.get("iiif_manifest", "")
    if source.startswith(("http://", "https://")):
        canvas["partOf"] = [{"id": source, "type": "Manifest"}]
    annotations = [{"id": f"{root}/annotation/{item.image.id}/{n}", "type": "Annotation", **annotation}
                   for n, annotation in enumerate(_annotations(export, item, canvas_id), start=1)]
    if annotations:
        canvas["annotations"] = [{"id": f"{root}/annotations/{item.image.id}", "type": "AnnotationPage",
                                  "items": annotations}]
    return canvas


def _canvas_pairs(item: ExportItem) -> list[tuple[str, str]]:
    pairs = [("Path", item.image.path)]
    if item.image.group:
        pairs.append(("Group", item.image.group))
    if item.rank is not None:
        pairs.append(("Rank", str(item.rank)))
    if item.score is not None:
        pairs.append(("Score", f"{item.score:.4f}"))
    return pairs


def _image_body(item: ExportItem) -> dict:
    """The painted image: the source's image and Image service when it came from IIIF, else the local file."""
    meta = item.image.metadata
    if meta.get("iiif_canvas") and (meta.get("iiif_body") or meta.get("iiif_image")):
        body_id = meta.get("iiif_body") or meta["iiif_image"]
        body: dict = {"id": body_id, "type": "Image", "format": meta.get("iiif_format") or _media_type(body_id)}
        if meta.get("iiif_service"):
            body["service"] = [_service(meta["iiif_service"], meta.get("iiif_service_api", "2"),
                                        meta.get("iiif_service_level"))]
        return body
    return {"id": item.image.abspath.as_uri(), "type": "Image", "format": _media_type(item.image.path),
            "width": item.width, "height": item.height}


def _service(service_id: str, api: str, level: str | None) -> dict:
    """An Image service reference (its compliance level when the source stated it); Image API 2
    services keep their ``@id``/``@type`` keys in Presentation 3."""
    if api == "3":
        service = {"id": service_id, "type": "ImageService3"}
        profile = f"level{level}"
    else:
        service = {"@id": service_id, "@type": "ImageService2"}
        profile = f"http://iiif.io/api/image/2/level{level}.json"
    return {**service, "profile": profile} if level is not None else service


def _media_type(name: str) -> str:
    guessed, _ = mimetypes.guess_type(PurePosixPath(name.split("?")[0]).name)
    return guessed if guessed and guessed.startswith("image/") else "image/jpeg"


def _text(value: str, *, language: str | None = "en") -> dict:
    body = {"type": "TextualBody", "value": value, "format": "text/plain"}
    return {**body, "language": language} if language else body


def _annotations(export: ExportSet, item: ExportItem, canvas_id: str) -> list[dict]:
    """The non-painting annotations of one canvas (motivation, body, target)."""
    group = item.image.group
    out: list[dict] = []

    def add(motivation: str, value: str, target: str | dict = canvas_id, language: str | None = "en") -> None:
        out.append({"motivation": motivation, "body": _text(value, language=language), "target": target})

    if group:
        add("tagging", group, language=None)  # the collection's own label, in no known language
    if is_reference(export, item):
        add("tagging", f"reference image of class {group}")
    for variation in variations_of(export, item):
        add("tagging", f"variation: {variation}")
    ann = export.classes.get(group or "")
    if ann is not None:
        scores = ", ".join(f"{v} {ann.scores[v]}" for v in VARIATIONS)
        add("assessing", f"variations of class {group} (predominance 0-3, Gominski et al. 2019): {scores}; "
                         f"overall difficulty {ann.overall}")
    for judgment in export.judgments.get(item.image.id, []):
        add("assessing", f"judged {judgment.label} as a result of the query {judgment.query_path}")
    if export.query is not None and item.rank is not None:
        score = f" (score {item.score:.4f})" if item.score is not None else ""
        box = canvas_box(item)
        if box is None:
            add("assessing", f"rank {item.rank} of {export.query.method} for {export.query.image}{score}")
        else:
            add("assessing", f"rank {item.rank} of {export.query.method} for {export.query.image}{score}: "
                             "the query region was found here", _region(canvas_id, box))
    return out


def _region(canvas_id: str, box: tuple[int, int, int, int]) -> dict:
    return {
        "type": "SpecificResource",
        "source": {"id": canvas_id, "type": "Canvas"},
        "selector": {"type": "FragmentSelector", "conformsTo": MEDIA_FRAGMENTS, "value": "xywh={},{},{},{}".format(*box)},
    }
