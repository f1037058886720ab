"""Filtering the catalog at a million rows: an FTS5 index of path, class and metadata values, and
per-status counts kept by triggers (schema version 2, see ``catalog_schema.MIGRATIONS``).

The free-text index is contentless (it stores only rowids and tokens); triggers on ``images``
insert and delete the same token text, so the index always reflects the table. Text filters
match word prefixes: every word typed must begin a word of the path, the class or a metadata
value ("dam" finds "damaged"; metadata keys are not indexed).
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

# The text indexed for one image's metadata: its JSON values, space-separated (keys left out).
_META_TEXT = "(SELECT group_concat(value, ' ') FROM json_each({col}.metadata))"
_FTS_VALUES = "{col}.id, {col}.path, COALESCE({col}.group_name, ''), COALESCE(" + _META_TEXT + ", '')"

MIGRATION_FTS = (
    """
    CREATE VIRTUAL TABLE images_fts USING fts5(
        path, grp, meta, content='', tokenize='unicode61 remove_diacritics 2'
    );
    INSERT INTO images_fts (rowid, path, grp, meta) SELECT {new} FROM images AS NEW;
    CREATE TRIGGER images_fts_insert AFTER INSERT ON images BEGIN
        INSERT INTO images_fts (rowid, path, grp, meta) VALUES ({new});
    END;
    CREATE TRIGGER images_fts_delete AFTER DELETE ON images BEGIN
        INSERT INTO images_fts (images_fts, rowid, path, grp, meta) VALUES ('delete', {old});
    END;
    CREATE TRIGGER images_fts_update AFTER UPDATE OF path, group_name, metadata ON images BEGIN
        INSERT INTO images_fts (images_fts, rowid, path, grp, meta) VALUES ('delete', {old});
        INSERT INTO images_fts (rowid, path, grp, meta) VALUES ({new});
    END;
    CREATE TABLE image_counts (status TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO image_counts (status, n) SELECT status, COUNT(*) FROM images GROUP BY status;
    CREATE TRIGGER image_counts_insert AFTER INSERT ON images BEGIN
        INSERT INTO image_counts (status, n) VALUES (NEW.status, 1) ON CONFLICT (status) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER image_counts_delete AFTER DELETE ON images BEGIN
        UPDATE image_counts SET n = n - 1 WHERE status = OLD.status;
    END;
    CREATE TRIGGER image_counts_update AFTER UPDATE OF status ON images WHEN OLD.status != NEW.status BEGIN
        UPDATE image_counts SET n = n - 1 WHERE status = OLD.status;
        INSERT INTO image_counts (status, n) VALUES (NEW.status, 1) ON CONFLICT (status) DO UPDATE SET n = n + 1;
    END
    """
    .replace("{new}", _FTS_VALUES.format(col="NEW"))
    .replace("{old}", _FTS_VALUES.format(col="OLD"))
)

ANY_GROUP = None  # ImageFilter.group: every image
NO_GROUP = ""  # ImageFilter.group: images without a class

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class ImageFilter:
    """Which images a view shows: words of free text (prefixes, all required) and a class."""

    text: str = ""
    group: str | None = ANY_GROUP

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text.lower())

    def sql(self) -> tuple[str, str, str, list]:
        """(FROM clause, WHERE condition, id column, parameters) selecting ``i``, the matching images.

        With text, the FTS index drives the scan (the class index is not used: ``+``): it yields
        rowids in ascending order, so a page ordered by ``f.rowid`` stops after ``LIMIT``
        matches instead of collecting and sorting all of them.
        """
        source, clauses, params, key, group = "images i", [], [], "i.id", "i.group_name"
        if self.words:
            source, key, group = "images_fts f JOIN images i ON i.id = f.rowid", "f.rowid", "+i.group_name"
            clauses.append("images_fts MATCH ?")
            params.append(" ".join(f'"{w}"*' for w in self.words))
        if self.group == NO_GROUP:
            clauses.append(f"({group} IS NULL OR {group} = '')")
        elif self.group is not None:
            clauses.append(f"{group} = ?")
            params.append(self.group)
        return source, (" AND ".join(clauses) or "1"), key, params


@dataclass(frozen=True, slots=True)
class ThumbnailRow:
    """What the grid needs of one image: no metadata, no per-row ImageRow."""

    id: int
    path: str  # absolute
    group: str | None
    sha256: str | None


class CatalogSearch:
    """The catalog's filtering and counting methods (mixed into :class:`Catalog`, whose
    ``query(sql, params)`` they use)."""

    query: Callable[..., list[sqlite3.Row]]

    def thumbnail_rows(self, image_filter: ImageFilter = ImageFilter(), *, after_id: int = 0,  # noqa: B008
                       limit: int = 1000) -> list[ThumbnailRow]:
        """The next ``limit`` matching images with id > ``after_id``, in id order (keyset paging:
        each page costs the same however far the grid has scrolled)."""
        source, where, key, params = image_filter.sql()
        rows = self.query(
            f"SELECT i.id, c.root, i.path, i.group_name, i.sha256 FROM {source}"
            f" JOIN collections c ON c.id = i.collection_id WHERE {where} AND {key} > ? ORDER BY {key} LIMIT ?",
            [*params, after_id, limit],
        )
        return [ThumbnailRow(r[0], os.path.join(r[1], r[2]), r[3], r[4]) for r in rows]

    def search_image_ids(self, text: str = "", *, group: str | None = ANY_GROUP, limit: int = 100,
                         offset: int = 0) -> list[int]:
        """Ids of the images matching ``text`` and ``group``, in id order, one page."""
        source, where, key, params = ImageFilter(text, group).sql()
        rows = self.query(f"SELECT i.id FROM {source} WHERE {where} ORDER BY {key} LIMIT ? OFFSET ?",
                          [*params, limit, offset])
        return [r[0] for r in rows]

    def count_matching(self, image_filter: ImageFilter = ImageFilter()) -> int:
        """How many images a filter shows; the unfiltered total comes from the counts table."""
        if image_filter == ImageFilter():
            return sum(self.count_images().values())
        source, where, _, params = image_filter.sql()
        if image_filter.group is ANY_GROUP:  # the index alone answers
            return self.query("SELECT COUNT(*) FROM images_fts WHERE images_fts MATCH ?", params)[0][0]
        return self.query(f"SELECT COUNT(*) FROM {source} WHERE {where}", params)[0][0]

    def count_images(self) -> dict[str, int]:
        """Images per status, from the counts the triggers keep (no scan of the images)."""
        return {r[0]: r[1] for r in self.query("SELECT status, n FROM image_counts WHERE n > 0")}

    def group_labels(self) -> list[str | None]:
        """Every distinct class label, ``None`` included when some image has none."""
        return [r[0] for r in self.query("SELECT DISTINCT group_name FROM images")]

