"""Shared synthetic data for the index tests: clustered L2-normalised vectors."""

from __future__ import annotations

import numpy as np
import pytest

from heritage_explorer.benchmarks.search import clustered_unit_vectors

N_BASE = 20_000
N_QUERIES = 500
DIM = 128


@pytest.fixture(scope="session")
def clustered() -> tuple[np.ndarray, np.ndarray]:
    """20,000 base vectors and 500 held-out queries from 100 Gaussian clusters in 128-d."""
    data = clustered_unit_vectors(N_BASE + N_QUERIES, DIM, clusters=100, seed=7)
    return data[:N_BASE], data[N_BASE:]


@pytest.fixture(scope="session")
def exact_top10(clustered: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Exact top-10 ids of the queries (ids = row numbers), by numpy matmul."""
    base, queries = clustered
    scores = queries @ base.T
    return np.argsort(-scores, axis=1, kind="stable")[:, :10]
