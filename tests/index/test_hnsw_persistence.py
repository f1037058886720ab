"""HnswIndex.save / load: round trip on real files, corruption and metadata mismatches detected."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.errors import CorruptArtefactError
from heritage_explorer.index.hnsw import INDEX_FILE, META_FILE, SCHEMA_VERSION, HnswIndex
from tests.reliability.helpers import flip_byte

DIM = 32
META = {"spec": "resnet101-gem", "weights_sha256": "ab12", "image_set_sha256": "cd34"}


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    rng = np.random.default_rng(5)
    data = rng.standard_normal((3000, DIM)).astype(np.float32)
    return data / np.linalg.norm(data, axis=1, keepdims=True)


@pytest.fixture()
def saved_index(tmp_path: Path, vectors: np.ndarray) -> tuple[Path, HnswIndex]:
    """An index of 2,000 vectors (ids 1000..2999) saved to a real directory, and the index itself."""
    index = HnswIndex(DIM, M=12, ef_construction=80, ef=77)
    index.add(vectors[:2000], np.arange(1000, 3000))
    index.save(tmp_path / "idx", META)
    return tmp_path / "idx", index


@pytest.fixture()
def saved(saved_index: tuple[Path, HnswIndex]) -> Path:
    return saved_index[0]


def _edit_record(directory: Path, **changes: object) -> None:
    path = directory / META_FILE
    record = json.loads(path.read_text())
    record.update(changes)
    path.write_text(json.dumps(record))


def test_round_trip_gives_the_same_answers_and_parameters(
    saved_index: tuple[Path, HnswIndex], vectors: np.ndarray
) -> None:
    saved, original = saved_index
    loaded = HnswIndex.load(saved, expected_meta={"spec": "resnet101-gem", "image_set_sha256": "cd34"})
    assert (loaded.dim, loaded.M, loaded.ef_construction, loaded.ef, loaded.space) == (DIM, 12, 80, 77, "ip")
    assert loaded._index.ef == 77
    assert loaded.meta == META
    assert len(loaded) == 2000
    np.testing.assert_array_equal(loaded.ids(), np.arange(1000, 3000))
    ids, scores = loaded.query(vectors[2000:2100], 10)
    expected_ids, expected_scores = original.query(vectors[2000:2100], 10)
    np.testing.assert_array_equal(ids, expected_ids)
    np.testing.assert_allclose(scores, expected_scores, atol=1e-6)


def test_metadata_file_records_parameters_checksum_and_caller_meta(saved: Path) -> None:
    record = json.loads((saved / META_FILE).read_text())
    assert record["schema_version"] == SCHEMA_VERSION
    assert {k: record[k] for k in ("dim", "space", "M", "ef_construction", "ef", "count")} == {
        "dim": DIM,
        "space": "ip",
        "M": 12,
        "ef_construction": 80,
        "ef": 77,
        "count": 2000,
    }
    assert len(record["sha256"]) == 64
    assert record["meta"] == META
    assert sorted(p.name for p in saved.iterdir()) == [INDEX_FILE, META_FILE]


def test_loaded_index_grows_and_can_be_saved_again(saved: Path, vectors: np.ndarray) -> None:
    loaded = HnswIndex.load(saved)
    loaded.add(vectors[2000:3000], np.arange(3000, 4000))
    assert len(loaded) == 3000
    loaded.save(saved, {**META, "image_set_sha256": "ef56"})
    again = HnswIndex.load(saved, expected_meta={"image_set_sha256": "ef56"})
    assert len(again) == 3000
    ids, _ = again.query(vectors[2500:2510], 1)
    assert ids[:, 0].tolist() == list(range(3500, 3510))


def test_flipped_byte_is_detected(saved: Path) -> None:
    path = saved / INDEX_FILE
    flip_byte(path, path.stat().st_size // 2)
    with pytest.raises(CorruptArtefactError, match=rf"{INDEX_FILE}: checksum mismatch"):
        HnswIndex.load(saved)


def test_truncated_file_is_detected(saved: Path) -> None:
    path = saved / INDEX_FILE
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(CorruptArtefactError, match=rf"{INDEX_FILE}: checksum mismatch"):
        HnswIndex.load(saved)


def test_truncated_file_with_a_matching_checksum_is_refused_by_the_reader(saved: Path) -> None:
    """Even past the checksum (say, index.json rewritten by hand), hnswlib's reader error is wrapped."""
    import hashlib

    path = saved / INDEX_FILE
    truncated = path.read_bytes()[:-100]
    path.write_bytes(truncated)
    _edit_record(saved, sha256=hashlib.sha256(truncated).hexdigest())
    with pytest.raises(CorruptArtefactError, match="hnswlib cannot read it"):
        HnswIndex.load(saved)


def test_missing_index_file_is_reported(saved: Path) -> None:
    (saved / INDEX_FILE).unlink()
    with pytest.raises(CorruptArtefactError, match=rf"{INDEX_FILE}: missing"):
        HnswIndex.load(saved)


def test_directory_without_an_index_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no index saved here"):
        HnswIndex.load(tmp_path)


@pytest.mark.parametrize(
    ("expected", "message"),
    [
        ({"spec": "vgg16-rmac"}, r"metadata 'spec' is 'resnet101-gem', expected 'vgg16-rmac'"),
        ({"image_set_sha256": "zz"}, r"metadata 'image_set_sha256' is 'cd34', expected 'zz'"),
        ({"whitening": "pcaw512"}, r"metadata has no 'whitening'"),
    ],
)
def test_metadata_mismatch_is_reported(saved: Path, expected: dict, message: str) -> None:
    with pytest.raises(CorruptArtefactError, match=rf"{META_FILE}: {message}"):
        HnswIndex.load(saved, expected_meta=expected)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"schema_version": SCHEMA_VERSION + 1}, "schema version"),
        ({"dim": DIM * 2}, "stores 32-d vectors"),
        ({"count": 1999}, "count is 2000"),
        ({"M": 16}, "M is 12"),
        ({"space": "l1"}, "unknown space"),
        ({"ef": "fast"}, "field 'ef'"),
        ({"meta": None}, "field 'meta'"),
    ],
)
def test_inconsistent_metadata_file_is_reported(saved: Path, changes: dict, message: str) -> None:
    _edit_record(saved, **changes)
    with pytest.raises(CorruptArtefactError, match=message):
        HnswIndex.load(saved)


def test_unreadable_metadata_file_is_reported(saved: Path) -> None:
    (saved / META_FILE).write_text("{not json")
    with pytest.raises(CorruptArtefactError, match=rf"{META_FILE}: not valid JSON"):
        HnswIndex.load(saved)


def test_meta_must_be_json_serialisable_and_nothing_is_written_otherwise(tmp_path: Path) -> None:
    index = HnswIndex(4)
    with pytest.raises(TypeError):
        index.save(tmp_path / "idx", {"when": object()})
    assert not (tmp_path / "idx").exists()


def test_empty_index_round_trips(tmp_path: Path) -> None:
    HnswIndex(4, ef=9).save(tmp_path, {})
    loaded = HnswIndex.load(tmp_path)
    assert len(loaded) == 0 and loaded.ef == 9
    ids, _ = loaded.query(np.eye(4, dtype=np.float32)[:1], 3)
    assert ids.shape == (1, 0)
