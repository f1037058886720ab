"""How well a 2-D layout keeps the neighbourhoods of the descriptor space (issue #21 part 3).

Three figures, each over every point (or a seeded sample of ``max_queries`` points, compared with
all the others):

* **kNN recall@k** — the fraction of a point's k nearest neighbours by descriptor (cosine) that are
  also among its k nearest on the map (Euclidean);
* **trustworthiness@k** (Venna & Kaski 2001, as in ``sklearn.manifold.trustworthiness``) — 1 minus
  the normalised penalty of map neighbours that are far in the descriptor space:
  ``T(k) = 1 - 2 / (n k (2n - 3k - 1)) Σ_i Σ_{j ∈ U_i} (r(i, j) - k)``, where ``U_i`` are the map
  neighbours of ``i`` that are not among its k descriptor neighbours and ``r(i, j)`` is the rank of
  ``j`` among the descriptor neighbours of ``i`` (1 = nearest); with a sample of m points the sum
  runs over them and ``n`` in the factor becomes m for the outer count;
* **group agreement@k** — the fraction of a point's k map neighbours in its own group, for the
  points that have a group with other members, and the chance level of the same points (the
  share of the other images in their group: ``(|g| - 1) / (n - 1)``).

Pure numpy; rows are ranked a block at a time so that memory stays ``block × n``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

BLOCK = 256


@dataclass(frozen=True)
class NeighbourhoodFigures:
    k: int
    n_points: int
    n_queries: int  # points whose neighbourhoods were compared
    knn_recall: float
    trustworthiness: float
    group_k: int
    group_agreement: float | None  # None: no point has a group with another member
    group_chance: float | None

    def to_json(self) -> dict:
        return {"k": self.k, "n_points": self.n_points, "n_queries": self.n_queries,
                f"knn_recall@{self.k}": round(self.knn_recall, 4),
                f"trustworthiness@{self.k}": round(self.trustworthiness, 4),
                f"group_agreement@{self.group_k}": None if self.group_agreement is None
                else round(self.group_agreement, 4),
                f"group_chance@{self.group_k}": None if self.group_chance is None else round(self.group_chance, 4)}


def _ranked(distances: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Column order of each row by increasing distance, the point itself excluded (last)."""
    d = distances.astype(np.float64, copy=True)
    d[np.arange(len(rows)), rows] = np.inf
    return np.argsort(d, axis=1, kind="stable")[:, :-1]


def neighbourhood_figures(
    vectors: np.ndarray, layout: np.ndarray, groups: Sequence[str | None] | None = None, *, k: int = 10,
    group_k: int = 5, max_queries: int = 2000, seed: int = 0,
) -> NeighbourhoodFigures:
    """The figures above for L2-normalised ``vectors`` (n×D) laid out as ``layout`` (n×2).

    ``groups[i]`` is the group of point i; None or ``"distractor"`` is no group.
    """
    n = len(vectors)
    if len(layout) != n or n < 3:
        raise ValueError(f"need matching vectors and layout of at least 3 points, got {n} and {len(layout)}")
    k = min(k, (2 * n - 2) // 3)  # keeps 2n - 3k - 1 > 0 (and k <= n - 2)
    group_k = min(group_k, n - 1)
    rng = np.random.default_rng(seed)
    queries = np.arange(n) if n <= max_queries else np.sort(rng.choice(n, max_queries, replace=False))
    vectors = np.asarray(vectors, np.float32)
    layout = np.asarray(layout, np.float64)
    labels = None
    if groups is not None:
        names = [g if g not in (None, "", "distractor") else None for g in groups]
        codes = {g: c for c, g in enumerate(sorted({g for g in names if g is not None}))}
        labels = np.array([codes[g] if g is not None else -1 for g in names], np.int64)
        sizes = np.bincount(labels[labels >= 0], minlength=len(codes))
    recall_hits = penalty = 0.0
    agreement, chance = [], []
    for start in range(0, len(queries), BLOCK):
        rows = queries[start:start + BLOCK]
        descriptor_order = _ranked(1.0 - vectors[rows] @ vectors.T, rows)
        map_d = ((layout[rows, None, :] - layout[None, :, :]) ** 2).sum(axis=2)
        map_order = _ranked(map_d, rows)
        rank = np.full((len(rows), n), n, np.int64)  # the point itself: never a map neighbour
        np.put_along_axis(rank, descriptor_order, np.arange(1, n)[None, :].repeat(len(rows), 0), axis=1)
        map_k = map_order[:, :k]
        rank_of_map_k = np.take_along_axis(rank, map_k, axis=1)
        recall_hits += float((rank_of_map_k <= k).sum())
        penalty += float(np.where(rank_of_map_k > k, rank_of_map_k - k, 0).sum())
        if labels is not None:
            for row, near in zip(rows, map_order[:, :group_k], strict=True):
                label = labels[row]
                if label < 0 or sizes[label] < 2:
                    continue
                agreement.append(float((labels[near] == label).mean()))
                chance.append((sizes[label] - 1) / (n - 1))
    m = len(queries)
    trust = 1.0 - 2.0 / (m * k * (2.0 * n - 3.0 * k - 1.0)) * penalty
    return NeighbourhoodFigures(
        k=k, n_points=n, n_queries=m, knn_recall=recall_hits / (m * k), trustworthiness=trust, group_k=group_k,
        group_agreement=float(np.mean(agreement)) if agreement else None,
        group_chance=float(np.mean(chance)) if chance else None)
