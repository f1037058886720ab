#!/usr/bin/env python
"""Long-run soak test (issue #9 §5): grow a project by thousands of images while searching it.

Not part of the test suite (it runs for minutes). What it does, on synthetic JPEGs:

1. ``colorhist``: imports ``--images`` images in ``--rounds`` growing rounds; after each round,
   extracts and updates the HNSW index, while a second thread searches the project without pause
   (the GUI beside a running extraction). Then a steady phase: searches only, ``--steady`` of them.
2. ``efflite0-gem`` (the default CNN): the same on a subset of ``--cnn-images`` images.

Every search is checked (k hits, scores decreasing and in [-1, 1], the query itself among the
exact matches, every hit an ``ok`` catalog image) and the process's resident memory (VmRSS) is
sampled; the script exits with status 1 if a search failed or memory grew during the steady
phase by more than ``--max-growth-mb``. It prints the figures the README quotes.

    .venv/bin/python scripts/soak.py                      # about 5 minutes on 2 CPU cores
    .venv/bin/python scripts/soak.py --images 600 --cnn-images 48 --steady 300   # a quick look
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from heritage_explorer.pipeline import (
    Project,
    build_index,
    extract_methods,
    import_source,
    open_project,
    search,
)

K = 10


def rss_mb() -> float:
    """Resident memory of this process (VmRSS), in MiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status (Linux only)")


def write_images(folder: Path, start: int, count: int, size: tuple[int, int]) -> None:
    """``count`` JPEGs whose colours depend on their number (distinct colour histograms and content)."""
    folder.mkdir(parents=True, exist_ok=True)
    width, height = size
    for number in range(start, start + count):
        rng = np.random.default_rng(number)
        yy, xx = np.mgrid[0:height:8, 0:width:8]
        ramps = np.stack([xx * rng.uniform(-0.5, 0.5), yy * rng.uniform(-0.5, 0.5), (xx + yy) * 0.1], axis=2)
        small = ((rng.integers(0, 256, 3) + ramps) % 256).astype(np.uint8)
        image = Image.fromarray(small).resize(size, Image.Resampling.BILINEAR)
        for _ in range(3):  # a few shapes so that CNN descriptors differ too
            x, y = int(rng.integers(0, width - 40)), int(rng.integers(0, height - 40))
            image.paste(tuple(int(c) for c in rng.integers(0, 256, 3)), (x, y, x + 40, y + 40))
        image.save(folder / f"img_{number:05d}.jpg", quality=85)


@dataclass
class Searcher:
    """A thread searching a project over and over, checking every answer, until stopped."""

    project: Project
    spec: str
    latencies_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    rss_samples: list[tuple[int, float]] = field(default_factory=list)  # (searches so far, MiB)
    stop: threading.Event = field(default_factory=threading.Event)
    limit: int | None = None
    interval_s: float = 0.0  # pause between searches
    described: int = 0  # images described so far (set by the extracting thread): the index holds at least these

    def run(self) -> None:
        rng = np.random.default_rng(0)
        while not self.stop.wait(self.interval_s) and (self.limit is None or len(self.latencies_ms) < self.limit):
            ok_ids = list(self.project.catalog.content_hashes())
            query = int(ok_ids[int(rng.integers(0, len(ok_ids)))])
            started = time.perf_counter()
            try:
                hits = search(self.project, self.spec, image_id=query, k=K)
            except Exception as exc:  # noqa: BLE001 - a soak reports every failure, whatever it is
                if f"has no {self.spec} descriptor" in str(exc):
                    continue  # imported in this round, not described yet: a correct answer
                self.failures.append(f"{type(exc).__name__}: {exc}")
                continue
            self.latencies_ms.append((time.perf_counter() - started) * 1000)
            problem = self._check(query, hits, min(K, self.described))
            if problem:
                self.failures.append(problem)
            if len(self.latencies_ms) % 100 == 0:
                self.rss_samples.append((len(self.latencies_ms), rss_mb()))

    def _check(self, query: int, hits: list, at_least: int) -> str | None:
        scores = [hit.score for hit in hits]
        if not at_least <= len(hits) <= K:
            return f"query {query}: {len(hits)} hits"
        if scores != sorted(scores, reverse=True) or not all(-1.001 <= s <= 1.001 for s in scores):
            return f"query {query}: scores {scores}"
        if query not in {hit.image_id for hit in hits if hit.score > 1 - 1e-3}:
            return f"query {query}: not among its own exact matches ({hits[:2]})"
        if not {hit.image_id for hit in hits} <= set(self.project.catalog.content_hashes()):
            return f"query {query}: a hit is not an ok catalog image"
        return None


