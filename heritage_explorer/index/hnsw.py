"""Approximate nearest neighbours with hnswlib: incremental build, locked queries, checked save/load.

HNSW (Malkov & Yashunin, TPAMI 2020) searches a layered proximity graph: ``M`` links per node,
``ef_construction`` candidates while inserting, ``ef`` candidates while searching (the
recall/latency knob). hnswlib does not store ``ef`` in its file and is not thread-safe when
``add_items`` and ``knn_query`` run at once, so this wrapper keeps a lock and writes ``M``,
``ef``, the space, a checksum and the caller's metadata to ``index.json`` beside ``index.bin``.
"""

from __future__ import annotations

import json
import os
import struct
import tempfile
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import hnswlib
import numpy as np
from numpy.typing import ArrayLike, NDArray

from heritage_explorer.core.atomic import atomic_write_json, require_complete, sha256_file
from heritage_explorer.core.errors import CorruptArtefactError, WriteFailedError
from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter
from heritage_explorer.index.params import HNSWLIB, IndexParams
from heritage_explorer.index.saved import META_FILE, check_expected_meta, check_files, read_record
from heritage_explorer.index.validation import as_ids, as_vectors, check_k

# Defaults chosen with benchmarks/search.py on 100k isotropic-cluster vectors (a hard case:
# real descriptors have a lower intrinsic dimension), 2 shared cores. recall@10 by ef at 2048-d:
# ef 64: 0.94, 96: 0.979, 128: 0.992, 192: 0.998 (p50 0.8-1.2 ms; same at 1280-d and 512-d).
# ef_construction 200 instead of 100 gains < 0.002 recall at ef 128 for 2-2.5x the build and
# add time; M=32 reaches 0.984 at ef 64 but builds 1.5x (ef_construction 100) to 2.8x (200)
# slower. So: M=16, ef_construction=100, ef=128 up to 100k; larger collections get larger M and ef
# from index/params.py (index_params).
DEFAULT_M = 16
DEFAULT_EF_CONSTRUCTION = 100
DEFAULT_EF = 128

SCHEMA_VERSION = 1
INDEX_FILE = "index.bin"
SPACES = ("ip", "cosine")

_INITIAL_CAPACITY = 1024


