"""IIIF Presentation manifests (API 2 and 3) read into :class:`Manifest` and :class:`Canvas`
records — no network access; :mod:`.iiif` downloads what they point at.

Besides what an import needs (the Image service and its compliance level, the image's own URL
and size, labels and metadata pairs), each canvas keeps what an export needs to point back at
the source (:data:`SOURCE_KEYS`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from heritage_explorer.core.errors import SourceFormatError


@dataclass(frozen=True)
class Canvas:
    """What we need of one canvas: its image service and/or image URL, and its description."""

    id: str
    label: str
    service: str | None  # Image API base URI, without /info.json
    level: int | None  # Image API compliance level, when the manifest states it
    api: int  # Image API major version (2 or 3)
    body: str | None  # the image resource's own URL
    width: int | None
    height: int | None
    metadata: dict[str, str] = field(default_factory=dict)
    canvas_width: int | None = None  # the canvas's own size (the image's may differ)
    canvas_height: int | None = None
    format: str | None = None  # the image resource's media type, when the manifest states it


@dataclass(frozen=True)
class Manifest:
    id: str
    version: int  # Presentation API major version
    label: str
    metadata: dict[str, str]
    canvases: list[Canvas]
    problems: list[tuple[str, str]]


#: Metadata keys an import records so that an export points back at the source (besides
#: ``iiif_manifest``, ``iiif_canvas`` and ``iiif_image``, the URL actually fetched): the Image
#: service id, its API major version and compliance level, the image resource's id and media
#: type, the canvas's size.
SOURCE_KEYS = ("iiif_service", "iiif_service_api", "iiif_service_level", "iiif_body", "iiif_format",
               "iiif_canvas_width", "iiif_canvas_height")


def source_metadata(canvas: Canvas) -> dict[str, str]:
    """The :data:`SOURCE_KEYS` of a canvas that has them, as strings (catalog metadata is text)."""
    values = {
        "iiif_service": canvas.service,
        "iiif_service_api": str(canvas.api) if canvas.service else None,
        "iiif_service_level": str(canvas.level) if canvas.service and canvas.level is not None else None,
        "iiif_body": canvas.body,
        "iiif_format": canvas.format,
        "iiif_canvas_width": str(canvas.canvas_width or canvas.width or "") or None,
        "iiif_canvas_height": str(canvas.canvas_height or canvas.height or "") or None,
    }
    return {key: value for key, value in values.items() if value}


# -- parsing ------------------------------------------------------------------------------------
def parse_manifest(doc: Any, source: str) -> Manifest:
    """A Presentation API 2 or 3 manifest as a :class:`Manifest` (no network access)."""
    if not isinstance(doc, dict):
        raise SourceFormatError(source, "not a IIIF manifest (the JSON is not an object)")
    kind = str(doc.get("@type") or doc.get("type") or "")
    if kind in ("sc:Collection", "Collection"):
        raise SourceFormatError(source, "a IIIF collection, not a manifest: import one of its manifests")
    context = json.dumps(doc.get("@context", ""))
    if "presentation/3" in context or (isinstance(doc.get("items"), list) and "sequences" not in doc):
        version, canvases_json = 3, _list(doc.get("items"))
    elif "presentation/2" in context or isinstance(doc.get("sequences"), list):
        first = (_list(doc.get("sequences")) or [{}])[0]
        version, canvases_json = 2, _list(first.get("canvases")) if isinstance(first, dict) else []
    else:
        raise SourceFormatError(source, "not a IIIF Presentation manifest (no 'sequences' or 'items')")
    problems: list[tuple[str, str]] = []
    canvases: list[Canvas] = []
    for index, item in enumerate(canvases_json, start=1):
        if not isinstance(item, dict):
            problems.append((f"canvas {index}", "not a JSON object; ignored"))
            continue
        canvas = _canvas_v3(item) if version == 3 else _canvas_v2(item)
        if canvas is None:
            problems.append((_id(item) or f"canvas {index}", "canvas paints no image; ignored"))
        else:
            canvases.append(canvas)
    return Manifest(
        id=_id(doc),
        version=version,
        label=_text(doc.get("label")),
        metadata=_pairs(doc.get("metadata")),
        canvases=canvases,
        problems=problems,
    )


def _canvas_v2(item: dict) -> Canvas | None:
    images = item.get("images") or []
    resource = images[0].get("resource") if images and isinstance(images[0], dict) else None
    if isinstance(resource, dict) and resource.get("@type") == "oa:Choice":
        resource = resource.get("default")
    if not isinstance(resource, dict):
        return None
    return _canvas(item, resource, api_default=2)


def _canvas_v3(item: dict) -> Canvas | None:
    for page in _list(item.get("items")):
        for annotation in _list(page.get("items") if isinstance(page, dict) else None):
            if not isinstance(annotation, dict) or annotation.get("motivation", "painting") != "painting":
                continue
            body = _list(annotation.get("body"))[:1]
            body = body[0] if body else None
            if isinstance(body, dict) and body.get("type") == "Choice":
                choices = _list(body.get("items"))
                body = choices[0] if choices else None
            if isinstance(body, dict):
                return _canvas(item, body, api_default=3)
    return None


def _canvas(item: dict, resource: dict, *, api_default: int) -> Canvas:
    service = next((s for s in _list(resource.get("service")) if isinstance(s, dict) and _id(s)), None)
    service_id = level = None
    api = api_default
    if service is not None:
        service_id = re.sub(r"/info\.json$", "", _id(service).rstrip("/")).rstrip("/")
        described = json.dumps([service.get(key) for key in ("@context", "type", "@type", "profile")])
        if "ImageService3" in described or "image/3" in described:
            api = 3
        elif "ImageService2" in described or "image/2" in described:
            api = 2
        found = re.search(r"level([012])", json.dumps(service.get("profile")))
        level = int(found.group(1)) if found else None
    return Canvas(
        id=_id(item),
        label=_text(item.get("label")),
        service=service_id,
        level=level,
        api=api,
        body=_id(resource) or None,
        width=_int(resource.get("width")) or _int(item.get("width")),
        height=_int(resource.get("height")) or _int(item.get("height")),
        metadata=_pairs(item.get("metadata")),
        canvas_width=_int(item.get("width")),
        canvas_height=_int(item.get("height")),
        format=resource.get("format") if isinstance(resource.get("format"), str) else None,
    )


def _id(obj: dict) -> str:
    value = obj.get("id") or obj.get("@id") or ""
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _text(value: Any) -> str:
    """A label or value as plain text: v2 strings / @value objects, v3 language maps, HTML stripped."""
    parts: list[str] = []

    def collect(item: Any) -> None:
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, list):
            for element in item:
                collect(element)
        elif isinstance(item, dict):
            if "@value" in item:
                collect(item["@value"])
            else:  # a v3 language map {"en": [...], "none": [...]}
                for element in item.values():
                    collect(element)

    collect(value)
    unique = list(dict.fromkeys(re.sub(r"<[^>]+>", "", part).strip() for part in parts))
    return "; ".join(part for part in unique if part)


def _pairs(metadata: Any) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for entry in _list(metadata):
        if isinstance(entry, dict):
            label = _text(entry.get("label"))
            if label:
                pairs[label] = _text(entry.get("value"))
    return pairs


def json_document(data: bytes, source: str) -> Any:
    """The JSON document in ``data``; a :class:`SourceFormatError` naming ``source`` and the line."""
    try:
        return json.loads(data)
    except UnicodeDecodeError as exc:
        raise SourceFormatError(source, f"not UTF-8 JSON ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise SourceFormatError(
            source, f"not valid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno
        ) from exc
