"""Standalone local retrieval at collection scale: the compressed local index and a query with verification.

Issue #17 (performance): 10,000 images × 1,000 XFeat descriptors in one IVF-PQ index, and the
same for ORB in a binary IVF index: index size on disk and in memory (goal ≤ 2 GiB), build time,
and the latency of a query (vote with every query descriptor, then verify the 100 most voted
images geometrically; goal p95 < 1 s).

Data: real XFeat / ORB features of photos of the shared Paris set (or synthetic JPEGs), each
replicated into many "images" with perturbed descriptors (float: Gaussian noise, renormalised;
ORB: 4 random bits flipped), keypoints kept, so the index holds 10M distinct descriptors with a
real neighbourhood structure and the verification is real RANSAC on real keypoints. The
reference, measured in the same run, is exhaustive verification: one pair's verification time
× the collection size (what ranking a query by all-pairs inliers would cost).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from heritage_explorer.benchmarks.local import bench_project
from heritage_explorer.benchmarks.memory import _status_bytes
from heritage_explorer.descriptors.local import LocalFeatures, verify_candidates
from heritage_explorer.descriptors.method import as_local
from heritage_explorer.index.local_index import LocalDescriptorIndex
from heritage_explorer.pipeline.local import current_local_features
from heritage_explorer.pipeline.local_retrieval import (
    ADD_IMAGES,
    DEFAULT_CANDIDATES,
    DEFAULT_NEIGHBOURS,
    for_index,
    rank_by_verification,
    vote,
)
from heritage_explorer.pipeline.methods import extract_any

METHODS = ("xfeat-1000", "orb-1000")
REAL_IMAGES = 40  # photos whose features are replicated


def _perturbed(features: LocalFeatures, rng: np.random.Generator) -> np.ndarray:
    """The descriptors of one replica: float ones with Gaussian noise (renormalised), ORB with 4 bits flipped."""
    x = features.descriptors
    if features.binary:
        y = np.array(x)
        rows = np.arange(len(y))
        for _ in range(4):
            y[rows, rng.integers(0, y.shape[1], len(y))] ^= (1 << rng.integers(0, 8, len(y))).astype(np.uint8)
        return y
    y = np.asarray(x, np.float32) + rng.normal(0.0, 0.25 / np.sqrt(x.shape[1]), x.shape).astype(np.float32)
    return for_index(y, False)


def _bench_method(real: list[LocalFeatures], spec: str, n_images: int, n_queries: int, directory: Path) -> dict:
    local = as_local(spec)
    binary = real[0].binary
    rng = np.random.default_rng(0)
    rss_before = _status_bytes()["VmRSS"]
    start = time.perf_counter()
    sample = np.concatenate([_perturbed(real[i % len(real)], rng) for i in range(min(n_images, 200))])
    index = LocalDescriptorIndex.train(sample, binary=binary, n_expected=n_images * len(real[0]))
    del sample
    train_s = time.perf_counter() - start
    for begin in range(0, n_images, ADD_IMAGES):
        ids = np.arange(begin, min(begin + ADD_IMAGES, n_images))
        blocks = [_perturbed(real[int(i) % len(real)], rng) for i in ids]
        offsets = np.concatenate([[0], np.cumsum([len(b) for b in blocks])])
        index.add(ids, offsets, np.concatenate(blocks))
        del blocks
    build_s = time.perf_counter() - start
    rss_after = _status_bytes()["VmRSS"]
    save_start = time.perf_counter()
    index.save(directory, {"spec": spec, "bench": True})
    save_s = time.perf_counter() - save_start
    disk = sum(p.stat().st_size for p in directory.iterdir() if p.is_file())
    # one query = vote with every descriptor, verify the top 100 (2 threads), rank
    features_of = lambda image_id: real[image_id % len(real)]  # noqa: E731 - replicas share keypoints
    vote_s, total_s, correct = [], [], 0
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="verify") as pool:
        for q in range(n_queries):
            source = q % len(real)
            query = LocalFeatures(real[source].keypoints, _perturbed(real[source], rng).astype(
                real[source].descriptors.dtype), real[source].scores, real[source].image_size)
            t0 = time.perf_counter()
            voted, votes = vote(index, for_index(query.descriptors, binary), neighbours=DEFAULT_NEIGHBOURS)
            t1 = time.perf_counter()
            ranking = rank_by_verification(query, voted, votes, features_of, local, candidates=DEFAULT_CANDIDATES,
                                           executor=pool)
            total_s.append(time.perf_counter() - t0)
            vote_s.append(t1 - t0)
            correct += int(ranking.ids[0]) % len(real) == source
        pair_start = time.perf_counter()
        verify_candidates(real[0], real[1:21], local.match_config(), executor=pool)
        pair_s = (time.perf_counter() - pair_start) / 20
    return {
        "images": n_images, "descriptors": len(index), "index": "binary IVF" if binary else f"IVF-PQ{index.pq_m}x{index.pq_nbits}",
        "nlist": index.nlist, "nprobe": index.nprobe, "neighbours": DEFAULT_NEIGHBOURS,
        "candidates_verified": DEFAULT_CANDIDATES,
        "train_s": round(train_s, 1), "build_s": round(build_s, 1), "save_s": round(save_s, 1),
        "disk_bytes": disk, "memory_bytes": index.memory_bytes(), "rss_growth_bytes": rss_after - rss_before,
        "queries": n_queries,
        "vote_p50_s": round(statistics.median(vote_s), 3), "vote_p95_s": round(_p95(vote_s), 3),
        "query_p50_s": round(statistics.median(total_s), 3), "query_p95_s": round(_p95(total_s), 3),
        "top1_is_a_replica_of_the_query": round(correct / n_queries, 3),
        "reference_all_pairs_s_per_query": round(pair_s * n_images, 1),
    }


def _p95(values: list[float]) -> float:
    return float(np.percentile(values, 95))


def run_local_index_bench(quick: bool = False, *, n_images: int | None = None,
                          methods: tuple[str, ...] = METHODS) -> dict:
    """Per method: build, size and query latency of standalone local retrieval over ``n_images``."""
    n_images = n_images or (500 if quick else 10_000)
    n_queries = 10 if quick else 30
    load_before = os.getloadavg()[0]
    result: dict = {"images": n_images, "methods": {}}
    with tempfile.TemporaryDirectory(prefix="hx-local-index-") as tmp:
        project, source = bench_project(REAL_IMAGES, Path(tmp))
        result["data"] = f"features of {source}, replicated to {n_images} images with perturbed descriptors"
        for spec in methods:
            extract_any(project, [spec])
            stored, rows = current_local_features(project, spec)
            real = [stored.at(r) for r in sorted(rows.values())]
            result["methods"][spec] = _bench_method(real, spec, n_images, n_queries, Path(tmp) / f"index-{spec}")
    result["load_average_before_after"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    result["cpus"] = os.cpu_count()
    return result


def format_local_index_table(result: dict) -> str:
    """The benchmark as an aligned text table, one row per method."""
    header = ["method", "index", "descriptors", "build s", "disk MiB", "memory MiB", "RSS +MiB", "vote p95 s",
              "query p50 s", "query p95 s", "all-pairs s"]
    rows = [[spec, m["index"], str(m["descriptors"]), f"{m['build_s']:.1f}", f"{m['disk_bytes'] / 2**20:.0f}",
             f"{m['memory_bytes'] / 2**20:.0f}", f"{m['rss_growth_bytes'] / 2**20:.0f}", f"{m['vote_p95_s']:.3f}",
             f"{m['query_p50_s']:.3f}", f"{m['query_p95_s']:.3f}", f"{m['reference_all_pairs_s_per_query']:.0f}"]
            for spec, m in result["methods"].items()]
    widths = [max(len(x) for x in column) for column in zip(header, *rows, strict=True)]
    lines = [f"{result['data']}; {result['cpus']} CPUs, load {result['load_average_before_after'][0]} before, "
             f"{result['load_average_before_after'][1]} after; query = vote + verify top {DEFAULT_CANDIDATES}",
             "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(lines)
