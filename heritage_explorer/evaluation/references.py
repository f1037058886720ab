"""Which image of a class to suggest as its reference (Gominski et al. 2019, §2.2).

The paper picks, for each class, "the image depicting the object in the most common way in the
class". With descriptors at hand, a good first guess is the *medoid* under cosine similarity:
the image whose mean similarity to the other images of the class is highest. The annotator
still decides; this only orders the candidates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ReferenceSuggestion:
    """The most central image of a class and every member's mean cosine to the others."""

    image_id: int
    mean_similarity: float
    mean_similarities: dict[int, float]  # image id -> mean cosine to the other images of the class


def mean_cosine_to_others(vectors: np.ndarray) -> np.ndarray:
    """For each row of ``vectors`` (N×D), its mean cosine similarity to the N−1 other rows.

    Rows are L2-normalised here, so unnormalised input gives the same answer; a zero row has
    similarity 0 to everything. Needs at least two rows.
    """
    matrix = np.asarray(vectors, dtype=np.float64)
    if matrix.ndim != 2 or len(matrix) < 2:
        raise ValueError(f"need an N×D matrix with N ≥ 2, got shape {matrix.shape}")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    similarity = unit @ unit.T
    return (similarity.sum(axis=1) - np.diag(similarity)) / (len(unit) - 1)


def most_central(image_ids: Sequence[int], vectors: np.ndarray) -> ReferenceSuggestion:
    """The image with the highest mean cosine to the others (ties: the lowest id, i.e. catalog order)."""
    ids = [int(i) for i in image_ids]
    if len(ids) != len(vectors):
        raise ValueError(f"{len(ids)} image ids for {len(vectors)} vectors")
    if len(set(ids)) != len(ids):
        raise ValueError("an image id is given twice")
    means = mean_cosine_to_others(vectors)
    order = sorted(range(len(ids)), key=lambda r: (-round(float(means[r]), 12), ids[r]))
    best = order[0]
    return ReferenceSuggestion(ids[best], float(means[best]), {ids[r]: float(means[r]) for r in range(len(ids))})
