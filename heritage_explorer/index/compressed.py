"""A compressed index for large collections: FAISS IVF-PQ candidates, re-ranked exactly.

IVF-PQ (Jégou, Douze & Schmid, TPAMI 2011) assigns each vector to one of ``nlist`` k-means
cells and stores it as ``pq_m`` one-byte product-quantiser codes; a query scans the ``nprobe``
nearest cells. PQ scores alone reach recall@10 ≈ 0.6-0.7 on descriptor-like data, so the
``rerank`` best candidates are re-scored exactly against float16 copies of the vectors (float16
rounding changes a cosine by < 1e-3), kept in ``rerank.npy`` and memory-mapped when loaded:
only the pages of candidates are read. At 1M × 512 that is 64 MB of codes in memory and a
1 GiB file, against 2.2 GB in memory for a float32 HNSW graph.

Same interface as ``HnswIndex`` (add with replacement, query returning similarities, ids,
vectors, save/load with a checksummed ``index.json``), so the pipeline serves either.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import faiss
import numpy as np
from numpy.typing import ArrayLike, NDArray

from heritage_explorer.core.atomic import atomic_write, atomic_write_json, sha256_file
from heritage_explorer.core.errors import CorruptArtefactError
from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter
from heritage_explorer.index.params import FAISS_IVFPQ, IndexParams, ivfpq_params
from heritage_explorer.index.saved import META_FILE, check_expected_meta, check_files, read_record
from heritage_explorer.index.validation import as_ids, as_vectors, check_k

FAISS_FILE = "index.faiss"
RERANK_FILE = "rerank.npy"
IDS_FILE = "ids.npy"
SCHEMA_VERSION = 1
_TRAIN_MAX = 100_000  # k-means and PQ training sample: more changes the codebooks by little


class IvfPqIndex:
    """FAISS IVF-PQ over L2-normalised vectors, inner product, exact re-ranking of candidates.

    Must be trained (``train``, or implicitly by the first ``add`` of at least ``min_train``
    vectors) before vectors are added. Internally FAISS holds row numbers; ``_ids`` maps a row
    to the caller's id and ``_rows`` back. Replacing an id removes its codes and re-adds them.
    """

    add_batch_size = 16_384

    def __init__(self, dim: int, params: IndexParams | None = None, *, num_threads: int = -1) -> None:
        if dim < 1:
            raise ValueError(f"dim must be positive, got {dim}")
        params = params or ivfpq_params(1_000_000, dim)
        if params.backend != FAISS_IVFPQ or dim % params.pq_m:
            raise ValueError(f"need IVF-PQ parameters with pq_m dividing {dim}, got {params}")
        self.dim, self.params, self.space = dim, params, "ip"
        self.meta: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._index = faiss.IndexIVFPQ(faiss.IndexFlatIP(dim), dim, params.nlist, params.pq_m, 8,
                                       faiss.METRIC_INNER_PRODUCT)
        self._index.nprobe = params.nprobe
        self._vectors = np.empty((0, dim), np.float16)
        self._ids = np.empty(0, np.int64)
        self._rows: dict[int, int] = {}
        self._count = 0
        if num_threads > 0:
            faiss.omp_set_num_threads(num_threads)

    @property
    def min_train(self) -> int:
        """Vectors needed to train: FAISS's 39 per k-means centroid, and per PQ centroid (256)."""
        return max(39 * self.params.nlist, 39 * 256)

    @property
    def is_trained(self) -> bool:
        return bool(self._index.is_trained)

    def __len__(self) -> int:
        return self._count

    def ids(self) -> NDArray[np.int64]:
        with self._lock:
            return np.sort(self._ids[: self._count])

    def vectors(self, ids: ArrayLike) -> NDArray[np.float32]:
        """The stored (float16-rounded) vectors of ``ids``; KeyError for an absent id."""
        ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        with self._lock:
            missing = sorted(int(i) for i in ids if int(i) not in self._rows)
            if missing:
                raise KeyError(f"ids not in the index: {missing}")
            rows = np.array([self._rows[int(i)] for i in ids], np.int64)
            return np.asarray(self._vectors[rows], np.float32).reshape(len(ids), self.dim)

    def train(self, vectors: ArrayLike, *, seed: int = 100) -> None:
        """Train the coarse quantiser and the PQ codebooks on (a sample of) ``vectors``."""
        vectors = as_vectors(vectors, self.dim)
        if vectors.shape[0] < self.min_train:
            raise ValueError(f"IVF-PQ with {self.params.nlist} lists needs >= {self.min_train} training vectors, "
                             f"got {vectors.shape[0]}")
        if vectors.shape[0] > _TRAIN_MAX:
            rows = np.sort(np.random.default_rng(seed).choice(vectors.shape[0], _TRAIN_MAX, replace=False))
            vectors = vectors[rows]
        with self._lock:
            self._index.train(vectors)

    def add(
        self,
        vectors: ArrayLike,
        ids: ArrayLike,
        *,
        progress: Callable[[Progress], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> None:
        """Insert N×D vectors under ``ids`` (replacing ids already present); trains first if needed."""
        vectors = as_vectors(vectors, self.dim)
        ids = as_ids(ids, vectors.shape[0])
        if not self.is_trained:
            self.train(vectors)
        meter = RateMeter("index", vectors.shape[0])
        for start in range(0, vectors.shape[0], self.add_batch_size):
            if cancel is not None:
                cancel.raise_if_cancelled()
            stop = min(start + self.add_batch_size, vectors.shape[0])
            with self._lock:
                self._add_locked(vectors[start:stop], ids[start:stop])
            if progress is not None:
                progress(meter.progress(stop))

    def _add_locked(self, vectors: NDArray[np.float32], ids: NDArray[np.int64]) -> None:
        rows = np.array([self._rows.get(int(i), -1) for i in ids], np.int64)
        present = rows >= 0
        if present.any():
            self._index.remove_ids(rows[present])
        fresh = np.flatnonzero(~present)
        rows[fresh] = np.arange(self._count, self._count + fresh.size)
        self._reserve(self._count + fresh.size)
        self._vectors[rows] = vectors
        self._ids[rows] = ids
        self._rows.update(zip(ids[fresh].tolist(), rows[fresh].tolist(), strict=True))
        self._count += fresh.size
        self._index.add_with_ids(vectors, rows)

    def _reserve(self, needed: int) -> None:
        if needed <= self._vectors.shape[0] and self._vectors.flags.writeable:
            return
        capacity = max(needed, 2 * self._vectors.shape[0], 1024)
        grown = np.empty((capacity, self.dim), np.float16)
        grown[: self._count] = self._vectors[: self._count]  # also copies a read-only memory map in
        grown_ids = np.empty(capacity, np.int64)
        grown_ids[: self._count] = self._ids[: self._count]
        self._vectors, self._ids = grown, grown_ids

    def query(self, vectors: ArrayLike, k: int) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """Top-k ids and exact (float16-stored) similarities per query row, by decreasing similarity."""
        vectors = as_vectors(vectors, self.dim)
        k = check_k(k)
        n = vectors.shape[0]
        with self._lock:
            k = min(k, self._count)
            if k == 0 or n == 0:
                return np.empty((n, k), np.int64), np.empty((n, k), np.float32)
            _, rows = self._index.search(vectors, min(max(k, self.params.rerank), self._count))
            valid = rows >= 0
            safe = np.where(valid, rows, 0)
            candidates = self._vectors[safe.reshape(-1)].reshape(*safe.shape, self.dim)
            ids = self._ids[safe]
        scores = np.einsum("qd,qcd->qc", vectors, candidates, dtype=np.float32)
        scores[~valid] = -np.inf
        top = np.argsort(-scores, axis=1, kind="stable")[:, :k]
        return np.take_along_axis(ids, top, axis=1), np.take_along_axis(scores, top, axis=1)

    def save(self, directory: str | Path, meta: Mapping[str, Any]) -> None:
        """Write the FAISS index, the re-ranking vectors and ids, then ``index.json`` (checksums) last."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        with self._lock:
            codes = faiss.serialize_index(self._index)
            vectors, ids = self._vectors[: self._count], self._ids[: self._count]
            atomic_write(directory / FAISS_FILE, lambda fh: fh.write(codes.tobytes()))
            atomic_write(directory / RERANK_FILE, lambda fh: np.save(fh, vectors))
            atomic_write(directory / IDS_FILE, lambda fh: np.save(fh, ids))
            count = self._count
        record = {
            "schema_version": SCHEMA_VERSION,
            "backend": FAISS_IVFPQ,
            "dim": self.dim,
            "space": self.space,
            "params": self.params.to_json(),
            "count": count,
            "sha256": {name: sha256_file(directory / name) for name in (FAISS_FILE, RERANK_FILE, IDS_FILE)},
            "meta": dict(meta),
        }
        atomic_write_json(directory / META_FILE, record)
        self.meta = record["meta"]

    @classmethod
    def load(
        cls,
        directory: str | Path,
        *,
        expected_meta: Mapping[str, Any] | None = None,
        num_threads: int = -1,
        full_check: bool = False,
    ) -> IvfPqIndex:
        """Load an index saved by ``save``: checksums, counts and ``expected_meta`` verified."""
        directory = Path(directory)
        meta_path = directory / META_FILE
        record = read_record(meta_path)
        if record.get("backend") != FAISS_IVFPQ or record.get("schema_version") != SCHEMA_VERSION:
            raise CorruptArtefactError(f"{meta_path}: not a {FAISS_IVFPQ} index of schema {SCHEMA_VERSION}")
        if expected_meta is not None:
            check_expected_meta(meta_path, record["meta"], expected_meta)
        try:
            params = IndexParams(**record["params"])
            index = cls(int(record["dim"]), params, num_threads=num_threads)
            hashes = {name: record["sha256"][name] for name in (FAISS_FILE, RERANK_FILE, IDS_FILE)}
        except (KeyError, TypeError, ValueError) as error:
            raise CorruptArtefactError(f"{meta_path}: bad parameters or checksums ({error})") from error
        check_files(directory, hashes, full=full_check)
        index._index = faiss.read_index(str(directory / FAISS_FILE))
        index._index.nprobe = params.nprobe
        index._vectors = np.load(directory / RERANK_FILE, mmap_mode="r")
        index._ids = np.load(directory / IDS_FILE)
        count = record["count"]
        if (index._index.ntotal, index._vectors.shape, index._ids.shape) != (count, (count, index.dim), (count,)):
            raise CorruptArtefactError(f"{directory}: stored sizes disagree with {META_FILE} (count {count})")
        index._count = count
        index._rows = dict(zip(index._ids.tolist(), range(count), strict=True))
        index.meta = record["meta"]
        return index
