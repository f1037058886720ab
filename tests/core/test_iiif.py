"""core.iiif against a real HTTP server on 127.0.0.1 (a thread of this process), allowed explicitly
(loopback addresses are refused by default: ``tests/core/test_network_guard.py``)."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from heritage_explorer.core.errors import CancelledError, SourceFormatError
from heritage_explorer.core.http_fetch import FetchError, fetch
from heritage_explorer.core.iiif import cache_name, image_urls, list_manifest
from heritage_explorer.core.iiif_manifest import Canvas, parse_manifest
from heritage_explorer.core.imageio import load_rgb
from heritage_explorer.core.jobs import CancelToken
from heritage_explorer.core.sources import list_source
from tests.http_server import ALLOW_LOCAL, Reply, server_fixture
from tests.http_server import LocalServer as Server

SLOW_S = 2.0
TIMEOUT_S = 0.4
MAX_BYTES = 200_000


def _jpeg(width: int, height: int, value: int) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.full((height, width, 3), value, dtype=np.uint8)).save(buffer, "JPEG")
    return buffer.getvalue()


def _manifest_v2(base: str) -> dict:
    def canvas(name: str, service: str, label: str) -> dict:
        return {
            "@id": f"{base}/canvas/{name}",
            "@type": "sc:Canvas",
            "label": label,
            "width": 800,
            "height": 600,
            "metadata": [{"label": "Shelfmark", "value": f"MS {name}"}],
            "images": [
                {
                    "@type": "oa:Annotation",
                    "motivation": "sc:painting",
                    "resource": {
                        "@id": f"{base}/{service}/full/full/0/default.jpg",
                        "@type": "dctypes:Image",
                        "width": 800,
                        "height": 600,
                        "service": {
                            "@context": "http://iiif.io/api/image/2/context.json",
                            "@id": f"{base}/{service}",
                            "profile": "http://iiif.io/api/image/2/level2.json",
                        },
                    },
                }
            ],
        }

    return {
        "@context": "http://iiif.io/api/presentation/2/context.json",
        "@id": f"{base}/v2/manifest.json",
        "@type": "sc:Manifest",
        "label": "Postcards (v2)",
        "metadata": [{"label": "Publisher", "value": "<b>Phototypie</b>"}],
        "sequences": [
            {
                "canvases": [
                    canvas("a", "iiif/a", "Front"),
                    canvas("b", "iiif/b", "Back"),
                    canvas("slow", "slow", "Slow"),
                    canvas("huge", "huge", "Huge"),
                    canvas("redirect", "redirect", "Moved"),
                    {"@id": f"{base}/canvas/empty", "label": "No image", "images": []},
                ]
            }
        ],
    }


def _manifest_v3(base: str) -> dict:
    def canvas(name: str, body: dict) -> dict:
        return {
            "id": f"{base}/canvas3/{name}",
            "type": "Canvas",
            "label": {"fr": [f"Gravure {name}"]},
            "width": 400,
            "height": 300,
            "items": [
                {
                    "id": f"{base}/page/{name}",
                    "type": "AnnotationPage",
                    "items": [
                        {
                            "id": f"{base}/anno/{name}",
                            "type": "Annotation",
                            "motivation": "painting",
                            "body": body,
                            "target": f"{base}/canvas3/{name}",
                        }
                    ],
                }
            ],
        }

    return {
        "@context": "http://iiif.io/api/presentation/3/context.json",
        "id": f"{base}/v3/manifest.json",
        "type": "Manifest",
        "label": {"en": ["Engravings (v3)"]},
        "metadata": [{"label": {"en": ["Date"]}, "value": {"none": ["1850"]}}],
        "items": [
            canvas(
                "c",
                {
                    "id": f"{base}/iiif3/c/full/max/0/default.jpg",
                    "type": "Image",
                    "width": 4000,
                    "height": 3000,
                    "service": [{"id": f"{base}/iiif3/c", "type": "ImageService3", "profile": "level2"}],
                },
            ),
            canvas(
                "level0",
                {
                    "id": f"{base}/plain/d.jpg",
                    "type": "Image",
                    "width": 4000,
                    "height": 3000,
                    "service": [{"@id": f"{base}/iiif3/d", "@type": "ImageService2", "profile": "level0"}],
                },
            ),
            canvas(
                "broken",
                {
                    "id": f"{base}/plain/e.jpg",
                    "type": "Image",
                    "service": [{"id": f"{base}/missing/e", "type": "ImageService3", "profile": "level1"}],
                },
            ),
        ],
    }


def _route(path: str, server: Server) -> Reply:
    """Manifests, images and misbehaving endpoints."""
    if path == "/v2/manifest.json":
        return Reply(body=json.dumps(_manifest_v2(server.base)).encode(), kind="application/json")
    if path == "/v3/manifest.json":
        return Reply(body=json.dumps(_manifest_v3(server.base)).encode(), kind="application/ld+json")
    if path == "/bad.json":
        return Reply(body=b'{"@context": "http://iiif.io/api/presentation/2/context.json",\n "label": }',
                     kind="application/json")
    if path.startswith(("/iiif/", "/iiif3/")) and "/full/!" in path:
        return Reply(body=_jpeg(64, 48, 200), kind="image/jpeg")
    if path == "/plain/d.jpg":
        return Reply(body=_jpeg(80, 60, 100), kind="image/jpeg")
    if path.startswith("/slow/"):
        return Reply(body=_jpeg(8, 8, 0), kind="image/jpeg", delay=SLOW_S)
    if path == "/trickle":  # one byte at a time, each well within the socket timeout
        return Reply(chunks=[b"x"] * 40, chunk_interval=0.05, headers={"Content-Length": "1000"})
    if path.startswith("/huge/"):
        return Reply(body=bytes(MAX_BYTES * 3), kind="image/jpeg")
    if path.startswith("/redirect/"):
        return Reply(302, kind="text/plain", headers={"Location": "file:///etc/passwd"})
    if path == "/to-http":
        return Reply(302, kind="text/plain", headers={"Location": "/plain/d.jpg"})
    if path == "/html":
        return Reply(body=b"<html>not found</html>", kind="text/html")
    return Reply(404, b"not found", "text/plain")


server = server_fixture(_route)


def _list(server: Server, name: str, cache: Path, **kwargs: object):
    return list_manifest(
        f"{server.base}/{name}", cache, max_side=64, timeout_s=TIMEOUT_S, max_bytes=MAX_BYTES,
        allow_hosts=ALLOW_LOCAL, **kwargs,
    )


def test_v2_manifest_downloads_good_canvases_and_records_failures(server: Server, tmp_path: Path) -> None:
    started = time.monotonic()
    listing = _list(server, "v2/manifest.json", tmp_path)
    assert time.monotonic() - started < SLOW_S  # the slow canvas timed out, it was not waited for
    assert listing.kind == "iiif" and listing.root == tmp_path.resolve()
    assert [image.metadata["label"] for image in listing.images] == ["Front", "Back"]
    first = listing.images[0]
    assert first.metadata["iiif_image"] == f"{server.base}/iiif/a/full/!64,64/0/default.jpg"
    assert first.metadata["Shelfmark"] == "MS a" and first.metadata["Publisher"] == "Phototypie"
    assert first.metadata["manifest_label"] == "Postcards (v2)" and first.group is None
    assert load_rgb(tmp_path / first.path).shape == (48, 64, 3)
    problems = dict(listing.problems)
    assert "timed out" in problems[f"{server.base}/canvas/slow"]
    assert "too large" in problems[f"{server.base}/canvas/huge"]
    assert "refused a redirect to a file address" in problems[f"{server.base}/canvas/redirect"]
    assert "paints no image" in problems[f"{server.base}/canvas/empty"]
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes left no temporary file


def test_reimport_downloads_nothing_again(server: Server, tmp_path: Path) -> None:
    _list(server, "v3/manifest.json", tmp_path)
    image_hits = sum(n for path, n in server.hits.items() if not path.endswith("manifest.json"))
    again = _list(server, "v3/manifest.json", tmp_path)
    assert sum(n for path, n in server.hits.items() if not path.endswith("manifest.json")) == image_hits + 2
    assert len(again.images) == 2  # only the broken canvas was tried again (service, then image URL)


def test_v3_manifest_language_maps_level0_fallback_and_broken_canvas(server: Server, tmp_path: Path) -> None:
    listing = _list(server, "v3/manifest.json", tmp_path)
    labels = {image.metadata["label"]: image for image in listing.images}
    assert set(labels) == {"Gravure c", "Gravure level0"}
    assert labels["Gravure c"].metadata["iiif_image"].endswith("/iiif3/c/full/!64,64/0/default.jpg")
    assert (
        labels["Gravure level0"].metadata["iiif_image"] == f"{server.base}/plain/d.jpg"
    )  # level 0: no sizes
    assert labels["Gravure c"].metadata["Date"] == "1850"
    assert labels["Gravure c"].metadata["manifest_label"] == "Engravings (v3)"
    (broken,) = listing.problems
    assert broken[0] == f"{server.base}/canvas3/broken" and "HTTP 404" in broken[1]


def test_max_images_progress_and_cancel(server: Server, tmp_path: Path) -> None:
    reports = []
    listing = _list(server, "v3/manifest.json", tmp_path, max_images=1, progress=reports.append)
    assert len(listing.images) == 1 and "only the first 1" in listing.problems[0][1]
    assert [(p.done, p.total) for p in reports] == [(1, 1)]
    token = CancelToken()
    token.cancel()
    with pytest.raises(CancelledError):
        _list(server, "v3/manifest.json", tmp_path / "other", cancel=token)


def test_malformed_json_is_a_clear_error(server: Server, tmp_path: Path) -> None:
    with pytest.raises(SourceFormatError, match="not valid JSON") as raised:
        _list(server, "bad.json", tmp_path)
    assert raised.value.line == 2


def test_manifest_http_errors(server: Server, tmp_path: Path) -> None:
    with pytest.raises(SourceFormatError, match="HTTP 404"):
        _list(server, "nothing.json", tmp_path)
    with pytest.raises(SourceFormatError, match="refused a redirect"):
        _list(server, "redirect/manifest.json", tmp_path)


def test_fetch_limits(server: Server) -> None:
    assert Image.open(io.BytesIO(fetch(f"{server.base}/to-http", timeout_s=TIMEOUT_S,
                                       allow_hosts=ALLOW_LOCAL))).size == (80, 60)
    with pytest.raises(FetchError, match="only http and https"):
        fetch("file:///etc/passwd")
    with pytest.raises(FetchError, match="too large"):
        fetch(f"{server.base}/huge/x", max_bytes=MAX_BYTES, allow_hosts=ALLOW_LOCAL)
    with pytest.raises(FetchError, match="timed out"):
        fetch(f"{server.base}/slow/x", timeout_s=TIMEOUT_S, allow_hosts=ALLOW_LOCAL)
    started = time.monotonic()
    with pytest.raises(FetchError, match="took too long"):
        fetch(f"{server.base}/trickle", timeout_s=TIMEOUT_S, deadline_s=0.3, allow_hosts=ALLOW_LOCAL)
    assert time.monotonic() - started < 1.0


def test_list_source_dispatches_urls_and_json_files(server: Server, tmp_path: Path) -> None:
    assert list_source(f"{server.base}/v3/manifest.json", cache_dir=tmp_path, allow_hosts=ALLOW_LOCAL).kind == "iiif"
    manifest = tmp_path / "m.json"
    manifest.write_text(json.dumps(_manifest_v3(server.base)))
    listing = list_source(manifest, cache_dir=tmp_path / "cache", allow_hosts=ALLOW_LOCAL)
    assert listing.kind == "iiif" and listing.source == str(manifest.resolve()) and len(listing.images) == 2
    with pytest.raises(SourceFormatError, match="scheme"):
        list_source("ftp://example.org/manifest.json", cache_dir=tmp_path)


def test_parse_manifest_refuses_non_manifests() -> None:
    with pytest.raises(SourceFormatError, match="collection"):
        parse_manifest({"@type": "sc:Collection", "manifests": []}, "c.json")
    with pytest.raises(SourceFormatError, match="not a IIIF Presentation manifest"):
        parse_manifest({"hello": "world"}, "x.json")
    with pytest.raises(SourceFormatError, match="not an object"):
        parse_manifest([1, 2], "x.json")


def test_image_urls_respect_compliance_levels() -> None:
    def canvas(level: int | None, width: int | None, height: int | None, api: int = 3) -> Canvas:
        return Canvas(
            id="c",
            label="",
            service="https://s/i",
            level=level,
            api=api,
            body="https://s/i.jpg",
            width=width,
            height=height,
        )

    assert image_urls(canvas(2, 4000, 3000), 512)[0] == "https://s/i/full/!512,512/0/default.jpg"
    assert image_urls(canvas(None, None, None), 512)[0] == "https://s/i/full/!512,512/0/default.jpg"
    assert image_urls(canvas(1, 3000, 4000), 512)[0] == "https://s/i/full/,512/0/default.jpg"
    assert image_urls(canvas(1, None, None), 512) == ["https://s/i.jpg"]
    assert image_urls(canvas(0, 4000, 3000), 512) == ["https://s/i.jpg"]
    assert image_urls(canvas(2, 300, 200), 512)[0] == "https://s/i/full/max/0/default.jpg"
    assert image_urls(canvas(2, 300, 200, api=2), 512)[0] == "https://s/i/full/full/0/default.jpg"
    assert cache_name("https://s/i.png").endswith(".png") and cache_name("https://s/i/info").endswith(".jpg")
