"""The catalog's schema: the migrations that build it, one per version.

The version is kept in the ``meta`` table; ``MIGRATIONS[i]`` upgrades version ``i`` to ``i + 1``,
so catalogs written by older versions keep opening (``Catalog`` applies them on open).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from heritage_explorer.core.catalog_search import MIGRATION_FTS

SCHEMA_VERSION = 3

MIGRATIONS: list[str] = [
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
    # 2 -> 3: the archivist's own label of an image (core/labels.py), apart from the imported class.
    """
    CREATE TABLE image_labels (
        image_id INTEGER PRIMARY KEY REFERENCES images(id),
        label TEXT NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE INDEX image_labels_label ON image_labels(label);
    """,
]


def statements(script: str) -> Iterator[str]:
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
