"""Grouping and scoring of near-duplicate pairs (issue #21 part 2)."""

from __future__ import annotations

import numpy as np

from heritage_explorer.evaluation.grouping import connected_components, grouping_scores
from heritage_explorer.pipeline.near_duplicates import candidate_pairs


def test_copies_join_through_their_original():
    # 0-1 and 0-2 verified (two copies of 0), 3-4 another group, 5 alone.
    assert connected_components([(0, 1), (2, 0), (4, 3)]) == [[0, 1, 2], [3, 4]]


def test_candidates_include_rotated_thumbnails():
    rng = np.random.default_rng(0)
    base = rng.random((16, 16)).astype(np.float32)

    def signature(square):
        rows = [np.rot90(square, t).ravel() - np.rot90(square, t).mean() for t in range(4)]
        return np.stack([r / np.linalg.norm(r) for r in rows])

    others = [rng.random((16, 16)).astype(np.float32) for _ in range(4)]
    signatures = np.stack([signature(base), signature(np.rot90(base, 3))] + [signature(o) for o in others])
    vectors = np.eye(6, dtype=np.float32)  # descriptors that relate nothing
    pairs = candidate_pairs(vectors, signatures, k=0, rotation_k=1)
    assert (0, 1) in pairs


def test_pairwise_and_group_scores_by_hand():
    truth = [["a", "b", "c"], ["d", "e"]]
    found = [["a", "b"], ["d", "e", "f"]]
    s = grouping_scores(found, truth)
    # true pairs ab ac bc de; found ab de df ef: 2 correct of 4 found, 2 of 4 true
    assert (s.pair_precision, s.pair_recall) == (0.5, 0.5)
    assert (s.group_precision, s.group_recall) == (0.0, 0.0)
    assert grouping_scores(truth, truth).pair_precision == 1.0
