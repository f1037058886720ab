"""Images that came from a IIIF server keep their canvas and Image service in an export, and the
export re-imports from the same server (a real HTTP server on 127.0.0.1, allowed explicitly:
imports refuse loopback addresses by default). Region results target a FragmentSelector."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from heritage_explorer.cli import main
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.export_set import ExportItem, ExportQuery, ExportSet
from heritage_explorer.pipeline.iiif_export import build_manifest
from tests.http_server import ALLOW_LOCAL, Reply, server_fixture
from tests.http_server import LocalServer as Server
from tests.iiif_structure import MEDIA_FRAGMENTS, manifest_problems

NAMES = ("north", "south", "portal")
CANVAS = (2000, 1500)  # the masters' size; the server sends 1024 x 768 renditions


def _rendition(name: str) -> bytes:
    rng = np.random.default_rng(NAMES.index(name))
    pixels = (rng.random((24, 32, 3)) * 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).resize((1024, 768), Image.Resampling.BILINEAR).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _source_manifest(base: str) -> dict:
    def canvas(name: str) -> dict:
        return {
            "id": f"{base}/canvas/{name}", "type": "Canvas", "label": {"fr": [f"Façade {name}"]},
            "width": CANVAS[0], "height": CANVAS[1],
            "items": [{"id": f"{base}/page/{name}", "type": "AnnotationPage", "items": [{
                "id": f"{base}/anno/{name}", "type": "Annotation", "motivation": "painting", "target": f"{base}/canvas/{name}",
                "body": {"id": f"{base}/iiif/{name}/full/max/0/default.jpg", "type": "Image", "format": "image/jpeg",
                         "width": CANVAS[0], "height": CANVAS[1],
                         "service": [{"id": f"{base}/iiif/{name}", "type": "ImageService3", "profile": "level2"}]},
            }]}],
        }

    return {"@context": "http://iiif.io/api/presentation/3/context.json", "id": f"{base}/manifest.json",
            "type": "Manifest", "label": {"en": ["Cathedral"]}, "items": [canvas(name) for name in NAMES]}


def _route(path: str, server: Server) -> Reply:
    if path == "/manifest.json":
        return Reply(body=json.dumps(_source_manifest(server.base)).encode(), kind="application/ld+json")
    for name in NAMES:
        if path == f"/iiif/{name}/full/!1024,1024/0/default.jpg":
            return Reply(body=_rendition(name), kind="image/jpeg")
    return Reply(404, b"not found", "text/plain")


server = server_fixture(_route)


@pytest.fixture
def imported(server: Server, tmp_path: Path) -> Path:
    project = tmp_path / "A"
    assert main(["import", "--project", str(project), f"{server.base}/manifest.json",
                 "--allow-host", ALLOW_LOCAL[0]]) == 0
    return project


def test_an_export_points_back_at_the_source_and_reimports(imported: Path, server: Server, tmp_path: Path) -> None:
    assert main(["extract", "--project", str(imported), "--method", "colorhist"]) == 0
    query = open_project(imported).catalog.images()[0]
    out = tmp_path / "export.json"
    assert main(["export", "--project", str(imported), "--query", f"#{query.id}", "--method", "colorhist", "-k", "3",
                 "--format", "iiif", "--out", str(out), "--base-url", "https://example.org/exports/cathedral.json"]) == 0
    manifest = json.loads(out.read_text())
    assert manifest_problems(manifest) == []
    assert manifest["id"] == "https://example.org/exports/cathedral.json"
    pairs = {p["label"]["en"][0]: p["value"]["none"][0] for p in manifest["metadata"]}
    assert pairs["Query canvas"] == f"{server.base}/canvas/north"
    canvases = {c["id"]: c for c in manifest["items"]}
    assert sorted(canvases) == sorted(f"{server.base}/canvas/{name}" for name in NAMES)
    north = canvases[f"{server.base}/canvas/north"]
    assert (north["width"], north["height"]) == CANVAS  # the canvas's size, not the 1024 px rendition's
    assert north["label"] == {"none": ["Façade north"]} and north["partOf"] == [
        {"id": f"{server.base}/manifest.json", "type": "Manifest"}]
    body = north["items"][0]["items"][0]["body"]
    assert body == {"id": f"{server.base}/iiif/north/full/max/0/default.jpg", "type": "Image", "format": "image/jpeg",
                    "service": [{"id": f"{server.base}/iiif/north", "type": "ImageService3", "profile": "level2"}]}
    assert all(c["annotations"][0]["id"].startswith("https://example.org/exports/cathedral/") for c in canvases.values())

    again = tmp_path / "B"
    assert main(["import", "--project", str(again), str(out), "--allow-host", ALLOW_LOCAL[0]]) == 0
    before = {row.metadata["iiif_canvas"]: row.sha256 for row in open_project(imported).catalog.images()}
    after = {row.metadata["iiif_canvas"]: row.sha256 for row in open_project(again).catalog.images(status="ok")}
    assert after == before  # the same canvases, the same images fetched from the same service


def test_a_region_result_targets_its_box_on_the_canvas(imported: Path) -> None:
    project = open_project(imported)
    row = project.catalog.images()[1]
    assert (row.width, row.height) == (1024, 768)
    export = ExportSet("Top 1", "A", [ExportItem(row, row.width, row.height, rank=1, score=57.0,
                                                 box=(512, 100, 256, 384))],
                       query=ExportQuery(image="detail.jpg", method="xfeat-1000", k=1))
    manifest = build_manifest(export, manifest_id="https://example.org/m.json")
    assert manifest_problems(manifest) == []
    [ranked] = [a for a in manifest["items"][0]["annotations"][0]["items"] if a["body"]["value"].startswith("rank 1")]
    assert ranked["motivation"] == "assessing"
    # 2000/1024 = 1.953 horizontally, 1500/768 = 1.953 vertically: the box in the canvas's coordinates.
    assert ranked["target"] == {
        "type": "SpecificResource", "source": {"id": row.metadata["iiif_canvas"], "type": "Canvas"},
        "selector": {"type": "FragmentSelector", "conformsTo": MEDIA_FRAGMENTS, "value": "xywh=1000,195,500,750"}}
