"""Index parameters chosen from the collection's size and dimension, and the memory they need.

HNSW's recall at a fixed ``M``/``ef`` falls as the graph grows (more hops, more local minima):
100 isotropic clusters at 512-d give recall@10 0.99 at 100k but 0.835 at 1M with M=16, ef=256.
So ``M``, ``ef_construction`` and ``ef`` grow with ``n`` (and ``M`` with the dimension, whose
intrinsic part grows with it). Past ``COMPRESSED_FROM_N`` vectors, or when the float32 graph
would not fit ``SERVING_BUDGET_BYTES``, the choice is the compressed index (FAISS IVF-PQ, with
exact re-ranking from float16 copies of the vectors; see ``index/compressed.py``): a fraction of
the memory, a build that is minutes instead of tens of minutes on two cores, and recall held
by re-ranking. Where the two were measured side by side (``benchmarks/scale_index.py``) the
thresholds below follow the figures; the README records them.

Pure functions: no I/O, nothing imported beyond the standard library.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

HNSWLIB = "hnswlib"
FAISS_IVFPQ = "faiss-ivfpq"
BACKENDS = (HNSWLIB, FAISS_IVFPQ)

COMPRESSED_FROM_N = 500_000
SERVING_BUDGET_BYTES = 3 << 30  # of the 4 GiB serving target, leaving 1 GiB to the rest of the process


@dataclass(frozen=True)
class IndexParams:
    """The backend and its parameters; fields of the other backend are 0."""

    backend: str
    M: int = 0
    ef_construction: int = 0
    ef: int = 0
    nlist: int = 0
    pq_m: int = 0
    nprobe: int = 0
    rerank: int = 0

    def to_json(self) -> dict:
        """The backend and its own parameters only (what index metadata and benchmarks record)."""
        keys = ("M", "ef_construction", "ef") if self.backend == HNSWLIB else ("nlist", "pq_m", "nprobe", "rerank")
        values = asdict(self)
        return {"backend": self.backend, **{key: values[key] for key in keys}}


def hnsw_params(n: int, dim: int) -> IndexParams:
    """HNSW parameters for ``n`` vectors of ``dim`` values (recall@10 ≥ 0.95 as ``n`` grows).

    Up to 100k: the measured defaults (M=16, ef_construction=100, ef=128: recall 0.99 at 100k
    even on isotropic clusters). Each further decade of ``n`` adds links and search breadth;
    above 1024-d, M is raised one step (a higher intrinsic dimension needs more links).
    """
    _check(n, dim)
    if n <= 100_000:
        M, ef_construction, ef = 16, 100, 128
    elif n <= 500_000:
        M, ef_construction, ef = 24, 150, 192
    else:
        M, ef_construction, ef = 32, 200, 256
    if dim > 1024:
        M += 8
    return IndexParams(HNSWLIB, M=M, ef_construction=ef_construction, ef=ef)


def ivfpq_params(n: int, dim: int) -> IndexParams:
    """IVF-PQ parameters: ~√n lists (a power of two), sub-vectors of ≥ 8 values, 8 bits each.

    √n rather than the 4·√n often quoted: training k-means on 39 points per list is the build's
    largest cost on two cores (1M vectors: 1024 lists train in about a minute, 4096 in ~5 min).

    ``nprobe`` scans 1/8 of the lists (at least 16) and the ``rerank`` = 200 best PQ candidates
    are re-scored exactly, which is what brings recall from ~0.65 (PQ alone) to ≥ 0.95. Measured
    at 200k × 512 on descriptor-like data (512 lists; recall@10, p95 ms): nprobe 16: 0.914, 1.0;
    32: 0.954, 1.4; 64: 0.971-0.978, 2.0-2.2 (rerank 100-200). The coverage of the lists, not
    the re-ranking depth, limits recall (rerank 100 → 400 at nprobe 16: 0.914 → 0.917). FAISS's
    4-bit fast-scan PQ scanned faster but needed rerank 400 and nprobe 128 for 0.955.
    """
    _check(n, dim)
    nlist = 2 ** round(math.log2(max(64.0, min(16384.0, math.sqrt(max(n, 1))))))
    pq_m = max(d for d in range(1, min(dim // 8, 128) + 1) if dim % d == 0) if dim >= 8 else 1
    return IndexParams(FAISS_IVFPQ, nlist=nlist, pq_m=pq_m, nprobe=max(16, nlist // 8), rerank=200)


def index_params(n: int, dim: int, *, backend: str | None = None) -> IndexParams:
    """The index for a collection of ``n`` vectors of ``dim`` values; ``backend`` forces one."""
    _check(n, dim)
    if backend is None:
        hnsw = hnsw_params(n, dim)
        too_big = serving_bytes(n, dim, hnsw) > SERVING_BUDGET_BYTES
        backend = FAISS_IVFPQ if n >= COMPRESSED_FROM_N or too_big else HNSWLIB
    if backend == HNSWLIB:
        return hnsw_params(n, dim)
    if backend == FAISS_IVFPQ:
        return ivfpq_params(n, dim)
    raise ValueError(f"backend must be one of {BACKENDS}, got {backend!r}")


def serving_bytes(n: int, dim: int, params: IndexParams) -> int:
    """Estimated resident bytes of the index while serving (vectors, links or codes, ids).

    hnswlib keeps float32 vectors and 2·M links on layer 0 (4 bytes each) plus a label per
    node; IVF-PQ keeps ``pq_m`` code bytes and an 8-byte id per vector in memory and the float16
    re-ranking copy memory-mapped (counted in full: every page may be touched).
    """
    if params.backend == HNSWLIB:
        return int(n * (4 * dim + 8 * params.M + 4 + 8) * 1.05)
    return int(n * (params.pq_m + 8 + 2 * dim + 8) * 1.05 + params.nlist * dim * 4)


def _check(n: int, dim: int) -> None:
    if n < 0 or dim < 1:
        raise ValueError(f"need n >= 0 and dim >= 1, got n={n}, dim={dim}")
