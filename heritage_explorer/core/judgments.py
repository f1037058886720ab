"""Relevance judgments of the revisited protocol (Radenović et al. 2018, see
``evaluation/metrics.py``): each (query, result) pair judged ``easy``, ``hard``, ``junk`` or
``wrong``, stored in the catalog's ``judgments`` table.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from heritage_explorer.core.catalog import DISTRACTOR, Catalog
from heritage_explorer.core.catalog_connection import id_chunks
from heritage_explorer.core.errors import AnnotationError
from heritage_explorer.core.records import ImageRow

JUDGMENT_LABELS: tuple[str, ...] = ("easy", "hard", "junk", "wrong")


class JudgmentStore:
    """Reads and writes the judgments of a :class:`Catalog` (validated, transactional)."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def judgments(self, *, query_id: int | None = None) -> dict[int, dict[int, str]]:
        """Query id -> {result id -> label} from the ``judgments`` table (only ``query_id``'s when given:
        an index lookup, not a read of the whole table)."""
        out: dict[int, dict[int, str]] = {}
        where, params = ("WHERE query_id = ?", (int(query_id),)) if query_id is not None else ("", ())
        for r in self.catalog.query(
                f"SELECT query_id, result_id, label FROM judgments {where} ORDER BY query_id, result_id", params):
            out.setdefault(int(r["query_id"]), {})[int(r["result_id"])] = r["label"]
        return out

    def save_judgments(self, judgments: Mapping[int, Mapping[int, str]], *, replace: bool = False) -> int:
        """Store judgments (validated labels, existing images); ``replace`` clears the table first."""
        rows = []
        known = self._existing_ids({int(i) for q, results in judgments.items() for i in (q, *results)})
        for query, results in judgments.items():
            for result, label in results.items():
                if label not in JUDGMENT_LABELS:
                    raise AnnotationError(f"judgment {label!r} for #{query}->#{result}: expected one of {JUDGMENT_LABELS}")
                missing = {int(query), int(result)} - known
                if missing:
                    raise AnnotationError(f"judgment #{query}->#{result}: no image with id {min(missing)}")
                if int(query) == int(result):
                    raise AnnotationError(f"judgment #{query}->#{result}: a query cannot be judged against itself")
                rows.append((int(query), int(result), label, time.time()))
        with self.catalog.transaction("judging") as conn:
            if replace:
                conn.execute("DELETE FROM judgments")
            conn.executemany(
                "INSERT OR REPLACE INTO judgments (query_id, result_id, label, updated_at) VALUES (?, ?, ?, ?)", rows)
        return len(rows)

    def delete_judgment(self, query_id: int, result_id: int) -> bool:
        """Forget the judgment of ``result_id`` for ``query_id`` (back to unjudged); whether one existed."""
        with self.catalog.transaction("judging") as conn:
            cursor = conn.execute("DELETE FROM judgments WHERE query_id = ? AND result_id = ?",
                                  (int(query_id), int(result_id)))
        return cursor.rowcount > 0

    def _existing_ids(self, ids: set[int]) -> set[int]:
        """Which of ``ids`` are catalog images (one query per chunk of ids, not a scan of the catalog)."""
        found: set[int] = set()
        for chunk in id_chunks(ids):
            rows = self.catalog.query(f"SELECT id FROM images WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            found.update(int(r["id"]) for r in rows)
        return found


def judgments_from_column(images: Iterable[ImageRow], column: str) -> dict[int, dict[int, str]]:
    """Judgments from a per-image metadata column (e.g. ``difficulty`` of a groups.csv).

    For every query image with a class, the other images of its class are judged with their own
    value of ``column``: ``easy``, ``hard`` or ``junk`` (case-insensitive); an empty value means an
    ordinary positive (``easy``). Images of other classes are unjudged, i.e. negatives.
    """
    rows = list(images)
    if rows and not any(column in row.metadata for row in rows):
        raise AnnotationError(f"no image has a {column!r} column")
    members: dict[str, list[tuple[int, str]]] = {}
    for row in rows:
        if row.group in (None, "", DISTRACTOR):
            continue
        value = (row.metadata.get(column) or "easy").strip().lower()
        if value not in ("easy", "hard", "junk"):
            raise AnnotationError(f"{row.path}: {column}={value!r}, expected easy, hard, junk or empty")
        members.setdefault(row.group, []).append((row.id, value))
    return {
        row.id: {other: label for other, label in members[row.group] if other != row.id}
        for row in rows
        if row.is_query and row.group in members
    }
