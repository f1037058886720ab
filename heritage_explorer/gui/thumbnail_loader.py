"""Lazy thumbnails: a bounded queue of pending decodes, a QThreadPool, a disk cache and a memory LRU.

The views ask for a thumbnail while painting; a miss is queued and the paint shows a
placeholder. The queue is bounded and served newest first, so when the user scrolls fast the
images scrolled past are dropped instead of decoded (the Orange3 image add-on's lesson). Decoded
thumbnails are written to ``P/cache/thumbnails`` (JPEG, longest side :data:`CACHE_SIDE`) and kept
in memory up to a byte budget; worker threads scale them to the size on screen.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from heritage_explorer.core.errors import UnreadableImageError
from heritage_explorer.core.imageio import thumbnail_bytes

CACHE_SIDE = 256  # longest side of the thumbnails kept on disk
INCOMING = ".incoming"  # the cache's temp files, renamed into place once whole
INCOMING_GRACE_S = 600.0
DEFAULT_MAX_PENDING = 192
DEFAULT_MEMORY_BYTES = 192 * 1024 * 1024


def load_image_plugins() -> None:
    """Load Pillow's format plugins now, before the window is shown.

    They are loaded on first use, and loading them (shared libraries initialised while the GIL
    is held) froze a freshly opened window for ~90 ms when the first thumbnails were decoded
    (measured). Done at start-up, the same cost is paid once, before anything is on screen.
    """
    Image.init()
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="JPEG")
    to_qimage(buffer.getvalue(), 4)


_LEGACY_FOLDER = re.compile(r"\d{5}")
_LEGACY_FILE = re.compile(r"\d+-.+-\d+\.jpg")


@dataclass(frozen=True)
class ThumbnailRequest:
    image_id: int
    path: Path
    sha256: str | None
    size: int


class ThumbnailDiskCache:
    """One JPEG per image content under ``directory`` (one project's ``cache/thumbnails``).

    A file is named by the image's content hash (sha256, from the catalog), never by its row or
    id, and carries that hash as a stamp in its JPEG comment: a file whose stamp does not match
    the request (written by another version, copied from elsewhere, or an old id-named file) is
    detected, ignored and made again from the original. A changed image gets a new hash, hence a
    new file. Files are written in ``.incoming/`` and renamed into place (not fsynced: losing one
    only costs a re-decode), so a process killed mid-write leaves its temp file there, where it
    is found and removed the next time the cache is opened. Images without a hash (not yet read,
    external files) are not cached on disk.
    """

    def __init__(self, directory: Path, side: int = CACHE_SIDE):
        self.directory = Path(directory)
        self.side = side
        try:  # made once, here: a write never makes it again (after its project folder was removed)
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # not writable: thumbnails are shown, not kept

    def path_for(self, sha256: str) -> Path:
        """Where the thumbnail of the content ``sha256`` is kept."""
        return self.directory / sha256[:2] / f"{sha256}-{self.side}.jpg"

    def load(self, request: ThumbnailRequest) -> QImage:
        """The thumbnail at ``request.size``, from the cache or made from the original on a miss.

        Decoding and scaling use Pillow, which releases the GIL while it works (Qt's decoder,
        called through the binding, holds it): the GUI thread is never kept waiting for long.
        Raises UnreadableImageError.
        """
        cached = self.path_for(request.sha256) if request.sha256 else None
        if cached is not None:
            try:
                data = cached.read_bytes()
                if read_stamp(data) == request.sha256:
                    return to_qimage(data, request.size)
            except (*_DECODE_ERRORS, FileNotFoundError):
                pass  # not cached, poisoned (stamp mismatch) or damaged: made again from the original
        data = thumbnail_bytes(request.path, self.side)
        if cached is not None:
            data = _stamped(data, request.sha256)
            self._store(cached, data)
        try:
            return to_qimage(data, request.size)
        except _DECODE_ERRORS as exc:
            raise UnreadableImageError(request.path, f"thumbnail could not be decoded ({exc})") from exc

    def remove_legacy_files(self) -> int:
        """Delete the thumbnails of the first cache layout (``NNNNN/<id>-<tag>-<side>.jpg``, named by
        image id: the files that could show one image under another's name); returns how many.

        They are never read (a lookup goes by content hash), only left taking space, so they are
        removed once, in the background, when a project's thumbnails are first asked for.
        """
        removed = 0
        try:
            folders = [e for e in os.scandir(self.directory) if e.is_dir() and _LEGACY_FOLDER.fullmatch(e.name)]
        except OSError:
            return 0
        for folder in folders:
            try:
                for entry in os.scandir(folder.path):
                    if _LEGACY_FILE.fullmatch(entry.name):
                        os.unlink(entry.path)
                        removed += 1
                os.rmdir(folder.path)
            except OSError:
                continue  # a read-only cache, or a folder with files of someone else's: left as it is
        return removed

    def remove_interrupted_writes(self, older_than_s: float = INCOMING_GRACE_S) -> int:
        """Delete the temp files of writes that never ended (a process killed mid-write); returns how
        many. Only those older than ``older_than_s``: another window may be writing the others."""
        removed = 0
        deadline = time.time() - older_than_s
        try:
            entries = list(os.scandir(self.directory / INCOMING))
        except OSError:
            return 0
        for entry in entries:
            try:
                if entry.is_file() and entry.stat().st_mtime < deadline:
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue  # written meanwhile, or a read-only cache
        return removed

    def _store(self, path: Path, data: bytes) -> None:
        tmp = None
        try:
            path.parent.mkdir(exist_ok=True)  # the cache's own folder is never made again here
            incoming = self.directory / INCOMING
            incoming.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".thumb.", dir=incoming)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except OSError:  # a read-only project, a full disk, a removed folder: shown, not kept
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass


_STAMP = b"heritage-explorer thumbnail sha256="


def _stamped(jpeg: bytes, sha256: str) -> bytes:
    """``jpeg`` with a COM segment naming the content hash it was made from, right after SOI."""
    comment = _STAMP + sha256.encode("ascii")
    return jpeg[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + jpeg[2:]


def read_stamp(jpeg: bytes | Path) -> str | None:
    """The content hash a cached thumbnail was made from (its stamp), or None if it has none."""
    data = jpeg.read_bytes() if isinstance(jpeg, Path) else jpeg
    if data[2:4] != b"\xff\xfe":
        return None
    length = int.from_bytes(data[4:6], "big")
    comment = data[6: 4 + length]
    return comment[len(_STAMP):].decode("ascii", "replace") if comment.startswith(_STAMP) else None


_DECODE_ERRORS = (OSError, ValueError, TypeError, SyntaxError)


def to_qimage(jpeg: bytes | None, size: int) -> QImage:
    """Decode a cached JPEG with Pillow, fit it in ``size``×``size``, wrap it in a QImage."""
    if not jpeg:
        raise ValueError("no cached thumbnail")
    with Image.open(io.BytesIO(jpeg)) as image:
        image.draft("RGB", (size, size))
        rgb = image.convert("RGB")
    if max(rgb.size) > size:
        rgb.thumbnail((size, size), Image.Resampling.BILINEAR, reducing_gap=2.0)
    width, height = rgb.size
    data = rgb.tobytes()
    return QImage(data, width, height, 3 * width, QImage.Format.Format_RGB888).convertToFormat(
        QImage.Format.Format_ARGB32_Premultiplied)


class _LoaderSignals(QObject):
    delivered = Signal(object, object)  # (content key, size), QImage | str (the reason it failed)


class _LegacyCleanup(QRunnable):
    """Removes the cache's id-named files of the first layout (:meth:`ThumbnailDiskCache.remove_legacy_files`)
    and the temp files of writes a killed process left (:meth:`~ThumbnailDiskCache.remove_interrupted_writes`)."""

    def __init__(self, disk: ThumbnailDiskCache):
        super().__init__()
        self.disk = disk

    def run(self) -> None:
        self.disk.remove_legacy_files()
        self.disk.remove_interrupted_writes()


class _Decoder(QRunnable):
    """Takes requests from the loader's queue until it is empty."""

    def __init__(self, loader: ThumbnailLoader):
        super().__init__()
        self.loader = loader

    def run(self) -> None:
        while (request := self.loader._take()) is not None:
            try:
                result: QImage | str = self.loader.disk.load(request)
            except UnreadableImageError as exc:
                result = exc.reason
            self.loader._signals.delivered.emit((content_key(request.path, request.sha256), request.size), result)


def content_key(path: Path | str, sha256: str | None) -> str:
    """What a thumbnail is of: the image's content hash, or its path while it has none."""
    return sha256 or f"path:{path}"


class ThumbnailLoader(QObject):
    """Thumbnails of one project's images by (content, size): ``get`` answers from memory or queues a decode.

    Memory, failures and requests are keyed by the image's content (:func:`content_key`), never
    by its id or row alone, so a stale row (another project's, a re-imported image's) can never
    be shown another image's pixels. ``loaded(image_id)`` is emitted in the GUI thread, for each
    image id that asked, when a thumbnail (or its failure) arrives.
    """

    loaded = Signal(int)

    def __init__(
        self, cache_dir: Path, parent: QObject | None = None, *, threads: int = 2,
        max_pending: int = DEFAULT_MAX_PENDING, memory_bytes: int = DEFAULT_MEMORY_BYTES,
    ):
        super().__init__(parent)
        self.disk = ThumbnailDiskCache(Path(cache_dir))
        self.max_pending = max_pending
        self.memory_bytes = memory_bytes
        self.threads = threads
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._lock = threading.Lock()
        self._pending: OrderedDict[tuple[str, int], ThumbnailRequest] = OrderedDict()
        self._in_flight: set[tuple[str, int]] = set()
        self._active = 0
        self._memory: OrderedDict[tuple[str, int], QImage] = OrderedDict()
        self._memory_used = 0
        self._failed: dict[str, str] = {}
        self._content: dict[int, str] = {}  # image id -> content key it was last asked with
        self._askers: dict[str, set[int]] = {}  # content key -> image ids waiting for it
        self.closed = False
        self.decoded = 0
        # a child, made after the pool: the decoders' last references to the loader may be
        # dropped in their threads, and a QObject must die in its own thread; the loader's
        # destructor deletes the pool first (it waits for the decoders), then the signals
        self._signals = _LoaderSignals(self)
        self._signals.delivered.connect(self._on_delivered)
        self.pool.start(_LegacyCleanup(self.disk))

    # -- GUI thread ------------------------------------------------------------------------------
    def get(self, image_id: int, path: Path, sha256: str | None, size: int) -> QImage | None:
        """The thumbnail if in memory; otherwise queue it (newest first) and return None."""
        content = content_key(path, sha256)
        self._content[image_id] = content
        key = (content, size)
        image = self._memory.get(key)
        if image is not None:
            self._memory.move_to_end(key)
            return image
        if content in self._failed or self.closed:
            return None
        self._askers.setdefault(content, set()).add(image_id)
        with self._lock:
            if key in self._in_flight:
                return None
            self._pending.pop(key, None)
            self._pending[key] = ThumbnailRequest(image_id, Path(path), sha256, size)
            while len(self._pending) > self.max_pending:
                self._pending.popitem(last=False)  # the oldest request: scrolled out of view by now
            start = self._active < self.threads
            if start:
                self._active += 1
        if start:
            self.pool.start(_Decoder(self))
        return None

    def settled(self, image_id: int, size: int) -> bool:
        """Whether the thumbnail of the image's content last asked for is in memory or known to be unreadable."""
        content = self._content.get(image_id)
        return content is not None and ((content, size) in self._memory or content in self._failed)

    def failure(self, image_id: int) -> str | None:
        """Why an image has no thumbnail (unreadable), or None."""
        content = self._content.get(image_id)
        return None if content is None else self._failed.get(content)

    def pending_count(self) -> int:
        with self._lock:
            return len(self._pending) + len(self._in_flight)

    def is_idle(self) -> bool:
        with self._lock:
            return not self._pending and not self._in_flight and self._active == 0

    def clear_memory(self) -> None:
        self._memory.clear()
        self._memory_used = 0

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Drop every pending request and what is in memory, and wait for the decodes in flight
        (each ends with its cache file written whole, or not at all); returns whether they ended.

        Their answers, still queued for the GUI thread, are dropped when they arrive, so once the
        decoders have ended the loader is idle at once.
        """
        self.closed = True
        with self._lock:
            self._pending.clear()
        self.clear_memory()
        self._askers.clear()
        ended = self.pool.waitForDone(timeout_ms)
        if ended:
            with self._lock:
                self._in_flight.clear()
        return ended

    def _on_delivered(self, key: tuple[str, int], result: QImage | str) -> None:
        with self._lock:
            self._in_flight.discard(key)
        if self.closed:
            return  # the project was closed meanwhile: nobody shows it
        content = key[0]
        if isinstance(result, str):
            self._failed[content] = result
        else:
            self.decoded += 1
            self._memory[key] = result
            self._memory_used += result.sizeInBytes()
            while self._memory_used > self.memory_bytes and len(self._memory) > 1:
                _, old = self._memory.popitem(last=False)
                self._memory_used -= old.sizeInBytes()
        for image_id in self._askers.pop(content, ()):
            self.loaded.emit(image_id)

    # -- worker threads --------------------------------------------------------------------------
    def _take(self) -> ThumbnailRequest | None:
        with self._lock:
            if not self._pending:
                self._active -= 1
                return None
            key, request = self._pending.popitem(last=True)
            self._in_flight.add(key)
            return request
