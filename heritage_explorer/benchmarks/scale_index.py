"""Scale benchmark of the index: hnswlib against FAISS IVF-PQ + exact re-ranking, by collection size.

For each size, each backend gets the parameters ``index_params`` chooses for it, is built in
this process (``build_s``), saved, then served by a fresh process (what a search process pays):
load time, recall@10 of 1,000 held-out queries against the exact top 10 (numpy, measured in the
same run), single-query latency p50/p95, the resident set after loading and querying, and the
time to add 10,000 vectors to the loaded index. The backend ``index_params`` picks for the size
is reported beside what the figures say wins.

The vectors look like descriptors, not isotropic Gaussians (on which recall is misleading):
many small clusters whose centres and spreads follow a decaying spectrum (standard deviation
along the i-th principal direction ∝ i^-0.5, variance ∝ 1/i, as CNN global descriptors show), randomly rotated so that
no axis is special, L2-normalised. A query's best match has cosine ≈ 0.69, its 10th ≈ 0.63.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.index.backends import create_index
from heritage_explorer.index.exact import ExactIndex
from heritage_explorer.index.params import BACKENDS, index_params, serving_bytes

MIN_SIZE = 10_000
QUICK_SIZE = 200_000
FULL_SIZE = 1_000_000
DIM = 512
K = 10
QUERIES = 1000
LATENCY_QUERIES = 200
ADDED = 10_000
TARGETS = {"recall_at_10": 0.95, "p95_ms": 10.0, "rss_bytes": 4 << 30, "add_10k_s": 30.0, "load_s": 10.0}
_MARGIN_BYTES = 1 << 30
_BLOCK = 50_000


def descriptor_like_vectors(n: int, dim: int, *, seed: int = 0, points_per_cluster: int = 200,
                            decay: float = 0.5, spread: float = 1.0) -> NDArray[np.float32]:
    """``n`` L2-normalised float32 vectors shaped like image descriptors (see the module docstring).

    Clusters of ~``points_per_cluster`` points; centres and within-cluster noise (``spread``
    times as large) both have standard deviation ∝ i^-``decay`` along direction i, then a random
    rotation hides the axes.
    """
    rng = np.random.default_rng(seed)
    scale = np.arange(1, dim + 1, dtype=np.float32) ** np.float32(-decay)
    scale *= np.float32(np.sqrt(dim) / np.linalg.norm(scale))
    clusters = max(10, n // points_per_cluster)
    centres = rng.standard_normal((clusters, dim), dtype=np.float32) * scale
    rotation, _ = np.linalg.qr(rng.standard_normal((dim, dim)).astype(np.float32))
    labels = rng.integers(0, clusters, n)
    out = np.empty((n, dim), np.float32)
    for start in range(0, n, _BLOCK):
        part = labels[start : start + _BLOCK]
        noise = rng.standard_normal((part.size, dim), dtype=np.float32) * (scale * np.float32(spread))
        out[start : start + part.size] = (centres[part] + noise) @ rotation
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out


def available_memory_bytes() -> int:
    """MemAvailable from /proc/meminfo (what can be allocated without swapping), else free pages."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")


def check_resources(n: int, dim: int, directory: Path, backends: tuple[str, ...] = BACKENDS) -> dict:
    """Bytes of memory and disk the run needs; HeritageError before any work when they are not there.

    Memory: the generated vectors (base, queries, added), the exact reference's copy, and the
    largest index while it is built; disk: the largest saved index (one exists at a time).
    """
    if n < MIN_SIZE:
        raise HeritageError(f"scale benchmark: --size must be at least {MIN_SIZE} (IVF-PQ trains on 39 vectors per "
                            f"PQ centroid), got {n}")
    data = (n + QUERIES + ADDED) * dim * 4
    largest = max(serving_bytes(n + ADDED, dim, index_params(n, dim, backend=b)) for b in backends)
    need_memory = data + n * dim * 4 + largest + _MARGIN_BYTES
    need_disk = largest + (QUERIES + ADDED) * dim * 4
    memory, disk = available_memory_bytes(), shutil.disk_usage(directory).free
    if need_memory > memory:
        raise HeritageError(f"scale benchmark: {n} × {dim} needs about {need_memory / 2**30:.1f} GiB of memory, "
                            f"{memory / 2**30:.1f} GiB is available; choose a smaller --size")
    if need_disk > disk:
        raise HeritageError(f"scale benchmark: {n} × {dim} needs about {need_disk / 2**30:.1f} GiB of disk in "
                            f"{directory}, {disk / 2**30:.1f} GiB is free; choose a smaller --size")
    return {"memory_bytes": need_memory, "disk_bytes": need_disk}


