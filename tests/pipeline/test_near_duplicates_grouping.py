"""Grouping and scoring of near-duplicate pairs (issue #21 part 2)."""

from __future__ import annotations

import numpy as np

from heritage_explorer.evaluation.grouping import connected_components, grouping_scores
from heritage_explorer.pipeline.near_duplicates import DecisionRule, candidate_pairs, pair_scores


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
    # The pre-filter: the rotated copy passes by its thumbnail (the descriptors relate nothing),
    # a planted distinct pair (another random thumbnail, orthogonal descriptors) is dropped.
    cosine, thumbnail = pair_scores(vectors, signatures, [(0, 1), (0, 2)])
    np.testing.assert_allclose(thumbnail[0], 1.0, atol=1e-5)
    assert abs(cosine[1]) < 1e-6 and thumbnail[1] < 0.5
    assert DecisionRule().passes_prefilter(cosine, thumbnail).tolist() == [True, False]
    # The scores are symmetric (a rotation is a permutation of the thumbnail's pixels).
    swapped = pair_scores(vectors, signatures, [(1, 0), (2, 0)])
    np.testing.assert_allclose(np.stack(swapped), np.stack([cosine, thumbnail]), atol=1e-5)


def test_prefilter_keeps_a_copy_close_by_its_descriptor():
    rule = DecisionRule()
    # A crop: its thumbnail does not line up, its descriptor does.
    assert rule.passes_prefilter(np.array([rule.min_cosine, rule.min_cosine - 0.01]),
                                 np.array([0.0, rule.min_thumbnail - 0.01])).tolist() == [True, False]


def test_pairwise_and_group_scores_by_hand():
    truth = [["a", "b", "c"], ["d", "e"]]
    found = [["a", "b"], ["d", "e", "f"]]
    s = grouping_scores(found, truth)
    # true pairs ab ac bc de; found ab de df ef: 2 correct of 4 found, 2 of 4 true
    assert (s.pair_precision, s.pair_recall) == (0.5, 0.5)
    assert (s.group_precision, s.group_recall) == (0.0, 0.0)
    assert grouping_scores(truth, truth).pair_precision == 1.0
