"""The one on-disk store of per-image records: resumable, atomic, self-describing (issue #17 part 4).

The global descriptor store (``pipeline/store.py``) and the local feature store
(``descriptors/local/storage.py``) are this store with their own payload layout. Layout::

    meta.json        schema version, what made the records (spec, dim, weights sha256…), ``count``,
                     ``files``: each array's sha256, shape and dtype
    <name>.npy       the arrays (``<name>.<G>.npy`` where each consolidation writes generation G)
    chunks/*.npz     finished batches of an extraction not yet consolidated
    .lock            held (flock) by the one extraction writing this store
    .files.lock      shared by readers while they open the files, exclusive while they are replaced

A payload has per-image arrays (``ids``, ``hashes``, the vectors) and may have ragged ones (image i
owns rows ``offsets[i]:offsets[i+1]``), streamed to disk when consolidated, never loaded whole. An array stored "as chosen" (``_stored_dtype``: float32 or
float16 vectors) is converted when consolidated and widened to float32 when read into memory.
A killed extraction keeps its chunks: :meth:`ChunkedStore.up_to_date` says what is done (damaged
main files discarded, damaged chunks dropped); :meth:`ChunkedStore.consolidate` merges them (a
later record of an image wins, records of images gone or changed are dropped) and records the
checksums; with generations the switch to the new files is one atomic rename of ``meta.json``.
"""

from __future__ import annotations

import errno
import os
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from pathlib import Path
from typing import IO, Any, ClassVar

import numpy as np

from heritage_explorer import __version__
from heritage_explorer.core import atomic
from heritage_explorer.core.atomic import atomic_write, atomic_write_json, read_versioned_json, sha256_file
from heritage_explorer.core.errors import CorruptArtefactError, ProjectError, WriteFailedError
from heritage_explorer.core.integrity import verify_sha256
from heritage_explorer.core.locks import flocked

LOCK_FILE = ".lock"
FILES_LOCK = ".files.lock"
Arrays = dict[str, np.ndarray]


class StoredRecords:
    """What a store's records have in common: ``ids[i]`` is the image of row ``i``."""

    ids: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    def row_of(self) -> dict[int, int]:
        return {int(i): r for r, i in enumerate(self.ids)}


