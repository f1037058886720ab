"""A structural check of IIIF Presentation 3 Manifests (no IIIF validator is pinned in the package lists).

It checks what the Presentation API 3.0 requires of what our exports contain
(https://iiif.io/api/presentation/3.0/), and what the W3C Web Annotation model requires of their
annotations: the ``@context``, ``id``/``type`` of every resource, labels as language maps, canvases
with a positive integer ``width``/``height``, each painted by an Annotation (motivation
``painting``) whose body is an Image with a ``format`` and whose target is the canvas's id; other
annotations in AnnotationPages of ``annotations`` with a W3C motivation and a target on their
canvas (the canvas id, or a SpecificResource whose ``FragmentSelector`` is an ``xywh`` inside the
canvas); every ``id`` unique. :func:`manifest_problems` returns the problems found, in words.
"""

from __future__ import annotations

import re
from typing import Any

CONTEXT = "http://iiif.io/api/presentation/3/context.json"
MEDIA_FRAGMENTS = "http://www.w3.org/TR/media-frags/"
#: The motivations of the W3C Web Annotation vocabulary, plus IIIF's painting and supplementing.
MOTIVATIONS = {"assessing", "bookmarking", "classifying", "commenting", "describing", "editing", "highlighting",
               "identifying", "linking", "moderating", "questioning", "replying", "tagging", "painting",
               "supplementing"}
_XYWH = re.compile(r"xywh=(?:pixel:)?(\d+),(\d+),(\d+),(\d+)")
_URI = re.compile(r"^(https?|file):")


def manifest_problems(doc: Any) -> list[str]:
    problems: list[str] = []
    ids: dict[str, str] = {}

    def need(condition: bool, message: str) -> bool:
        if not condition:
            problems.append(message)
        return condition

    def resource(obj: Any, kind: str, where: str) -> bool:
        if not need(isinstance(obj, dict), f"{where}: not a JSON object"):
            return False
        need(obj.get("type") == kind, f"{where}: type is {obj.get('type')!r}, not {kind!r}")
        rid = obj.get("id")
        if need(isinstance(rid, str) and _URI.match(rid) is not None, f"{where}: id {rid!r} is not an absolute URI"):
            need(rid not in ids, f"{where}: id {rid} is also the id of {ids.get(rid)}")
            ids.setdefault(rid, where)
        return True

    def language_map(value: Any, where: str) -> None:
        ok = isinstance(value, dict) and value and all(
            isinstance(k, str) and isinstance(v, list) and v and all(isinstance(s, str) for s in v)
            for k, v in value.items())
        need(bool(ok), f"{where}: not a language map ({{\"en\": [\"...\"]}}): {value!r}")

    def annotations(pages: Any, page_where: str, item_word: str):
        """(where, annotation) of each Annotation of a list of AnnotationPages, pages and annotations checked."""
        for p, page in enumerate(pages if isinstance(pages, list) else []):
            if resource(page, "AnnotationPage", f"{page_where} {p}"):
                for a, annotation in enumerate(page.get("items") or []):
                    at = f"{page_where} {p} {item_word} {a}"
                    if resource(annotation, "Annotation", at):
                        yield at, annotation

    if not resource(doc, "Manifest", "manifest"):
        return problems
    context = doc.get("@context")
    need(context == CONTEXT or (isinstance(context, list) and context and context[-1] == CONTEXT),
         f"manifest: @context is {context!r}, not {CONTEXT}")
    language_map(doc.get("label"), "manifest label")
    if "summary" in doc:
        language_map(doc["summary"], "manifest summary")
    for n, pair in enumerate(doc.get("metadata", [])):
        language_map(pair.get("label") if isinstance(pair, dict) else None, f"manifest metadata {n} label")
        language_map(pair.get("value") if isinstance(pair, dict) else None, f"manifest metadata {n} value")
    canvases = doc.get("items")
    if not need(isinstance(canvases, list) and canvases, "manifest: items is not a non-empty list of canvases"):
        return problems
    for c, canvas in enumerate(canvases):
        where = f"canvas {c}"
        if not resource(canvas, "Canvas", where):
            continue
        language_map(canvas.get("label"), f"{where} label")
        width, height = canvas.get("width"), canvas.get("height")
        need(isinstance(width, int) and width > 0 and isinstance(height, int) and height > 0,
             f"{where}: width/height {width!r}/{height!r} are not positive integers")
        pages = canvas.get("items")
        if not need(isinstance(pages, list) and len(pages) >= 1, f"{where}: items holds no AnnotationPage"):
            continue
        painted = 0
        for at, annotation in annotations(pages, f"{where} page", "annotation"):
            need(annotation.get("motivation") == "painting", f"{at}: motivation is not painting")
            need(annotation.get("target") == canvas.get("id"), f"{at}: target is not the canvas id")
            body = annotation.get("body")
            if resource(body, "Image", f"{at} body"):
                need(isinstance(body.get("format"), str) and body["format"].startswith("image/"),
                     f"{at} body: format {body.get('format')!r} is not an image media type")
            painted += 1
        need(painted >= 1, f"{where}: no painting annotation")
        for at, annotation in annotations(canvas.get("annotations", []), f"{where} annotations", "item"):
            need(annotation.get("motivation") in MOTIVATIONS - {"painting"},
                 f"{at}: motivation {annotation.get('motivation')!r} is not a Web Annotation motivation")
            body = annotation.get("body")
            need(isinstance(body, dict) and body.get("type") == "TextualBody" and isinstance(body.get("value"), str)
                 and body["value"], f"{at}: body is not a TextualBody with a value")
            _check_target(annotation.get("target"), canvas, at, need)
    return problems


def _check_target(target: Any, canvas: dict, at: str, need) -> None:
    if isinstance(target, str):
        need(target == canvas.get("id"), f"{at}: target {target!r} is not its canvas")
        return
    if not need(isinstance(target, dict) and target.get("type") == "SpecificResource",
                f"{at}: target is neither the canvas id nor a SpecificResource"):
        return
    source = target.get("source")
    source_id = source.get("id") if isinstance(source, dict) else source
    need(source_id == canvas.get("id"), f"{at}: the SpecificResource's source is not its canvas")
    selector = target.get("selector")
    if not need(isinstance(selector, dict) and selector.get("type") == "FragmentSelector"
                and selector.get("conformsTo") == MEDIA_FRAGMENTS,
                f"{at}: selector is not a media-fragments FragmentSelector"):
        return
    match = _XYWH.fullmatch(str(selector.get("value")))
    if need(match is not None, f"{at}: selector value {selector.get('value')!r} is not xywh=x,y,w,h"):
        x, y, w, h = map(int, match.groups())
        need(w > 0 and h > 0 and x + w <= canvas["width"] and y + h <= canvas["height"],
             f"{at}: region {x},{y},{w},{h} is not inside the {canvas['width']}x{canvas['height']} canvas")
