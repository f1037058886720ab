"""On-disk descriptor store: resumable, atomic, self-describing.

Layout of ``descriptors/<slug>/``::

    meta.json        spec, dim, weights sha256, schema version, storage, checksums of the files below
    vectors.npy      N×D float32 (or float16, see below), L2-normalised, rows in ascending image id
                     order (memory-mapped)
    ids.npy          N int64 image ids
    hashes.npy       N content hashes (sha256 of each image file when it was described)
    chunks/*.npz     batches appended during an extraction not yet consolidated
    .lock            held (flock) by the one extraction writing this store
    .files.lock      shared by readers while they open the files, exclusive while they are replaced

A killed extraction leaves its finished batches in ``chunks/``; the next run reads them and
computes only what is missing (at most one batch is recomputed). ``consolidate`` merges the
chunks into the three arrays, atomically, and records their checksums.

Storage: ``meta.json["storage"]`` is ``float32`` (the default) or ``float16``, which halves the
file, the page cache and the memory-mapped pages a search touches, for a measured mAP loss
below 0.001 on the shared collections (README, *Performance*). The choice sticks to the store
(``extract --storage`` changes it); chunks stay float32 and are rounded when consolidated, so
float32 → float16 converts the existing vectors in place, while float16 → float32 recomputes
them (rounding cannot be undone). Reading: ``load()`` memory-maps float16 as it is (callers
widen rows with ``np.asarray(v, np.float32)``, exactly); ``load(mmap=False)`` and
``consolidate`` return float32. Rounded rows keep a norm within 1e-3 of 1 and are not
renormalised, so the index, exact evaluation and the GUI all see the same numbers.
"""

from __future__ import annotations

import errno
import io
import os
import time
import zipfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from heritage_explorer import __version__
from heritage_explorer.core.atomic import (
    atomic_write,
    atomic_write_json,
    read_versioned_json,
    sha256_file,
)
from heritage_explorer.core.errors import CorruptArtefactError, ProjectError, WriteFailedError, command_hint
from heritage_explorer.core.integrity import verify_sha256
from heritage_explorer.core.locks import flocked
from heritage_explorer.descriptors.engines import LEGACY_ENGINE

STORE_SCHEMA_VERSION = 1
STORAGE_DTYPES = {"float32": np.float32, "float16": np.float16}
DEFAULT_STORAGE = "float32"
LOCK_FILE = ".lock"
FILES_LOCK = ".files.lock"


class EngineMismatchError(ProjectError):
    """Extending a store with another inference engine than the one that made its vectors."""

    def __init__(self, spec: str, directory: Path, recorded: str, requested: str):
        self.spec, self.recorded, self.requested = spec, recorded, requested
        super().__init__(
            f"{spec}: the descriptors in {directory} were made with the {recorded} engine, not {requested}; "
            f"a store never mixes engines. Extend it with {recorded} (run: "
            f"{command_hint('extract', '--project', directory.parent.parent, '--method', spec, '--engine', recorded)}"
            f"), or delete {directory} to describe every image again with {requested}")


@dataclass(frozen=True)
class StoredVectors:
    """Vectors of a store: ``vectors[i]`` describes image ``ids[i]`` (content hash ``hashes[i]``).

    ``vectors`` is float32, or float16 when memory-mapped from a float16 store.
    """

    ids: np.ndarray
    vectors: np.ndarray
    hashes: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    def row_of(self) -> dict[int, int]:
        return {int(i): r for r, i in enumerate(self.ids)}


