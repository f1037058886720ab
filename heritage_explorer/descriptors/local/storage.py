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

As in the global descriptor store (``pipeline/store.py``), a killed extraction keeps its
finished batches; :meth:`LocalFeatureStore.consolidate` merges them, streaming rows to disk so
that a large store is never loaded whole. ``G`` is the generation: a consolidation writes a
new generation, then switches ``meta.json`` to it in one atomic rename, then deletes the old
one, so a crash at any point leaves a readable store.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np

from heritage_explorer.core.atomic import atomic_write, atomic_write_json, read_versioned_json, sha256_file
from heritage_explorer.core.errors import CorruptArtefactError
from heritage_explorer.descriptors.local.features import LocalFeatures

LOCAL_STORE_SCHEMA_VERSION = 1
_RAGGED = ("keypoints", "descriptors", "scores")
_FILES = ("ids", "hashes", "offsets", "sizes", *_RAGGED)


@dataclass(frozen=True)
class StoredLocalFeatures:
    """Local features of the images ``ids`` (content ``hashes``), rows split by ``offsets``."""

    ids: np.ndarray
    hashes: np.ndarray
    offsets: np.ndarray
    sizes: np.ndarray
    keypoints: np.ndarray
    descriptors: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    def row_of(self) -> dict[int, int]:
        return {int(i): r for r, i in enumerate(self.ids)}

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


