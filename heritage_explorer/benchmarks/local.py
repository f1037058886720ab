"""Local-feature benchmark: extraction of 250 images per method, storage, verification of a top-100 shortlist.

What a collection manager needs to plan a re-ranking deployment (survey §4.2.2, "Discussion":
local features are "memory-intensive" and cross-matching "incurs additional searching cost"):
for ORB, XFeat and the DELF-style features, the extraction rate through the real pipeline
(decode → describe → store), the bytes stored per image, and the time to verify a global
top-100 shortlist per query, with 2 threads and with 1 (the reference, same run).
"""

from __future__ import annotations

import csv
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from heritage_explorer.benchmarks.extraction import _bench_images
from heritage_explorer.pipeline import import_source, open_project
from heritage_explorer.pipeline.local import current_local_features, local_store
from heritage_explorer.pipeline.methods import extract_any, rank_many

METHODS = ("orb-1000", "xfeat-1000", "delf-efflite0-1000")
SHORTLIST_SOURCE = "efflite0-gem"
SHORTLIST = 100


def _directory_bytes(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())


def bench_project(n_images: int, directory: Path):
    """A project in ``directory`` of ``n_images`` benchmark photos (:func:`._bench_images`), and their description."""
    paths, source = _bench_images(n_images, directory)
    listing = directory / "bench.csv"
    with open(listing, "w", newline="") as fh:
        csv.writer(fh).writerows([["path"], *[[str(p)] for p in paths]])
    project = open_project(directory / "project", create=True)
    import_source(project, str(listing), allow_absolute=True)
    return project, source


def _verification_seconds(project, spec: str, queries: list[int], rankings: dict, threads: int
                          ) -> tuple[list[float], int]:
    """Seconds to verify each query's shortlist (loading the features included), and the shortlist length."""
    from heritage_explorer.descriptors.local import verify_candidates
    from heritage_explorer.descriptors.method import as_local

    local = as_local(spec)
    stored, rows = current_local_features(project, local)
    config = local.match_config()
    seconds, pairs = [], 0
    for query in queries:
        ranking = rankings[query]
        shortlist = ranking[ranking != query][:SHORTLIST]
        start = time.perf_counter()
        candidates = [stored.at(rows[int(i)]) for i in shortlist]
        verify_candidates(stored.at(rows[query]), candidates, config, threads=threads)
        seconds.append(time.perf_counter() - start)
        pairs = len(shortlist)
    return seconds, pairs


def run_local_bench(quick: bool = False, *, methods: tuple[str, ...] = METHODS) -> dict:
    """Per method: extraction images/s, bytes per image, seconds to verify a top-100 shortlist per query."""
    n_images, n_queries = (40, 3) if quick else (250, 10)
    result: dict = {"shortlist": f"top {SHORTLIST} of {SHORTLIST_SOURCE}", "methods": {}}
    with tempfile.TemporaryDirectory() as tmp:
        project, source = bench_project(n_images, Path(tmp))
        result["images"] = source
        extract_any(project, [SHORTLIST_SOURCE])
        ids = [row.id for row in project.catalog.images(status="ok")]
        queries = [int(q) for q in np.random.default_rng(0).choice(ids, n_queries, replace=False)]
        rankings = {q: r.ids for q, r in rank_many(project, SHORTLIST_SOURCE, queries).items()}
        for spec in methods:
            summary = extract_any(project, [spec])
            stored, _ = current_local_features(project, spec)
            keypoints = np.diff(stored.offsets)
            two, pairs = _verification_seconds(project, spec, queries, rankings, threads=2)
            one, _ = _verification_seconds(project, spec, queries, rankings, threads=1)
            result["methods"][spec] = {
                "extract_images_per_s": round(summary.images_per_s, 2),
                "extract_s": round(summary.seconds, 1),
                "keypoints_per_image": round(float(keypoints.mean()), 1),
                "bytes_per_image": round(stored.bytes_per_image()),
                "disk_bytes_per_image": round(_directory_bytes(local_store(project, spec).dir) / len(stored)),
                "shortlist_pairs": pairs,
                "verify_top100_s_per_query_2_threads": round(statistics.median(two), 3),
                "verify_top100_s_per_query_1_thread": round(statistics.median(one), 3),
                "pairs_per_s_2_threads": round(pairs / statistics.median(two), 1),
            }
    return result


def format_local_table(result: dict) -> str:
    """The benchmark as an aligned text table, one row per method."""
    header = ["method", "extract img/s", "kpts/img", "KiB/img (disk)", "top-100 s/query (2 thr)",
              "(1 thr)", "pairs/s"]
    rows = [[spec, f"{m['extract_images_per_s']:.2f}", f"{m['keypoints_per_image']:.0f}",
             f"{m['disk_bytes_per_image'] / 1024:.0f}", f"{m['verify_top100_s_per_query_2_threads']:.3f}",
             f"{m['verify_top100_s_per_query_1_thread']:.3f}", f"{m['pairs_per_s_2_threads']:.0f}"]
            for spec, m in result["methods"].items()]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    title = f"{result.get('images', '')}; shortlist: {result.get('shortlist', '')}"
    return "\n".join([title, *(line.rstrip() for line in lines)])
