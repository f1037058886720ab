"""Opening a SQLite catalog read-only without writing a byte beside it (a read-only drive or folder)."""

from __future__ import annotations

import shutil
import tempfile
import threading
import weakref
from pathlib import Path

from heritage_explorer.core.atomic import writable


class ReadOnlySource:
    """What a read-only connection to the SQLite file ``path`` opens: :meth:`uri`.

    A WAL database read with ``mode=ro`` needs its ``-shm`` index, which SQLite creates (and
    root writes to) beside it. In a folder that must not be written, the file is therefore
    opened ``immutable``: no locks, no ``-shm``. That would ignore committed changes still
    waiting in the ``-wal`` file (a project copied while a program had it open), so then the
    database and its WAL are copied once to a private temporary folder and read there; the
    folder goes when this object does.
    """

    def __init__(self, path: Path):
        self.path = path
        self._copy: Path | None = None
        self._lock = threading.Lock()

    def uri(self) -> str:
        if writable(self.path.parent):
            return f"{self.path.resolve().as_uri()}?mode=ro"
        wal = self.path.with_name(self.path.name + "-wal")
        if not (wal.exists() and wal.stat().st_size > 0):
            return f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
        with self._lock:
            if self._copy is None:
                folder = Path(tempfile.mkdtemp(prefix="heritage-explorer-catalog-"))
                weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
                for source in (self.path, wal):
                    shutil.copyfile(source, folder / source.name)
                self._copy = folder / self.path.name
        return f"{self._copy.as_uri()}?mode=ro"
