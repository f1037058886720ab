"""ExactIndex: the reference, checked by hand on tiny sets."""

from __future__ import annotations

import numpy as np
import pytest

from heritage_explorer.index.exact import ExactIndex


def _unit(*rows: tuple[float, ...]) -> np.ndarray:
    vectors = np.array(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_orders_by_decreasing_inner_product() -> None:
    index = ExactIndex(2)
    # Angles 0°, 90°, 45°, 180° from the x axis under ids 10, 11, 12, 13.
    index.add(_unit((1, 0), (0, 1), (1, 1), (-1, 0)), [10, 11, 12, 13])
    ids, scores = index.query(_unit((1, 0), (0, 1)), 4)
    assert ids.tolist() == [[10, 12, 11, 13], [11, 12, 10, 13]]
    half = np.sqrt(0.5)
    np.testing.assert_allclose(scores, [[1, half, 0, -1], [1, half, 0, 0]], atol=1e-6)
    assert ids.dtype == np.int64 and scores.dtype == np.float32


def test_top_k_is_a_prefix_of_the_full_ranking() -> None:
    rng = np.random.default_rng(3)
    vectors = _unit(*rng.standard_normal((50, 8)))
    index = ExactIndex(8)
    index.add(vectors, np.arange(100, 150))
    full_ids, full_scores = index.query(vectors[:5], 50)
    top_ids, top_scores = index.query(vectors[:5], 7)
    np.testing.assert_array_equal(top_ids, full_ids[:, :7])
    np.testing.assert_array_equal(top_scores, full_scores[:, :7])
    assert (np.diff(full_scores, axis=1) <= 0).all()
    assert top_ids[:, 0].tolist() == [100, 101, 102, 103, 104]


def test_equal_scores_are_ordered_by_id() -> None:
    index = ExactIndex(2)
    index.add(_unit((1, 0), (1, 0), (0, 1)), [7, 3, 5])
    ids, _ = index.query(_unit((1, 0)), 3)
    assert ids.tolist() == [[3, 7, 5]]


def test_k_larger_than_count_is_clamped_and_empty_index_gives_no_columns() -> None:
    index = ExactIndex(2)
    ids, scores = index.query(_unit((1, 0)), 5)
    assert ids.shape == scores.shape == (1, 0)
    index.add(_unit((1, 0), (0, 1)), [1, 2])
    ids, _ = index.query(_unit((1, 0), (0, 1), (1, 1)), 5)
    assert ids.shape == (3, 2)


def test_adding_an_existing_id_replaces_its_vector() -> None:
    index = ExactIndex(2)
    index.add(_unit((1, 0), (0, 1)), [1, 2])
    index.add(_unit((-1, 0), (1, 1)), [1, 3])
    assert len(index) == 3
    assert index.ids().tolist() == [1, 2, 3]
    ids, scores = index.query(_unit((-1, 0)), 1)
    assert ids.tolist() == [[1]] and scores[0, 0] == pytest.approx(1.0)


def test_grows_across_many_small_adds() -> None:
    rng = np.random.default_rng(0)
    vectors = _unit(*rng.standard_normal((3000, 4)))
    index = ExactIndex(4)
    for start in range(0, 3000, 700):
        index.add(vectors[start : start + 700], np.arange(start, min(start + 700, 3000)))
    ids, scores = index.query(vectors, 1)
    assert len(index) == 3000
    np.testing.assert_array_equal(ids[:, 0], np.arange(3000))
    np.testing.assert_allclose(scores[:, 0], 1.0, atol=1e-5)


@pytest.mark.parametrize(
    ("vectors", "ids", "message"),
    [
        (np.ones((2, 3), np.float32), [1, 2], "N×2"),
        (np.array([[np.nan, 1.0]], np.float32), [1], "NaN"),
        (np.ones((2, 2), np.float32), [1], "2 ids"),
        (np.ones((2, 2), np.float32), [1, 1], "repeat"),
        (np.ones((1, 2), np.float32), [-1], "non-negative"),
        (np.ones((1, 2), np.float32), [1.5], "integers"),
    ],
)
def test_rejects_malformed_input(vectors: np.ndarray, ids: list, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ExactIndex(2).add(vectors, ids)


def test_rejects_non_positive_k() -> None:
    index = ExactIndex(2)
    index.add(_unit((1, 0)), [1])
    with pytest.raises(ValueError, match="k must be"):
        index.query(_unit((1, 0)), 0)
