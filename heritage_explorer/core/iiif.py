"""IIIF Presentation manifests (v2 and v3) as collection sources.

A manifest lists canvases; each canvas paints one image, usually served by a IIIF Image API
service. We ask that service for a bounded rendition (``{service}/full/!N,N/0/default.jpg``)
rather than the full-resolution master, fall back to the image's own URL, and keep the bytes
in a cache directory named by a hash of the URL, so importing again downloads nothing.

Network access is deliberately narrow: http and https only (a redirect to any other scheme is
refused), public addresses only unless the user allows a host (checked at each connection, the
manifest's and every image's and redirect's: :mod:`heritage_explorer.core.network_guard`), no
proxy from the environment (a proxy would resolve the name again, after our check), a timeout
per socket operation and a deadline per download, a byte cap per image and a cap on the number
of canvases. A canvas that fails is recorded in ``problems`` and left out
of the listing (it is tried again at the next import); only an unreadable manifest is fatal.
Uses the standard library only (urllib), so no new dependency.
"""

from __future__ import annotations

import functools
import hashlib
import http.client
import io
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import IO, Any

from PIL import Image

from heritage_explorer import __version__
from heritage_explorer.core.atomic import atomic_write_bytes
from heritage_explorer.core.errors import HeritageError, SourceFormatError
from heritage_explorer.core.imageio import IMAGE_EXTENSIONS
from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter
from heritage_explorer.core.network_guard import NetworkGuard, RefusedAddressError
from heritage_explorer.core.records import SourceImage, SourceListing

DEFAULT_MAX_SIDE = 1024
DEFAULT_TIMEOUT_S = 20.0
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
DEFAULT_MAX_IMAGES = 5000
MANIFEST_MAX_BYTES = 64 * 1024 * 1024
USER_AGENT = f"HeritageExplorer/{__version__} (IIIF import)"
_SCHEMES = ("http", "https")


class FetchError(HeritageError):
    """One download that failed (refused, timed out, too large, not an image)."""


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


def list_manifest(
    source: str | Path,
    cache_dir: str | Path,
    *,
    max_side: int = DEFAULT_MAX_SIDE,
    max_images: int = DEFAULT_MAX_IMAGES,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_hosts: Iterable[str] = (),
    allow_absolute: bool = False,
    progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> SourceListing:
    """Read a manifest (file path or http(s) URL), download its images into ``cache_dir``.

    Only public addresses are connected to, except the hosts in ``allow_hosts`` (names,
    addresses or networks, see :class:`NetworkGuard`); a refused image is a problem of its
    canvas, a refused manifest URL a :class:`SourceFormatError`.

    A manifest read from a file may paint local images (what ``export --format iiif`` writes for
    images that did not come from a IIIF server): a relative body id is resolved against the
    manifest's folder, a ``file://`` one taken as it is; as for CSV listings, files outside the
    manifest's folder are refused unless ``allow_absolute``. A manifest from the web never reads
    local files. Local images stay where they are: their path in the listing is absolute.

    The listing's root is ``cache_dir``; each downloaded image's path is its cache file name; its
    metadata holds the manifest and canvas labels and metadata pairs, the canvas id, the image
    URL, and what an export needs to point back at the source (:data:`SOURCE_KEYS`: the Image
    service and its API version, the image resource's id and format, the canvas's size).
    Cancelling keeps what was downloaded (the next import resumes from the cache).
    """
    text = str(source)
    guard = _guard(allow_hosts)
    local_base: Path | None = None  # the folder local image references are resolved against
    if _is_url(text):
        origin = text
        try:
            data = fetch(text, timeout_s=timeout_s, max_bytes=MANIFEST_MAX_BYTES, guard=guard)
        except FetchError as exc:
            raise SourceFormatError(text, f"cannot download the manifest: {exc}") from exc
    else:
        path = Path(text).expanduser().resolve()
        origin = str(path)
        local_base = path.parent
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SourceFormatError(origin, f"cannot read: {exc.strerror or exc}") from exc
    manifest = parse_manifest(_json(data, origin), origin)
    cache = Path(cache_dir).expanduser().resolve()
    problems = list(manifest.problems)
    canvases = manifest.canvases
    if len(canvases) > max_images:
        problems.append((origin, f"{len(canvases)} canvases; only the first {max_images} are imported"))
        canvases = canvases[:max_images]
    meter = RateMeter("Downloading IIIF images", len(canvases))
    images: list[SourceImage] = []
    for done, canvas in enumerate(canvases, start=1):
        if cancel is not None:
            cancel.raise_if_cancelled()
        try:
            if not image_urls(canvas, max_side) and _is_local_reference(canvas.body):
                url, name = _local_image(canvas, local_base, allow_absolute=allow_absolute)
            else:
                url, name = _cached_or_download(
                    canvas, cache, max_side=max_side, timeout_s=timeout_s, max_bytes=max_bytes, guard=guard
                )
        except FetchError as exc:
            problems.append((canvas.id, f"{canvas.label or 'canvas'}: {exc}"))
        else:
            metadata = {
                **manifest.metadata,
                **canvas.metadata,
                "label": canvas.label,
                "manifest_label": manifest.label,
                "iiif_manifest": origin,
                "iiif_canvas": canvas.id,
                "iiif_image": url,
                **source_metadata(canvas),
            }
            images.append(SourceImage(path=name, group=None, metadata=metadata))
        if progress is not None:
            progress(meter.progress(done, canvas.label))
    return SourceListing(kind="iiif", source=origin, root=cache, images=images, problems=problems)


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


def image_urls(canvas: Canvas, max_side: int) -> list[str]:
    """URLs to try for a canvas, best first: a bounded Image API rendition, then the image itself.

    Level 0 services only serve fixed sizes, so the image's URL is used; level 1 does not
    support ``!w,h`` (best fit), so ``w,`` or ``,h`` is asked when the dimensions are known;
    an image smaller than ``max_side`` is asked at full size (v3 refuses upscaling).
    """
    urls: list[str] = []
    known = canvas.width is not None and canvas.height is not None
    if canvas.service and _is_url(canvas.service) and canvas.level != 0:
        if known and max(canvas.width, canvas.height) <= max_side:
            size = "max" if canvas.api >= 3 else "full"
        elif canvas.level == 1 and known:
            size = f"{max_side}," if canvas.width >= canvas.height else f",{max_side}"
        else:
            size = f"!{max_side},{max_side}"
        if canvas.level != 1 or known:
            urls.append(f"{canvas.service}/full/{size}/0/default.jpg")
    if canvas.body and _is_url(canvas.body) and canvas.body not in urls:
        urls.append(canvas.body)
    return urls


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


def _json(data: bytes, source: str) -> Any:
    try:
        return json.loads(data)
    except UnicodeDecodeError as exc:
        raise SourceFormatError(source, f"not UTF-8 JSON ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise SourceFormatError(
            source, f"not valid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno
        ) from exc


# -- downloading --------------------------------------------------------------------------------
def cache_name(url: str) -> str:
    """The cache file name of an image URL: a hash of the URL, with an image extension."""
    suffix = Path(urllib.parse.urlsplit(url).path).suffix.lower()
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:40] + (
        suffix if suffix in IMAGE_EXTENSIONS else ".jpg"
    )


