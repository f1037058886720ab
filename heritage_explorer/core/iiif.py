"""IIIF Presentation manifests (v2 and v3) as collection sources.

A manifest lists canvases; each canvas paints one image, usually served by a IIIF Image API
service. We ask that service for a bounded rendition (``{service}/full/!N,N/0/default.jpg``)
rather than the full-resolution master, fall back to the image's own URL, and keep the bytes
in a cache directory named by a hash of the URL, so importing again downloads nothing.

The manifest is read by :mod:`.iiif_manifest` (no network); downloads go through
:mod:`.http_fetch`, deliberately narrow (http and https only, public addresses unless the user
allows a host, no environment proxy, timeouts, a deadline and a byte cap per download); the
number of canvases is capped here. A canvas that fails is recorded in ``problems`` and left out
of the listing (it is tried again at the next import); only an unreadable manifest is fatal.
Uses the standard library only (urllib), so no new dependency.
"""

from __future__ import annotations

import hashlib
import io
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from pathlib import Path

from PIL import Image

from heritage_explorer.core.atomic import atomic_write_bytes
from heritage_explorer.core.errors import SourceFormatError
from heritage_explorer.core.http_fetch import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT_S,
    FetchError,
    fetch,
    guard_for,
    is_url,
)
from heritage_explorer.core.iiif_manifest import Canvas, json_document, parse_manifest, source_metadata
from heritage_explorer.core.imageio import IMAGE_EXTENSIONS
from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter
from heritage_explorer.core.network_guard import NetworkGuard
from heritage_explorer.core.records import SourceImage, SourceListing

DEFAULT_MAX_SIDE = 1024
DEFAULT_MAX_IMAGES = 5000
MANIFEST_MAX_BYTES = 64 * 1024 * 1024


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
    guard = guard_for(allow_hosts)
    local_base: Path | None = None  # the folder local image references are resolved against
    if is_url(text):
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
    manifest = parse_manifest(json_document(data, origin), origin)
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


def image_urls(canvas: Canvas, max_side: int) -> list[str]:
    """URLs to try for a canvas, best first: a bounded Image API rendition, then the image itself.

    Level 0 services only serve fixed sizes, so the image's URL is used; level 1 does not
    support ``!w,h`` (best fit), so ``w,`` or ``,h`` is asked when the dimensions are known;
    an image smaller than ``max_side`` is asked at full size (v3 refuses upscaling).
    """
    urls: list[str] = []
    known = canvas.width is not None and canvas.height is not None
    if canvas.service and is_url(canvas.service) and canvas.level != 0:
        if known and max(canvas.width, canvas.height) <= max_side:
            size = "max" if canvas.api >= 3 else "full"
        elif canvas.level == 1 and known:
            size = f"{max_side}," if canvas.width >= canvas.height else f",{max_side}"
        else:
            size = f"!{max_side},{max_side}"
        if canvas.level != 1 or known:
            urls.append(f"{canvas.service}/full/{size}/0/default.jpg")
    if canvas.body and is_url(canvas.body) and canvas.body not in urls:
        urls.append(canvas.body)
    return urls


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
