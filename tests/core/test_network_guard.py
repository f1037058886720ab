"""Untrusted manifests (issue #21 part 5): which addresses an import connects to, against real servers
on 127.0.0.1 and ::1 (threads of this process). Nothing here connects outside the machine: the
link-local and private addresses are refused before any connection is tried."""

from __future__ import annotations

import io
import ipaddress
import json
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from heritage_explorer.core import http_fetch
from heritage_explorer.core.errors import HeritageError, SourceFormatError
from heritage_explorer.core.http_fetch import FetchError, fetch
from heritage_explorer.core.iiif import list_manifest
from heritage_explorer.core.network_guard import NetworkGuard, RefusedAddressError, address_refusal
from tests.http_server import ALLOW_LOCAL, LocalServer, Reply, serve, server_fixture

METADATA_URL = "http://169.254.169.254/latest/meta-data/iam/security-credentials/"


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.full((24, 32, 3), 90, np.uint8)).save(buffer, "JPEG")
    return buffer.getvalue()


def _manifest(image_urls: list[str]) -> dict:
    def canvas(n: int, url: str) -> dict:
        return {"@id": f"https://example.org/canvas/{n}", "@type": "sc:Canvas", "label": f"c{n}",
                "images": [{"@type": "oa:Annotation", "motivation": "sc:painting",
                            "resource": {"@id": url, "@type": "dctypes:Image"}}]}

    return {"@context": "http://iiif.io/api/presentation/2/context.json", "@id": "https://example.org/m",
            "@type": "sc:Manifest", "label": "Untrusted",
            "sequences": [{"canvases": [canvas(n, url) for n, url in enumerate(image_urls)]}]}


def _route(path: str, server: LocalServer) -> Reply:
    if path == "/image.jpg":
        return Reply(body=_jpeg(), kind="image/jpeg")
    if path == "/to-metadata":
        return Reply(302, kind="text/plain", headers={"Location": METADATA_URL})
    if path.startswith("/to/"):  # /to/<url>: a redirect there
        return Reply(302, kind="text/plain", headers={"Location": path[len("/to/"):]})
    return Reply(404, b"not found", "text/plain")


server = server_fixture(_route)


