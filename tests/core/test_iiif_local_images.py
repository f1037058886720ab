"""A IIIF manifest read from a file may paint local images (what ``export --format iiif`` writes):
relative ids resolve against its folder, files outside it need ``allow_absolute``, and a manifest
from the web never reads local files. The import records what an export needs to point back."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
from PIL import Image

from heritage_explorer.core.iiif import list_manifest
from tests.http_server import ALLOW_LOCAL, Reply, server_fixture
from tests.http_server import LocalServer as Server


def _jpeg(path: Path, value: int) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.full((30, 40, 3), value, np.uint8)).save(buffer, "JPEG")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def _manifest(bodies: list[str]) -> dict:
    def canvas(n: int, body: str) -> dict:
        return {"id": f"https://example.org/canvas/{n}", "type": "Canvas", "label": {"none": [f"c{n}"]},
                "width": 40, "height": 30,
                "items": [{"id": f"https://example.org/page/{n}", "type": "AnnotationPage", "items": [{
                    "id": f"https://example.org/anno/{n}", "type": "Annotation", "motivation": "painting",
                    "body": {"id": body, "type": "Image", "format": "image/jpeg"},
                    "target": f"https://example.org/canvas/{n}"}]}]}

    return {"@context": "http://iiif.io/api/presentation/3/context.json", "id": "https://example.org/m.json",
            "type": "Manifest", "label": {"en": ["local"]}, "items": [canvas(n, b) for n, b in enumerate(bodies)]}


def test_a_manifest_file_paints_local_images(tmp_path: Path) -> None:
    inside = _jpeg(tmp_path / "m" / "img" / "a b.jpg", 10)
    outside = _jpeg(tmp_path / "elsewhere" / "c.jpg", 200)
    manifest = tmp_path / "m" / "manifest.json"
    manifest.write_text(json.dumps(_manifest(["img/a%20b.jpg", (tmp_path / "elsewhere" / "c.jpg").as_uri()])))
    listing = list_manifest(manifest, tmp_path / "cache")
    assert [image.metadata["label"] for image in listing.images] == ["c0"]
    assert listing.images[0].path == str(tmp_path / "m" / "img" / "a b.jpg")  # catalogued where it is
    assert (listing.root / listing.images[0].path).read_bytes() == inside
    assert listing.images[0].metadata["iiif_image"] == (tmp_path / "m" / "img" / "a b.jpg").as_uri()
    assert listing.images[0].metadata["iiif_canvas"] == "https://example.org/canvas/0"
    [(canvas, reason)] = listing.problems
    assert canvas == "https://example.org/canvas/1"
    assert "outside the manifest's folder" in reason and "--allow-absolute" in reason

    allowed = list_manifest(manifest, tmp_path / "cache", allow_absolute=True)
    assert [(allowed.root / image.path).read_bytes() for image in allowed.images] == [inside, outside]
    assert allowed.problems == []


def _route(path: str, server: Server) -> Reply:
    if path == "/m.json":
        return Reply(body=json.dumps(_manifest(["file:///etc/hostname", "img/a.jpg"])).encode(),
                     kind="application/json")
    return Reply(404, b"not found", "text/plain")


server = server_fixture(_route)


def test_a_manifest_from_the_web_never_reads_local_files(server: Server, tmp_path: Path) -> None:
    listing = list_manifest(f"{server.base}/m.json", tmp_path / "cache", allow_hosts=ALLOW_LOCAL, allow_absolute=True)
    assert listing.images == []
    reasons = [reason for _, reason in listing.problems]
    assert len(reasons) == 2 and "a manifest from the web cannot point at a local file (file:///etc/hostname)" in reasons[0]
    assert "the image id 'img/a.jpg' is relative" in reasons[1]


def test_an_import_records_the_source_canvas_service_and_size(tmp_path: Path) -> None:
    from heritage_explorer.core.iiif_manifest import parse_manifest, source_metadata

    doc = _manifest(["https://example.org/iiif/a/full/max/0/default.jpg"])
    doc["items"][0]["width"], doc["items"][0]["height"] = 4000, 3000
    doc["items"][0]["items"][0]["items"][0]["body"]["service"] = [
        {"@id": "https://example.org/iiif/a", "@type": "ImageService2", "profile": "http://iiif.io/api/image/2/level1.json"}]
    [canvas] = parse_manifest(doc, "m.json").canvases
    assert source_metadata(canvas) == {
        "iiif_service": "https://example.org/iiif/a", "iiif_service_api": "2", "iiif_service_level": "1",
        "iiif_body": "https://example.org/iiif/a/full/max/0/default.jpg", "iiif_format": "image/jpeg",
        "iiif_canvas_width": "4000", "iiif_canvas_height": "3000"}
