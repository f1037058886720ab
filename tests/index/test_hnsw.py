"""HnswIndex: recall against exact search, incremental adds, k > count, threads, cancellation."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from heritage_explorer.benchmarks.search import recall_at_k
from heritage_explorer.core.errors import CancelledError
from heritage_explorer.core.jobs import CancelToken, Progress
from heritage_explorer.index.exact import ExactIndex
from heritage_explorer.index.hnsw import HnswIndex

DIM = 128


@pytest.fixture(scope="module")
def bulk_index(clustered: tuple[np.ndarray, np.ndarray]) -> HnswIndex:
    base, _ = clustered
    index = HnswIndex(DIM)
    index.add(base, np.arange(len(base)))
    return index


def test_recall_at_10_against_exact_with_default_parameters(
    clustered: tuple[np.ndarray, np.ndarray], exact_top10: np.ndarray, bulk_index: HnswIndex
) -> None:
    base, queries = clustered
    exact = ExactIndex(DIM)
    exact.add(base, np.arange(len(base)))
    reference_ids, _ = exact.query(queries, 10)
    np.testing.assert_array_equal(np.sort(reference_ids, axis=1), np.sort(exact_top10, axis=1))
    ids, _ = bulk_index.query(queries, 10)
    assert len(bulk_index) == 20_000
    assert recall_at_k(ids, reference_ids) >= 0.98


def test_recall_drops_with_a_tiny_ef(
    clustered: tuple[np.ndarray, np.ndarray], exact_top10: np.ndarray
) -> None:
    """The recall measure can fail: ef=10 on 20k 128-d points is visibly worse than the default."""
    base, queries = clustered
    index = HnswIndex(DIM, M=4, ef_construction=10, ef=10)
    index.add(base[:10_000], np.arange(10_000))
    reference = ExactIndex(DIM)
    reference.add(base[:10_000], np.arange(10_000))
    truth, _ = reference.query(queries, 10)
    ids, _ = index.query(queries, 10)
    assert recall_at_k(ids, truth) < 0.95


def test_scores_are_inner_products_in_decreasing_order(
    clustered: tuple[np.ndarray, np.ndarray], bulk_index: HnswIndex
) -> None:
    base, queries = clustered
    ids, scores = bulk_index.query(queries[:50], 10)
    assert ids.dtype == np.int64 and scores.dtype == np.float32
    expected = np.einsum("qkd,qd->qk", base[ids], queries[:50])
    np.testing.assert_allclose(scores, expected, atol=1e-5)
    assert (np.diff(scores, axis=1) <= 1e-6).all()
    self_ids, self_scores = bulk_index.query(base[:20], 1)
    assert self_ids[:, 0].tolist() == list(range(20))
    np.testing.assert_allclose(self_scores[:, 0], 1.0, atol=1e-5)


def test_incremental_adds_match_a_single_build(
    clustered: tuple[np.ndarray, np.ndarray], exact_top10: np.ndarray, bulk_index: HnswIndex
) -> None:
    base, queries = clustered
    index = HnswIndex(DIM)
    index.add_batch_size = 500
    for start in range(0, len(base), 2500):
        index.add(base[start : start + 2500], np.arange(start, start + 2500))
    assert len(index) == len(bulk_index) == 20_000
    np.testing.assert_array_equal(index.ids(), bulk_index.ids())
    assert 20_000 <= index.capacity <= 2 * 20_000
    incremental = recall_at_k(index.query(queries, 10)[0], exact_top10)
    bulk = recall_at_k(bulk_index.query(queries, 10)[0], exact_top10)
    assert incremental >= 0.98
    assert abs(incremental - bulk) <= 0.01


def test_k_larger_than_count_and_empty_index() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((5, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = HnswIndex(16)
    ids, scores = index.query(vectors[:2], 10)
    assert ids.shape == scores.shape == (2, 0)
    index.add(vectors, [50, 51, 52, 53, 54])
    ids, scores = index.query(vectors[:3], 10)
    assert ids.shape == scores.shape == (3, 5)
    assert all(sorted(row) == [50, 51, 52, 53, 54] for row in ids.tolist())
    assert ids[:, 0].tolist() == [50, 51, 52]


def test_adding_an_existing_id_replaces_its_vector() -> None:
    rng = np.random.default_rng(1)
    vectors = rng.standard_normal((300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = HnswIndex(16)
    index.add(vectors[:200], np.arange(200))
    index.add(vectors[200:210], np.arange(10))
    assert len(index) == 200
    ids, scores = index.query(vectors[200:210], 1)
    assert ids[:, 0].tolist() == list(range(10))
    np.testing.assert_allclose(scores[:, 0], 1.0, atol=1e-5)
    old_ids, old_scores = index.query(vectors[:10], 1)
    assert (old_scores[:, 0] < 0.99).all()


def test_set_ef_changes_the_search_breadth() -> None:
    index = HnswIndex(8, ef=40)
    assert index.ef == 40
    index.set_ef(300)
    assert index.ef == 300 and index._index.ef == 300
    with pytest.raises(ValueError):
        index.set_ef(0)


def test_concurrent_add_and_query_give_valid_results(clustered: tuple[np.ndarray, np.ndarray]) -> None:
    base, queries = clustered
    base = base[:8000]
    index = HnswIndex(DIM)
    index.add_batch_size = 200
    index.add(base[:1000], np.arange(1000))
    errors: list[BaseException] = []
    results: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    adding = threading.Event()
    adding.set()

    def writer() -> None:
        try:
            for start in range(1000, 8000, 1000):
                index.add(base[start : start + 1000], np.arange(start, start + 1000))
        except BaseException as error:  # re-raised in the main thread
            errors.append(error)
        finally:
            adding.clear()

    def reader() -> None:
        try:
            round_ = 0
            while adding.is_set() or round_ < 3:
                batch = queries[(round_ * 7) % 450 :][:7]
                ids, scores = index.query(batch, 10)
                results.append((batch, ids, scores))
                round_ += 1
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=writer), threading.Thread(target=reader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert len(index) == 8000
    assert len(results) >= 3
    for batch, ids, scores in results:
        assert ids.shape == (len(batch), 10)
        assert ((ids >= 0) & (ids < 8000)).all()
        assert all(len(set(row)) == 10 for row in ids.tolist())
        np.testing.assert_allclose(scores, np.einsum("qkd,qd->qk", base[ids], batch), atol=1e-5)


def test_add_reports_progress_and_stops_when_cancelled() -> None:
    rng = np.random.default_rng(2)
    vectors = rng.standard_normal((1000, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = HnswIndex(8)
    index.add_batch_size = 300
    seen: list[Progress] = []
    token = CancelToken()

    def on_progress(progress: Progress) -> None:
        seen.append(progress)
        token.cancel()

    with pytest.raises(CancelledError):
        index.add(vectors, np.arange(1000), progress=on_progress, cancel=token)
    assert len(index) == 300
    assert [(p.done, p.total) for p in seen] == [(300, 1000)]
    index.add(vectors[300:], np.arange(300, 1000), progress=seen.append)
    assert len(index) == 1000 and seen[-1].done == 700


@pytest.mark.parametrize("kwargs", [{"space": "l1"}, {"M": 1}, {"ef": 0}])
def test_rejects_bad_parameters(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        HnswIndex(8, **kwargs)


def test_rejects_vectors_of_the_wrong_dimension() -> None:
    index = HnswIndex(8)
    with pytest.raises(ValueError, match="N×8"):
        index.add(np.ones((2, 9), np.float32), [1, 2])
    with pytest.raises(ValueError, match="N×8"):
        index.query(np.ones((1, 9), np.float32), 1)