@pytest.fixture
def server6(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    """The same routes on the IPv6 loopback address."""
    if not socket.has_ipv6:
        pytest.skip("this Python has no IPv6 support")
    try:
        with serve(_route, host="::1") as state:
            yield state
    except OSError as exc:
        pytest.skip(f"cannot listen on ::1 (no IPv6 loopback here): {exc}")


@pytest.mark.parametrize(("address", "reason"), [
    ("127.0.0.1", "a loopback address"), ("127.8.9.10", "a loopback address"),
    ("169.254.169.254", "a link-local address"), ("10.1.2.3", "a private address"),
    ("172.16.0.1", "a private address"), ("192.168.1.1", "a private address"),
    ("224.0.0.251", "a multicast address"), ("239.255.255.250", "a multicast address"),
    ("0.0.0.0", "an unspecified address"), ("240.0.0.1", "a reserved address"),
    ("100.64.0.1", "not a public address"),  # carrier-grade NAT: neither private nor global
    ("::1", "a loopback address"), ("fe80::1", "a link-local address"), ("fd12:3456::1", "a private address"),
    ("ff02::1", "a multicast address"), ("::", "an unspecified address"),
    ("::ffff:127.0.0.1", "a loopback address"), ("::ffff:169.254.169.254", "a link-local address"),
    ("::ffff:10.0.0.1", "a private address"), ("64:ff9b::a9fe:a9fe", "a link-local address"),  # NAT64
    ("2002:7f00:1::", "a loopback address"),  # 6to4 of 127.0.0.1
    ("8.8.8.8", None), ("2606:4700:4700::1111", None), ("::ffff:8.8.8.8", None), ("64:ff9b::808:808", None),
])
def test_address_refusal(address: str, reason: str | None) -> None:
    assert address_refusal(address) == reason


def test_allowed_hosts_are_names_addresses_or_networks() -> None:
    guard = NetworkGuard.allowing(["IIIF.Example.org.", "[::1]", "10.1.0.0/16", "127.0.0.1", "Bücher.example"])
    assert guard.names == {"iiif.example.org", "xn--bcher-kva.example"}
    assert [str(n) for n in guard.networks] == ["::1/128", "10.1.0.0/16", "127.0.0.1/32"]
    assert guard.allows_address(ipaddress.ip_address("10.1.200.3"))
    assert guard.allows_address(ipaddress.ip_address("::ffff:127.0.0.1"))
    assert not guard.allows_address(ipaddress.ip_address("10.2.0.1"))
    for bad in ("two words", "http://example.org/", "exa$mple.org", ""):
        with pytest.raises(ValueError, match="not a host name, an IP address or a network"):
            NetworkGuard.allowing([bad])


def test_loopback_is_refused_by_default_and_allowed_explicitly(server: LocalServer) -> None:
    with pytest.raises(FetchError) as refused:
        fetch(f"{server.base}/image.jpg")
    assert str(refused.value) == ("refused: 127.0.0.1 is a loopback address; allow it with --allow-host 127.0.0.1 "
                                  "(or in the app's Settings, Allowed hosts)")
    assert not server.hits  # refused before connecting
    assert fetch(f"{server.base}/image.jpg", allow_hosts=ALLOW_LOCAL) == _jpeg()
    assert fetch(f"{server.base}/image.jpg", allow_hosts=["127.0.0.0/8"]) == _jpeg()
    with pytest.raises(FetchError, match="loopback"):  # allowing another host does not allow this one
        fetch(f"{server.base}/image.jpg", allow_hosts=["10.0.0.0/8", "iiif.example.org"])
    with pytest.raises(FetchError, match="loopback"):  # nor over https (refused before the TLS handshake)
        fetch(f"{server.base.replace('http:', 'https:')}/image.jpg")


def test_a_redirect_from_an_allowed_host_to_a_refused_address_is_refused(
    server: LocalServer, server6: LocalServer
) -> None:
    with pytest.raises(FetchError) as refused:
        fetch(f"{server.base}/to-metadata", allow_hosts=ALLOW_LOCAL)
    assert str(refused.value).startswith(f"redirected to {METADATA_URL}: refused: 169.254.169.254 is a "
                                         "link-local address; allow it with --allow-host 169.254.169.254")
    assert server.hits["/to-metadata"] == 1
    with pytest.raises(FetchError, match=r"redirected to http://\[::1\]:\d+/image.jpg: refused: ::1 is a loopback"):
        fetch(f"{server.base}/to/{server6.base}/image.jpg", allow_hosts=ALLOW_LOCAL)
    assert not server6.hits
    assert fetch(f"{server.base}/to/{server6.base}/image.jpg", allow_hosts=["127.0.0.1", "::1"]) == _jpeg()
    assert server6.hits["/image.jpg"] == 1


def test_ipv6_loopback(server6: LocalServer) -> None:
    with pytest.raises(FetchError, match=r"^refused: ::1 is a loopback address; allow it with --allow-host ::1 "):
        fetch(f"{server6.base}/image.jpg")
    assert not server6.hits
    with pytest.raises(FetchError, match="::1 is a loopback"):  # allowing 127.0.0.1 is not allowing ::1
        fetch(f"{server6.base}/image.jpg", allow_hosts=ALLOW_LOCAL)
    assert fetch(f"{server6.base}/image.jpg", allow_hosts=["::1"]) == _jpeg()
    assert fetch(f"{server6.base}/image.jpg", allow_hosts=["[::1]"]) == _jpeg()


def test_a_host_name_resolving_to_a_loopback_address(server: LocalServer) -> None:
    url = server.base.replace("127.0.0.1", "localhost") + "/image.jpg"
    with pytest.raises(FetchError, match=r"^refused: (127\.0\.0\.1|::1) \(the address of localhost\) is a loopback "
                                         r"address; allow it with --allow-host localhost "):
        fetch(url)
    assert not server.hits
    assert fetch(url, allow_hosts=["localhost"]) == _jpeg()
    assert server.host_headers[-1] == f"localhost:{server.base.rsplit(':', 1)[1]}"  # the name, not the address


def test_the_connection_goes_to_the_address_that_was_checked(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a name that answers an allowed address once, then the metadata service. The name
    is resolved once per connection and that answer is the one connected to."""
    real = socket.getaddrinfo
    answers: list[str] = []

    def rebinding(host: str, port: object, *args: object, **kwargs: object) -> list:
        if host != "rebind.test":
            return real(host, port, *args, **kwargs)
        answers.append("127.0.0.1" if not answers else "169.254.169.254")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[-1], port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    port = server.base.rsplit(":", 1)[1]
    assert fetch(f"http://rebind.test:{port}/image.jpg", allow_hosts=ALLOW_LOCAL, timeout_s=2) == _jpeg()
    assert answers == ["127.0.0.1"] and server.host_headers == [f"rebind.test:{port}"]
    with pytest.raises(FetchError, match=r"169\.254\.169\.254 \(the address of rebind.test\) is a link-local"):
        fetch(f"http://rebind.test:{port}/image.jpg", allow_hosts=ALLOW_LOCAL, timeout_s=2)  # the next lookup


def test_refused_images_are_problems_of_their_canvas(server: LocalServer, tmp_path: Path) -> None:
    """A manifest (a local file: its image URLs are as untrusted as a downloaded one's) whose canvases
    point at the metadata service, a private address, IPv6 loopback and, through a redirect, the
    metadata service again: those canvases are recorded as problems, the good one is imported."""
    good = f"{server.base}/image.jpg"
    urls = [METADATA_URL, "http://10.0.0.1/iiif/x.jpg", "http://[::1]:9/x.jpg", f"{server.base}/to-metadata", good]
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps(_manifest(urls)))
    listing = list_manifest(manifest, tmp_path / "cache", timeout_s=2, allow_hosts=ALLOW_LOCAL)
    assert [image.metadata["iiif_image"] for image in listing.images] == [good]
    problems = [reason for _canvas, reason in listing.problems]
    assert len(problems) == 4
    assert f"{METADATA_URL}: refused: 169.254.169.254 is a link-local address" in problems[0]
    assert "http://10.0.0.1/iiif/x.jpg: refused: 10.0.0.1 is a private address" in problems[1]
    assert "refused: ::1 is a loopback address" in problems[2]
    assert f"redirected to {METADATA_URL}: refused: 169.254.169.254 is a link-local" in problems[3]
    assert set(server.hits) == {"/image.jpg", "/to-metadata"}


def test_a_refused_manifest_url_is_a_source_error(server: LocalServer, tmp_path: Path) -> None:
    with pytest.raises(SourceFormatError) as refused:
        list_manifest(f"{server.base}/manifest.json", tmp_path)
    assert str(refused.value).startswith(f"{server.base}/manifest.json: cannot download the manifest: refused: "
                                         "127.0.0.1 is a loopback address; allow it with --allow-host 127.0.0.1")
    assert not server.hits
    with pytest.raises(HeritageError, match="allowed hosts: 'not a host' is not a host name"):
        list_manifest(f"{server.base}/manifest.json", tmp_path, allow_hosts=["not a host"])


def test_refusal_names_host_and_address() -> None:
    error = RefusedAddressError("iiif.internal", "10.0.0.7", "a private address")
    assert str(error).startswith("refused: 10.0.0.7 (the address of iiif.internal) is a private address; "
                                 "allow it with --allow-host iiif.internal")


@pytest.fixture
def tls_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    """The routes over https on 127.0.0.1, with a self-signed certificate for the name ``localhost``
    only, which the client trusts (``SSL_CERT_FILE``)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make the test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    http_fetch._opener.cache_clear()  # openers made before hold contexts without this certificate
    with serve(_route, tls=context) as state:
        yield state
    http_fetch._opener.cache_clear()


def test_https_goes_to_the_vetted_address_and_checks_the_certificate_against_the_name(
    tls_server: LocalServer,
) -> None:
    port = tls_server.base.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match=r"\(the address of localhost\) is a loopback address"):
        fetch(f"https://localhost:{port}/image.jpg")
    assert not tls_server.hits  # refused before the handshake
    assert fetch(f"https://localhost:{port}/image.jpg", allow_hosts=["localhost"]) == _jpeg()
    assert tls_server.host_headers == [f"localhost:{port}"]
    with pytest.raises(FetchError, match="CERTIFICATE_VERIFY_FAILED"):  # the name asked is 127.0.0.1: not the cert's
        fetch(f"https://127.0.0.1:{port}/image.jpg", allow_hosts=ALLOW_LOCAL)
    assert tls_server.hits["/image.jpg"] == 1