def _cached_or_download(
    canvas: Canvas, cache: Path, *, max_side: int, timeout_s: float, max_bytes: int, guard: NetworkGuard
) -> tuple[str, str]:
    """(URL, cache file name) of the canvas image, downloading it if no candidate is cached."""
    urls = image_urls(canvas, max_side)
    if not urls:
        raise FetchError("no http(s) image service or image URL")
    for url in urls:
        if (cache / cache_name(url)).is_file():
            return url, cache_name(url)
    failures = []
    for url in urls:
        try:
            data = fetch(url, timeout_s=timeout_s, max_bytes=max_bytes, guard=guard)
            _check_image(data)
        except FetchError as exc:
            failures.append(f"{url}: {exc}")
            continue
        atomic_write_bytes(cache / cache_name(url), data)
        return url, cache_name(url)
    raise FetchError("; ".join(failures))


def _is_local_reference(body: str | None) -> bool:
    """A ``file:`` URI or a relative reference (no scheme): an image on this machine."""
    if not body:
        return False
    scheme = urllib.parse.urlsplit(body).scheme.lower()
    return scheme == "file" or (not scheme and not body.startswith("//"))


def _local_image_path(body: str, base: Path | None, *, allow_absolute: bool) -> Path:
    """The file a local body id names, refused when the manifest came from the web, or (unless
    ``allow_absolute``) when it lies outside the manifest's folder."""
    parts = urllib.parse.urlsplit(body)
    if base is None and parts.scheme.lower() == "file":
        raise FetchError(f"a manifest from the web cannot point at a local file ({body})")
    if base is None:
        raise FetchError(f"no http(s) image service or image URL (the image id {body!r} is relative)")
    if parts.scheme.lower() == "file":
        if parts.netloc not in ("", "localhost"):
            raise FetchError(f"{body}: a file on another machine ({parts.netloc})")
        path = Path(urllib.request.url2pathname(parts.path)).resolve()
    else:
        path = (base / urllib.request.url2pathname(parts.path)).resolve()
    if not allow_absolute and not path.is_relative_to(base):
        raise FetchError(f"{path} is outside the manifest's folder {base}; allow it with --allow-absolute")
    return path


def _local_image(canvas: Canvas, base: Path | None, *, allow_absolute: bool) -> tuple[str, str]:
    """(file URI, absolute path) of a canvas painting a local image, which is catalogued where it is
    (as a CSV row with an absolute path is: nothing is copied); the catalog reads and checks it."""
    path = _local_image_path(canvas.body or "", base, allow_absolute=allow_absolute)
    if not path.is_file():
        raise FetchError(f"{path}: no such file")
    return path.as_uri(), str(path)


def _check_image(data: bytes) -> None:
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.size  # noqa: B018 - reading the header is the check
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise FetchError(f"the server did not send a readable image ({exc})") from exc


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
    if not _is_url(url):
        raise FetchError(f"only http and https addresses are fetched, not {url!r}")
    deadline = time.monotonic() + (deadline_s if deadline_s is not None else max(60.0, 4 * timeout_s))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with _opener(guard if guard is not None else _guard(allow_hosts)).open(request, timeout=timeout_s) as response:
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


def _is_url(text: str) -> bool:
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


def _guard(allow_hosts: Iterable[str]) -> NetworkGuard:
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
