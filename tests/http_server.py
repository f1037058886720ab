"""A real HTTP server on 127.0.0.1 (or ``::1``; a thread of the test process), for the tests that fetch over the network.

Each test module describes its endpoints with one function ``route(path, server) -> Reply``;
the server counts requests per path and keeps each request's ``Host`` header, and ``server.stop``
is set at shutdown so that slow replies (``delay``, ``chunks``) end at once.

Imports refuse loopback addresses unless allowed, so clients of this server pass
``allow_hosts=ALLOW_LOCAL`` (``--allow-host 127.0.0.1``).
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

#: What a client of this server allows (imports refuse loopback addresses by default).
ALLOW_LOCAL = ("127.0.0.1",)


@dataclass
class Reply:
    code: int = 200
    body: bytes = b""
    kind: str = "application/octet-stream"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (cut short at shutdown)
    chunks: Iterable[bytes] | None = None  # sent one by one after the headers, instead of ``body``
    chunk_interval: float = 0.0


@dataclass
class LocalServer:
    base: str
    hits: Counter = field(default_factory=Counter)
    host_headers: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)


Route = Callable[[str, LocalServer], Reply]


def server_fixture(route: Route):
    """A pytest fixture serving ``route`` for one test; clients bypass any proxy for 127.0.0.1."""

    @pytest.fixture
    def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
        monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
        with serve(route) as state:
            yield state

    return server


@contextmanager
def serve(route: Route, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> Iterator[LocalServer]:
    """Serve ``route`` on a free port of ``host`` (127.0.0.1 or ::1) until the block ends; over
    https with ``tls`` (a server-side context holding the certificate)."""
    state: LocalServer

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            state.hits[self.path] += 1
            state.host_headers.append(self.headers.get("Host", ""))
            reply = route(self.path, state)
            if reply.delay and state.stop.wait(reply.delay):
                return
            self.send_response(reply.code)
            self.send_header("Content-Type", reply.kind)
            if reply.chunks is None:
                self.send_header("Content-Length", str(len(reply.body)))
            for key, value in reply.headers.items():
                self.send_header(key, value)
            self.end_headers()
            if reply.chunks is None:
                self.wfile.write(reply.body)
                return
            for chunk in reply.chunks:
                self.wfile.write(chunk)
                self.wfile.flush()
                if state.stop.wait(reply.chunk_interval):
                    break

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    server_class = type("Server", (ThreadingHTTPServer,), {"address_family": family})
    httpd = server_class((host, 0), Handler)
    httpd.daemon_threads = True
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    httpd.handle_error = lambda request, address: None  # type: ignore[method-assign] # a client that gave up
    scheme = "https" if tls is not None else "http"
    state = LocalServer(base=f"{scheme}://{f'[{host}]' if family == socket.AF_INET6 else host}:{httpd.server_address[1]}")
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
