"""IvfPqIndex: recall against the exact index, replacement, save/load round trip, either backend loaded."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.benchmarks.scale_index import descriptor_like_vectors
from heritage_explorer.core.errors import CorruptArtefactError
from heritage_explorer.index.backends import create_index, load_index
from heritage_explorer.index.compressed import FAISS_FILE, RERANK_FILE, IvfPqIndex
from heritage_explorer.index.exact import ExactIndex
from heritage_explorer.index.hnsw import META_FILE, HnswIndex
from heritage_explorer.index.params import FAISS_IVFPQ, HNSWLIB, index_params
from heritage_explorer.index.saved import describe_saved
from tests.reliability.helpers import flip_byte

N, DIM = 12_000, 64
META = {"spec": "efficientnet-lite0-gem", "weights_sha256": "ab12"}


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    vectors = descriptor_like_vectors(N + 300, DIM, seed=3)
    return vectors[:N], vectors[N:]


@pytest.fixture(scope="module")
def built(data: tuple[np.ndarray, np.ndarray]) -> IvfPqIndex:
    index = create_index(DIM, index_params(N, DIM, backend=FAISS_IVFPQ))
    index.add(data[0], np.arange(100, 100 + N))
    return index


def _recall(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([np.intersect1d(f, t).size for f, t in zip(found, truth, strict=True)])) / truth.shape[1]


def test_recall_against_the_exact_index_is_above_the_floor(
    built: IvfPqIndex, data: tuple[np.ndarray, np.ndarray]
) -> None:
    base, queries = data
    exact = ExactIndex(DIM)
    exact.add(base, np.arange(100, 100 + N))
    truth, truth_scores = exact.query(queries, 10)
    found, scores = built.query(queries, 10)
    assert _recall(found, truth) >= 0.9
    assert np.all(np.diff(scores, axis=1) <= 0)  # by decreasing similarity
    hits = found[:, 0] == truth[:, 0]
    np.testing.assert_allclose(scores[hits, 0], truth_scores[hits, 0], atol=2e-3)  # exact (float16) re-scoring
    # without re-ranking, the PQ candidates alone are far worse: the re-ranking is what holds recall
    _, rows = built._index.search(queries, 10)
    assert _recall(built._ids[rows], truth) < _recall(found, truth) - 0.1


def test_adding_an_id_again_replaces_its_vector(data: tuple[np.ndarray, np.ndarray]) -> None:
    base, queries = data
    index = IvfPqIndex(DIM, index_params(N, DIM, backend=FAISS_IVFPQ))
    index.add(base, np.arange(N))
    index.add(queries[:1], np.array([7]))
    assert len(index) == N and index._index.ntotal == N
    ids, scores = index.query(queries[:1], 3)
    assert ids[0, 0] == 7 and scores[0, 0] > 0.99
    np.testing.assert_allclose(index.vectors([7])[0], queries[0], atol=1e-3)
    with pytest.raises(KeyError, match="ids not in the index"):
        index.vectors([N + 5])


def test_too_few_vectors_to_train_is_a_clear_error(data: tuple[np.ndarray, np.ndarray]) -> None:
    index = IvfPqIndex(DIM, index_params(N, DIM, backend=FAISS_IVFPQ))
    with pytest.raises(ValueError, match="needs >= 9984 training vectors, got 500"):
        index.add(data[0][:500], np.arange(500))


def test_round_trip_records_the_backend_and_serves_the_same_answers(
    tmp_path: Path, built: IvfPqIndex, data: tuple[np.ndarray, np.ndarray]
) -> None:
    _, queries = data
    built.save(tmp_path / "idx", META)
    record = json.loads((tmp_path / "idx" / META_FILE).read_text())
    assert record["backend"] == FAISS_IVFPQ and record["params"] == built.params.to_json()
    assert describe_saved(tmp_path / "idx") == {"backend": FAISS_IVFPQ, "count": N, "dim": DIM,
                                                "params": built.params.to_json()}
    loaded = load_index(tmp_path / "idx", expected_meta={"spec": META["spec"]})
    assert isinstance(loaded, IvfPqIndex) and loaded.meta == META and loaded.params == built.params
    for got, want in zip(loaded.query(queries, 10), built.query(queries, 10), strict=True):
        np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(loaded.ids(), np.arange(100, 100 + N))
    loaded.add(queries[:5], np.arange(5))  # the memory-mapped vectors are copied in, then grow
    assert len(loaded) == N + 5 and loaded.query(queries[:1], 1)[0][0, 0] == 0
    with pytest.raises(CorruptArtefactError, match="metadata 'spec' is"):
        load_index(tmp_path / "idx", expected_meta={"spec": "other"})


@pytest.mark.parametrize("name", [FAISS_FILE, RERANK_FILE])
def test_a_damaged_file_is_reported(tmp_path: Path, built: IvfPqIndex, name: str) -> None:
    built.save(tmp_path / "idx", META)
    flip_byte(tmp_path / "idx" / name, -3)
    with pytest.raises(CorruptArtefactError, match=f"{name}: checksum mismatch"):
        load_index(tmp_path / "idx")


def test_an_index_saved_before_backends_existed_still_loads(tmp_path: Path, data: tuple[np.ndarray, np.ndarray]) -> None:
    base, queries = data
    index = HnswIndex(DIM)
    index.add(base[:2000], np.arange(2000))
    index.save(tmp_path / "old", META)
    path = tmp_path / "old" / META_FILE
    record = json.loads(path.read_text())
    assert record.pop("backend") == HNSWLIB
    path.write_text(json.dumps(record))  # the index.json of an index saved by an earlier version
    loaded = load_index(tmp_path / "old", expected_meta=META)
    assert isinstance(loaded, HnswIndex) and len(loaded) == 2000
    assert HnswIndex.load(tmp_path / "old").params == index.params
    assert describe_saved(tmp_path / "old")["params"] == {"backend": HNSWLIB, "M": 16, "ef_construction": 100,
                                                          "ef": 128}
    assert describe_saved(tmp_path / "nothing") is None


def test_an_hnsw_loader_refuses_a_compressed_index(tmp_path: Path, built: IvfPqIndex) -> None:
    built.save(tmp_path / "idx", META)
    with pytest.raises(CorruptArtefactError, match="a faiss-ivfpq index, not an hnswlib one"):
        HnswIndex.load(tmp_path / "idx")
