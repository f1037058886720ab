"""The suggested reference image of a class: the medoid under cosine similarity (hand-computed)."""

from __future__ import annotations

import numpy as np
import pytest

from heritage_explorer.evaluation.references import mean_cosine_to_others, most_central


def test_mean_cosine_to_the_other_rows_by_hand() -> None:
    # unit vectors at 0°, 60° and 90°: cos(0,60)=0.5, cos(0,90)=0, cos(60,90)=cos 30°
    c30 = np.cos(np.pi / 6)
    vectors = np.array([[1.0, 0.0], [0.5, c30], [0.0, 1.0]])
    means = mean_cosine_to_others(vectors * [[2.0], [1.0], [3.0]])  # lengths do not matter
    assert means == pytest.approx([(0.5 + 0.0) / 2, (0.5 + c30) / 2, (0.0 + c30) / 2])


def test_most_central_is_the_middle_image_and_ties_go_to_catalog_order() -> None:
    c30 = np.cos(np.pi / 6)
    suggestion = most_central([7, 3, 9], np.array([[1.0, 0.0], [0.5, c30], [0.0, 1.0]]))
    assert suggestion.image_id == 3 and suggestion.mean_similarity == pytest.approx((0.5 + c30) / 2)
    assert set(suggestion.mean_similarities) == {3, 7, 9}
    tied = most_central([5, 2], np.array([[1.0, 0.0], [0.0, 1.0]]))  # both 0: the lower id
    assert tied.image_id == 2


def test_most_central_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="N ≥ 2"):
        most_central([1], np.ones((1, 4)))
    with pytest.raises(ValueError, match="3 image ids for 2 vectors"):
        most_central([1, 2, 3], np.ones((2, 4)))
    with pytest.raises(ValueError, match="twice"):
        most_central([1, 1], np.eye(2))
