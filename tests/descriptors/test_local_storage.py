"""The local feature store: ORB and XFeat features survive a round trip, resume, and never go stale."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.errors import CorruptArtefactError
from heritage_explorer.descriptors.local.features import LocalFeatures
from heritage_explorer.descriptors.local.orb import OrbExtractor
from heritage_explorer.descriptors.local.storage import LocalFeatureStore
from tests.descriptors.test_local_matching import textured_scene


def _assert_same(a: LocalFeatures, b: LocalFeatures) -> None:
    np.testing.assert_array_equal(a.keypoints, b.keypoints)
    np.testing.assert_array_equal(a.descriptors, b.descriptors)
    np.testing.assert_array_equal(a.scores, b.scores)
    assert a.image_size == b.image_size and a.descriptors.dtype == b.descriptors.dtype


def _round_trip(tmp_path: Path, extractor, dtype: str) -> None:
    features = [extractor.describe(textured_scene(seed, 240 + 16 * seed, 320)) for seed in range(4)]
    store = LocalFeatureStore(tmp_path / "store")
    assert store.prepare(spec=extractor.spec, dim=extractor.dim, dtype=dtype, weights_sha256="w") is False
    store.append_chunk([7, 3], features[:2], ["h7", "h3"])
    resumed = LocalFeatureStore(tmp_path / "store")  # a new process after a crash
    assert resumed.prepare(spec=extractor.spec, dim=extractor.dim, dtype=dtype, weights_sha256="w") is True
    assert resumed.load(include_chunks=True).ids.tolist() == [3, 7]
    resumed.append_chunk([5, 1], features[2:], ["h5", "h1"])
    consolidated = resumed.consolidate()
    assert consolidated.ids.tolist() == [1, 3, 5, 7]
    loaded = LocalFeatureStore(tmp_path / "store").load(verify=True)
    for image_id, original in zip([7, 3, 5, 1], features, strict=True):
        _assert_same(loaded.at(loaded.row_of()[image_id]), original)
    assert loaded.bytes_per_image() == pytest.approx(sum(f.nbytes() for f in features) / 4)


def test_orb_store_round_trip(tmp_path: Path) -> None:
    _round_trip(tmp_path, OrbExtractor(n_features=300), "uint8")


def test_xfeat_store_round_trip(tmp_path: Path) -> None:
    from heritage_explorer.descriptors.local.xfeat import XFeatExtractor

    _round_trip(tmp_path, XFeatExtractor(n_features=300, max_side=320), "float16")


def test_consolidation_drops_stale_and_switches_generation(tmp_path: Path) -> None:
    extractor = OrbExtractor(n_features=200)
    features = [extractor.describe(textured_scene(seed, 200, 200)) for seed in range(3)]
    store = LocalFeatureStore(tmp_path / "s")
    store.prepare(spec="orb-200", dim=32, dtype="uint8", weights_sha256="w")
    store.append_chunk([1, 2, 3], features, ["a", "b", "c"])
    first = store.consolidate({1: "a", 2: "changed", 3: "c"})
    assert first.ids.tolist() == [1, 3]  # image 2 changed since it was described: dropped
    store.append_chunk([2], [features[1]], ["changed"])
    second = store.consolidate({1: "a", 2: "changed", 3: "c"})
    assert second.ids.tolist() == [1, 2, 3]
    assert sorted(p.name for p in (tmp_path / "s").glob("ids.*.npy")) == ["ids.1.npy"]  # old generation gone
    meta = json.loads((tmp_path / "s" / "meta.json").read_text())
    assert meta["generation"] == 1 and meta["count"] == 3


def test_other_weights_discard_old_features_and_damage_is_detected(tmp_path: Path) -> None:
    extractor = OrbExtractor(n_features=100)
    store = LocalFeatureStore(tmp_path / "s")
    store.prepare(spec="orb-100", dim=32, dtype="uint8", weights_sha256="w1")
    store.append_chunk([1], [extractor.describe(textured_scene(0, 200, 200))], ["a"])
    store.consolidate()
    descriptors = tmp_path / "s" / "descriptors.0.npy"
    descriptors.write_bytes(descriptors.read_bytes()[:-8] + b"\x00" * 8)
    with pytest.raises(CorruptArtefactError, match="checksum"):
        store.load(verify=True)
    assert store.prepare(spec="orb-100", dim=32, dtype="uint8", weights_sha256="w2") is False
    assert len(store.load(include_chunks=True)) == 0


def test_wrong_descriptor_type_is_refused(tmp_path: Path) -> None:
    store = LocalFeatureStore(tmp_path / "s")
    store.prepare(spec="x", dim=32, dtype="float16", weights_sha256=None)
    binary = OrbExtractor(n_features=50).describe(textured_scene(0, 200, 200))
    with pytest.raises(ValueError, match="do not fit"):
        store.append_chunk([1], [binary], ["a"])
