"""Issue #9 §4: untrusted files. A checkpoint that would run code is refused before any of it
runs; a IIIF manifest URL is fetched over http(s) only, and a redirect to another scheme is
refused; loopback, private and link-local addresses are refused unless ``--allow-host`` allows
them (issue #21 §5; the address checks themselves: ``tests/core/test_network_guard.py``). (CSV paths leaving the collection: ``test_bad_inputs.py``; fetch limits — timeouts,
byte and count caps — with tight values: ``tests/core/test_iiif.py``.)"""

from __future__ import annotations

import io
import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.http_server import LocalServer as _Server
from tests.http_server import Reply, server_fixture
from tests.reliability.helpers import SAMPLE_CSV, cli, run_cli


class _Exploit:
    """Unpickling this runs ``code``: the classic malicious checkpoint."""

    def __init__(self, code: str) -> None:
        self.code = code

    def __reduce__(self) -> tuple:
        return (exec, (self.code,))


@pytest.fixture
def imported_sample(tmp_path: Path) -> Path:
    project = tmp_path / "P"
    assert cli("import", "--project", project, SAMPLE_CSV).code == 0
    return project


def test_checkpoint_that_would_run_code_is_refused_by_extract(imported_sample: Path, tmp_path: Path) -> None:
    """The real command, in its own process, finding the file through the environment. (A legacy .pth
    is a bare pickle; the zip format written by torch.save: ``tests/descriptors/test_weights.py``.)"""
    weights = tmp_path / "weights"
    weights.mkdir()
    marker = tmp_path / "pwned"
    checkpoint = weights / "resnet50.pth"
    payload = {"state_dict": {"conv1.weight": np.zeros((2, 2), np.float32)},
               "meta": _Exploit(f"open({str(marker)!r}, 'w').write('pwned')")}
    checkpoint.write_bytes(pickle.dumps(payload, protocol=2))
    result = run_cli("extract", "--project", imported_sample, "--method", "resnet50-gem",
                     HERITAGE_EXPLORER_WEIGHTS_DIR=str(weights))
    assert result.code == 2
    assert f"heritage-explorer: error: {checkpoint}: refused: loading it would need to execute code" in result.err
    assert "Traceback" not in result.err
    assert not marker.exists()  # the crafted code did not run
    assert pickle.loads(checkpoint.read_bytes()) is not None and marker.exists()  # ...though it would have


def _jpeg(value: int) -> bytes:
    buffer = io.BytesIO()
    rgb = np.zeros((48, 64, 3), np.uint8)
    rgb[:, :32] = value
    rgb[:, 32:] = (value * 7) % 256
    Image.fromarray(rgb).save(buffer, "JPEG")
    return buffer.getvalue()


def _manifest(base: str) -> dict:
    def canvas(name: str) -> dict:
        return {
            "@id": f"{base}/canvas/{name}", "@type": "sc:Canvas", "label": name, "width": 640, "height": 480,
            "images": [{"@type": "oa:Annotation", "motivation": "sc:painting", "resource": {
                "@id": f"{base}/{name}/full/full/0/default.jpg", "@type": "dctypes:Image",
                "service": {"@context": "http://iiif.io/api/image/2/context.json", "@id": f"{base}/{name}",
                            "profile": "http://iiif.io/api/image/2/level2.json"}}}],
        }

    return {"@context": "http://iiif.io/api/presentation/2/context.json", "@id": f"{base}/manifest.json",
            "@type": "sc:Manifest", "label": "Postcards",
            "sequences": [{"canvases": [canvas("a"), canvas("b"), canvas("to-file"), canvas("gone")]}]}


