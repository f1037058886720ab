"""Query expansion and database-side augmentation for global descriptors (pure numpy).

Chen et al., survey §4.2.2 ("Discussion") and §5: re-ranking after the initial filtering; the
methods here are those of Radenović, Tolias & Chum, "Fine-tuning CNN Image Retrieval with No
Human Annotation" (TPAMI 2019, §3.4 and §5 "Query expansion" / "Database-side augmentation"):

* **AQE**, average query expansion (Chum et al. 2007): the query is replaced by the L2-normalised
  sum of itself and its top-``k`` database neighbours;
* **αQE**: the same, each neighbour weighted by ``(qᵀd)^α`` (α = 0 is AQE);
* **DBA**, database-side augmentation (Arandjelović & Zisserman 2012; αDBA in Radenović et al.):
  every database vector is replaced by the L2-normalised weighted sum of its top-``k``
  neighbours in the database, itself included, with the same weights.

Expansion suffixes in a spec string keep results reproducible: ``+aqe<k>`` (AQE), ``+aqe<k>a<α>``
(αQE), ``+dba<k>`` / ``+dba<k>a<α>``; DBA is applied before QE whatever the order in the string,
and the canonical form writes ``+dba`` first (``efflite0-gem+dba5+aqe5a3``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_BLOCK = 1024  # rows of the similarity matrix computed at once


@dataclass(frozen=True)
class ExpansionSpec:
    """Which expansions to apply: DBA with ``dba_k`` neighbours (0: none), QE with ``qe_k`` (0: none)."""

    qe_k: int = 0
    qe_alpha: float = 0.0
    dba_k: int = 0
    dba_alpha: float = 0.0

    @property
    def suffix(self) -> str:
        def token(name: str, k: int, alpha: float) -> str:
            return "" if k == 0 else f"+{name}{k}" + (f"a{alpha!r}".removesuffix(".0") if alpha else "")

        return token("dba", self.dba_k, self.dba_alpha) + token("aqe", self.qe_k, self.qe_alpha)

    @property
    def active(self) -> bool:
        return self.qe_k > 0 or self.dba_k > 0


def _weights(similarities: np.ndarray, alpha: float) -> np.ndarray:
    """``sim^α`` (negative similarities count as 0 when α > 0)."""
    if alpha == 0:
        return np.ones_like(similarities)
    return np.power(np.clip(similarities, 0.0, None), alpha)


def _l2n(x: np.ndarray) -> np.ndarray:
    return (x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-12)).astype(np.float32)


def top_neighbours(queries: np.ndarray, database: np.ndarray, k: int,
                   exclude: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Rows (Q×k) and similarities of the ``k`` most similar database vectors of each query.

    ``exclude[i]`` (a database row, or -1) is left out of query ``i``'s neighbours (the query's
    own row when queries are database images). Ties keep the lower row first.
    """
    queries, database = np.asarray(queries, np.float32), np.asarray(database, np.float32)
    k = min(k, len(database) - (0 if exclude is None else 1))
    rows = np.zeros((len(queries), max(k, 0)), np.int64)
    sims = np.zeros((len(queries), max(k, 0)), np.float32)
    if k <= 0:
        return rows, sims
    for start in range(0, len(queries), _BLOCK):
        scores = queries[start:start + _BLOCK] @ database.T
        if exclude is not None:
            block = np.asarray(exclude[start:start + _BLOCK])
            valid = block >= 0
            scores[np.flatnonzero(valid), block[valid]] = -np.inf
        order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
        rows[start:start + _BLOCK] = order
        sims[start:start + _BLOCK] = np.take_along_axis(scores, order, axis=1)
    return rows, sims


def query_expansion(queries: np.ndarray, database: np.ndarray, k: int, alpha: float = 0.0,
                    exclude: np.ndarray | None = None) -> np.ndarray:
    """AQE (α = 0) or αQE: ``normalise(q + Σ_{i≤k} (qᵀd_i)^α d_i)`` over the top-``k`` database vectors."""
    queries = np.asarray(queries, np.float32)
    rows, sims = top_neighbours(queries, database, k, exclude)
    expanded = queries + np.einsum("qk,qkd->qd", _weights(sims, alpha), np.asarray(database, np.float32)[rows])
    return _l2n(expanded)


def database_augmentation(database: np.ndarray, k: int, alpha: float = 0.0) -> np.ndarray:
    """DBA (α = 0) or αDBA: each vector becomes ``normalise(Σ_{j∈top-k, itself included} (xᵀx_j)^α x_j)``."""
    database = np.asarray(database, np.float32)
    rows, sims = top_neighbours(database, database, k)
    return _l2n(np.einsum("nk,nkd->nd", _weights(sims, alpha), database[rows]))


def expand(database: np.ndarray, query_rows: np.ndarray, expansion: ExpansionSpec) -> tuple[np.ndarray, np.ndarray]:
    """(expanded queries, augmented database): DBA of the database, then QE of the database images ``query_rows``.

    Scores are then ``queries @ database.T``. A query's own row is never one of its expansion
    neighbours (it is already the query).
    """
    database = np.asarray(database, np.float32)
    if expansion.dba_k:
        database = database_augmentation(database, expansion.dba_k, expansion.dba_alpha)
    query_rows = np.asarray(query_rows, np.int64)
    queries = database[query_rows]
    if expansion.qe_k:
        queries = query_expansion(queries, database, expansion.qe_k, expansion.qe_alpha, exclude=query_rows)
    return queries, database
