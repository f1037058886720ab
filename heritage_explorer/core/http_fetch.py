"""Guarded HTTP downloads for the IIIF import: http and https only (a redirect to any other scheme
is refused), public addresses only unless the user allows a host (checked at each connection,
every redirect included: :mod:`heritage_explorer.core.network_guard`), no proxy from the
environment (a proxy would resolve the name again, after our check), a timeout per socket
operation, a deadline per download and a byte cap. Standard library only (urllib).
"""

from __future__ import annotations

import functools
import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from email.message import Message
from typing import IO, Any

from heritage_explorer import __version__
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.network_guard import NetworkGuard, RefusedAddressError

DEFAULT_TIMEOUT_S = 20.0
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
USER_AGENT = f"HeritageExplorer/{__version__} (IIIF import)"
_SCHEMES = ("http", "https")


class FetchError(HeritageError):
    """One download that failed (refused, timed out, too large, not an image)."""


def fetch(
    url: str,
    *,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    max_bytes: int = DEFAULT_MAX_BYTES,
    deadline_s: float | None = None,
    guard: NetworkGuard | None = None,
    allow_hosts: Iterable[str] = (),
) -> bytes:
    """GET ``url`` (http/https only) with a socket timeout, an overall deadline and a byte cap,
    connecting only to public addresses or those ``guard`` (else ``allow_hosts``) allows."""
    if not is_url(url):
        raise FetchError(f"only http and https addresses are fetched, not {url!r}")
    deadline = time.monotonic() + (deadline_s if deadline_s is not None else max(60.0, 4 * timeout_s))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with _opener(guard if guard is not None else guard_for(allow_hosts)).open(request, timeout=timeout_s) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"too large ({int(length) / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB)")
            chunks, total = [], 0
            while chunk := response.read1(1 << 16):  # returns what arrived: the deadline is checked
                total += len(chunk)
                if total > max_bytes:
                    raise FetchError(f"too large (more than {max_bytes / 1e6:.1f} MB)")
                if time.monotonic() > deadline:
                    raise FetchError("download took too long")
                chunks.append(chunk)
            return b"".join(chunks)
    except RefusedAddressError as exc:
        raise FetchError(str(exc)) from exc
    except urllib.error.HTTPError as exc:
        exc.close()
        raise FetchError(f"HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise FetchError(f"timed out after {timeout_s:g} s") from exc
        raise FetchError(f"cannot connect: {exc.reason}") from exc
    except TimeoutError as exc:
        raise FetchError(f"timed out after {timeout_s:g} s") from exc
    except OSError as exc:  # connection reset, http.client errors surface as OSError subclasses
        raise FetchError(f"connection failed: {exc}") from exc


def is_url(text: str) -> bool:
    return urllib.parse.urlsplit(text).scheme.lower() in _SCHEMES and "://" in text


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http/https only; anything else (file://, ftp://) is refused."""

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Message
    ) -> Any:
        target = urllib.parse.urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
        scheme = urllib.parse.urlsplit(target).scheme.lower()
        if scheme not in _SCHEMES:
            fp.close()
            raise FetchError(f"refused a redirect to a {scheme or 'non-http'} address ({target})")
        try:
            return super().http_error_302(req, fp, code, msg, headers)
        except RefusedAddressError as exc:
            raise FetchError(f"redirected to {target}: {exc}") from exc

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class _GuardedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection whose socket goes only to an address its guard vetted."""

    def __init__(self, *args: Any, guard: NetworkGuard, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = guard.connector()


class _GuardedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS likewise; TLS still checks the certificate against the host name (SNI)."""

    def __init__(self, *args: Any, guard: NetworkGuard, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = guard.connector()


class _GuardedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, guard: NetworkGuard) -> None:
        super().__init__()
        self.guard = guard

    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(functools.partial(_GuardedHTTPConnection, guard=self.guard), req)


class _GuardedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, guard: NetworkGuard) -> None:
        super().__init__()
        self.guard = guard

    def https_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(functools.partial(_GuardedHTTPSConnection, guard=self.guard), req,
                            context=self._context)


def guard_for(allow_hosts: Iterable[str]) -> NetworkGuard:
    """The guard of one import: public addresses, and the hosts in ``allow_hosts``."""
    try:
        return NetworkGuard.allowing(allow_hosts)
    except ValueError as exc:
        raise HeritageError(f"allowed hosts: {exc}") from exc


@functools.lru_cache(maxsize=8)
def _opener(guard: NetworkGuard) -> urllib.request.OpenerDirector:
    """Direct connections (no environment proxy), guarded, redirects to http(s) only."""
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}), _GuardedHTTPHandler(guard), _GuardedHTTPSHandler(guard), _HttpOnlyRedirects
    )