class LocalFeatureStore:
    """The local features of one spec string in one project directory."""

    def __init__(self, directory: str | Path):
        self.dir = Path(directory)
        self.meta_path = self.dir / "meta.json"
        self.chunk_dir = self.dir / "chunks"

    # -- metadata ----------------------------------------------------------------------------
    def meta(self) -> dict | None:
        return read_versioned_json(self.meta_path, LOCAL_STORE_SCHEMA_VERSION, "local store metadata")

    def meta_or_none(self) -> dict | None:
        """The metadata, or ``None`` when absent or unreadable (the store is then started afresh)."""
        try:
            return self.meta()
        except CorruptArtefactError:
            return None

    def prepare(self, *, spec: str, dim: int, dtype: str, weights_sha256: str | None,
                extra: dict | None = None) -> bool:
        """Make the store ready for ``spec``; returns False when existing features were discarded.

        Features made by another method version (spec, dimension, type or weights) are never
        mixed with new ones: the old files are removed and the extraction starts afresh.
        """
        meta = self.meta_or_none()
        identity = {"spec": spec, "dim": int(dim), "dtype": str(np.dtype(dtype)), "weights_sha256": weights_sha256}
        fresh = meta is not None and all(meta.get(k) == v for k, v in identity.items())
        if not fresh:
            self.clear()
            meta = {"schema_version": LOCAL_STORE_SCHEMA_VERSION, **identity, "files": {}, "count": 0}
        meta.update(extra or {})
        meta["updated"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        atomic_write_json(self.meta_path, meta)
        return fresh

    def update_meta(self, **fields: object) -> None:
        """Record extra fields (e.g. the fitted PCA) in ``meta.json``."""
        meta = self.meta()
        if meta is None:
            raise CorruptArtefactError(f"{self.meta_path}: the store was not prepared")
        meta.update(fields)
        atomic_write_json(self.meta_path, meta)

    def clear(self) -> None:
        """Remove every file of the store (features, chunks, metadata, side files)."""
        if self.dir.exists():
            for path in self.dir.glob("*"):
                if path.is_file():
                    path.unlink()
        if self.chunk_dir.exists():
            for chunk in self.chunk_dir.glob("*.npz"):
                chunk.unlink()

    # -- writing -----------------------------------------------------------------------------
    def append_chunk(self, ids: Sequence[int], features: Sequence[LocalFeatures], hashes: Sequence[str]) -> Path:
        """Persist one finished batch atomically, so a killed run resumes after it."""
        meta = self.meta()
        if meta is None:
            raise CorruptArtefactError(f"{self.meta_path}: the store was not prepared")
        packed = pack(ids, features, hashes, int(meta["dim"]), np.dtype(meta["dtype"]))
        self.chunk_dir.mkdir(parents=True, exist_ok=True)
        existing = sorted(self.chunk_dir.glob("*.npz"))
        path = self.chunk_dir / f"{int(existing[-1].stem) + 1 if existing else 0:08d}.npz"
        buffer = io.BytesIO()
        np.savez(buffer, **{name: getattr(packed, name) for name in _FILES})
        atomic_write(path, lambda fh: fh.write(buffer.getvalue()))
        return path

    def consolidate(self, keep: dict[int, str] | None = None) -> StoredLocalFeatures:
        """Merge chunks into the main arrays (a later record of an id wins), atomically.

        With ``keep`` (image id -> current content hash), records of images that are gone or
        changed are dropped, so the store never serves stale features.
        """
        meta = self.meta()
        if meta is None:
            raise CorruptArtefactError(f"{self.meta_path}: the store was not prepared")
        parts = self._parts(meta, include_chunks=True, verify=False)
        chosen: dict[int, tuple[int, int]] = {}  # id -> (part, row); later parts override earlier ones
        for p, part in enumerate(parts):
            for r, image_id in enumerate(part.ids.tolist()):
                if keep is None or keep.get(int(image_id)) == str(part.hashes[r]):
                    chosen[int(image_id)] = (p, r)
                else:
                    chosen.pop(int(image_id), None)
        order = [chosen[i] for i in sorted(chosen)]
        counts = np.array([parts[p].offsets[r + 1] - parts[p].offsets[r] for p, r in order], dtype=np.int64)
        small = {
            "ids": np.array(sorted(chosen), dtype=np.int64),
            "hashes": np.array([parts[p].hashes[r] for p, r in order], dtype="U64"),
            "offsets": np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
            "sizes": np.array([parts[p].sizes[r] for p, r in order], dtype=np.int32).reshape(-1, 2),
        }
        old = int(meta.get("generation", -1))
        generation = old + 1
        files = {}
        for name, array in small.items():
            path = self.dir / f"{name}.{generation}.npy"
            atomic_write(path, lambda fh, a=array: np.save(fh, a, allow_pickle=False))
            files[name] = {"sha256": sha256_file(path), "shape": list(array.shape)}
        total = int(small["offsets"][-1])
        for name in _RAGGED:
            template = getattr(parts[0], name) if parts else _empty(meta)[name]
            shape = (total, *template.shape[1:])
            path = self.dir / f"{name}.{generation}.npy"
            atomic_write(path, _streamer(parts, order, name, template.dtype, shape))
            files[name] = {"sha256": sha256_file(path), "shape": list(shape)}
        meta.update(files=files, generation=generation, count=len(order),
                    consolidated=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
        atomic_write_json(self.meta_path, meta)
        del parts  # release the memory maps of the old generation before deleting its files
        for name in _FILES:
            (self.dir / f"{name}.{old}.npy").unlink(missing_ok=True)
        for chunk in self.chunk_dir.glob("*.npz") if self.chunk_dir.exists() else []:
            chunk.unlink()
        return self.load()

    # -- reading -----------------------------------------------------------------------------
    def load(self, *, include_chunks: bool = False, verify: bool = False) -> StoredLocalFeatures:
        """The stored features (main arrays memory-mapped); ``verify`` checks their sha256."""
        meta = self.meta()
        if meta is None:
            raise CorruptArtefactError(f"{self.meta_path}: no local features here")
        parts = self._parts(meta, include_chunks=include_chunks, verify=verify)
        if len(parts) == 1 and not include_chunks:
            return parts[0]
        if not parts:
            return StoredLocalFeatures(**_empty(meta))
        rows: dict[int, tuple[int, int]] = {}
        for p, part in enumerate(parts):
            for r, image_id in enumerate(part.ids.tolist()):
                rows[int(image_id)] = (p, r)
        ids = sorted(rows)
        feats = [parts[rows[i][0]].at(rows[i][1]) for i in ids]
        hashes = [str(parts[rows[i][0]].hashes[rows[i][1]]) for i in ids]
        return pack(ids, feats, hashes, int(meta["dim"]), np.dtype(meta["dtype"]))

    def _parts(self, meta: dict, *, include_chunks: bool, verify: bool) -> list[StoredLocalFeatures]:
        parts = []
        if meta.get("files"):
            parts.append(self._load_main(meta, verify=verify))
        if include_chunks and self.chunk_dir.exists():
            for chunk in sorted(self.chunk_dir.glob("*.npz")):
                try:
                    with np.load(chunk, allow_pickle=False) as data:
                        part = StoredLocalFeatures(**{name: data[name] for name in _FILES})
                except (OSError, ValueError, KeyError):
                    chunk.unlink(missing_ok=True)  # written atomically, so damaged from outside: recompute
                    continue
                if part.descriptors.shape[1:] == (int(meta["dim"]),):
                    parts.append(part)
        return parts

    def _load_main(self, meta: dict, *, verify: bool) -> StoredLocalFeatures:
        arrays = {}
        for name in _FILES:
            path = self.dir / f"{name}.{int(meta['generation'])}.npy"
            expected = meta["files"].get(name)
            if expected is None:
                raise CorruptArtefactError(f"{path}: not described in {self.meta_path} (interrupted write?)")
            if verify and sha256_file(path) != expected["sha256"]:
                raise CorruptArtefactError(f"{path}: checksum mismatch (the file was modified or damaged)")
            try:
                array = np.load(path, mmap_mode="r" if name in _RAGGED else None, allow_pickle=False)
            except (OSError, ValueError) as exc:
                raise CorruptArtefactError(f"{path}: unreadable ({exc})") from exc
            if list(array.shape) != expected["shape"]:
                raise CorruptArtefactError(f"{path}: shape {list(array.shape)} != recorded {expected['shape']}")
            arrays[name] = array
        return StoredLocalFeatures(**arrays)


def _streamer(parts: list[StoredLocalFeatures], order: list[tuple[int, int]], name: str, dtype: np.dtype,
              shape: tuple[int, ...]) -> Callable[[IO[bytes]], None]:
    """A writer of one ragged array as ``.npy``, row block by row block (no full copy in memory)."""

    def write(fh: IO[bytes]) -> None:
        np.lib.format.write_array_header_1_0(
            fh, {"descr": np.lib.format.dtype_to_descr(np.dtype(dtype)), "fortran_order": False, "shape": shape})
        for p, r in order:
            lo, hi = int(parts[p].offsets[r]), int(parts[p].offsets[r + 1])
            fh.write(np.ascontiguousarray(getattr(parts[p], name)[lo:hi], dtype=dtype).tobytes())

    return write


def _empty(meta: dict) -> dict[str, np.ndarray]:
    dim, dtype = int(meta["dim"]), np.dtype(meta["dtype"])
    return {"ids": np.zeros(0, np.int64), "hashes": np.zeros(0, "U64"), "offsets": np.zeros(1, np.int64),
            "sizes": np.zeros((0, 2), np.int32), "keypoints": np.zeros((0, 2), np.float32),
            "descriptors": np.zeros((0, dim), dtype), "scores": np.zeros(0, np.float32)}
