"""LocalDescriptorIndex: IVF-PQ (float) and binary IVF (ORB) indexes of local descriptors labelled by image.

Real FAISS indexes on synthetic descriptors: each "image" holds noisy copies of its own
prototype descriptors, so the nearest stored descriptors of a query image's descriptors must
belong to the matching image; incremental add, replace, remove; checked save/load.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.errors import CorruptArtefactError
from heritage_explorer.index.local_index import (
    IMAGES_FILE,
    INDEX_FILE,
    META_FILE,
    LocalDescriptorIndex,
    default_nlist,
)
from tests.reliability.helpers import flip_byte

N_IMAGES, PER_IMAGE = 60, 120


def _float_images(seed: int, dim: int = 64) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    images = []
    for _ in range(N_IMAGES):
        x = rng.standard_normal((PER_IMAGE, dim)).astype(np.float32)
        images.append(x / np.linalg.norm(x, axis=1, keepdims=True))
    return images


def _noisy(x: np.ndarray, rng: np.random.Generator, sigma: float = 0.15) -> np.ndarray:
    y = x + sigma * rng.standard_normal(x.shape).astype(np.float32) / np.sqrt(x.shape[1])
    return y / np.linalg.norm(y, axis=1, keepdims=True)


def _binary_images(seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.integers(0, 256, (PER_IMAGE, 32), dtype=np.uint8) for _ in range(N_IMAGES)]


def _flip_bits(x: np.ndarray, rng: np.random.Generator, n_bits: int = 12) -> np.ndarray:
    bits = np.unpackbits(x, axis=1)
    for row in bits:
        row[rng.choice(bits.shape[1], n_bits, replace=False)] ^= 1
    return np.packbits(bits, axis=1)


def _build(images: list[np.ndarray], binary: bool, ids: np.ndarray | None = None) -> LocalDescriptorIndex:
    ids = np.arange(100, 100 + len(images)) if ids is None else ids
    stacked = np.concatenate(images)
    index = LocalDescriptorIndex.train(stacked, binary=binary)
    offsets = np.concatenate([[0], np.cumsum([len(x) for x in images])])
    index.add(ids, offsets, stacked, [f"h{i}" for i in ids])
    return index


def _top_image(index: LocalDescriptorIndex, descriptors: np.ndarray) -> int:
    labels, _ = index.search(descriptors, 1)
    values, counts = np.unique(labels[:, 0], return_counts=True)
    return int(values[counts.argmax()])


@pytest.mark.parametrize("binary", [False, True], ids=["ivfpq", "binary-ivf"])
def test_neighbours_of_a_noisy_copy_come_from_its_image(binary: bool) -> None:
    images = _binary_images(3) if binary else _float_images(3)
    index = _build(images, binary)
    assert len(index) == N_IMAGES * PER_IMAGE and index.n_images == N_IMAGES
    rng = np.random.default_rng(4)
    for i in (0, 17, 59):
        noisy = _flip_bits(images[i], rng) if binary else _noisy(images[i], rng)
        assert _top_image(index, noisy) == 100 + i
    if not binary:  # compressed: 32 bytes of PQ code per 64-d descriptor instead of 256, 4-bit FastScan codes
        assert index._index.code_size == 32 == index.code_bytes and index.memory_bytes() < N_IMAGES * PER_IMAGE * 64 * 4 / 3
        assert (index.pq_m, index.pq_nbits) == (64, 4) and "FastScan" in type(index._index).__name__


def test_an_index_saved_with_8_bit_codes_still_loads_and_searches(tmp_path: Path) -> None:
    """Indexes written before the FastScan codes (plain IVF-PQ, 8 bits) keep working."""
    images = _float_images(3)
    old = LocalDescriptorIndex(64, binary=False, nlist=8, pq_m=32)
    old.pq_nbits = 8
    old._index = old._empty_faiss()
    old._index.train(np.concatenate(images))
    old._index.nprobe = old.nprobe
    ids = np.arange(100, 100 + len(images))
    old.add(ids, np.concatenate([[0], np.cumsum([len(x) for x in images])]), np.concatenate(images),
            [f"h{i}" for i in ids])
    old.save(tmp_path, {"spec": "xfeat-1000"})
    loaded = LocalDescriptorIndex.load(tmp_path)
    assert type(loaded._index).__name__ == "IndexIVFPQ" and (loaded.pq_nbits, loaded.code_bytes) == (8, 32)
    assert _top_image(loaded, _noisy(images[17], np.random.default_rng(4))) == 117


@pytest.mark.parametrize("binary", [False, True], ids=["ivfpq", "binary-ivf"])
def test_incremental_add_replace_and_remove_need_no_rebuild(binary: bool) -> None:
    images = _binary_images(5) if binary else _float_images(5)
    index = _build(images[:40], binary)
    trained = index._index.quantizer.reconstruct_n(0, index.nlist)
    more = np.concatenate(images[40:])
    index.add(np.arange(140, 160), np.concatenate([[0], np.cumsum([PER_IMAGE] * 20)]), more)
    assert index.n_images == N_IMAGES and len(index) == N_IMAGES * PER_IMAGE
    # the same coarse cells: nothing was retrained
    np.testing.assert_array_equal(index._index.quantizer.reconstruct_n(0, index.nlist), trained)
    assert _top_image(index, images[50]) == 150
    # re-adding image 150 with other descriptors replaces the old ones
    index.add([150], [0, PER_IMAGE], images[3], ["new"])
    assert len(index) == N_IMAGES * PER_IMAGE and index.images()[150] == "new"
    assert _top_image(index, images[50]) != 150
    assert index.remove([150, 141]) == 2 * PER_IMAGE
    assert 150 not in index.images() and len(index) == (N_IMAGES - 2) * PER_IMAGE


def test_bad_input_is_refused_clearly() -> None:
    index = _build(_float_images(6)[:10], False)
    with pytest.raises(ValueError, match="offsets"):
        index.add([1, 2], [0, 5], np.zeros((5, 64), np.float32))
    with pytest.raises(ValueError, match="N×64"):
        index.add([1], [0, 5], np.zeros((5, 32), np.float32))
    with pytest.raises(ValueError, match="packed uint8"):
        LocalDescriptorIndex.train(np.zeros((300, 32), np.float32), binary=True)
    with pytest.raises(ValueError, match="no descriptors"):
        LocalDescriptorIndex.train(np.zeros((0, 64), np.float32), binary=False)


def test_nlist_grows_with_the_square_root_of_the_collection() -> None:
    assert default_nlist(1) == 1
    assert default_nlist(76_000) == 256
    assert default_nlist(10_000_000) == 4096  # capped


@pytest.mark.parametrize("binary", [False, True], ids=["ivfpq", "binary-ivf"])
def test_save_load_round_trip_and_damage_is_detected(tmp_path: Path, binary: bool) -> None:
    images = _binary_images(7) if binary else _float_images(7)
    index = _build(images, binary)
    index.set_nprobe(5)
    index.save(tmp_path / "i", {"spec": "x", "weights_sha256": "ab"})
    loaded = LocalDescriptorIndex.load(tmp_path / "i", expected_meta={"spec": "x"})
    assert (loaded.binary, loaded.nlist, loaded.nprobe, len(loaded)) == (binary, index.nlist, 5, len(index))
    assert loaded.images() == index.images()
    probe = images[9][:30]
    np.testing.assert_array_equal(loaded.search(probe, 3)[0], index.search(probe, 3)[0])
    with pytest.raises(CorruptArtefactError, match="'spec' is 'x', expected 'y'"):
        LocalDescriptorIndex.load(tmp_path / "i", expected_meta={"spec": "y"})
    flip_byte(tmp_path / "i" / INDEX_FILE, 1000)
    with pytest.raises(CorruptArtefactError, match=f"{INDEX_FILE}: checksum mismatch"):
        LocalDescriptorIndex.load(tmp_path / "i")
    index.save(tmp_path / "i", {"spec": "x"})
    (tmp_path / "i" / IMAGES_FILE).unlink()
    with pytest.raises(CorruptArtefactError, match=f"{IMAGES_FILE}: missing"):
        LocalDescriptorIndex.load(tmp_path / "i")
    record = json.loads((tmp_path / "i" / META_FILE).read_text())
    del record["nlist"]
    (tmp_path / "i" / META_FILE).write_text(json.dumps(record))
    with pytest.raises(CorruptArtefactError, match="'nlist' missing"):
        LocalDescriptorIndex.load(tmp_path / "i")
    with pytest.raises(FileNotFoundError, match="no local index"):
        LocalDescriptorIndex.load(tmp_path / "nothing")