class HnswIndex:
    """An hnswlib index over L2-normalised vectors whose ``query`` returns similarities.

    ``space="ip"`` (inner product) expects L2-normalised vectors, so scores are cosine
    similarities; ``"cosine"`` makes hnswlib normalise its copy. hnswlib reports the distance
    ``1 - similarity`` for both; ``query`` converts it back.

    Adding an id that is already present **replaces** its vector (hnswlib's update-in-place,
    which re-links the node): re-extracting one image's descriptor needs no rebuild.
    ``add`` inserts in batches of ``add_batch_size`` rows and takes the lock per batch, so a
    query waits for at most one batch rather than for a whole build.
    """

    add_batch_size = 1024

    def __init__(
        self,
        dim: int,
        *,
        M: int = DEFAULT_M,
        ef_construction: int = DEFAULT_EF_CONSTRUCTION,
        ef: int = DEFAULT_EF,
        space: str = "ip",
        num_threads: int = -1,
        seed: int = 100,
    ) -> None:
        if dim < 1:
            raise ValueError(f"dim must be positive, got {dim}")
        if space not in SPACES:
            raise ValueError(f"space must be one of {SPACES}, got {space!r}")
        if M < 2 or ef_construction < 1 or ef < 1:
            raise ValueError(f"need M >= 2, ef_construction >= 1, ef >= 1; got {M}, {ef_construction}, {ef}")
        self.dim = dim
        self.space = space
        self.M = M
        self.ef_construction = ef_construction
        self.ef = ef
        self.meta: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._index = hnswlib.Index(space=space, dim=dim)
        self._index.init_index(
            max_elements=_INITIAL_CAPACITY, M=M, ef_construction=ef_construction, random_seed=seed
        )
        self._index.set_ef(ef)
        if num_threads > 0:
            self._index.set_num_threads(num_threads)

    def __len__(self) -> int:
        return self._index.get_current_count()

    @property
    def params(self) -> IndexParams:
        """The backend and its parameters (``index/params.py``), as index metadata records them."""
        return IndexParams(HNSWLIB, M=self.M, ef_construction=self.ef_construction, ef=self.ef)

    @classmethod
    def from_params(cls, dim: int, params: IndexParams, *, num_threads: int = -1) -> HnswIndex:
        """An empty index with the parameters ``index_params`` chose."""
        return cls(dim, M=params.M, ef_construction=params.ef_construction, ef=params.ef, num_threads=num_threads)

    @property
    def capacity(self) -> int:
        """Elements the index can hold before it next grows (it doubles)."""
        return self._index.get_max_elements()

    def ids(self) -> NDArray[np.int64]:
        """The ids held, ascending."""
        with self._lock:
            labels = self._ids_locked()
        return np.sort(np.asarray(labels, dtype=np.int64))

    def vectors(self, ids: ArrayLike) -> NDArray[np.float32]:
        """The stored vectors of ``ids`` (float32 rows, in the order given); KeyError for an absent id.

        A search by catalog image takes its query from here: the vector searched against, with
        no read of the descriptor store (whose memory-mapped pages would add to the resident set).
        """
        ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        with self._lock:
            try:
                rows = self._index.get_items(ids, return_type="numpy")
            except RuntimeError as error:  # hnswlib: "Label not found"
                raise KeyError(f"ids not in the index: {sorted(set(ids.tolist()) - set(self._ids_locked()))}") from error
        return np.asarray(rows, dtype=np.float32).reshape(len(ids), self.dim)

    def _ids_locked(self) -> list[int]:
        return list(self._index.get_ids_list())

    def set_ef(self, ef: int) -> None:
        """Set the search breadth (higher: better recall, slower); saved with the index."""
        if ef < 1:
            raise ValueError(f"ef must be positive, got {ef}")
        with self._lock:
            self._index.set_ef(ef)
            self.ef = ef

    def add(
        self,
        vectors: ArrayLike,
        ids: ArrayLike,
        *,
        progress: Callable[[Progress], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> None:
        """Insert N×D vectors under ``ids`` (replacing ids already present).

        Cancellation is checked between batches; batches already inserted stay in the index.
        """
        vectors = as_vectors(vectors, self.dim)
        ids = as_ids(ids, vectors.shape[0])
        total = vectors.shape[0]
        meter = RateMeter("index", total)
        for start in range(0, total, self.add_batch_size):
            if cancel is not None:
                cancel.raise_if_cancelled()
            stop = min(start + self.add_batch_size, total)
            with self._lock:
                self._reserve(stop - start)
                self._index.add_items(vectors[start:stop], ids[start:stop])
            if progress is not None:
                progress(meter.progress(stop))

    def _reserve(self, extra: int) -> None:
        needed = self._index.get_current_count() + extra
        capacity = self._index.get_max_elements()
        if needed > capacity:
            self._index.resize_index(max(needed, 2 * capacity))

    def query(self, vectors: ArrayLike, k: int) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """Approximate top-k ids and similarities per query row, by decreasing similarity.

        Returns two n×min(k, len(self)) arrays (k larger than the index is clamped, an empty
        index gives n×0 arrays).
        """
        vectors = as_vectors(vectors, self.dim)
        k = check_k(k)
        with self._lock:
            k = min(k, self._index.get_current_count())
            if k == 0 or vectors.shape[0] == 0:
                return np.empty((vectors.shape[0], k), np.int64), np.empty((vectors.shape[0], k), np.float32)
            labels, distances = self._index.knn_query(vectors, k=k)
        return labels.astype(np.int64), (1.0 - distances).astype(np.float32)

    def save(self, directory: str | Path, meta: Mapping[str, Any]) -> None:
        """Write ``index.bin`` and ``index.json`` (parameters, count, sha256, ``meta``) atomically.

        ``meta`` is the caller's description of what was indexed (spec string, weights hash,
        image-set hash) and must be JSON-serialisable. ``index.bin`` goes to a temp file in
        ``directory`` that is fsynced and renamed; ``index.json`` is written last, through
        ``atomic_write_json``, whose directory fsync also makes the first rename durable. A crash
        in between leaves a checksum mismatch that ``load`` reports, never a silent mix.
        """
        directory = Path(directory)
        meta = json.loads(json.dumps(dict(meta)))
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / INDEX_FILE
        fd, tmp = tempfile.mkstemp(prefix=f".{INDEX_FILE}.", suffix=".tmp", dir=directory)
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes 0600; an index is shared like the other artefacts
        os.close(fd)
        try:
            with self._lock:  # only hnswlib's write excludes queries; hashing and fsync do not
                self._index.save_index(tmp)
                # hnswlib does not report a failed write (disk full): a short file would be stamped as whole
                require_complete(target, tmp, self._index.index_file_size())
                record = {
                    "schema_version": SCHEMA_VERSION,
                    "backend": HNSWLIB,
                    "dim": self.dim,
                    "space": self.space,
                    "M": self.M,
                    "ef_construction": self.ef_construction,
                    "ef": self.ef,
                    "count": self._index.get_current_count(),
                    "sha256": "",
                    "meta": meta,
                }
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            record["sha256"] = sha256_file(tmp)
            os.replace(tmp, target)
        except BaseException as exc:
            Path(tmp).unlink(missing_ok=True)
            if isinstance(exc, OSError) and not isinstance(exc, WriteFailedError):
                raise WriteFailedError(target, exc) from exc
            raise
        atomic_write_json(directory / META_FILE, record)
        self.meta = meta

    @classmethod
    def load(
        cls,
        directory: str | Path,
        *,
        expected_meta: Mapping[str, Any] | None = None,
        num_threads: int = -1,
        full_check: bool = False,
    ) -> HnswIndex:
        """Load an index saved by ``save``, verifying checksum, parameters and ``expected_meta``.

        The sha256 of ``index.bin`` is computed in full unless this very file (same inode, size,
        mtime and ctime) already matched it in an earlier load (see ``core/integrity.py``): that
        halves the load of a large index (100k × 2048-d: about 1.1 s → 0.5 s) while a damaged,
        replaced or copied file is still hashed. ``full_check`` hashes regardless.

        Every key of ``expected_meta`` must equal the stored caller metadata (e.g. the spec
        string and the image-set hash of the descriptors the index should match). Raises
        FileNotFoundError when ``directory`` holds no ``index.json`` and CorruptArtefactError,
        naming the file and the reason, for anything else that does not match.
        """
        directory = Path(directory)
        meta_path, index_path = directory / META_FILE, directory / INDEX_FILE
        record = _read_record(meta_path)
        if expected_meta is not None:
            check_expected_meta(meta_path, record["meta"], expected_meta)
        check_files(directory, {INDEX_FILE: record["sha256"]}, full=full_check)
        _check_vector_size(index_path, record["dim"])
        index = cls(
            record["dim"],
            M=record["M"],
            ef_construction=record["ef_construction"],
            ef=record["ef"],
            space=record["space"],
            num_threads=num_threads,
        )
        index.meta = record["meta"]
        # A fresh hnswlib object: load_index on an initialised one prints a warning to stderr.
        index._index = hnswlib.Index(space=index.space, dim=index.dim)
        try:
            index._index.load_index(str(index_path), max_elements=max(record["count"], 1))
        except RuntimeError as error:
            raise CorruptArtefactError(f"{index_path}: hnswlib cannot read it ({error})") from error
        _check_loaded(index_path, index._index, record)
        index._index.set_ef(index.ef)
        if num_threads > 0:
            index._index.set_num_threads(num_threads)
        return index


_RECORD_FIELDS: dict[str, type] = {
    "schema_version": int,
    "dim": int,
    "space": str,
    "M": int,
    "ef_construction": int,
    "ef": int,
    "count": int,
    "sha256": str,
    "meta": dict,
}


def _read_record(meta_path: Path) -> dict[str, Any]:
    """Parse and check ``index.json``: fields present with the right types, known schema and space."""
    record = read_record(meta_path)
    if record["backend"] != HNSWLIB:
        raise CorruptArtefactError(f"{meta_path}: a {record['backend']} index, not an hnswlib one")
    for field, kind in _RECORD_FIELDS.items():
        if not isinstance(record.get(field), kind) or isinstance(record.get(field), bool):
            raise CorruptArtefactError(f"{meta_path}: field {field!r} missing or not {kind.__name__}")
    if record["schema_version"] != SCHEMA_VERSION:
        raise CorruptArtefactError(
            f"{meta_path}: schema version {record['schema_version']}, this version reads {SCHEMA_VERSION}"
        )
    if record["space"] not in SPACES:
        raise CorruptArtefactError(f"{meta_path}: unknown space {record['space']!r}")
    if record["dim"] < 1 or record["count"] < 0 or record["ef"] < 1:
        raise CorruptArtefactError(f"{meta_path}: dim, count or ef out of range")
    return record


def _check_vector_size(index_path: Path, dim: int) -> None:
    """Compare the bytes per stored vector in hnswlib's header with ``dim`` float32s.

    hnswlib takes the dimension from the caller and would silently misread a file saved with
    another one. Its header starts with six size_t: offsetLevel0, max_elements, count,
    size_data_per_element, label_offset, offsetData; vector bytes = label_offset - offsetData.
    """
    with open(index_path, "rb") as fh:
        header = fh.read(48)
    if len(header) < 48:
        raise CorruptArtefactError(f"{index_path}: shorter than an hnswlib header")
    label_offset, data_offset = struct.unpack("<2Q", header[32:48])
    if label_offset - data_offset != 4 * dim:
        raise CorruptArtefactError(
            f"{index_path}: stores {(label_offset - data_offset) // 4}-d vectors, {META_FILE} says {dim}"
        )


def _check_loaded(index_path: Path, loaded: hnswlib.Index, record: Mapping[str, Any]) -> None:
    """Compare what hnswlib read (count, M, ef_construction) with ``index.json``."""
    for name, value in (
        ("count", loaded.get_current_count()),
        ("M", loaded.M),
        ("ef_construction", loaded.ef_construction),
    ):
        if value != record[name]:
            raise CorruptArtefactError(f"{index_path}: {name} is {value}, {META_FILE} says {record[name]}")
