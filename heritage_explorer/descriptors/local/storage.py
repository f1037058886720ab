"""On-disk store of local features: ragged per-image arrays, resumable, atomic, self-describing.

Local features are the memory-hungry side of retrieval (Chen et al., survey §4.2.2,
"Discussion": "the local descriptors for an image are stored individually and independently,
which is memory-intensive"), so the layout keeps them compact and memory-mapped. Layout of
``local/<slug>/``::

    meta.json          spec, descriptor dim and type, weights sha256, schema version, checksums
    ids.G.npy          M int64 image ids, ascending
    hashes.G.npy       M content hashes of the images when they were described
    offsets.G.npy      M+1 int64: image i owns rows offsets[i]:offsets[i+1] of the arrays below
    sizes.G.npy        M×2 int32 (width, height) of the described frames
    keypoints.G.npy    T×2 float32 (x, y)
    descriptors.G.npy  T×D uint8 (packed binary) or float16
    scores.G.npy       T float32
    chunks/*.npz       batches appended during an extraction not yet consolidated

The store is a :class:`~heritage_explorer.core.chunked_store.ChunkedStore`, as the global
descriptor store (``pipeline/store.py``) is: the same locks, chunks, resumption and checksums;
a consolidation streams the ragged rows to disk so that a large store is never loaded whole.
``G`` is the generation: a consolidation writes a new generation, then switches ``meta.json``
to it in one atomic rename, then deletes the old one, so a crash at any point leaves a
readable store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from heritage_explorer.core.chunked_store import Arrays, ChunkedStore, StoredRecords
from heritage_explorer.core.errors import CorruptArtefactError
from heritage_explorer.descriptors.local.features import LocalFeatures


@dataclass(frozen=True)
class StoredLocalFeatures(StoredRecords):
    """Local features of the images ``ids`` (content ``hashes``), rows split by ``offsets``."""

    ids: np.ndarray
    hashes: np.ndarray
    offsets: np.ndarray
    sizes: np.ndarray
    keypoints: np.ndarray
    descriptors: np.ndarray
    scores: np.ndarray


    def at(self, row: int) -> LocalFeatures:
        """The features of the ``row``-th image (copied out of the memory map)."""
        lo, hi = int(self.offsets[row]), int(self.offsets[row + 1])
        return LocalFeatures(np.array(self.keypoints[lo:hi]), np.array(self.descriptors[lo:hi]),
                             np.array(self.scores[lo:hi]), (int(self.sizes[row][0]), int(self.sizes[row][1])))

    def bytes_per_image(self) -> float:
        """Mean bytes of keypoints + descriptors + scores per image (what the store costs)."""
        if not len(self):
            return 0.0
        total = self.keypoints.nbytes + self.descriptors.nbytes + self.scores.nbytes
        return float(total) / len(self)


def pack(ids: Sequence[int], features: Sequence[LocalFeatures], hashes: Sequence[str], dim: int,
         dtype: np.dtype) -> StoredLocalFeatures:
    """Concatenate per-image records into the ragged layout (what a chunk holds)."""
    if not (len(ids) == len(features) == len(hashes)):
        raise ValueError("ids, features and hashes must have the same length")
    for f in features:
        if f.descriptors.shape[1] != dim or f.descriptors.dtype != dtype:
            raise ValueError(f"descriptors {f.descriptors.shape} {f.descriptors.dtype} do not fit a store of "
                             f"{dim}-d {np.dtype(dtype)}")
    counts = [len(f) for f in features]
    return StoredLocalFeatures(
        ids=np.asarray(ids, dtype=np.int64),
        hashes=np.asarray(hashes, dtype="U64"),
        offsets=np.concatenate([[0], np.cumsum(counts, dtype=np.int64)]).astype(np.int64),
        sizes=np.asarray([f.image_size for f in features], dtype=np.int32).reshape(-1, 2),
        keypoints=np.concatenate([f.keypoints for f in features]) if features else np.zeros((0, 2), np.float32),
        descriptors=(np.concatenate([f.descriptors for f in features]) if features
                     else np.zeros((0, dim), dtype)),
        scores=np.concatenate([f.scores for f in features]) if features else np.zeros(0, np.float32),
    )


class LocalFeatureStore(ChunkedStore):
    """The local features of one spec string in one project directory."""

    WHAT = "local store metadata"
    PER_IMAGE = ("ids", "hashes", "sizes")
    RAGGED = ("keypoints", "descriptors", "scores")
    MAPPED = RAGGED
    DIM_ARRAY = "descriptors"
    FILE_NAME = "{name}.{generation}.npy"
    META_KEY = "{name}"

    def prepare(self, *, spec: str, dim: int, dtype: str, weights_sha256: str | None,
                extra: dict | None = None) -> bool:
        """Make the store ready for ``spec``; returns False when existing features were discarded.

        Features made by another method version (spec, dimension, type or weights) are never
        mixed with new ones: the old files are removed and the extraction starts afresh.
        """
        self.dir.mkdir(parents=True, exist_ok=True)
        identity = {"spec": spec, "dim": int(dim), "dtype": str(np.dtype(dtype)), "weights_sha256": weights_sha256}
        with self._files_lock(exclusive=True):
            return self._prepare(identity, extra)

    def _pack(self, ids: Sequence[int], records: Sequence[LocalFeatures], hashes: Sequence[str],
              meta: dict) -> Arrays:
        packed = pack(ids, records, hashes, int(meta["dim"]), np.dtype(meta["dtype"]))
        return {name: getattr(packed, name) for name in self.names}

    def _record(self, arrays: Arrays) -> StoredLocalFeatures:
        return StoredLocalFeatures(**arrays)

    def _empty(self, meta: dict | None) -> Arrays:
        dim, dtype = (int(meta["dim"]), np.dtype(meta["dtype"])) if meta else (0, np.dtype(np.float16))
        return {"ids": np.zeros(0, np.int64), "hashes": np.zeros(0, "U64"), "offsets": np.zeros(1, np.int64),
                "sizes": np.zeros((0, 2), np.int32), "keypoints": np.zeros((0, 2), np.float32),
                "descriptors": np.zeros((0, dim), dtype), "scores": np.zeros(0, np.float32)}

    def _absent(self) -> StoredLocalFeatures:
        raise CorruptArtefactError(f"{self.meta_path}: no local features here")