def grow_and_search(project: Project, source: Path, spec: str, rounds: list[tuple[int, int]],
                    size: tuple[int, int], interval_s: float) -> dict:
    """Write, import, extract and index ``rounds`` of (start, count) images while a thread searches."""
    searcher = Searcher(project, spec, interval_s=interval_s)
    thread: threading.Thread | None = None
    extract_s, index_s, described, imported, rss_rounds, rates = 0.0, 0.0, 0, 0, [], []
    try:
        for number, (start, count) in enumerate(rounds):
            write_images(source, start, count, size)
            import_source(project, str(source))
            imported += count
            started = time.perf_counter()
            summary = extract_methods(project, [spec])
            extract_s += time.perf_counter() - started
            described += summary.computed.get(spec, 0)
            rates.append(round(summary.images_per_s, 1))
            if summary.errors:
                searcher.failures.append(f"extraction errors: {summary.errors[:3]}")
            started = time.perf_counter()
            build_index(project, spec)
            index_s += time.perf_counter() - started
            searcher.described = described
            rss_rounds.append(round(rss_mb(), 1))
            print(f"  {spec}: round {number + 1}/{len(rounds)}: {imported} images, {rates[-1]} images/s, "
                  f"{len(searcher.latencies_ms)} searches so far, RSS {rss_rounds[-1]} MiB", flush=True)
            if thread is None:
                thread = threading.Thread(target=searcher.run, name=f"search {spec}", daemon=True)
                thread.start()
    finally:
        searcher.stop.set()
        if thread is not None:
            thread.join()
    return {"spec": spec, "images": described, "extract_images_per_s": described / max(extract_s, 1e-9),
            "rates": rates,
            "index_s": index_s, "searches": len(searcher.latencies_ms), "latencies_ms": searcher.latencies_ms,
            "failures": searcher.failures, "rss_rounds": rss_rounds}


def steady_searches(project: Project, spec: str, count: int, described: int) -> dict:
    """``count`` searches with nothing else running: memory must stay flat."""
    searcher = Searcher(project, spec, limit=count, described=described)
    before = rss_mb()
    searcher.run()
    samples = [mb for _, mb in searcher.rss_samples]
    half = samples[len(samples) // 2] if samples else before
    return {"searches": len(searcher.latencies_ms), "latencies_ms": searcher.latencies_ms,
            "failures": searcher.failures, "rss_before": before, "rss_half": half,
            "rss_end": samples[-1] if samples else rss_mb(), "rss_max": max(samples, default=before)}


def _latency(values: list[float]) -> str:
    if not values:
        return "no searches"
    p95 = float(np.percentile(values, 95))
    return f"median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", type=int, default=3000, help="colorhist images (default 3000)")
    parser.add_argument("--rounds", type=int, default=6, help="import/extract/index rounds (default 6)")
    parser.add_argument("--cnn-images", type=int, default=240, help="efflite0-gem images (default 240; 0: skip)")
    parser.add_argument("--steady", type=int, default=1000, help="searches of the steady phase (default 1000)")
    parser.add_argument("--search-interval", type=float, default=0.05,
                        help="pause between concurrent searches, in seconds (default 0.05; 0: back to back)")
    parser.add_argument("--max-growth-mb", type=float, default=25.0,
                        help="allowed VmRSS growth over the second half of the steady phase (default 25)")
    parser.add_argument("--workdir", type=Path, help="where to write images and projects (default: a temp dir)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="heritage-soak-") as tmp:
        work = args.workdir or Path(tmp)
        print(f"soak in {work}; VmRSS at start {rss_mb():.1f} MiB", flush=True)
        started = time.perf_counter()
        per_round = -(-args.images // args.rounds)
        rounds = [(s, min(per_round, args.images - s)) for s in range(0, args.images, per_round)]
        colour = open_project(work / "colorhist-project", create=True)
        results = [grow_and_search(colour, work / "images", "colorhist", rounds, (320, 240), args.search_interval)]
        steady = steady_searches(colour, "colorhist", args.steady, results[0]["images"])
        if args.cnn_images:
            per_round = -(-args.cnn_images // 3)
            cnn_rounds = [(100_000 + s, min(per_round, args.cnn_images - s))
                          for s in range(0, args.cnn_images, per_round)]
            cnn = open_project(work / "cnn-project", create=True)
            results.append(grow_and_search(cnn, work / "cnn-images", "efflite0-gem", cnn_rounds, (640, 480),
                                           args.search_interval))
        total_s = time.perf_counter() - started

    failures = [f for r in results for f in r["failures"]] + steady["failures"]
    growth = steady["rss_end"] - steady["rss_half"]
    print("\n== soak results ==")
    for r in results:
        print(f"{r['spec']}: {r['images']} images extracted at {r['extract_images_per_s']:.1f} images/s "
              f"(per round, the first loading the model: {r['rates']}), "
              f"indexed in {r['index_s']:.1f} s in total; {r['searches']} concurrent searches "
              f"({_latency(r['latencies_ms'])}); VmRSS after each round: {r['rss_rounds']} MiB")
    print(f"steady phase: {steady['searches']} searches ({_latency(steady['latencies_ms'])}); VmRSS "
          f"{steady['rss_before']:.1f} → {steady['rss_half']:.1f} (half) → {steady['rss_end']:.1f} MiB (end), "
          f"max {steady['rss_max']:.1f}; growth over the second half {growth:+.1f} MiB")
    print(f"failed searches: {len(failures)}; wall time {total_s / 60:.1f} min")
    for failure in failures[:10]:
        print(f"  {failure}")
    if failures or growth > args.max_growth_mb:
        print("SOAK FAILED", file=sys.stderr)
        return 1
    print("soak passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
