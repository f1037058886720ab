"""The project catalog: one SQLite file (WAL mode) holding images, classes, annotations and runs.

The schema is versioned in the ``meta`` table and built by the migrations of
:mod:`.catalog_schema`; the connections, transactions and write errors are
:mod:`.catalog_connection`'s; the FTS5 filtering :mod:`.catalog_search`'s.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from heritage_explorer.core.catalog_connection import CatalogConnection, id_chunks
from heritage_explorer.core.catalog_schema import MIGRATIONS, SCHEMA_VERSION, statements
from heritage_explorer.core.catalog_search import CatalogSearch
from heritage_explorer.core.errors import ProjectError, ReadOnlyProjectError
from heritage_explorer.core.records import ImageRow, SourceListing

CATALOG_NAME = "catalog.sqlite"


class ImageInfoUpdate(NamedTuple):
    """What reading one image found (``Catalog.set_images_info``); ``size``/``mtime`` None: unchanged."""

    image_id: int
    sha256: str | None
    width: int | None
    height: int | None
    status: str
    error: str | None = None
    size: int | None = None
    mtime: float | None = None


class Catalog(CatalogSearch, CatalogConnection):
    """A project's SQLite catalog: collections and images, their metadata and the run log
    (connections and transactions: :class:`CatalogConnection`; filtering: :class:`CatalogSearch`)."""

    def __init__(self, path: str | Path, *, create: bool = True, busy_timeout_s: float = 10.0,
                 read_only: bool | None = None):
        super().__init__(path, create=create, busy_timeout_s=busy_timeout_s, read_only=read_only)
        if self.read_only:
            self._check_schema()
        else:
            self._migrate()
        self.remember_file()

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
                for statement in statements(MIGRATIONS[step]):
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

    def set_image_info(self, image_id: int, *, sha256: str | None, width: int | None, height: int | None,
                       status: str, error: str | None = None, size: int | None = None,
                       mtime: float | None = None) -> None:
        """What reading one image found (:meth:`set_images_info` for one image)."""
        self.set_images_info([ImageInfoUpdate(image_id, sha256, width, height, status, error, size, mtime)])

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
        if ids is None:
            where = " WHERE " + " AND ".join(clauses) if clauses else ""
            return [_row_to_image(r) for r in self.query(sql + where + " ORDER BY i.id", params)]
        found = []
        for chunk in id_chunks(ids):  # one IN list per chunk: a selection may exceed SQLite's variables
            where = " WHERE " + " AND ".join([*clauses, f"i.id IN ({','.join('?' * len(chunk))})"])
            found += [_row_to_image(r) for r in self.query(sql + where + " ORDER BY i.id", [*params, *chunk])]
        return found

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

    def set_images_info(self, updates: Iterable[ImageInfoUpdate | tuple]) -> None:
        """What reading many images found, in one transaction: :class:`ImageInfoUpdate` rows (or
        tuples in its order: id, sha256, width, height, status[, error, size, mtime]); the file's
        size and mtime are kept where the row has none."""
        rows = [ImageInfoUpdate(*update) for update in updates]
        with self.transaction() as conn:
            conn.executemany(
                "UPDATE images SET sha256 = ?, width = ?, height = ?, status = ?, error = ?,"
                " size = COALESCE(?, size), mtime = COALESCE(?, mtime) WHERE id = ?",
                [(r.sha256, r.width, r.height, r.status, r.error, r.size, r.mtime, r.image_id) for r in rows])

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


def _stat(path: str) -> tuple[int | None, float | None]:
    try:
        st = os.stat(path)
    except OSError:
        return None, None
    return st.st_size, st.st_mtime


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