def _route(path: str, server: _Server) -> Reply:
    """A IIIF server: two images, a redirect to file://, a 404."""
    if path == "/manifest.json":
        return Reply(body=json.dumps(_manifest(server.base)).encode(), kind="application/json")
    if path.startswith(("/a/", "/b/")):
        return Reply(body=_jpeg(60 if path.startswith("/a/") else 200), kind="image/jpeg")
    if path.startswith("/to-file/") or path == "/moved/manifest.json":
        return Reply(302, kind="text/plain", headers={"Location": "file:///etc/passwd"})
    if path.startswith("/to-metadata/"):
        return Reply(302, kind="text/plain", headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    return Reply(404, b"not found", "text/plain")


server = server_fixture(_route)


def test_import_of_a_manifest_url_through_the_cli(server: _Server, tmp_path: Path) -> None:
    project = tmp_path / "P"
    imported = cli("import", "--project", project, f"{server.base}/manifest.json", "--allow-host", "127.0.0.1", "--json")
    assert imported.code == 0, imported.err
    summary = imported.json()
    assert summary["listed"] == 2 and summary["ok"] == 2
    problems = {e["path"]: e["error"] for e in summary["errors"]}
    assert set(problems) == {f"{server.base}/canvas/to-file", f"{server.base}/canvas/gone"}
    assert "refused a redirect to a file address" in problems[f"{server.base}/canvas/to-file"]
    assert "HTTP 404" in problems[f"{server.base}/canvas/gone"]
    assert all(url in imported.err for url in problems)
    cached = sorted(p.name for p in (project / "cache" / "iiif").iterdir())
    assert len(cached) == 2 and not any(name.startswith(".") for name in cached)  # no temp file left
    extracted = cli("extract", "--project", project, "--method", "colorhist", "--json")
    assert extracted.code == 0 and extracted.json()["computed"] == {"colorhist": 2}

    image_hits = sum(n for path, n in server.hits.items() if path.startswith(("/a/", "/b/")))
    again = cli("import", "--project", project, f"{server.base}/manifest.json", "--allow-host", "127.0.0.1", "--json")
    assert again.code == 0 and again.json()["new_or_changed"] == 0
    assert sum(n for path, n in server.hits.items() if path.startswith(("/a/", "/b/"))) == image_hits  # cached


@pytest.mark.parametrize(("url", "message"), [
    ("{base}/moved/manifest.json", "refused a redirect to a file address"),
    ("{base}/nothing.json", "HTTP 404"),
    ("file:///etc/passwd", "unsupported address scheme 'file'"),
    ("ftp://127.0.0.1/manifest.json", "unsupported address scheme 'ftp'"),
])
def test_manifest_urls_that_are_refused(server: _Server, tmp_path: Path, url: str, message: str) -> None:
    result = cli("import", "--project", tmp_path / "P", url.format(base=server.base), "--allow-host", "127.0.0.1")
    assert result.code == 2 and message in result.err and "Traceback" not in result.err
    assert not (tmp_path / "P").exists()


def test_import_refuses_the_local_server_unless_allowed(server: _Server, tmp_path: Path) -> None:
    """By default the manifest URL on 127.0.0.1 is refused before anything is fetched or recorded."""
    result = cli("import", "--project", tmp_path / "P", f"{server.base}/manifest.json")
    assert result.code == 2 and "Traceback" not in result.err
    assert (f"{server.base}/manifest.json: cannot download the manifest: refused: 127.0.0.1 is a loopback "
            "address; allow it with --allow-host 127.0.0.1") in result.err
    assert not server.hits and not (tmp_path / "P").exists()
    bad = run_cli("import", "--project", tmp_path / "P", f"{server.base}/manifest.json", "--allow-host", "a b")
    assert bad.code == 2 and "argument --allow-host: 'a b' is not a host name, an IP address or a network" in bad.err
    assert not server.hits and not (tmp_path / "P").exists()


def test_an_image_redirected_to_the_metadata_service_is_a_problem_of_its_canvas(
    server: _Server, tmp_path: Path
) -> None:
    """An allowed host's image that redirects to 169.254.169.254: that canvas is refused, the others imported."""
    manifest = _manifest(server.base)
    canvases = manifest["sequences"][0]["canvases"]
    canvases[2] = json.loads(json.dumps(canvases[2]).replace("/to-file", "/to-metadata"))
    listing = tmp_path / "manifest.json"
    listing.write_text(json.dumps(manifest))
    imported = cli("import", "--project", tmp_path / "P", listing, "--allow-host", "127.0.0.1",
                   "--allow-host", "iiif.example.org", "--json")
    assert imported.code == 0, imported.err
    summary = imported.json()
    assert summary["ok"] == 2
    problems = {e["path"]: e["error"] for e in summary["errors"]}
    assert ("redirected to http://169.254.169.254/latest/meta-data/: refused: 169.254.169.254 is a link-local "
            "address; allow it with --allow-host 169.254.169.254") in problems[f"{server.base}/canvas/to-metadata"]
