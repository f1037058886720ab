"""Input checks shared by the indexes: vectors are N×D float32, ids are unique non-negative int64."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def as_vectors(vectors: ArrayLike, dim: int) -> NDArray[np.float32]:
    """Return ``vectors`` as a C-contiguous float32 N×``dim`` array; raise ValueError otherwise.

    Non-finite values are refused: one NaN would poison every distance it touches (and, in an
    HNSW graph, the links built from it). L2-normalisation is the caller's contract (descriptors
    are normalised when extracted) and is not re-checked here.
    """
    array = np.ascontiguousarray(vectors, dtype=np.float32)
    if array.ndim != 2 or array.shape[1] != dim:
        raise ValueError(f"expected an N×{dim} array of vectors, got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError("vectors contain NaN or infinite values")
    return array


def as_ids(ids: ArrayLike, count: int) -> NDArray[np.int64]:
    """Return ``ids`` as an int64 array of ``count`` unique non-negative ids; raise ValueError otherwise."""
    array = np.asarray(ids)
    if array.ndim != 1 or array.shape[0] != count:
        raise ValueError(f"expected {count} ids in a 1-D array, got shape {array.shape}")
    if array.size and not np.issubdtype(array.dtype, np.integer):
        raise ValueError(f"ids must be integers, got dtype {array.dtype}")
    array = array.astype(np.int64, copy=False)
    if array.size and array.min() < 0:
        raise ValueError("ids must be non-negative")
    if np.unique(array).size != array.size:
        raise ValueError("ids repeat within one batch")
    return array


def check_k(k: int) -> int:
    """Validate the number of neighbours asked for."""
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")
    return int(k)