class ChunkedStore:
    """Records of images (one per image id, with the content hash it was made from) in one folder.

    A subclass names its payload layout (``PER_IMAGE``, ``RAGGED``, ``DIM_ARRAY``, file naming)
    and how records are packed into arrays and arrays into its record type.
    """

    SCHEMA_VERSION: ClassVar[int] = 1
    WHAT: ClassVar[str] = "store metadata"
    PER_IMAGE: ClassVar[tuple[str, ...]]  # one row per image: "ids", "hashes" and the payload's own
    RAGGED: ClassVar[tuple[str, ...]] = ()  # rows split by "offsets"
    MAPPED: ClassVar[tuple[str, ...]] = ()  # memory-mapped by load(mmap=True)
    DIM_ARRAY: ClassVar[str]  # the array whose second axis is meta["dim"]
    FILE_NAME: ClassVar[str] = "{name}.npy"  # with "{generation}": a new generation per consolidation
    META_KEY: ClassVar[str] = "{name}.npy"  # key of an array in meta["files"]
    MAP_CONSOLIDATED: ClassVar[bool] = True  # consolidate() returns load(mmap=MAP_CONSOLIDATED)

    def __init__(self, directory: str | Path):
        self.dir = Path(directory)
        self.meta_path = self.dir / "meta.json"
        self.chunk_dir = self.dir / "chunks"

    # -- the payload layout (subclasses) ---------------------------------------------------------
    def _pack(self, ids: Sequence[int], records: Any, hashes: Sequence[str], meta: dict) -> Arrays:
        raise NotImplementedError

    def _record(self, arrays: Arrays) -> Any:
        raise NotImplementedError

    def _empty(self, meta: dict | None) -> Arrays:
        raise NotImplementedError

    def _stored_dtype(self, name: str, meta: dict) -> np.dtype | None:
        """The dtype ``name`` is converted to when consolidated (None: kept as packed)."""
        return None

    def _absent(self) -> Any:
        """What ``load`` returns when the store was never prepared."""
        return self._record(self._empty(None))

    @property
    def names(self) -> tuple[str, ...]:  # every array of a record
        return (*self.PER_IMAGE, *(("offsets", *self.RAGGED) if self.RAGGED else ()))

    def _file(self, name: str, generation: int | str | None) -> Path:
        return self.dir / self.FILE_NAME.format(name=name, generation=generation)

    # -- locks -----------------------------------------------------------------------------------
    @contextmanager
    def writer_lock(self, spec: str) -> Iterator[None]:
        """Be the only writer of this store (another process or thread gets a clear "busy" error); the system
        releases the ``flock`` when its holder dies. Temporary files of a killed write are then removed."""
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

    def _files_lock(self, *, exclusive: bool) -> AbstractContextManager[None]:
        """Shared by readers while they open the files, exclusive while a writer replaces them: a reader never
        pairs files of two versions (an open memory map keeps the old file alive after ``load``)."""
        return flocked(self.dir / FILES_LOCK, exclusive=exclusive)

    def _require_dir(self) -> None:  # the folder is gone (project moved or deleted): do not make it again
        if not self.dir.is_dir():
            raise WriteFailedError(self.dir, FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT)))

    # -- metadata --------------------------------------------------------------------------------
    def meta(self) -> dict | None:
        return read_versioned_json(self.meta_path, self.SCHEMA_VERSION, self.WHAT)

    def meta_or_none(self) -> dict | None:  # None also when unreadable: the store is then started afresh
        try:
            return self.meta()
        except CorruptArtefactError:
            return None

    def _prepared_meta(self) -> dict:
        if (meta := self.meta()) is None:
            raise CorruptArtefactError(f"{self.meta_path}: the store was not prepared")
        return meta

    def update_meta(self, **fields: object) -> None:
        """Record extra fields (e.g. a fitted PCA's provenance) in ``meta.json``."""
        atomic_write_json(self.meta_path, {**self._prepared_meta(), **fields})

    def has_data(self) -> bool:
        """Whether the store holds records (consolidated or in chunks)."""
        meta = self.meta_or_none()
        return bool(meta and meta.get("files")) or self.chunk_count() > 0

    def chunk_count(self) -> int:  # finished batches not yet consolidated
        return sum(1 for _ in self.chunk_dir.glob("*.npz")) if self.chunk_dir.exists() else 0

    def _prepare(self, identity: dict, extra: dict | None = None,
                 still_fresh: Callable[[dict], bool] = lambda meta: True) -> bool:
        """Make the store ready for records of ``identity``; False when existing records were discarded.

        Records made by another method version (any ``identity`` field differs, or ``still_fresh``
        says no) are never mixed with new ones: every file is removed and the store starts afresh.
        ``extra`` fields are recorded either way. The caller holds the exclusive files lock.
        """
        meta = self.meta_or_none()
        fresh = meta is not None and all(meta.get(k) == v for k, v in identity.items()) and still_fresh(meta)
        if not fresh:
            self._clear_locked()
            meta = {"schema_version": self.SCHEMA_VERSION, **identity, "files": {}, "count": 0,
                    "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "heritage_explorer_version": __version__}
        updated = {**meta, **(extra or {})}
        if not fresh or updated != meta:
            atomic_write_json(self.meta_path, updated)
        return fresh

    # -- removing --------------------------------------------------------------------------------
    def clear(self) -> None:
        """Remove every file of the store (records, chunks, metadata, fitted side files) but its locks."""
        if self.dir.exists():
            with self._files_lock(exclusive=True):
                self._clear_locked()

    def _clear_locked(self) -> None:
        for path in self.dir.iterdir() if self.dir.exists() else []:
            if path.is_file() and path.name not in (LOCK_FILE, FILES_LOCK):
                path.unlink()
        self._remove_chunks()

    def clear_data(self, *, keep_chunks: bool = False) -> None:
        """Remove the consolidated records (and the chunks, unless ``keep_chunks``); keep the metadata."""
        with self._files_lock(exclusive=True) if self.dir.exists() else nullcontext():
            for name in self.names:
                for path in self.dir.glob(self.FILE_NAME.format(name=name, generation="*")):
                    path.unlink()
            meta = self.meta_or_none()
            if meta is not None and meta.get("files"):
                atomic_write_json(self.meta_path, {**meta, "files": {}, "count": 0})
            if not keep_chunks:
                self._remove_chunks()

    def _remove_chunks(self) -> None:
        for chunk in self.chunk_dir.glob("*.npz") if self.chunk_dir.exists() else []:
            chunk.unlink()

    # -- writing ---------------------------------------------------------------------------------
    def append_chunk(self, ids: Sequence[int], records: Any, hashes: Sequence[str]) -> Path:
        """Persist one finished batch (atomically) so a killed run resumes after it."""
        arrays = self._pack(ids, records, hashes, self._prepared_meta())
        self._require_dir()
        self.chunk_dir.mkdir(exist_ok=True)
        existing = sorted(self.chunk_dir.glob("*.npz"))
        path = self.chunk_dir / f"{int(existing[-1].stem) + 1 if existing else 0:08d}.npz"
        atomic.atomic_write_npz(path, **arrays)
        return path

    def consolidate(self, keep: dict[int, str] | None = None) -> Any:
        """Merge the chunks into the main arrays (a later record of an id wins), atomically; returns
        ``load(mmap=MAP_CONSOLIDATED)``.

        With ``keep`` (image id -> current content hash), records of images that are gone or whose
        content changed since they were described are dropped: the store never serves stale records.
        """
        meta = self._prepared_meta()
        with self._files_lock(exclusive=False):
            parts = self._parts(meta, include_chunks=True, verify=False, mmap=True)
        chosen = _select(parts, keep)
        arrays = {name: self._gathered(parts, chosen, name, meta) for name in self.PER_IMAGE}
        generation = int(meta.get("generation", -1)) + 1 if "{generation}" in self.FILE_NAME else None
        writers: dict[str, Callable[[IO[bytes]], None]] = {
            name: (lambda fh, a=array: np.save(fh, a, allow_pickle=False)) for name, array in arrays.items()}
        shapes = {name: (array.shape, array.dtype) for name, array in arrays.items()}
        if self.RAGGED:
            counts = _counts(parts, chosen)
            offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
            writers["offsets"] = lambda fh: np.save(fh, offsets, allow_pickle=False)
            shapes["offsets"] = (offsets.shape, offsets.dtype)
            for name in self.RAGGED:
                template = parts[0][name] if parts else self._empty(meta)[name]
                shape = (int(offsets[-1]), *template.shape[1:])
                writers[name] = _streamer(parts, chosen, name, template.dtype, shape)
                shapes[name] = (shape, template.dtype)
        self._require_dir()
        files, old = {}, meta.get("generation")
        with ExitStack() as lock:  # without generations, readers wait until files and meta.json agree
            if generation is None:
                lock.enter_context(self._files_lock(exclusive=True))
            for name, write in writers.items():
                path = self._file(name, generation)
                atomic_write(path, write)
                shape, dtype = shapes[name]
                files[self.META_KEY.format(name=name)] = {"sha256": sha256_file(path), "shape": list(shape),
                                                         "dtype": np.dtype(dtype).name}
            del parts, arrays, writers  # release the memory maps of the old generation before deleting it
            if generation is not None:
                lock.enter_context(self._files_lock(exclusive=True))
                meta["generation"] = generation
            meta.update(files=files, count=len(chosen[0]), consolidated=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
            atomic_write_json(self.meta_path, meta)
            for name in self.names if generation is not None and old is not None else ():
                self._file(name, old).unlink(missing_ok=True)
        self._remove_chunks()
        return self.load(mmap=self.MAP_CONSOLIDATED)

    # -- reading ---------------------------------------------------------------------------------
    def load(self, *, include_chunks: bool = False, verify: bool = False, mmap: bool = True) -> Any:
        """The stored records; ``include_chunks`` adds the unconsolidated batches (a later one wins).

        ``mmap`` memory-maps the layout's ``MAPPED`` arrays as stored (float16 stays float16);
        without it they are read into memory (arrays stored "as chosen" widened to float32).
        ``verify`` checks the files' sha256 against the metadata, re-hashing a file only if it
        changed since it last matched (``core/integrity.py``).
        """
        with self._files_lock(exclusive=False):
            meta = self.meta()
            if meta is None:
                return self._absent()
            parts = self._parts(meta, include_chunks=include_chunks, verify=verify, mmap=mmap)
        if len(parts) == 1 and not include_chunks:
            return self._record(parts[0])
        if not parts:
            return self._record(self._empty(meta))
        chosen = _select(parts, None)
        arrays = {name: self._gathered(parts, chosen, name, None) for name in self.PER_IMAGE}
        if self.RAGGED:
            counts = _counts(parts, chosen)
            arrays["offsets"] = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
            for name in self.RAGGED:
                pieces = [parts[p][name][parts[p]["offsets"][r]:parts[p]["offsets"][r + 1]]
                          for p, r in zip(*chosen, strict=True)]
                arrays[name] = np.concatenate(pieces) if pieces else self._empty(meta)[name]
        return self._record(arrays)

    def up_to_date(self, current: dict[int, str]) -> tuple[set[int], str | None]:
        """The ids whose stored record matches ``current`` (id -> content hash), chunks included,
        and why damaged files were discarded (None when nothing was): what a run resumes from."""
        damage = None
        try:
            with self._files_lock(exclusive=False):
                parts = self._parts(self._prepared_meta(), include_chunks=True, verify=True, mmap=True)
        except CorruptArtefactError as exc:
            damage = f"damaged ({exc})"
            self.clear_data(keep_chunks=True)
            with self._files_lock(exclusive=False):
                parts = self._parts(self._prepared_meta(), include_chunks=True, verify=False, mmap=True)
        which, rows = _select(parts, None)
        done = {int(parts[p]["ids"][r]) for p, r in zip(which, rows, strict=True)
                if current.get(int(parts[p]["ids"][r])) == str(parts[p]["hashes"][r])}
        return done, damage

    def _parts(self, meta: dict, *, include_chunks: bool, verify: bool, mmap: bool) -> list[Arrays]:
        parts = [self._load_main(meta, verify=verify, mmap=mmap)] if meta.get("files") else []
        for chunk in sorted(self.chunk_dir.glob("*.npz")) if include_chunks and self.chunk_dir.exists() else []:
            try:
                with np.load(chunk, allow_pickle=False) as data:
                    part = {name: data[name] for name in self.names}
            except (OSError, ValueError, KeyError, zipfile.BadZipFile):
                chunk.unlink(missing_ok=True)  # written atomically, so damaged from outside: recompute it
                continue
            fitting = part[self.DIM_ARRAY]
            if fitting.ndim == 2 and fitting.shape[1] == int(meta["dim"]):
                parts.append(part)
        return parts

    def _load_main(self, meta: dict, *, verify: bool, mmap: bool) -> Arrays:
        arrays = {}
        for name in self.names:
            path = self._file(name, meta.get("generation"))
            expected = meta["files"].get(self.META_KEY.format(name=name))
            if expected is None:
                raise CorruptArtefactError(f"{path}: not described in {self.meta_path} (interrupted write?)")
            try:
                if verify and not verify_sha256(path, expected["sha256"]):
                    raise CorruptArtefactError(f"{path}: checksum mismatch (the file was modified or damaged)")
                array = np.load(path, mmap_mode="r" if mmap and name in self.MAPPED else None, allow_pickle=False)
            except (OSError, ValueError) as exc:
                raise CorruptArtefactError(f"{path}: unreadable ({exc})") from exc
            if list(array.shape) != expected["shape"]:
                raise CorruptArtefactError(f"{path}: shape {list(array.shape)} != recorded {expected['shape']}")
            chosen = self._stored_dtype(name, meta) is not None
            recorded = expected.get("dtype", "float32" if chosen else None)  # older stores: float32 vectors
            if recorded is not None and array.dtype.name != recorded:
                raise CorruptArtefactError(f"{path}: dtype {array.dtype.name}, recorded {recorded}")
            arrays[name] = array if mmap or not chosen else array.astype(np.float32, copy=False)
        return arrays

    def _gathered(self, parts: list[Arrays], chosen: tuple[np.ndarray, np.ndarray], name: str,
                  meta: dict | None) -> np.ndarray:
        """The per-image array ``name`` of the chosen records (converted to its stored dtype with ``meta``)."""
        dtype = self._stored_dtype(name, meta) if meta is not None else None
        if not parts:
            empty = self._empty(meta)[name]
            return empty.astype(dtype) if dtype is not None else empty
        starts = np.cumsum([0] + [len(p["ids"]) for p in parts[:-1]])
        stacked = np.concatenate([np.asarray(p[name]).astype("U64") if name == "hashes" else np.asarray(p[name])
                                  for p in parts])
        out = stacked[starts[chosen[0]] + chosen[1]]
        return np.ascontiguousarray(out, dtype=dtype) if dtype is not None else out


def _select(parts: list[Arrays], keep: dict[int, str] | None) -> tuple[np.ndarray, np.ndarray]:
    """(part, row) of the record kept for each image, in ascending id order: the last record of an id
    wins, and with ``keep`` it is dropped unless its hash is the image's current one."""
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    ids = np.concatenate([np.asarray(p["ids"], np.int64) for p in parts])
    which = np.concatenate([np.full(len(p["ids"]), i, np.int64) for i, p in enumerate(parts)])
    rows = np.concatenate([np.arange(len(p["ids"]), dtype=np.int64) for p in parts])
    _, last = np.unique(ids[::-1], return_index=True)
    chosen = len(ids) - 1 - last
    if keep is not None:
        valid = [keep.get(int(ids[c])) == str(parts[which[c]]["hashes"][rows[c]]) for c in chosen]
        chosen = chosen[np.asarray(valid, bool)]
    return which[chosen], rows[chosen]


def _counts(parts: list[Arrays], chosen: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    return np.array([parts[p]["offsets"][r + 1] - parts[p]["offsets"][r] for p, r in zip(*chosen, strict=True)],
                    dtype=np.int64)


def _streamer(parts: list[Arrays], chosen: tuple[np.ndarray, np.ndarray], name: str, dtype: np.dtype,
              shape: tuple[int, ...]) -> Callable[[IO[bytes]], None]:
    """A writer of one ragged array as ``.npy``, block by block (no full copy in memory)."""

    def write(fh: IO[bytes]) -> None:
        np.lib.format.write_array_header_1_0(
            fh, {"descr": np.lib.format.dtype_to_descr(np.dtype(dtype)), "fortran_order": False, "shape": shape})
        for p, r in zip(*chosen, strict=True):
            lo, hi = int(parts[p]["offsets"][r]), int(parts[p]["offsets"][r + 1])
            fh.write(np.ascontiguousarray(parts[p][name][lo:hi], dtype=dtype).tobytes())

    return write
