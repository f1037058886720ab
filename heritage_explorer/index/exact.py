"""Brute-force inner-product search in numpy: the reference the HNSW index is tested against."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from numpy.typing import ArrayLike, NDArray

from heritage_explorer.index.validation import as_ids, as_vectors, check_k

# Queries are scored in blocks so that a block's score matrix stays under ~64 MB.
_SCORE_BLOCK_ELEMENTS = 1 << 24


def rank_all(queries: ArrayLike, database: ArrayLike, ids: ArrayLike, *, chunk: int = 256
             ) -> Iterator[tuple[NDArray[np.int64], NDArray[np.float32]]]:
    """For each query row: every database id ranked by decreasing inner product, with the scores.

    The one exhaustive ranking (evaluation needs the rank of the last positive, Alegoria §4):
    queries are scored ``chunk`` rows at a time; ties keep the database order (stable sort).
    """
    queries, database, ids = np.asarray(queries, np.float32), np.asarray(database, np.float32), np.asarray(ids)
    for begin in range(0, len(queries), chunk):
        scores = queries[begin:begin + chunk] @ database.T
        order = np.argsort(-scores, axis=1, kind="stable")
        for ranked, row in zip(order, scores, strict=True):
            yield ids[ranked], row[ranked]


class ExactIndex:
    """Exact top-k by inner product (cosine similarity for L2-normalised vectors).

    ``add`` with an id already present replaces that id's vector, as ``HnswIndex`` does.
    Storage grows geometrically, so adding in small batches stays amortised O(N·D).
    """

    def __init__(self, dim: int) -> None:
        if dim < 1:
            raise ValueError(f"dim must be positive, got {dim}")
        self.dim = dim
        self._vectors = np.empty((0, dim), dtype=np.float32)
        self._ids = np.empty(0, dtype=np.int64)
        self._rows: dict[int, int] = {}
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def ids(self) -> NDArray[np.int64]:
        """The ids held, ascending."""
        return np.sort(self._ids[: self._count])

    def add(self, vectors: ArrayLike, ids: ArrayLike) -> None:
        """Add N×D vectors under ``ids``; an id already present has its vector replaced."""
        vectors = as_vectors(vectors, self.dim)
        ids = as_ids(ids, vectors.shape[0])
        rows = np.array([self._rows.get(int(i), -1) for i in ids], dtype=np.int64)
        present = rows >= 0
        self._vectors[rows[present]] = vectors[present]
        new_vectors, new_ids = vectors[~present], ids[~present]
        needed = self._count + new_ids.size
        if needed > self._vectors.shape[0]:
            capacity = max(needed, 2 * self._vectors.shape[0], 1024)
            grown = np.empty((capacity, self.dim), dtype=np.float32)
            grown[: self._count] = self._vectors[: self._count]
            grown_ids = np.empty(capacity, dtype=np.int64)
            grown_ids[: self._count] = self._ids[: self._count]
            self._vectors, self._ids = grown, grown_ids
        self._vectors[self._count : needed] = new_vectors
        self._ids[self._count : needed] = new_ids
        self._rows.update(zip(new_ids.tolist(), range(self._count, needed), strict=True))
        self._count = needed

    def query(self, vectors: ArrayLike, k: int) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """Top-k ids and scores (inner products) per query row, by decreasing score.

        Returns two n×min(k, len(self)) arrays; equal scores within a row are ordered by ascending id.
        """
        vectors = as_vectors(vectors, self.dim)
        k = min(check_k(k), self._count)
        n = vectors.shape[0]
        out_ids = np.empty((n, k), dtype=np.int64)
        out_scores = np.empty((n, k), dtype=np.float32)
        if k == 0 or n == 0:
            return out_ids, out_scores
        stored, stored_ids = self._vectors[: self._count], self._ids[: self._count]
        block = max(1, _SCORE_BLOCK_ELEMENTS // self._count)
        for start in range(0, n, block):
            scores = vectors[start : start + block] @ stored.T
            if k < self._count:
                top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
            else:
                top = np.broadcast_to(np.arange(self._count), scores.shape)
            top_scores = np.take_along_axis(scores, top, axis=1)
            top_ids = stored_ids[top]
            order = np.lexsort((top_ids, -top_scores), axis=1)
            out_ids[start : start + block] = np.take_along_axis(top_ids, order, axis=1)
            out_scores[start : start + block] = np.take_along_axis(top_scores, order, axis=1)
        return out_ids, out_scores