def run_scale_index_bench(
    quick: bool = False, *, size: int | None = None, dim: int = DIM, backends: tuple[str, ...] = BACKENDS,
    report: Callable[[str], None] | None = None,
) -> dict:
    """Measure each backend at ``size`` (default: 200k with ``quick``, else 1M) × ``dim``."""
    n = size if size is not None else QUICK_SIZE if quick else FULL_SIZE
    say = report or (lambda message: print(f"scale index: {message}", file=sys.stderr, flush=True))
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="hx-scale-index-") as tmp:
        root = Path(tmp)
        needs = check_resources(n, dim, root, backends)
        say(f"generating {n + QUERIES + ADDED} × {dim} descriptor-like vectors")
        data = descriptor_like_vectors(n + QUERIES + ADDED, dim, seed=n + dim)
        base, queries, added = data[:n], data[n : n + QUERIES], data[n + QUERIES :]
        np.save(root / "queries.npy", queries)
        np.save(root / "added.npy", added)
        say("exact reference top 10")
        start = time.perf_counter()
        exact = ExactIndex(dim)
        exact.add(base, np.arange(n))
        truth, _ = exact.query(queries, K)
        exact_s = time.perf_counter() - start
        del exact
        np.save(root / "truth.npy", truth)
        configs = []
        for backend in backends:
            params = index_params(n, dim, backend=backend)
            say(f"{backend} {params.to_json()}: building")
            index = create_index(dim, params)
            start = time.perf_counter()
            index.add(base, np.arange(n))
            build_s = time.perf_counter() - start
            directory = root / backend
            index.save(directory, {"benchmark": "scale_index", "n": n, "dim": dim})
            del index
            say(f"{backend}: serving from a fresh process")
            served = _serve_in_fresh_process(directory, root, n)
            index_bytes = sum(p.stat().st_size for p in directory.iterdir())
            shutil.rmtree(directory)
            configs.append({"n": n, "dim": dim, "backend": backend, "params": params.to_json(),
                            "build_s": round(build_s, 2), "index_bytes": index_bytes, **served})
    chosen = index_params(n, dim).backend
    return {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "load_average_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)]},
        "data": "descriptor_like_vectors: clusters of ~200, standard deviation spectrum i^-0.5, random rotation, "
                "L2-normalised",
        "k": K, "queries": QUERIES, "latency_queries": LATENCY_QUERIES, "exact_reference_s": round(exact_s, 2),
        "estimated_needs": needs,
        "targets": TARGETS,
        "configs": configs,
        "chosen_by_index_params": {str(n): chosen},
        "best_recall_meeting_targets": _best(configs, lambda c: -c["recall_at_10"]),
        "smallest_rss_meeting_targets": _best(configs, lambda c: c["rss_bytes"]),
    }


def _meets(config: dict) -> bool:
    return all(config[key] >= value if key == "recall_at_10" else config[key] <= value
               for key, value in TARGETS.items())


def _best(configs: list[dict], key: Callable[[dict], float]) -> dict:
    """Per size: the backend of the configuration meeting every target that minimises ``key`` (None if none does)."""
    result = {}
    for n in sorted({c["n"] for c in configs}):
        meeting = [c for c in configs if c["n"] == n and _meets(c)]
        result[str(n)] = min(meeting, key=key)["backend"] if meeting else None
    return result


