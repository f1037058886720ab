"""Atomic file writes: temp file in the same directory, fsync, rename."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from heritage_explorer.core.errors import WriteFailedError


def atomic_write(path: str | Path, write: Callable[[IO[bytes]], None]) -> None:
    """Call ``write(fileobj)`` on a temp file next to ``path``, then rename it over ``path``.

    Whatever happens (disk full, a read-only or vanished folder, a killed process), ``path`` holds
    either its previous content or the whole new one, never part of it, and no temp file is left
    behind by a failure this process sees. A failing file operation raises
    :class:`WriteFailedError` naming ``path`` and the reason in words.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WriteFailedError(path, exc) from exc
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; artefacts are shared like any file
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        cause = short_write_cause(tmp, exc) if isinstance(exc, OSError) and exc.errno is None else exc
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, WriteFailedError):
            raise WriteFailedError(path, cause) from exc
        raise
    _fsync_dir(path.parent)


#: Free space under which a short write is put down to a full disk.
FULL_DISK_BYTES = 1 << 20


def short_write_cause(written: str | Path, error: OSError | None = None) -> OSError:
    """Why the file ``written`` was left shorter than what was written to it, as an OSError with the
    system's errno: a file-size limit reached (EFBIG), or a full disk (ENOSPC).

    Some writers report a short write without the system's reason: numpy's ``tofile`` ("N requested
    and M written", errno None), hnswlib not at all. The reason is found from the file's size and
    the disk's free space; ``error`` (or EIO) when neither explains it.
    """
    try:
        size = os.stat(written).st_size
        disk = os.statvfs(Path(written).parent)
    except OSError:
        return error or OSError(errno.EIO, os.strerror(errno.EIO))
    limit = _file_size_limit()
    if limit is not None and size >= limit:
        return OSError(errno.EFBIG, os.strerror(errno.EFBIG))
    free = (disk.f_bfree if os.geteuid() == 0 else disk.f_bavail) * disk.f_frsize
    if free < FULL_DISK_BYTES:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    return error or OSError(errno.EIO, os.strerror(errno.EIO))


def _file_size_limit() -> int | None:
    try:
        import resource
    except ImportError:  # not POSIX
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    return None if soft == resource.RLIM_INFINITY else soft


def require_complete(path: str | Path, written: str | Path, expected_size: int) -> None:
    """Raise WriteFailedError naming ``path`` when the file ``written`` (its temp file) is not
    ``expected_size`` bytes long: a writer that does not report failures left it short."""
    try:
        size = os.stat(written).st_size
    except OSError as exc:
        raise WriteFailedError(path, exc) from exc
    if size != expected_size:
        raise WriteFailedError(path, short_write_cause(written))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    atomic_write(path, lambda fh: fh.write(data))


def atomic_write_npz(path: str | Path, **arrays: Any) -> None:
    """Arrays as an uncompressed ``.npz`` (read back with ``allow_pickle=False``), written atomically."""
    import io

    import numpy as np

    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    atomic_write_bytes(path, buffer.getvalue())


def atomic_write_text(path: str | Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: str | Path, obj: Any) -> None:
    """JSON, keys in the order the caller built them (tables keep the paper's column order)."""
    atomic_write_text(path, json.dumps(obj, indent=2, ensure_ascii=False) + "\n")


def writable(path: str | Path) -> bool:
    """Whether this process may change ``path`` (a file, or a folder's entries): a read-only drive,
    or a file or folder that no one may write to (``chmod a-w``), is not writable.

    ``os.access`` alone answers yes to root for any file of a writable file system, so a project
    copied to a folder and made read-only with ``chmod -R a-w`` is recognised by its mode bits too:
    root could write there, but whoever made it read-only meant it to stay as it is.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & 0o222)


def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    """Hex sha256 of a file's content, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def read_versioned_json(path: str | Path, schema_version: int, what: str) -> dict | None:
    """The JSON metadata at ``path`` (``None`` if absent), checked to carry ``schema_version``.

    An unreadable file or another schema raises :class:`CorruptArtefactError` naming ``what``.
    """
    from heritage_explorer.core.errors import CorruptArtefactError

    path = Path(path)
    if not path.exists():
        return None
    try:
        meta = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise CorruptArtefactError(f"{path}: unreadable {what} ({exc})") from exc
    if meta.get("schema_version") != schema_version:
        raise CorruptArtefactError(f"{path}: unknown {what} schema {meta.get('schema_version')!r}")
    return meta
