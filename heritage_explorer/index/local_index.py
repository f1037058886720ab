"""All local descriptors of a collection in one compressed FAISS index, labelled by image id.

The Alegoria paper (Gominski et al. 2019, §4) matches DELF and ORB descriptors "one-to-one giving
a number-of-inliers score [...], using a product-quantized index for efficient memory
management". Here every descriptor of every image goes into one index whose label is its image
id, so a k-NN search of a query's descriptors says which images hold similar ones:

* float descriptors (XFeat, DELF-style): IVF-PQ (Jégou et al., TPAMI 2011), an inverted file of
  ``nlist`` coarse cells with residuals product-quantized, searched in ``nprobe`` cells by
  asymmetric distance. The codes are 4-bit (``IndexIVFPQFastScan``, André et al., VLDB 2015: the
  distance tables fit SIMD registers) with twice the sub-quantizers of an 8-bit code of the same
  size: XFeat keeps 32 bytes per descriptor, and a query's 1000 searches take ~10× less time
  (measured on 2M 64-d descriptors, 8 of 625 cells: 51 ms against 492 ms, recall@10 0.72 against
  0.76). A sample of fewer than 16 descriptors (too few for 4-bit codebooks) gets a plain
  ``IndexIVFPQ`` with fewer bits; an index saved with 8-bit codes loads and searches as before;
* binary descriptors (ORB, 256 bits): ``IndexBinaryIVF``, an inverted file over Hamming space
  holding the full 32-byte codes (already compact; exact Hamming distances within the probed cells).

An image is added without a rebuild (the coarse quantizer and the PQ codebooks are trained once,
on the first collection given); adding an image already present replaces its descriptors.
``save`` writes ``local_index.bin`` (the FAISS serialisation), ``local_images.npz`` (image ids and
the caller's content tags) and ``local_index.json`` (parameters, counts, sha256 of both files, the
caller's metadata) atomically; ``load`` checks all of it.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import faiss
import numpy as np
from numpy.typing import ArrayLike, NDArray

from heritage_explorer.core.atomic import atomic_write, atomic_write_json, atomic_write_npz, sha256_file
from heritage_explorer.core.errors import CorruptArtefactError
from heritage_explorer.core.integrity import verify_sha256
from heritage_explorer.index.validation import check_k

SCHEMA_VERSION = 1
INDEX_FILE = "local_index.bin"
IMAGES_FILE = "local_images.npz"
META_FILE = "local_index.json"
MAX_NLIST = 4096
TRAIN_POINTS_PER_CELL = 64  # k-means sample: 64 points per coarse cell (FAISS warns below 39)
MAX_TRAIN_POINTS = 131_072
KMEANS_ITERATIONS = 10  # coarse k-means: 10 iterations (FAISS default 25) cut a 4096-cell training 2.5x
# Cells searched per descriptor. The cost of a query is ~ nprobe/nlist of the collection per query
# descriptor: 8 of 4096 cells keep 10k images x 1000 descriptors under a second (bench local), and
# on strecha_mvs 8 of 76 cells gave the mAP of all 76.
DEFAULT_NPROBE = 8
FAST_SCAN_BITS = 4  # bits per PQ code of a float index (FastScan)


def default_nlist(n_descriptors: int) -> int:
    """Coarse cells for ``n`` descriptors: the power of two nearest √n, from 1 to :data:`MAX_NLIST`."""
    if n_descriptors < 1:
        raise ValueError("cannot size an index for no descriptors")
    return int(min(MAX_NLIST, 2 ** round(math.log2(max(1.0, math.sqrt(n_descriptors))))))


def default_nprobe(nlist: int) -> int:
    return int(min(nlist, DEFAULT_NPROBE))


class LocalDescriptorIndex:
    """A trained IVF-PQ (float) or binary IVF (packed bits) index of local descriptors, labels = image ids.

    ``dim`` is the number of components of a float descriptor, or of bytes of a binary one.
    Build with :meth:`train` (on a sample), then :meth:`add` per batch of images. Searches are
    thread-safe with each other; a lock keeps :meth:`add`/:meth:`remove` out of running searches.
    """

    def __init__(self, dim: int, *, binary: bool, nlist: int, pq_m: int | None = None, nprobe: int | None = None):
        if dim < 1 or nlist < 1:
            raise ValueError(f"need dim >= 1 and nlist >= 1, got {dim}, {nlist}")
        self.dim, self.binary, self.nlist = int(dim), bool(binary), int(nlist)
        self.pq_m = None if binary else int(pq_m or _default_pq_m(dim))
        if not binary and dim % self.pq_m:
            raise ValueError(f"pq_m={self.pq_m} must divide the dimension {dim}")
        self.nprobe = int(nprobe or default_nprobe(nlist))
        self.meta: dict[str, Any] = {}
        self.pq_nbits = FAST_SCAN_BITS
        self._lock = threading.RLock()
        self._images: dict[int, str] = {}  # image id -> the caller's content tag
        self._index: Any = None

    # -- building ------------------------------------------------------------------------------
    @classmethod
    def train(cls, sample: ArrayLike, *, binary: bool, n_expected: int | None = None, nlist: int | None = None,
              pq_m: int | None = None, nprobe: int | None = None, seed: int = 0) -> LocalDescriptorIndex:
        """An empty index whose quantizers are trained on ``sample`` (descriptors, rows).

        ``nlist`` defaults to :func:`default_nlist` of ``n_expected`` (the collection's descriptor
        count; the sample's size by default), capped so every cell gets training points.
        """
        sample = _as_descriptors(sample, binary)
        if len(sample) == 0:
            raise ValueError("cannot train a local index on no descriptors")
        dim = sample.shape[1]
        cells = nlist or default_nlist(n_expected or len(sample))
        cells = max(1, min(cells, len(sample) // TRAIN_POINTS_PER_CELL or 1))
        index = cls(dim, binary=binary, nlist=cells, pq_m=pq_m, nprobe=nprobe)
        rng = np.random.default_rng(seed)
        limit = min(MAX_TRAIN_POINTS, max(cells * TRAIN_POINTS_PER_CELL, 16_384))
        if len(sample) > limit:
            sample = sample[np.sort(rng.choice(len(sample), limit, replace=False))]
        if not binary and len(sample) < 2 ** FAST_SCAN_BITS:
            index.pq_nbits = max(1, int(math.log2(len(sample))))
        index._index = index._empty_faiss()
        # The sample is sized here (cells capped by it): FAISS's "provide at least 39 points per
        # centroid" warning on stderr would only repeat that a small collection is small.
        for params in [index._index.cp] + ([] if binary else [index._index.pq.cp]):
            params.seed, params.min_points_per_centroid = seed, 1
        index._index.cp.niter = KMEANS_ITERATIONS
        index._index.train(sample)
        index._index.nprobe = index.nprobe
        return index

    def _empty_faiss(self) -> Any:
        if self.binary:
            return faiss.IndexBinaryIVF(faiss.IndexBinaryFlat(self.dim * 8), self.dim * 8, self.nlist)
        if self.pq_nbits == FAST_SCAN_BITS:
            return faiss.IndexIVFPQFastScan(faiss.IndexFlatL2(self.dim), self.dim, self.nlist, self.pq_m,
                                            FAST_SCAN_BITS)
        return faiss.IndexIVFPQ(faiss.IndexFlatL2(self.dim), self.dim, self.nlist, self.pq_m, self.pq_nbits)

    @property
    def code_bytes(self) -> int:
        """Bytes of one stored descriptor's code."""
        return self.dim if self.binary else self.pq_m * self.pq_nbits // 8

    def __len__(self) -> int:
        """Descriptors held."""
        return int(self._index.ntotal)

    @property
    def n_images(self) -> int:
        return len(self._images)

    def images(self) -> dict[int, str]:
        """Image id -> the content tag given when it was added (a copy)."""
        with self._lock:
            return dict(self._images)

    def add(self, image_ids: ArrayLike, offsets: ArrayLike, descriptors: ArrayLike, tags: list[str] | None = None
            ) -> None:
        """Add images: ``descriptors[offsets[i]:offsets[i+1]]`` belong to ``image_ids[i]``.

        An image already present has its old descriptors removed first (re-extracted image).
        ``tags`` (e.g. content hashes) are kept per image and saved with the index.
        """
        ids = np.asarray(image_ids, np.int64).ravel()
        offsets = np.asarray(offsets, np.int64).ravel()
        if len(offsets) != len(ids) + 1 or offsets[0] != 0 or np.any(np.diff(offsets) < 0):
            raise ValueError(f"offsets must be {len(ids) + 1} non-decreasing values from 0, got {offsets.shape}")
        if len(np.unique(ids)) != len(ids) or (len(ids) and ids.min() < 0):
            raise ValueError("image ids must be unique and non-negative")
        tags = [""] * len(ids) if tags is None else [str(t) for t in tags]
        if len(tags) != len(ids):
            raise ValueError(f"{len(tags)} tags for {len(ids)} images")
        vectors = _as_descriptors(descriptors, self.binary, self.dim)
        if len(vectors) != offsets[-1]:
            raise ValueError(f"offsets cover {offsets[-1]} descriptors, {len(vectors)} given")
        labels = np.repeat(ids, np.diff(offsets))
        with self._lock:
            present = [int(i) for i in ids if int(i) in self._images]
            if present:
                self.remove(present)
            if len(vectors):
                self._index.add_with_ids(vectors, labels)
            self._images.update(zip(ids.tolist(), tags, strict=True))

    def remove(self, image_ids: ArrayLike) -> int:
        """Remove every descriptor of ``image_ids``; returns how many descriptors went."""
        ids = np.asarray(image_ids, np.int64).ravel()
        with self._lock:
            removed = int(self._index.remove_ids(faiss.IDSelectorBatch(ids)))
            for i in ids.tolist():
                self._images.pop(int(i), None)
        return removed

    # -- searching -----------------------------------------------------------------------------
    def set_nprobe(self, nprobe: int) -> None:
        if nprobe < 1:
            raise ValueError(f"nprobe must be positive, got {nprobe}")
        with self._lock:
            self.nprobe = int(nprobe)
            self._index.nprobe = self.nprobe

    def search(self, descriptors: ArrayLike, k: int) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """Image ids (-1: no neighbour) and distances of each descriptor's ``k`` nearest stored descriptors.

        Distances are squared L2 (PQ-approximated) for float descriptors, Hamming bits for binary ones.
        """
        k = check_k(k)
        vectors = _as_descriptors(descriptors, self.binary, self.dim)
        if len(vectors) == 0 or len(self) == 0:
            return np.full((len(vectors), k), -1, np.int64), np.zeros((len(vectors), k), np.float32)
        with self._lock:
            distances, labels = self._index.search(vectors, k)
        return labels.astype(np.int64), distances.astype(np.float32)

    def memory_bytes(self) -> int:
        """Bytes of the codes, labels and quantizers held (what the index costs in memory)."""
        invlists = self._index.invlists
        sizes = np.array([invlists.list_size(c) for c in range(self.nlist)], np.int64)
        code = self._index.code_size
        quantizer = self.nlist * (self.dim if self.binary else 4 * self.dim)
        codebooks = 0 if self.binary else self.dim * (2 ** self.pq_nbits) * 4
        return int(sizes.sum() * (code + 8) + quantizer + codebooks)

    # -- persistence ---------------------------------------------------------------------------
    def save(self, directory: str | Path, meta: Mapping[str, Any]) -> None:
        """Write the index, its image list and ``local_index.json`` (written last) atomically."""
        directory = Path(directory)
        meta = json.loads(json.dumps(dict(meta)))
        with self._lock:
            blob = (faiss.serialize_index_binary if self.binary else faiss.serialize_index)(self._index)
            ids = np.array(sorted(self._images), np.int64)
            tags = np.array([self._images[int(i)] for i in ids], dtype="U64")
            count = len(self)
        atomic_write(directory / INDEX_FILE, lambda fh: fh.write(memoryview(blob)))
        atomic_write_npz(directory / IMAGES_FILE, ids=ids, tags=tags)
        record = {
            "schema_version": SCHEMA_VERSION, "binary": self.binary, "dim": self.dim, "nlist": self.nlist,
            "pq_m": self.pq_m, "pq_nbits": self.pq_nbits, "nprobe": self.nprobe, "count": count,
            "images": len(ids), "sha256": sha256_file(directory / INDEX_FILE),
            "images_sha256": sha256_file(directory / IMAGES_FILE), "meta": meta,
        }
        atomic_write_json(directory / META_FILE, record)
        self.meta = meta

    @classmethod
    def load(cls, directory: str | Path, *, expected_meta: Mapping[str, Any] | None = None) -> LocalDescriptorIndex:
        """Read an index written by :meth:`save`; FileNotFoundError if none, CorruptArtefactError if damaged."""
        directory = Path(directory)
        meta_path, index_path, images_path = directory / META_FILE, directory / INDEX_FILE, directory / IMAGES_FILE
        record = _read_record(meta_path)
        for key, value in json.loads(json.dumps(dict(expected_meta or {}))).items():
            if record["meta"].get(key) != value:
                raise CorruptArtefactError(f"{meta_path}: metadata {key!r} is {record['meta'].get(key)!r}, "
                                           f"expected {value!r}")
        for path, digest in ((index_path, record["sha256"]), (images_path, record["images_sha256"])):
            if not path.is_file():
                raise CorruptArtefactError(f"{path}: missing (its {META_FILE} is present)")
            if not verify_sha256(path, digest):
                raise CorruptArtefactError(f"{path}: checksum mismatch (file truncated or modified)")
        index = cls(record["dim"], binary=record["binary"], nlist=record["nlist"], pq_m=record["pq_m"],
                    nprobe=record["nprobe"])
        index.pq_nbits, index.meta = int(record["pq_nbits"]), record["meta"]
        blob = np.fromfile(index_path, dtype=np.uint8)
        try:
            index._index = (faiss.deserialize_index_binary if index.binary else faiss.deserialize_index)(blob)
        except RuntimeError as error:
            raise CorruptArtefactError(f"{index_path}: FAISS cannot read it ({error})") from error
        with np.load(images_path, allow_pickle=False) as data:
            index._images = dict(zip(data["ids"].tolist(), data["tags"].tolist(), strict=True))
        if index._index.ntotal != record["count"] or index._index.nlist != index.nlist:
            raise CorruptArtefactError(f"{index_path}: holds {index._index.ntotal} descriptors in "
                                       f"{index._index.nlist} cells, {META_FILE} says {record['count']} in {index.nlist}")
        index._index.nprobe = index.nprobe
        return index


def _default_pq_m(dim: int) -> int:
    """PQ sub-quantizers of 4 bits: one byte per 2 components up to 64-d (XFeat: 64 sub-quantizers,
    32 bytes), per 4 above; an even count (FastScan packs codes by pairs)."""
    m = dim if dim <= 64 else dim // 2
    while m > 2 and (dim % m or m % 2):
        m -= 1
    return m if dim % m == 0 else 1


def _as_descriptors(descriptors: ArrayLike, binary: bool, dim: int | None = None) -> np.ndarray:
    """Contiguous uint8 rows (binary) or float32 rows (float), checked against ``dim``."""
    array = np.asarray(descriptors)
    if array.ndim != 2 or (dim is not None and array.shape[1] != dim):
        raise ValueError(f"expected an N×{dim or 'D'} array of descriptors, got shape {array.shape}")
    if binary:
        if array.dtype != np.uint8:
            raise ValueError(f"binary descriptors must be packed uint8, not {array.dtype}")
        return np.ascontiguousarray(array)
    array = np.ascontiguousarray(array, dtype=np.float32)
    if not np.isfinite(array).all():
        raise ValueError("descriptors contain NaN or infinite values")
    return array


_RECORD_FIELDS = {"schema_version": int, "binary": bool, "dim": int, "nlist": int, "pq_nbits": int, "nprobe": int,
                  "count": int, "images": int, "sha256": str, "images_sha256": str, "meta": dict}


def _read_record(meta_path: Path) -> dict[str, Any]:
    try:
        record = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{meta_path}: no local index saved here") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CorruptArtefactError(f"{meta_path}: not valid JSON ({error})") from error
    if not isinstance(record, dict):
        raise CorruptArtefactError(f"{meta_path}: expected a JSON object")
    for field, kind in _RECORD_FIELDS.items():
        value = record.get(field)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise CorruptArtefactError(f"{meta_path}: field {field!r} missing or not {kind.__name__}")
    if record["schema_version"] != SCHEMA_VERSION:
        raise CorruptArtefactError(f"{meta_path}: schema version {record['schema_version']}, "
                                   f"this version reads {SCHEMA_VERSION}")
    if not record["binary"] and not isinstance(record.get("pq_m"), int):
        raise CorruptArtefactError(f"{meta_path}: field 'pq_m' missing for a float index")
    return record