class DescriptorStore:
    """The descriptors of one spec string in one project."""

    def __init__(self, directory: Path):
        self.dir = Path(directory)
        self.meta_path = self.dir / "meta.json"
        self.chunk_dir = self.dir / "chunks"

    # -- writer lock -------------------------------------------------------------------------
    @contextmanager
    def writer_lock(self, spec: str) -> Iterator[None]:
        """Be the only writer of this store (another process or thread gets a clear "busy" error).

        A non-blocking ``flock`` on ``.lock``: the system releases it when the holder dies, so a
        killed extraction never leaves the store locked. Temporary files left by a killed write
        are removed once the lock is held.
        """
        self.dir.mkdir(parents=True, exist_ok=True)
        with ExitStack() as stack:
            try:
                stack.enter_context(flocked(self.dir / LOCK_FILE, exclusive=True, blocking=False))
            except BlockingIOError:
                raise ProjectError(
                    f"another extraction of {spec} is running in this project ({self.dir / LOCK_FILE} is "
                    "locked); wait for it to finish, then run this one again to complete anything missing"
                ) from None
            for folder in (self.dir, self.chunk_dir):
                for tmp in folder.glob(".*.tmp") if folder.exists() else []:
                    tmp.unlink(missing_ok=True)
            yield

    def _require_dir(self) -> None:
        """Raise WriteFailedError when the store's folder is gone (its project was moved or deleted
        during the extraction): writing on would make the folders again where the project was."""
        if not self.dir.is_dir():
            raise WriteFailedError(self.dir, FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT)))

    def _files_lock(self, *, exclusive: bool) -> AbstractContextManager[None]:
        """Readers hold it shared while they open meta.json and the arrays, writers exclusively while
        they replace them, so a reader never pairs files of two versions (each file is replaced
        atomically, the set of four is not). An open memory map keeps the old file alive, so the
        lock is not needed after ``load``.
        """
        return flocked(self.dir / FILES_LOCK, exclusive=exclusive)

    # -- metadata ----------------------------------------------------------------------------
    def meta(self) -> dict | None:
        return read_versioned_json(self.meta_path, STORE_SCHEMA_VERSION, "store metadata")

    @property
    def storage(self) -> str:
        """``float32`` or ``float16``: how ``consolidate`` writes the vectors."""
        return (self._safe_meta() or {}).get("storage", DEFAULT_STORAGE)

    @property
    def engine(self) -> str | None:
        """The inference engine of the stored vectors (``meta.json["engine"]``; stores written before
        engines were recorded: ``torch-bf16``), or None when the store holds no vectors yet or its
        method has no network (colour histograms)."""
        meta = self._safe_meta()
        if meta is None or not self._has_vectors():
            return None
        return meta.get("engine", LEGACY_ENGINE if meta.get("weights_sha256") else None)

    def _has_vectors(self) -> bool:
        return (self.dir / "vectors.npy").exists() or (self.chunk_dir.exists() and any(self.chunk_dir.glob("*.npz")))

    def prepare(self, *, spec: str, dim: int, weights_sha256: str | None, extra: dict | None = None,
                storage: str | None = None, engine: str | None = None) -> bool:
        """Make the store ready for ``spec``; returns False when existing vectors were discarded.

        Vectors made with other weights or another dimension are never mixed with new ones:
        the old files are removed (they are stale) and the extraction starts afresh. ``storage``
        (``float32``/``float16``) changes how vectors are stored; None keeps the store's choice.
        ``engine`` (``descriptors/engines.py``) is recorded; extending vectors that another engine
        made raises :class:`EngineMismatchError` (nothing is changed), so one store never mixes engines.
        """
        if storage is not None and storage not in STORAGE_DTYPES:
            raise ValueError(f"storage must be one of {', '.join(STORAGE_DTYPES)}, got {storage!r}")
        self.dir.mkdir(parents=True, exist_ok=True)
        with self._files_lock(exclusive=True):
            if engine is not None:
                self._check_engine(spec, dim, weights_sha256, engine)
            return self._prepare_locked(spec=spec, dim=dim, weights_sha256=weights_sha256,
                                        extra={**(extra or {}), **({"engine": engine} if engine else {})},
                                        storage=storage)

    def _check_engine(self, spec: str, dim: int, weights_sha256: str | None, engine: str) -> None:
        meta = self._safe_meta()
        if meta is None or (meta.get("spec"), meta.get("dim"), meta.get("weights_sha256")) != (spec, dim, weights_sha256):
            return  # other vectors: discarded anyway, nothing to mix with
        recorded = meta.get("engine", LEGACY_ENGINE)
        if recorded == engine:
            return
        if not self._has_vectors():
            atomic_write_json(self.meta_path, {**meta, "engine": engine})
            return
        raise EngineMismatchError(spec, self.dir, recorded, engine)

    def _prepare_locked(self, *, spec: str, dim: int, weights_sha256: str | None, extra: dict | None,
                        storage: str | None) -> bool:
        meta = self._safe_meta()
        stored_as = (meta or {}).get("storage", DEFAULT_STORAGE)
        storage = storage or stored_as
        fresh = meta is not None and (
            meta.get("spec") == spec and meta.get("dim") == dim and meta.get("weights_sha256") == weights_sha256
            and not (stored_as == "float16" and storage == "float32")  # rounded vectors: recompute them
        )
        if fresh and stored_as != storage:
            atomic_write_json(self.meta_path, {**meta, "storage": storage})  # consolidate converts the vectors
        if not fresh:
            self._remove_files(keep_chunks=False)
            self.meta_path.unlink(missing_ok=True)
            meta = {
                "schema_version": STORE_SCHEMA_VERSION,
                "spec": spec,
                "dim": dim,
                "weights_sha256": weights_sha256,
                "storage": storage,
                "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "heritage_explorer_version": __version__,
                "files": {},
                **(extra or {}),
            }
            atomic_write_json(self.meta_path, meta)
        return fresh

    def _safe_meta(self) -> dict | None:
        try:
            return self.meta()
        except CorruptArtefactError:
            return None

    def clear_vectors(self, *, keep_chunks: bool = False) -> None:
        """Remove the vectors (and pending chunks, unless ``keep_chunks``) but keep the metadata."""
        if not self.dir.exists():
            return
        with self._files_lock(exclusive=True):
            self._remove_files(keep_chunks=keep_chunks)

    def _remove_files(self, *, keep_chunks: bool) -> None:
        for name in ("vectors.npy", "ids.npy", "hashes.npy"):
            (self.dir / name).unlink(missing_ok=True)
        if self.chunk_dir.exists() and not keep_chunks:
            for chunk in self.chunk_dir.glob("*.npz"):
                chunk.unlink()

    def clear(self) -> None:
        if not self.dir.exists():
            return
        with self._files_lock(exclusive=True):
            self._remove_files(keep_chunks=False)
            self.meta_path.unlink(missing_ok=True)

    # -- writing -----------------------------------------------------------------------------
    def append_chunk(self, ids: list[int], vectors: np.ndarray, hashes: list[str]) -> Path:
        """Persist one finished batch (atomically) so a killed run resumes after it."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[0] != len(ids) or len(hashes) != len(ids):
            raise ValueError("ids, vectors and hashes must have the same number of rows")
        self._require_dir()
        self.chunk_dir.mkdir(exist_ok=True)
        existing = sorted(self.chunk_dir.glob("*.npz"))
        number = int(existing[-1].stem) + 1 if existing else 0
        path = self.chunk_dir / f"{number:08d}.npz"
        buffer = io.BytesIO()
        np.savez(
            buffer,
            ids=np.asarray(ids, dtype=np.int64),
            vectors=vectors,
            hashes=np.asarray(hashes, dtype="U64"),
        )
        atomic_write(path, lambda fh: fh.write(buffer.getvalue()))
        return path

    def consolidate(self, keep: dict[int, str] | None = None) -> StoredVectors:
        """Merge chunks into the main arrays (a later row for the same id wins), atomically.

        With ``keep`` (image id -> current content hash), rows of images that are gone or whose
        content changed since they were described are dropped: the store never serves stale vectors.
        """
        merged = self.load(include_chunks=True)
        meta = self.meta() or {}
        if keep is not None:
            valid = np.array([keep.get(int(i)) == h for i, h in zip(merged.ids, merged.hashes, strict=True)], bool)
            merged = StoredVectors(merged.ids[valid], np.asarray(merged.vectors)[valid], merged.hashes[valid])
        order = np.argsort(merged.ids, kind="stable")
        dtype = STORAGE_DTYPES[meta.get("storage", DEFAULT_STORAGE)]
        arrays = {
            "ids.npy": merged.ids[order],
            "vectors.npy": np.ascontiguousarray(np.asarray(merged.vectors)[order], dtype=dtype),
            "hashes.npy": merged.hashes[order],
        }
        files = {}
        self._require_dir()
        with self._files_lock(exclusive=True):
            for name, array in arrays.items():
                atomic_write(self.dir / name, lambda fh, a=array: np.save(fh, a, allow_pickle=False))
                files[name] = {"sha256": sha256_file(self.dir / name), "shape": list(array.shape)}
            files["vectors.npy"]["dtype"] = np.dtype(dtype).name
            meta.update(files=files, count=int(len(arrays["ids.npy"])),
                        consolidated=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
            atomic_write_json(self.meta_path, meta)
        for chunk in self.chunk_dir.glob("*.npz") if self.chunk_dir.exists() else []:
            chunk.unlink()
        vectors = arrays["vectors.npy"].astype(np.float32, copy=False)
        return StoredVectors(arrays["ids.npy"], vectors, arrays["hashes.npy"])

    # -- reading -----------------------------------------------------------------------------
    def load(self, *, include_chunks: bool = False, verify: bool = False, mmap: bool = True) -> StoredVectors:
        """The stored vectors; ``verify`` checks the files' sha256 against the metadata.

        ``mmap`` memory-maps ``vectors.npy`` as stored (float16 stays float16); without it the
        vectors are read into memory as float32. ``verify`` re-hashes a file only if it changed
        since it last matched (``core/integrity.py``).
        """
        with self._files_lock(exclusive=False):
            return self._load_locked(include_chunks=include_chunks, verify=verify, mmap=mmap)

    def _load_locked(self, *, include_chunks: bool, verify: bool, mmap: bool) -> StoredVectors:
        meta = self.meta()
        if meta is None:
            return _empty(0)
        dim = int(meta["dim"])
        parts: list[StoredVectors] = []
        if (self.dir / "vectors.npy").exists():
            parts.append(self._load_main(meta, verify=verify, mmap=mmap))
        if include_chunks and self.chunk_dir.exists():
            for chunk in sorted(self.chunk_dir.glob("*.npz")):
                try:
                    with np.load(chunk, allow_pickle=False) as data:
                        part = StoredVectors(data["ids"], data["vectors"], data["hashes"])
                except (OSError, ValueError, KeyError, zipfile.BadZipFile):
                    # A chunk is written atomically, so this is damage from outside: drop it and recompute.
                    chunk.unlink(missing_ok=True)
                    continue
                if part.vectors.ndim == 2 and part.vectors.shape[1] == dim:
                    parts.append(part)
        if not parts:
            return _empty(dim)
        if len(parts) == 1 and not include_chunks:
            return parts[0]
        ids = np.concatenate([p.ids for p in parts])
        vectors = np.concatenate([np.asarray(p.vectors) for p in parts])
        hashes = np.concatenate([p.hashes.astype("U64") for p in parts])
        # Keep the last occurrence of each id (later chunks supersede earlier rows).
        _, last = np.unique(ids[::-1], return_index=True)
        keep = np.sort(len(ids) - 1 - last)
        return StoredVectors(ids[keep], vectors[keep], hashes[keep])

    def _load_main(self, meta: dict, *, verify: bool, mmap: bool) -> StoredVectors:
        files = meta.get("files", {})
        arrays = {}
        for name in ("ids.npy", "vectors.npy", "hashes.npy"):
            path = self.dir / name
            expected = files.get(name)
            if expected is None:
                raise CorruptArtefactError(f"{path}: not described in {self.meta_path} (interrupted write?)")
            try:
                if verify and not verify_sha256(path, expected["sha256"]):
                    raise CorruptArtefactError(f"{path}: checksum mismatch (the file was modified or damaged)")
                array = np.load(path, mmap_mode="r" if mmap and name == "vectors.npy" else None, allow_pickle=False)
            except (OSError, ValueError) as exc:
                raise CorruptArtefactError(f"{path}: unreadable ({exc})") from exc
            if list(array.shape) != expected["shape"]:
                raise CorruptArtefactError(f"{path}: shape {list(array.shape)} != recorded {expected['shape']}")
            if name == "vectors.npy":
                if array.dtype.name not in STORAGE_DTYPES or array.dtype.name != expected.get("dtype", "float32"):
                    raise CorruptArtefactError(
                        f"{path}: dtype {array.dtype.name}, recorded {expected.get('dtype', 'float32')}")
                if not mmap:
                    array = array.astype(np.float32, copy=False)
            arrays[name] = array
        return StoredVectors(arrays["ids.npy"], arrays["vectors.npy"], arrays["hashes.npy"])


def _empty(dim: int) -> StoredVectors:
    return StoredVectors(np.zeros(0, np.int64), np.zeros((0, dim), np.float32), np.zeros(0, "U64"))
