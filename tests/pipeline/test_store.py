from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.errors import CorruptArtefactError
from heritage_explorer.pipeline.store import DescriptorStore


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
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptArtefactError, match="checksum"):
        store.load(verify=True)
    path.write_bytes(bytes(data[:-16]))
    with pytest.raises(CorruptArtefactError, match="vectors.npy"):
        store.load()


def test_damaged_chunk_is_dropped_for_recomputation(tmp_path: Path) -> None:
    store = DescriptorStore(tmp_path / "s")
    store.prepare(spec="m", dim=8, weights_sha256="w")
    store.append_chunk([1], _vectors(1), ["a"])
    bad = store.append_chunk([2], _vectors(1), ["b"])
    bad.write_bytes(bad.read_bytes()[:20])
    assert store.load(include_chunks=True).ids.tolist() == [1]
