"""The SQLite side of the catalog: one connection per thread, WAL, transactions that retry while
another process writes and report a full disk, a read-only file or a folder gone in words.

The file opened is remembered (device and inode): a write, or a new thread's connection, first
checks that the catalog is still there and writable, so a project folder moved, deleted or made
read-only while the app has it open raises a clear error instead of writing into a deleted file
(an open SQLite connection would, and every change made from then on would be lost).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from heritage_explorer.core.atomic import short_write_cause, writable
from heritage_explorer.core.errors import (
    ProjectError,
    ProjectGoneError,
    ReadOnlyProjectError,
    WriteFailedError,
)
from heritage_explorer.core.read_only import ReadOnlySource

#: Ids per ``IN (...)`` list: under SQLite's limit on variables per statement (32,766 since
#: SQLite 3.32, 999 before), with room for the statement's other parameters.
IN_LIST_SIZE = 900


def id_chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    """``ids`` (any number, deduplicated and sorted) in lists of at most :data:`IN_LIST_SIZE`, so a
    query with ``IN (?, ...)`` per chunk never exceeds the variable limit; chunks come in id order."""
    wanted = sorted({int(i) for i in ids})
    for start in range(0, len(wanted), IN_LIST_SIZE):
        yield wanted[start:start + IN_LIST_SIZE]


class CatalogConnection:
    """Thread-safe access to one SQLite file: one connection per thread (sqlite3 connections must
    not be shared across threads); writes go through :meth:`transaction`, which retries while
    another process holds the lock (``busy_timeout``) and then reports a clear "busy" error."""

    def __init__(self, path: str | Path, *, create: bool = True, busy_timeout_s: float = 10.0,
                 read_only: bool | None = None):
        self.path = Path(path)
        if not self.path.exists() and not create:
            raise ProjectError(f"{self.path}: no catalog here (is this a Heritage Explorer project?)")
        if read_only is None:
            read_only = self.path.exists() and not (writable(self.path) and writable(self.path.parent))
        #: Opened with SQLite's ``mode=ro``: browsing, search and export work, every change raises
        #: :class:`ReadOnlyProjectError`. Decided once, when the catalog is opened.
        self.read_only = bool(read_only)
        if not self.read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._busy_timeout_ms = int(busy_timeout_s * 1000)
        self._local = threading.local()
        self._read_only_source = ReadOnlySource(self.path) if self.read_only else None
        self._identity: tuple[int, int] | None = None  # (device, inode) of the file opened

    def remember_file(self) -> None:
        """From now on, the file at ``path`` must stay the one opened (called once it is set up)."""
        self._identity = _identity(self.path)

    def _connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            self.require_in_place("reading the catalog")  # connecting would create an empty one
            try:
                if self.read_only:
                    conn = sqlite3.connect(self._read_only_source.uri(), uri=True, timeout=self._busy_timeout_ms / 1000,
                                           isolation_level=None)
                    conn.execute(f"PRAGMA busy_timeout = {self._busy_timeout_ms}")
                else:
                    conn = sqlite3.connect(self.path, timeout=self._busy_timeout_ms / 1000, isolation_level=None)
                    conn.execute(f"PRAGMA busy_timeout = {self._busy_timeout_ms}")
                    self._enable_wal(conn)
                    conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute("PRAGMA foreign_keys = ON")
            except sqlite3.DatabaseError as exc:
                raise ProjectError(f"{self.path}: not a readable catalog ({exc})") from exc
            conn.row_factory = sqlite3.Row
            self._local.conn = conn
        return conn

    def _enable_wal(self, conn: sqlite3.Connection) -> None:
        """Switch the database to WAL (persistent: later connections find it so).

        The switch needs the database to itself and SQLite answers "locked" at once, without
        its busy handler, when another process is creating or switching the same new catalog at
        that moment (two imports into one new project): retry until the busy timeout.
        """
        deadline = time.monotonic() + self._busy_timeout_ms / 1000
        while True:
            try:
                if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if not ("locked" in str(exc) or "busy" in str(exc)) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def require_in_place(self, action: str) -> None:
        """Raise :class:`ProjectGoneError` naming ``action`` when the catalog file opened is no
        longer at its path (its folder was moved, renamed or deleted; a stat, microseconds)."""
        if self._identity is None:
            return  # still opening it
        try:
            here = _identity(self.path)
        except OSError:
            here = None
        if here != self._identity:
            raise ProjectGoneError(self.path.parent, action)

    def require_writable(self, action: str) -> None:
        """Raise :class:`ReadOnlyProjectError` naming ``action`` when the catalog is read-only (opened
        so, or made so since), :class:`ProjectGoneError` when it is no longer where it was opened."""
        if self.read_only:
            raise ReadOnlyProjectError(self.path.parent, action)
        self.require_in_place(action)
        if self._identity is not None and not (writable(self.path) and writable(self.path.parent)):
            raise ReadOnlyProjectError(self.path.parent, action, since_opened=True)

    @contextmanager
    def transaction(self, action: str = "this change") -> Iterator[sqlite3.Connection]:
        self.require_writable(action)
        conn = self._connection()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise ProjectError(f"{self.path}: the project is busy (another program is writing to it)") from exc
            raise self._write_error(exc, action) from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite rolled back itself (a full disk, an I/O error)
            if isinstance(exc, sqlite3.OperationalError):
                raise self._write_error(exc, action) from exc
            raise

    def _write_error(self, exc: sqlite3.OperationalError, action: str) -> Exception:
        """What a failed write means for the user: the disk is full, the file too large or read-only,
        the folder or drive gone. SQLite says "database or disk is full" or "disk I/O error" (a
        file-size limit); the cause is read from the WAL file it was growing and the free space."""
        text = str(exc).lower()
        if "readonly" in text or "read-only" in text:
            return ReadOnlyProjectError(self.path.parent, action, since_opened=True)
        if "full" in text or "disk i/o" in text or "unable to open" in text:
            self.require_in_place(action)  # the folder was moved or deleted: said as such
            wal = self.path.with_name(self.path.name + "-wal")
            cause = short_write_cause(wal if wal.exists() else self.path)
            if cause.errno not in (errno.EFBIG, errno.ENOSPC) and "full" in text:
                cause = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            if cause.errno in (errno.EFBIG, errno.ENOSPC):
                reason = WriteFailedError(self.path, cause).reason
                return ProjectError(f"{self.path}: {action} was not saved: {reason}; everything saved before is kept")
            return ProjectError(f"{self.path}: {action} was not saved: the disk could not be written ({exc}); "
                                "is the drive still connected? Everything saved before is kept")
        return exc

    def query(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
        return self._connection().execute(sql, tuple(params)).fetchall()

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def _identity(path: Path) -> tuple[int, int]:
    stat = os.stat(path)
    return stat.st_dev, stat.st_ino