_SERVE = """
import json, sys
from heritage_explorer.benchmarks.scale_index import serve
print(json.dumps(serve(sys.argv[1], sys.argv[2], int(sys.argv[3]))))
"""


def _serve_in_fresh_process(directory: Path, root: Path, n: int) -> dict:
    done = subprocess.run([sys.executable, "-c", _SERVE, str(directory), str(root), str(n)],
                          capture_output=True, text=True, check=False, timeout=3600)
    if done.returncode != 0:
        raise RuntimeError(f"serving {directory} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def serve(directory: str, root: str, n: int) -> dict:
    """In a fresh process: load, recall, latency, resident set, then add 10k (the serving figures)."""
    from heritage_explorer.index.backends import load_index

    queries = np.load(Path(root) / "queries.npy")
    truth = np.load(Path(root) / "truth.npy")
    start = time.perf_counter()
    index = load_index(directory, full_check=True)
    load_s = time.perf_counter() - start
    found, _ = index.query(queries, K)
    recall = float(np.mean([np.intersect1d(f, t).size for f, t in zip(found, truth, strict=True)]) / K)
    for row in queries[:5]:
        index.query(row[None], K)
    wall = []
    for row in queries[:LATENCY_QUERIES]:
        start = time.perf_counter()
        index.query(row[None], K)
        wall.append(time.perf_counter() - start)
    p50, p95 = (round(float(v), 3) for v in np.percentile(np.array(wall) * 1e3, [50, 95]))
    rss = _rss_bytes()
    added = np.load(Path(root) / "added.npy")
    start = time.perf_counter()
    index.add(added, np.arange(n, n + len(added)))
    add_s = time.perf_counter() - start
    return {"recall_at_10": round(recall, 4), "p50_ms": p50, "p95_ms": p95, "rss_bytes": rss,
            "load_s": round(load_s, 3), "add_10k_s": round(add_s, 2)}


def _rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def format_scale_index_table(result: dict) -> str:
    """A plain-text report of ``run_scale_index_bench``'s result, for the CLI."""
    machine = result["machine"]
    lines = [
        f"Index at scale: recall@{result['k']} over {result['queries']} held-out queries against exact numpy "
        f"search ({result['exact_reference_s']} s); {machine['cpus']} CPUs, 1-min load average "
        f"{machine['load_average_before_after'][0]} before, {machine['load_average_before_after'][1]} after",
        f"Data: {result['data']}",
        "",
        f"{'N':>9} {'D':>5} {'backend':<12} {'recall@10':>9} {'p50 ms':>7} {'p95 ms':>7} {'RSS MiB':>8} "
        f"{'build s':>8} {'load s':>7} {'add 10k s':>9} {'targets':>8}  params",
    ]
    for c in result["configs"]:
        params = " ".join(f"{k}={v}" for k, v in c["params"].items() if k != "backend")
        lines.append(
            f"{c['n']:>9} {c['dim']:>5} {c['backend']:<12} {c['recall_at_10']:>9.4f} {c['p50_ms']:>7.2f} "
            f"{c['p95_ms']:>7.2f} {c['rss_bytes'] / 2**20:>8.0f} {c['build_s']:>8.1f} {c['load_s']:>7.2f} "
            f"{c['add_10k_s']:>9.1f} {'met' if _meets(c) else 'NOT met':>8}  {params}"
        )
    lines += ["", "Targets: " + ", ".join(f"{k} {'>=' if k == 'recall_at_10' else '<='} {v}"
                                         for k, v in result["targets"].items()),
              f"index_params chooses: {result['chosen_by_index_params']}; meeting every target, best recall: "
              f"{result['best_recall_meeting_targets']}, smallest RSS: {result['smallest_rss_meeting_targets']}"]
    return "\n".join(lines)
