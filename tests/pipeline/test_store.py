from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.errors import CorruptArtefactError
from heritage_explorer.pipeline.store import DescriptorStore
from tests.reliability.helpers import flip_byte


def _vectors(n: int, d: int = 8, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_chunks_survive_and_consolidate_in_id_order(tmp_path: Path) -> None:
    store = DescriptorStore(tmp_path / "s")
    assert store.prepare(spec="m", dim=8, weights_sha256="w") is False
    v = _vectors(6)
    store.append_chunk([5, 3, 4], v[:3], ["h5", "h3", "h4"])
    # a new process (resume) sees the chunk
    resumed = DescriptorStore(tmp_path / "s")
    assert resumed.prepare(spec="m", dim=8, weights_sha256="w") is True
    assert sorted(resumed.load(include_chunks=True).ids.tolist()) == [3, 4, 5]
    resumed.append_chunk([1, 3], v[3:5], ["h1", "h3new"])  # 3 recomputed: the later row wins
    out = resumed.consolidate()
    assert out.ids.tolist() == [1, 3, 4, 5]
    assert out.hashes.tolist() == ["h1", "h3new", "h4", "h5"]
    np.testing.assert_allclose(out.vectors[1], v[4])
    assert not list((tmp_path / "s" / "chunks").glob("*.npz"))
    loaded = DescriptorStore(tmp_path / "s").load(verify=True)
    np.testing.assert_array_equal(np.asarray(loaded.vectors), out.vectors)


def test_consolidate_drops_stale_rows(tmp_path: Path) -> None:
    store = DescriptorStore(tmp_path / "s")
    store.prepare(spec="m", dim=8, weights_sha256="w")
    store.append_chunk([1, 2, 3], _vectors(3), ["a", "b", "c"])
    out = store.consolidate({1: "a", 2: "changed"})
    assert out.ids.tolist() == [1]


def test_other_weights_discard_old_vectors(tmp_path: Path) -> None:
    store = DescriptorStore(tmp_path / "s")
    store.prepare(spec="m", dim=8, weights_sha256="w1")
    store.append_chunk([1], _vectors(1), ["a"])
    store.consolidate()
    assert store.prepare(spec="m", dim=8, weights_sha256="w2") is False
    assert len(store.load(include_chunks=True)) == 0


def test_corruption_is_detected(tmp_path: Path) -> None:
    store = DescriptorStore(tmp_path / "s")
    store.prepare(spec="m", dim=8, weights_sha256="w")
    store.append_chunk([1, 2], _vectors(2), ["a", "b"])
    store.consolidate()
    path = tmp_path / "s" / "vectors.npy"
    flip_byte(path, -5)
    with pytest.raises(CorruptArtefactError, match="checksum"):
        store.load(verify=True)
    path.write_bytes(path.read_bytes()[:-16])
    with pytest.raises(CorruptArtefactError, match="vectors.npy"):
        store.load()


def test_damaged_chunk_is_dropped_for_recomputation(tmp_path: Path) -> None:
    store = DescriptorStore(tmp_path / "s")
    store.prepare(spec="m", dim=8, weights_sha256="w")
    store.append_chunk([1], _vectors(1), ["a"])
    bad = store.append_chunk([2], _vectors(1), ["b"])
    bad.write_bytes(bad.read_bytes()[:20])
    assert store.load(include_chunks=True).ids.tolist() == [1]


def test_float16_storage_round_trip(tmp_path: Path) -> None:
    store = DescriptorStore(tmp_path / "s")
    store.prepare(spec="m", dim=2048, weights_sha256="w", storage="float16")
    v = _vectors(40, 2048)
    store.append_chunk(list(range(40)), v, [f"h{i}" for i in range(40)])
    written = store.consolidate()
    assert store.storage == "float16" and store.meta()["storage"] == "float16"
    assert store.meta()["files"]["vectors.npy"]["dtype"] == "float16"
    assert written.vectors.dtype == np.float32  # consolidate hands back the stored values, widened
    np.testing.assert_array_equal(written.vectors, v.astype(np.float16).astype(np.float32))
    mapped = DescriptorStore(tmp_path / "s").load(verify=True)
    assert mapped.vectors.dtype == np.float16 and isinstance(mapped.vectors, np.memmap)
    in_memory = DescriptorStore(tmp_path / "s").load(mmap=False)
    assert in_memory.vectors.dtype == np.float32
    np.testing.assert_array_equal(in_memory.vectors, written.vectors)
    norms = np.linalg.norm(in_memory.vectors, axis=1)
    assert np.abs(norms - 1).max() < 1e-3  # rounded rows stay unit vectors within 1e-3 (not renormalised)
    assert np.abs(in_memory.vectors - v).max() < 1e-3
    header = 128
    assert (tmp_path / "s" / "vectors.npy").stat().st_size == 40 * 2048 * 2 + header


def test_storage_choice_sticks_and_converts_in_the_right_direction(tmp_path: Path) -> None:
    store = DescriptorStore(tmp_path / "s")
    store.prepare(spec="m", dim=8, weights_sha256="w")
    assert store.storage == "float32"
    v = _vectors(5)
    store.append_chunk(list(range(5)), v, list("abcde"))
    store.consolidate()
    # float32 -> float16: the vectors are kept and rounded at the next consolidation
    assert store.prepare(spec="m", dim=8, weights_sha256="w", storage="float16") is True
    assert store.consolidate().vectors.tolist() == v.astype(np.float16).astype(np.float32).tolist()
    assert np.load(tmp_path / "s" / "vectors.npy").dtype == np.float16
    # None keeps the store's choice, also when stale vectors are discarded
    assert store.prepare(spec="m", dim=8, weights_sha256="w") is True and store.storage == "float16"
    assert store.prepare(spec="m", dim=8, weights_sha256="other") is False and store.storage == "float16"
    store.append_chunk(list(range(5)), v, list("abcde"))
    store.consolidate()
    # float16 -> float32: rounding cannot be undone, so the vectors are recomputed
    assert store.prepare(spec="m", dim=8, weights_sha256="other", storage="float32") is False
    assert len(store.load(include_chunks=True)) == 0 and store.storage == "float32"
    with pytest.raises(ValueError, match="storage must be one of"):
        store.prepare(spec="m", dim=8, weights_sha256="w", storage="int8")


def test_vectors_of_another_dtype_than_recorded_are_refused(tmp_path: Path) -> None:
    store = DescriptorStore(tmp_path / "s")
    store.prepare(spec="m", dim=8, weights_sha256="w", storage="float16")
    store.append_chunk([1, 2], _vectors(2), ["a", "b"])
    store.consolidate()
    np.save(tmp_path / "s" / "vectors.npy", _vectors(2))  # same shape, float32: not what meta.json says
    with pytest.raises(CorruptArtefactError, match="vectors.npy: dtype float32, recorded float16"):
        store.load()
