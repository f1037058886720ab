"""Memory benchmark: a process serving searches through the real pipeline, and the cost of float16.

Serving: a project whose catalog lists N images and whose descriptor store holds N clustered
L2-normalised D-d vectors (synthetic: the files are never read when querying by image id) gets
its HNSW index through ``build_index``; fresh processes then answer queries with
``pipeline.search`` and report their resident set (VmRSS, peak VmHWM) for three layouts:
the float32 store memory-mapped (the default), a float32 copy of the store read into memory
(what a server without memory-mapping would hold), and the store converted to float16 and
memory-mapped (the index is rebuilt from the rounded rows: hnswlib still holds them as float32).
Each layout runs twice: the first process hashes the files in full, the second finds them
verified (``core/integrity.py``); both report the time to the first answer.

float16 cost: efflite0-gem extracted in float32 on each shared collection, evaluated, the store
converted to float16 (``extract --storage float16``: no recomputation), evaluated again.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from heritage_explorer.benchmarks.search import TARGET_CONFIG, clustered_unit_vectors
from heritage_explorer.core.catalog import CATALOG_NAME, Catalog
from heritage_explorer.core.integrity import STAMP_MARGIN_S
from heritage_explorer.core.jobs import Progress
from heritage_explorer.pipeline import (
    build_index,
    evaluate_all,
    extract_methods,
    import_source,
    open_project,
)
from heritage_explorer.pipeline.store import DescriptorStore

SERVING_SPEC = "resnet50-gem"  # a 2048-d method of the registry (its weights are never needed here)
FLOAT16_SPEC = "efflite0-gem"
SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
COLLECTIONS = ("rparis6k_subset_5x50", "museum_paintings", "strecha_mvs")
LAYOUTS = ("float32_mmap", "float32_in_memory", "float16_mmap")
MEMORY_TARGET_BYTES = 1 << 30
_QUERIES = 200


def make_serving_project(root: Path, n: int, dim: int, *, seed: int = 3) -> tuple[Path, float]:
    """A project of ``n`` catalog rows with their vectors stored and indexed; returns it and the index build time."""
    catalog = Catalog(root / CATALOG_NAME)
    with catalog.transaction() as conn:
        cid = conn.execute("INSERT INTO collections (kind, source, root, imported_at) VALUES ('folder', ?, ?, ?)",
                           ("synthetic", str(root / "images"), time.time())).lastrowid
        conn.executemany(
            "INSERT INTO images (id, collection_id, path, status, group_name, sha256) VALUES (?, ?, ?, 'ok', ?, ?)",
            ((i, cid, f"img_{i:07d}.jpg", f"class{i % 100}", f"{i:064x}") for i in range(1, n + 1)))
    catalog.close()
    project = open_project(root)
    store = DescriptorStore(project.descriptor_dir(SERVING_SPEC))
    store.prepare(spec=SERVING_SPEC, dim=dim, weights_sha256="synthetic")
    vectors = clustered_unit_vectors(n, dim, seed=seed)
    for start in range(0, n, 20_000):
        ids = list(range(start + 1, min(start + 20_000, n) + 1))
        store.append_chunk(ids, vectors[start : start + len(ids)], [f"{i:064x}" for i in ids])
    del vectors
    store.consolidate()
    start = time.perf_counter()
    build_index(project, SERVING_SPEC)
    return project.root, time.perf_counter() - start


def _status_bytes() -> dict[str, int]:
    with open("/proc/self/status", encoding="ascii") as fh:
        return {k: int(v.split()[0]) * 1024 for k, _, v in (line.partition(":") for line in fh)
                if k in ("VmRSS", "VmHWM")}


def serve_and_measure(project_dir: str, layout: str, queries: int = _QUERIES) -> dict:
    """In a fresh process: search ``queries`` catalog images through ``pipeline.search``; RSS figures."""
    from heritage_explorer.pipeline import search

    baseline = _status_bytes()["VmRSS"]
    project = open_project(project_dir)
    held = None
    if layout == "float32_in_memory":
        held = DescriptorStore(project.descriptor_dir(SERVING_SPEC)).load(verify=True, mmap=False)
    ids = np.random.default_rng(0).choice(np.arange(1, project.catalog.count_images()["ok"] + 1), queries)
    start = time.perf_counter()
    search(project, SERVING_SPEC, image_id=int(ids[0]), k=10)
    first_s = time.perf_counter() - start
    latencies = []
    for image_id in ids[1:]:
        start = time.perf_counter()
        search(project, SERVING_SPEC, image_id=int(image_id), k=10)
        latencies.append(time.perf_counter() - start)
    status = _status_bytes()
    p50, p95 = np.percentile(np.array(latencies) * 1e3, [50, 95])
    return {"rss_baseline_bytes": baseline, "rss_serving_bytes": status["VmRSS"], "peak_rss_bytes": status["VmHWM"],
            "first_search_s": round(first_s, 3), "search_p50_ms": round(float(p50), 2),
            "search_p95_ms": round(float(p95), 2), "held_in_memory_bytes": 0 if held is None else held.vectors.nbytes}


def _measure(project_dir: Path, layout: str) -> dict:
    code = ("import json, sys\nfrom heritage_explorer.benchmarks.memory import serve_and_measure\n"
            "print(json.dumps(serve_and_measure(sys.argv[1], sys.argv[2])))\n")
    done = subprocess.run([sys.executable, "-c", code, str(project_dir), layout], capture_output=True, text=True,
                          check=True, timeout=600)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _settle(paths: list[Path]) -> None:
    """Wait until the files are older than the stamp margin, so a first full check can stamp them."""
    newest = max(p.stat().st_mtime for p in paths if p.exists())
    time.sleep(max(0.0, newest + STAMP_MARGIN_S + 0.1 - time.time()))


def run_serving_memory(n: int, dim: int, report: Callable[[str], None] = lambda _: None) -> dict:
    """RSS and first-answer time of fresh processes serving ``n`` × ``dim`` vectors, per layout."""
    layouts: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="hx-memory-bench-") as tmp:
        report(f"memory: building a {n}×{dim} project")
        root, build_s = make_serving_project(Path(tmp) / "P", n, dim)
        project = open_project(root)
        store = DescriptorStore(project.descriptor_dir(SERVING_SPEC))
        files = [store.dir / "vectors.npy", project.index_dir(SERVING_SPEC) / "index.bin"]
        for layout in LAYOUTS:
            if layout == "float16_mmap":
                store.prepare(spec=SERVING_SPEC, dim=dim, weights_sha256="synthetic", storage="float16")
                store.consolidate()  # what 'extract --storage float16' does
                build_index(project, SERVING_SPEC)  # rebuilt from the rounded rows (float32 in hnswlib)
            report(f"memory: serving {layout}")
            _settle(files)
            first, again = _measure(root, layout), _measure(root, layout)
            layouts[layout] = {**again, "first_search_full_check_s": first["first_search_s"],
                               "store_bytes": (store.dir / "vectors.npy").stat().st_size}
        index_bytes = files[1].stat().st_size
    default = layouts["float32_mmap"]
    return {
        "n": n, "dim": dim, "spec_dimension_of": SERVING_SPEC, "index_build_s": round(build_s, 1),
        "index_bytes": index_bytes, "raw_vectors_bytes": n * dim * 4, "layouts": layouts,
        "target_bytes": MEMORY_TARGET_BYTES, "at_target_size": (n, dim) == TARGET_CONFIG,
        "meets_target": default["peak_rss_bytes"] <= MEMORY_TARGET_BYTES,
        "note": ("hnswlib holds every vector as float32 next to its graph (N×D×4 bytes + links): that is the "
                 "floor of a serving process. Searches by catalog image take their query from the index, so "
                 "the memory-mapped store's pages are not touched: float16 halves the store on disk, in the "
                 "page cache and in its first checksum, not this process; reading the store into memory "
                 "instead of mapping it adds N×D×4 bytes"),
    }


def float16_map_loss(collections: tuple[str, ...] = COLLECTIONS, spec: str = FLOAT16_SPEC,
                     report: Callable[[str], None] = lambda _: None) -> dict:
    """Global mAP of ``spec`` stored in float32 and in float16 on each shared collection present."""
    results = {}
    for name in collections:
        csv_path = SHARED_DATA / name / "groups.csv"
        if not csv_path.exists():
            results[name] = {"skipped": f"{csv_path} absent"}
            continue
        report(f"float16 mAP: {name}")
        with open(csv_path, newline="") as fh:
            count = sum(1 for _ in csv.DictReader(fh))
        with tempfile.TemporaryDirectory(prefix="hx-float16-") as tmp:
            project = open_project(Path(tmp) / "P", create=True)
            import_source(project, str(csv_path))
            extract_methods(project, [spec])
            float32 = evaluate_all(project, [spec], extract_missing=False)[spec].global_map
            extract_methods(project, [spec], storage="float16")
            float16 = evaluate_all(project, [spec], extract_missing=False)[spec].global_map
        results[name] = {"images": count, "map_float32": round(float32, 4), "map_float16": round(float16, 4),
                         "loss": round(float32 - float16, 4) + 0.0}
    return {"method": spec, "collections": results}


def run_memory_bench(quick: bool = False, *, progress: Callable[[Progress], None] | None = None) -> dict:
    """Serving memory at 100k × 2048 (quick: 10k × 2048) and the float16 mAP loss (quick: strecha_mvs only)."""
    def report(message: str) -> None:
        if progress is not None:
            progress(Progress("memory benchmark", 0, 0, message=message))

    n, dim = (10_000, 2048) if quick else TARGET_CONFIG
    serving = run_serving_memory(n, dim, report)
    loss = float16_map_loss(("strecha_mvs",) if quick else COLLECTIONS, report=report)
    return {"serving": serving, "float16_map": loss}


def format_memory_table(memory: dict) -> str:
    """A plain-text report of ``run_memory_bench``'s result, for the CLI."""
    serving = memory["serving"]
    mib = 2**20
    lines = [
        f"Serving {serving['n']} × {serving['dim']} through pipeline.search (fresh processes, {_QUERIES} queries; "
        f"index {serving['index_bytes'] / mib:.0f} MiB, raw float32 vectors {serving['raw_vectors_bytes'] / mib:.0f} MiB)",
        f"{'layout':<20} {'store MiB':>10} {'RSS MiB':>8} {'peak MiB':>9} {'imports MiB':>12} {'1st search s':>13} "
        f"{'(full check)':>13} {'p50 ms':>7} {'p95 ms':>7}",
    ]
    for name, row in serving["layouts"].items():
        lines.append(
            f"{name:<20} {row['store_bytes'] / mib:>10.0f} {row['rss_serving_bytes'] / mib:>8.0f} "
            f"{row['peak_rss_bytes'] / mib:>9.0f} {row['rss_baseline_bytes'] / mib:>12.0f} {row['first_search_s']:>13.3f} "
            f"{row['first_search_full_check_s']:>13.3f} {row['search_p50_ms']:>7.2f} {row['search_p95_ms']:>7.2f}"
        )
    verdict = ("met" if serving["meets_target"] else "NOT met") if serving["at_target_size"] else "not measured at 100k × 2048"
    lines += [f"Target peak RSS <= 1 GiB with the default layout: {verdict}", f"  ({serving['note']})", "",
              f"float16 storage, {memory['float16_map']['method']}: global mAP float32 -> float16"]
    for name, row in memory["float16_map"]["collections"].items():
        if "skipped" in row:
            lines.append(f"  {name}: skipped ({row['skipped']})")
        else:
            lines.append(f"  {name} ({row['images']} images): {row['map_float32']:.4f} -> {row['map_float16']:.4f} "
                         f"(loss {row['loss']:+.4f})")
    return "\n".join(lines)
