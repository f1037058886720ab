"""AP (Alegoria §4), per-class mAP, precision@k and the revisited E/M/H protocol on hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from heritage_explorer.evaluation.metrics import (
    average_precision,
    evaluate_rankings,
    precision_at_k,
    revisited_evaluation,
    revisited_map,
    trapezoid_average_precision,
)


def test_average_precision_hand_computed():
    assert average_precision([True, False, True, False, False]) == pytest.approx((1 / 1 + 2 / 3) / 2)
    assert average_precision([False, False, True]) == pytest.approx(1 / 3)
    assert average_precision([True, True, True]) == 1.0
    assert average_precision(np.array([0, 1, 0, 1], dtype=bool)) == pytest.approx((1 / 2 + 2 / 4) / 2)


def test_average_precision_is_computed_up_to_the_last_positive():
    # "the sublist of results from 1 to k, k being the index of the last positive" (§4)
    assert average_precision([True, False, True, False, False, False]) == average_precision([True, False, True])


def test_average_precision_with_missed_positives():
    # a truncated ranking found 2 of 3 positives: the third adds precision 0
    assert average_precision([True, False, True], n_positives=3) == pytest.approx((1 + 2 / 3) / 3)
    assert average_precision([False, False], n_positives=2) == 0.0


def test_average_precision_rejects_undefined_cases():
    with pytest.raises(ValueError, match="without positives"):
        average_precision([False, False])
    with pytest.raises(ValueError, match="less than"):
        average_precision([True, True], n_positives=1)


def test_trapezoid_average_precision_hand_computed():
    # positives at 0-based ranks 0 and 2: (1 + 1)/2 + (1/2 + 2/3)/2, over R = 2
    assert trapezoid_average_precision([True, False, True]) == pytest.approx((1.0 + (0.5 + 2 / 3) / 2) / 2)
    assert trapezoid_average_precision([False, True]) == pytest.approx((0 + 1 / 2) / 2)


def test_precision_at_k():
    assert precision_at_k([True, False, True, True], 1) == 1.0
    assert precision_at_k([True, False, True, True], 2) == 0.5
    assert precision_at_k([True, False], 5) == pytest.approx(1 / 5)  # a short list counts as negatives
    with pytest.raises(ValueError):
        precision_at_k([True], 0)


LABELS = {1: "a", 2: "a", 3: "a", 4: "b", 5: "b", 6: None, 7: "distractor", 8: "c"}
RANKINGS = {
    1: np.array([1, 4, 2, 6, 3, 5, 7, 8]),  # without 1: 4 2 6 3 -> positives 2, 3 at ranks 2 and 4
    2: np.array([3, 2, 1, 4, 5, 6, 7, 8]),  # without 2: 3 1 -> AP 1
    4: np.array([4, 6, 7, 5, 1, 2, 3, 8]),  # without 4: 6 7 5 -> positive 5 at rank 3
    5: np.array([4, 5, 1, 2, 3, 6, 7, 8]),  # without 5: 4 -> AP 1
    6: np.array([6, 1, 2, 3, 4, 5, 7, 8]),  # no class
    8: np.array([8, 1, 2, 3, 4, 5, 6, 7]),  # alone in its class
}


def test_evaluate_rankings_per_query_per_class_and_global():
    result = evaluate_rankings(RANKINGS, LABELS)
    assert result.per_query == pytest.approx({1: 0.5, 2: 1.0, 4: 1 / 3, 5: 1.0})
    assert result.query_class == {1: "a", 2: "a", 4: "b", 5: "b"}
    assert result.per_class == pytest.approx({"a": 0.75, "b": (1 / 3 + 1) / 2})
    assert result.global_map == pytest.approx((0.5 + 1 + 1 / 3 + 1) / 4)  # mean over queries
    assert result.mean_class_map == pytest.approx((0.75 + 2 / 3) / 2)
    assert result.excluded == {6: "no class", 8: "no other image of its class"}
    # P@1: q1 -> 4 (no), q2 -> 3 (yes), q4 -> 6 (no), q5 -> 4 (yes)
    assert result.precision_at[1] == pytest.approx(0.5)
    assert result.precision_at[5] == pytest.approx((2 / 5 + 2 / 5 + 1 / 5 + 1 / 5) / 4)


def test_query_ids_junk_and_missing_rankings():
    result = evaluate_rankings(RANKINGS, LABELS, query_ids=[1, 3], junk={1: {4}})
    assert result.per_query == pytest.approx({1: (1 + 2 / 3) / 2})  # 4 ignored: 2 6 3 ...
    assert result.excluded == {3: "no ranking"}
    # a junk positive is neither found nor expected
    assert evaluate_rankings(RANKINGS, LABELS, query_ids=[1], junk={1: {2}}).per_query[1] == pytest.approx(1 / 3)


def test_truncated_ranking_counts_missed_positives():
    result = evaluate_rankings({1: np.array([1, 2])}, LABELS)
    assert result.per_query[1] == pytest.approx(1 / 2)


def test_duplicate_ids_in_a_ranking_are_refused():
    with pytest.raises(ValueError, match="more than once"):
        evaluate_rankings({1: np.array([2, 2, 3])}, LABELS)


def test_no_evaluable_query_gives_nan_not_a_crash():
    result = evaluate_rankings({8: np.array([8, 1])}, LABELS)
    assert result.per_query == {} and math.isnan(result.global_map)
    assert result.to_json()["global_map"] is None


JUDGMENTS = {
    1: {2: "easy", 3: "hard", 4: "junk", 5: "wrong"},
    10: {11: "easy"},
}
REVISITED_RANKINGS = {1: np.array([1, 4, 3, 5, 2, 6]), 10: np.array([11, 10, 12])}


def test_revisited_protocol_step_ap():
    result = revisited_evaluation(REVISITED_RANKINGS, JUDGMENTS, interpolation="step")
    # Easy: positives {2}, ignore {3, 4}: 5 2 6 -> 1/2
    # Medium: positives {2, 3}, ignore {4}: 3 5 2 6 -> (1 + 2/3) / 2
    # Hard: positives {3}, ignore {2, 4}: 3 5 6 -> 1 ; query 10 has no hard positive
    assert result.per_query["easy"] == pytest.approx({1: 0.5, 10: 1.0})
    assert result.per_query["medium"] == pytest.approx({1: (1 + 2 / 3) / 2, 10: 1.0})
    assert result.per_query["hard"] == pytest.approx({1: 1.0})
    assert result.excluded == {"easy": [], "medium": [], "hard": [10]}
    assert result.map == pytest.approx({"easy": 0.75, "medium": ((1 + 2 / 3) / 2 + 1) / 2, "hard": 1.0})


def test_revisited_map_default_is_the_revisitop_trapezoid():
    maps = revisited_map(REVISITED_RANKINGS, JUDGMENTS)
    easy_q1 = (0 / 1 + 1 / 2) / 2  # the positive at 0-based rank 1
    medium_q1 = ((1 + 1) / 2 + (1 / 2 + 2 / 3) / 2) / 2
    assert maps == pytest.approx({"easy": (easy_q1 + 1) / 2, "medium": (medium_q1 + 1) / 2, "hard": 1.0})


def test_revisited_setup_without_any_positive_is_nan():
    maps = revisited_map({10: REVISITED_RANKINGS[10]}, {10: JUDGMENTS[10]})
    assert maps["easy"] == 1.0 and math.isnan(maps["hard"])
    with pytest.raises(ValueError, match="interpolation"):
        revisited_map(REVISITED_RANKINGS, JUDGMENTS, interpolation="linear")
