"""The one store base (issue #17 part 4): the global descriptor store and the local feature store
resume, drop damage and never serve stale records by the same code, ``core/chunked_store.py``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.chunked_store import ChunkedStore
from heritage_explorer.core.errors import CorruptArtefactError
from heritage_explorer.descriptors.local.orb import OrbExtractor
from heritage_explorer.descriptors.local.storage import LocalFeatureStore
from heritage_explorer.pipeline.store import DescriptorStore
from tests.descriptors.test_local_matching import textured_scene
from tests.reliability.helpers import flip_byte

SHARED = ("prepare", "_prepare", "append_chunk", "consolidate", "load", "up_to_date", "writer_lock", "clear",
          "clear_data", "_parts", "_load_main")


def _global(tmp_path: Path) -> tuple[ChunkedStore, list, str]:
    store = DescriptorStore(tmp_path / "global")
    store.prepare(spec="m", dim=8, weights_sha256="w")
    vectors = np.random.default_rng(0).normal(size=(6, 8)).astype(np.float32)
    return store, list(vectors / np.linalg.norm(vectors, axis=1, keepdims=True)), "vectors.npy"


def _local(tmp_path: Path) -> tuple[ChunkedStore, list, str]:
    store = LocalFeatureStore(tmp_path / "local")
    store.prepare(spec="orb-100", dim=32, dtype="uint8", weights_sha256=None)
    extractor = OrbExtractor(n_features=100)
    return store, [extractor.describe(textured_scene(seed, 160, 160)) for seed in range(6)], "descriptors.0.npy"


STORES = pytest.mark.parametrize("make", [_global, _local], ids=["global", "local"])


def test_both_stores_inherit_every_mechanism_and_define_only_their_layout() -> None:
    for store in (DescriptorStore, LocalFeatureStore):
        assert issubclass(store, ChunkedStore)
        overridden = {name for name in SHARED if name in vars(store)}
        assert overridden <= {"prepare"}, f"{store.__name__} re-implements {overridden}"


@STORES
def test_an_interrupted_extraction_resumes_after_its_intact_chunks(tmp_path: Path, make) -> None:
    store, records, _ = make(tmp_path)
    current = {i: f"h{i}" for i in range(6)}
    store.append_chunk([0, 1], records[0:2], ["h0", "h1"])
    damaged = store.append_chunk([2, 3], records[2:4], ["h2", "h3"])
    store.append_chunk([4], records[4:5], ["old hash"])  # image 4 changed since it was described
    damaged.write_bytes(damaged.read_bytes()[:40])  # a chunk cut short (a bad copy, a full disk elsewhere)
    done, damage = type(store)(store.dir).up_to_date(current)  # the next run, in a new process
    assert done == {0, 1} and damage is None and not damaged.exists()
    store.append_chunk([2, 3, 4, 5], records[2:6], ["h2", "h3", "h4", "h5"])
    assert store.consolidate(current).ids.tolist() == [0, 1, 2, 3, 4, 5]
    assert store.chunk_count() == 0 and store.meta()["count"] == 6
    assert type(store)(store.dir).load(verify=True).ids.tolist() == [0, 1, 2, 3, 4, 5]


@STORES
def test_a_damaged_main_file_is_discarded_and_the_chunks_kept(tmp_path: Path, make) -> None:
    store, records, main_file = make(tmp_path)
    current = {i: f"h{i}" for i in range(6)}
    store.append_chunk([0, 1, 2], records[0:3], ["h0", "h1", "h2"])
    store.consolidate(current)
    store.append_chunk([3], records[3:4], ["h3"])
    flip_byte(store.dir / main_file, -3)
    with pytest.raises(CorruptArtefactError, match="checksum mismatch"):
        store.load(verify=True)
    done, damage = store.up_to_date(current)
    assert done == {3} and damage is not None and main_file in damage
    assert store.meta()["files"] == {} and not (store.dir / main_file).exists()
    store.append_chunk([0, 1, 2], records[0:3], ["h0", "h1", "h2"])
    assert store.consolidate(current).ids.tolist() == [0, 1, 2, 3]


@STORES
def test_other_weights_discard_everything_including_fitted_side_files(tmp_path: Path, make) -> None:
    store, records, _ = make(tmp_path)
    store.append_chunk([0], records[0:1], ["h0"])
    store.consolidate()
    (store.dir / "fitted.npz").write_bytes(b"parameters fitted with the old weights")
    meta = store.meta()
    identity = {k: meta[k] for k in ("spec", "dim", "weights_sha256")}
    if isinstance(store, LocalFeatureStore):
        assert store.prepare(**identity, dtype=meta["dtype"]) is True
        assert store.prepare(**{**identity, "weights_sha256": "new"}, dtype=meta["dtype"]) is False
    else:
        assert store.prepare(**identity) is True
        assert store.prepare(**{**identity, "weights_sha256": "new"}) is False
    assert not (store.dir / "fitted.npz").exists() and len(store.load(include_chunks=True)) == 0


def test_old_stores_still_load(tmp_path: Path) -> None:
    """Stores written before the base: global files without generation and with the vectors' dtype
    only, local files of generation 0 keyed by bare name (the layouts are unchanged)."""
    store, records, _ = _global(tmp_path)
    store.append_chunk(list(range(6)), records, [f"h{i}" for i in range(6)])
    store.consolidate()
    meta = store.meta()
    for key in ("ids.npy", "hashes.npy"):
        meta["files"][key].pop("dtype")
    meta["files"]["vectors.npy"].pop("dtype")  # the oldest stores: float32 implied
    meta.pop("count")
    from heritage_explorer.core.atomic import atomic_write_json

    atomic_write_json(store.meta_path, meta)
    assert DescriptorStore(store.dir).load(verify=True).vectors.dtype == np.float32
    assert sorted(p.name for p in store.dir.glob("*.npy")) == ["hashes.npy", "ids.npy", "vectors.npy"]
