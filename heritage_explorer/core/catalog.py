"""The project catalog: one SQLite file (WAL mode) holding images, classes, annotations and runs.

The schema is versioned in the ``meta`` table; ``_MIGRATIONS[i]`` upgrades version ``i`` to
``i + 1``, so catalogs written by older versions keep opening.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from heritage_explorer.core.atomic import short_write_cause, writable
from heritage_explorer.core.catalog_search import MIGRATION_FTS, CatalogSearch
from heritage_explorer.core.errors import (
    ProjectError,
    ProjectGoneError,
    ReadOnlyProjectError,
    WriteFailedError,
)
from heritage_explorer.core.read_only import ReadOnlySource
from heritage_explorer.core.records import ImageRow, SourceListing

SCHEMA_VERSION = 2

_MIGRATIONS: list[str] = [
    # 0 -> 1: the first schema.
    """
    CREATE TABLE collections (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        source TEXT NOT NULL UNIQUE,
        root TEXT NOT NULL,
        imported_at REAL NOT NULL
    );
    CREATE TABLE images (
        id INTEGER PRIMARY KEY,
        collection_id INTEGER NOT NULL REFERENCES collections(id),
        path TEXT NOT NULL,
        size INTEGER, mtime REAL, sha256 TEXT, width INTEGER, height INTEGER,
        status TEXT NOT NULL DEFAULT 'pending',
        error TEXT,
        group_name TEXT,
        is_query INTEGER NOT NULL DEFAULT 1,
        metadata TEXT NOT NULL DEFAULT '{}',
        UNIQUE (collection_id, path)
    );
    CREATE INDEX images_group ON images(group_name);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        spec TEXT,
        started_at REAL NOT NULL,
        finished_at REAL,
        params TEXT NOT NULL DEFAULT '{}',
        result TEXT
    );
    CREATE TABLE class_annotations (
        class_name TEXT PRIMARY KEY,
        reference_image_id INTEGER REFERENCES images(id),
        updated_at REAL NOT NULL
    );
    CREATE TABLE variation_scores (
        class_name TEXT NOT NULL,
        variation TEXT NOT NULL,
        score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 3),
        PRIMARY KEY (class_name, variation)
    );
    CREATE TABLE image_variations (
        image_id INTEGER NOT NULL REFERENCES images(id),
        variation TEXT NOT NULL,
        PRIMARY KEY (image_id, variation)
    );
    CREATE TABLE judgments (
        query_id INTEGER NOT NULL REFERENCES images(id),
        result_id INTEGER NOT NULL REFERENCES images(id),
        label TEXT NOT NULL CHECK (label IN ('easy', 'hard', 'junk', 'wrong')),
        updated_at REAL NOT NULL,
        PRIMARY KEY (query_id, result_id)
    );
    """,
    # 1 -> 2: the free-text index and the per-status counts (catalog_search).
    MIGRATION_FTS,
]

CATALOG_NAME = "catalog.sqlite"


class Catalog(CatalogSearch):
    """Thread-safe access to a project's SQLite catalog.

    One connection per thread (sqlite3 connections must not be shared across threads);
    writes go through :meth:`transaction`, which retries while another process holds the lock
    (``busy_timeout``) and then reports a clear "busy" error.

    The file opened is remembered (device and inode): a write, or a new thread's connection,
    first checks that the catalog is still there and writable, so a project folder moved, deleted
    or made read-only while the app has it open raises a clear error instead of writing into a
    deleted file (an open SQLite connection would, and every change made from then on would be lost).
    """

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
        if self.read_only:
            self._check_schema()
        else:
            self._migrate()
        self._identity = _identity(self.path)

    # -- connections -------------------------------------------------------------------------
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

    # -- schema ------------------------------------------------------------------------------
    def _migrate(self) -> None:
        with self.transaction() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row["value"]) if row else 0
            if version > SCHEMA_VERSION:
                raise ProjectError(
                    f"{self.path}: written by a newer Heritage Explorer (schema {version} > {SCHEMA_VERSION})"
                )
            for step in range(version, SCHEMA_VERSION):
                for statement in _statements(_MIGRATIONS[step]):
                    conn.execute(statement)
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )

    def _check_schema(self) -> None:
        """What :meth:`_migrate` checks, for a catalog that cannot be upgraded in place."""
        try:
            row = self._connection().execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"{self.path}: not a readable catalog ({exc})") from exc
        version = int(row["value"]) if row else 0
        if version > SCHEMA_VERSION:
            raise ProjectError(f"{self.path}: written by a newer Heritage Explorer (schema {version} > {SCHEMA_VERSION})")
        if version < SCHEMA_VERSION:
            raise ReadOnlyProjectError(self.path.parent, f"upgrading its catalog (schema {version} to {SCHEMA_VERSION})")

    @property
    def schema_version(self) -> int:
        return int(self.query("SELECT value FROM meta WHERE key = 'schema_version'")[0]["value"])

    # -- collections and images --------------------------------------------------------------
    def add_listing(self, listing: SourceListing) -> tuple[int, list[int]]:
        """Record a source's images; returns (collection id, ids of new or changed images).

        Re-importing the same source adds only images that are new, or whose size/mtime changed
        (those are reset to ``pending`` so their hash and size are read again); groups, query
        flags and metadata are refreshed from the source.
        """
        root = str(listing.root.resolve())
        with self.transaction("importing") as conn:
            row = conn.execute("SELECT id FROM collections WHERE source = ?", (listing.source,)).fetchone()
            if row is None:
                cid = conn.execute(
                    "INSERT INTO collections (kind, source, root, imported_at) VALUES (?, ?, ?, ?)",
                    (listing.kind, listing.source, root, time.time()),
                ).lastrowid
            else:
                cid = row["id"]
                conn.execute("UPDATE collections SET root = ?, imported_at = ? WHERE id = ?", (root, time.time(), cid))
            existing = {
                r[1]: r for r in conn.execute("SELECT id, path, size, mtime FROM images WHERE collection_id = ?", (cid,))
            }
            before = conn.execute("SELECT COALESCE(MAX(id), 0) FROM images").fetchone()[0]
            new_rows, refreshed, changed = [], [], []
            for image in listing.images:
                size, mtime = _stat(os.path.join(root, image.path))
                meta = json.dumps(image.metadata, ensure_ascii=False, sort_keys=True)
                old = existing.get(image.path)
                if old is None:
                    new_rows.append((cid, image.path, size, mtime, image.group, int(image.is_query), meta))
                    continue
                refreshed.append((image.group, int(image.is_query), meta, old[0]))
                if (old[2], old[3]) != (size, mtime):
                    changed.append((size, mtime, old[0]))
            # One statement per batch, not per row: 1M rows go in at tens of thousands a second.
            conn.executemany(
                "UPDATE images SET group_name = ?, is_query = ?, metadata = ? WHERE id = ?"
                " AND (group_name IS NOT ? OR is_query != ? OR metadata != ?)",
                [(g, q, m, i, g, q, m) for g, q, m, i in refreshed],
            )
            conn.executemany(
                "UPDATE images SET size = ?, mtime = ?, status = 'pending', error = NULL WHERE id = ?", changed
            )
            conn.executemany(
                "INSERT INTO images (collection_id, path, size, mtime, group_name, is_query, metadata, status)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')",
                new_rows,
            )
            touched = [r[2] for r in changed] + [
                r[0] for r in conn.execute("SELECT id FROM images WHERE id > ? ORDER BY id", (before,))
            ]
        return cid, touched

    def set_image_info(
        self, image_id: int, *, sha256: str | None, width: int | None, height: int | None,
        status: str, error: str | None = None, size: int | None = None, mtime: float | None = None,
    ) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE images SET sha256 = ?, width = ?, height = ?, status = ?, error = ?,"
                " size = COALESCE(?, size), mtime = COALESCE(?, mtime) WHERE id = ?",
                (sha256, width, height, status, error, size, mtime, image_id),
            )

    def set_image_status(self, image_id: int, status: str, error: str | None = None) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE images SET status = ?, error = ? WHERE id = ?", (status, error, image_id))

    def images(self, *, status: str | None = None, ids: Iterable[int] | None = None,
               group: str | None = None) -> list[ImageRow]:
        """Images in id order (the row order of every descriptor matrix); ``group``: only that class
        (an indexed lookup)."""
        sql = (
            "SELECT i.*, c.root FROM images i JOIN collections c ON c.id = i.collection_id"
        )
        clauses, params = [], []
        if status is not None:
            clauses.append("i.status = ?")
            params.append(status)
        if group is not None:
            clauses.append("i.group_name = ?")
            params.append(group)
        if ids is not None:
            id_list = [int(i) for i in ids]
            clauses.append(f"i.id IN ({','.join('?' * len(id_list))})" if id_list else "0")
            params.extend(id_list)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        return [_row_to_image(r) for r in self.query(sql + " ORDER BY i.id", params)]

    def problems(self) -> list[ImageRow]:
        """The images that cannot be used, in id order: status ``error`` (unreadable, decided by
        ``core.imageio.image_info`` at import or by a decode that failed later) or ``missing``, each
        with its reason. The one list that import, ``status``, the grid and extraction report."""
        rows = self.query(
            "SELECT i.*, c.root FROM images i JOIN collections c ON c.id = i.collection_id"
            f" WHERE i.status IN ({', '.join('?' * len(UNUSABLE))}) ORDER BY i.id", UNUSABLE)
        return [_row_to_image(r) for r in rows]

    def content_hashes(self, *, status: str = "ok") -> dict[int, str | None]:
        """Image id -> content sha256 of the images with ``status``: what the stores are checked
        against, without building an :class:`ImageRow` per image (searches call this each time)."""
        rows = self._connection().execute("SELECT id, sha256 FROM images WHERE status = ?", (status,))
        return dict(rows.fetchall())

    def image_files(self, *, status: str = "ok") -> list[tuple[int, str, str | None, str | None]]:
        """(id, absolute path, group, content sha256) of the images with ``status``, in id order, in
        one query and without building an :class:`ImageRow` per image (a comparison reads them all)."""
        rows = self._connection().execute(
            "SELECT i.id, c.root, i.path, i.group_name, i.sha256 FROM images i"
            " JOIN collections c ON c.id = i.collection_id WHERE i.status = ? ORDER BY i.id", (status,))
        return [(i, str(Path(root) / path), group, sha) for i, root, path, group, sha in rows]  # = ImageRow.abspath

    def set_images_info(self, infos: Iterable[tuple[int, str | None, int | None, int | None, str]]) -> None:
        """:meth:`set_image_info` for many images in one transaction: (id, sha256, width, height, status)."""
        with self.transaction() as conn:
            conn.executemany("UPDATE images SET sha256 = ?, width = ?, height = ?, status = ?, error = NULL"
                             " WHERE id = ?", [(sha, w, h, status, i) for i, sha, w, h, status in infos])

    def image(self, image_id: int) -> ImageRow:
        rows = self.images(ids=[image_id])
        if not rows:
            raise KeyError(f"no image with id {image_id}")
        return rows[0]

    def find_image(self, path: str) -> ImageRow | None:
        """An image by its catalog path (relative to its collection root) or absolute path; the
        lowest id when several match. One indexed lookup per collection (``UNIQUE (collection_id,
        path)``), not a scan of the images: a search by path stays instant at a million rows."""
        resolved = Path(path).resolve()
        found: list[ImageRow] = []
        for collection in self.query("SELECT id, root FROM collections"):
            keys = {path}
            try:
                keys.add(resolved.relative_to(collection["root"]).as_posix())
            except ValueError:
                pass  # not under this collection's root
            rows = self.query(
                "SELECT i.*, c.root FROM images i JOIN collections c ON c.id = i.collection_id"
                f" WHERE i.collection_id = ? AND i.path IN ({', '.join('?' * len(keys))}) ORDER BY i.id",
                (collection["id"], *sorted(keys)))
            found += [row for row in map(_row_to_image, rows)
                      if row.path == path or str(row.abspath) == str(resolved)]
        return min(found, key=lambda row: row.id, default=None)

    def groups(self) -> dict[str, int]:
        """Class name -> number of images (distractors and unlabelled images excluded)."""
        rows = self.query(
            "SELECT group_name, COUNT(*) AS n FROM images WHERE group_name IS NOT NULL AND group_name != ?"
            " GROUP BY group_name ORDER BY group_name",
            (DISTRACTOR,),
        )
        return {r["group_name"]: r["n"] for r in rows}

    def metadata_columns(self) -> list[str]:
        """The metadata keys any image carries (the extra columns of its source), sorted."""
        rows = self.query("SELECT DISTINCT j.key FROM images i, json_each(i.metadata) j ORDER BY j.key")
        return [r[0] for r in rows]

    def metadata_values(self, column: str) -> dict[int, str | None]:
        """Image id -> its value in metadata ``column`` (``None`` where absent), every image.

        One ``json_extract`` per row, no :class:`ImageRow` built: what the collection map colours
        100k points by. An empty string counts as no value."""
        conn = self._connection()
        if '"' in column:  # SQLite's JSON path has no escape for a quote in a key: parse here
            values = {i: json.loads(m).get(column) for i, m in conn.execute("SELECT id, metadata FROM images")}
            return {i: None if v in (None, "") else str(v) for i, v in values.items()}
        rows = conn.execute("SELECT id, NULLIF(CAST(json_extract(metadata, ?) AS TEXT), '') FROM images",
                            ('$."' + column + '"',))
        return dict(rows.fetchall())

    # -- runs --------------------------------------------------------------------------------
    def start_run(self, kind: str, spec: str | None, params: dict) -> int | None:
        """Record the start of a run; a read-only catalog keeps no run log (``None``): the log
        records what was done, and a search or an evaluation of a read-only project changes nothing."""
        if self.read_only:
            return None
        with self.transaction() as conn:
            return conn.execute(
                "INSERT INTO runs (kind, spec, started_at, params) VALUES (?, ?, ?, ?)",
                (kind, spec, time.time(), json.dumps(params, sort_keys=True)),
            ).lastrowid

    def finish_run(self, run_id: int | None, result: dict) -> None:
        if run_id is None:
            return
        with self.transaction() as conn:
            conn.execute(
                "UPDATE runs SET finished_at = ?, result = ? WHERE id = ?",
                (time.time(), json.dumps(result, sort_keys=True), run_id),
            )

    def runs(self, kind: str | None = None) -> list[dict]:
        sql, params = "SELECT * FROM runs", []
        if kind:
            sql, params = sql + " WHERE kind = ?", [kind]
        return [
            {**dict(r), "params": json.loads(r["params"]), "result": json.loads(r["result"]) if r["result"] else None}
            for r in self.query(sql + " ORDER BY id", params)
        ]


# Statuses of images that cannot be used (the others: ``ok``, and ``pending`` until read).
UNUSABLE = ("error", "missing")

# Images whose group is this label are in the database but never positives (groups.csv README).
DISTRACTOR = "distractor"


def _identity(path: Path) -> tuple[int, int]:
    stat = os.stat(path)
    return stat.st_dev, stat.st_ino


def _stat(path: str) -> tuple[int | None, float | None]:
    try:
        st = os.stat(path)
    except OSError:
        return None, None
    return st.st_size, st.st_mtime


def _statements(script: str) -> Iterator[str]:
    """The SQL statements of a script (``;`` inside a trigger body does not end one)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""
    if pending.strip(" \n;"):
        yield pending


def _row_to_image(r: sqlite3.Row) -> ImageRow:
    return ImageRow(
        id=r["id"],
        collection_id=r["collection_id"],
        path=r["path"],
        abspath=Path(r["root"]) / r["path"],
        group=r["group_name"],
        is_query=bool(r["is_query"]),
        status=r["status"],
        error=r["error"],
        sha256=r["sha256"],
        width=r["width"],
        height=r["height"],
        metadata=json.loads(r["metadata"]),
    )
