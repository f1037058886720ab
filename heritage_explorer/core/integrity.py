"""Checksums of large artefacts, re-hashed only when the file may have changed since it was verified.

Hashing a 100k × 2048-d ``index.bin`` (834 MB) costs about 0.5 s of a 1.1 s load, and the
descriptor store's ``vectors.npy`` as much again, on every start of a process that searches.
A file whose full sha256 matched once is recorded in ``.verified.json`` beside it with its
identity: device, inode, size, mtime and ctime (nanoseconds). A later check of the same file
skips the hash while that identity is unchanged: writing to the file, truncating it, renaming
another file over it or copying a project elsewhere changes its ctime (which no file-system call
sets: only moving the system clock back could) or its inode, so damaged, replaced and foreign files are always hashed in full.

File times have a coarse tick (a jiffy, 1-10 ms; 2 s on FAT), so a change made within the same
tick as the previous one may leave ctime as it was. As git does for its index ("racy git"), a
file is only stamped when its last change is older than ``STAMP_MARGIN_S`` before the hash
began: a later change then always lands on a later tick. A freshly written file is therefore
hashed on every check until it is a couple of seconds old.

Not covered: damage below the file system (bit rot) after the first verification, and network
file systems whose server clock lags the client's by more than the margin; ``full=True`` hashes
regardless. Structural checks of the readers (header sizes, counts) still run on every load.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from heritage_explorer.core.atomic import atomic_write_json, sha256_file, writable

STAMP_FILE = ".verified.json"
STAMP_SCHEMA_VERSION = 1
STAMP_MARGIN_S = 2.0


def file_identity(path: Path) -> list[int]:
    """(device, inode, size, mtime_ns, ctime_ns): changes whenever the file's content may have."""
    st = os.stat(path)
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def verify_sha256(path: str | Path, expected: str, *, full: bool = False) -> bool:
    """Whether ``path`` has sha256 ``expected``, from a stamp of an earlier full check or by hashing.

    Raises FileNotFoundError when ``path`` does not exist.
    """
    path = Path(path)
    identity = file_identity(path)
    stamps = _read_stamps(path.parent)
    stamp = stamps.get(path.name)
    if not full and stamp == {"sha256": expected, "identity": identity}:
        return True
    started_ns = _now_ns()
    if sha256_file(path) != expected:
        return False
    last_change_ns = max(identity[3], identity[4])
    if started_ns - last_change_ns > STAMP_MARGIN_S * 1e9 and file_identity(path) == identity:
        stamps[path.name] = {"sha256": expected, "identity": identity}
        _write_stamps(path.parent, stamps)
    return True


def _now_ns() -> int:
    return time.time_ns()


def _read_stamps(directory: Path) -> dict[str, dict]:
    """The stamps of ``directory``; an absent or unreadable file is no stamp (everything is re-hashed)."""
    try:
        record = json.loads((directory / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(record, dict) or record.get("schema_version") != STAMP_SCHEMA_VERSION:
        return {}
    files = record.get("files")
    return dict(files) if isinstance(files, dict) else {}


def _write_stamps(directory: Path, stamps: dict[str, dict]) -> None:
    """Record the stamps; a directory we cannot write to (read-only project) just keeps hashing."""
    if not writable(directory):  # also as root, who could write into a folder made read-only
        return
    present = {name: s for name, s in stamps.items() if (directory / name).exists()}
    try:
        atomic_write_json(directory / STAMP_FILE, {"schema_version": STAMP_SCHEMA_VERSION, "files": present})
    except OSError:
        pass
