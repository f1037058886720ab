"""Mining pairs without labels for the adaptation to the collection (issue #19, part 1).

Each image's ``k`` nearest neighbours by the base descriptor are verified with the project's local
matching (:func:`..descriptors.local.verify_pair`, the code re-ranking uses). A pair is *positive*
with at least ``min_inliers`` inliers whose bounding box covers at least ``min_spread`` of both
images (a few inliers packed on a logo or a watermark are not a match of the scene); a *hard
negative* is a near neighbour with fewer than ``min_inliers`` inliers. Verifications are cached in
``P/adapt/_verified/`` (atomic writes, keyed by the images' content hashes), so an interrupted or
time-bounded (``minutes``) run resumes where it stopped. Reads no label.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict

import numpy as np

from heritage_explorer.core.atomic import atomic_write_json
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.jobs import CancelToken, RateMeter
from heritage_explorer.descriptors.local import LocalFeatures, LocalSpec, create_matcher, verify_pair
from heritage_explorer.descriptors.method import MethodSpec, as_descriptor, as_local
from heritage_explorer.pipeline.adapt_sample import MinedPair, MinedSample  # noqa: F401 (re-exported)
from heritage_explorer.pipeline.adapt_store import ADAPT_DIR, VERIFIED_DIR, ProgressFn
from heritage_explorer.pipeline.project import Project, spec_slug

DEFAULT_LOCAL = "orb-1000"
DEFAULT_K = 10
DEFAULT_MIN_INLIERS = 15
DEFAULT_MIN_SPREAD = 0.02
MIN_IMAGES = 10
SAVE_EVERY = 64  # verified pairs between two writes of the cache


def inlier_spread(features: LocalFeatures, points: np.ndarray) -> float:
    """Fraction of the image covered by the bounding box of ``points`` (indices of keypoints)."""
    if len(points) < 2:
        return 0.0
    xy = features.keypoints[points]
    width, height = features.image_size
    box = np.ptp(xy[:, 0]) * np.ptp(xy[:, 1])
    return float(box / max(width * height, 1))


def neighbour_pairs(vectors: np.ndarray, ids: np.ndarray, k: int) -> dict[tuple[int, int], float]:
    """Unordered (id, id) pairs of each row's ``k`` nearest other rows, with their inner product."""
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    k = min(k, len(ids) - 1)
    order = np.argsort(-sims, axis=1, kind="stable")[:, :k]
    pairs: dict[tuple[int, int], float] = {}
    for row, neighbours in enumerate(order):
        for col in neighbours:
            a, b = sorted((int(ids[row]), int(ids[col])))
            pairs[(a, b)] = float(sims[row, col])
    return dict(sorted(pairs.items()))


class VerificationCache:
    """Verified pairs of one local spec and match configuration, keyed by the images' content hashes."""

    def __init__(self, project: Project, local_spec: str, config: dict) -> None:
        self.path = project.root / ADAPT_DIR / VERIFIED_DIR / f"{spec_slug(local_spec)}.json"
        self.header = {"local": local_spec, "config": config}
        self.entries: dict[str, list] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if {k: data.get(k) for k in self.header} == self.header:
                self.entries = dict(data.get("pairs", {}))
        except (OSError, ValueError, AttributeError):
            pass  # absent, or damaged by something other than our atomic writes: verified again

    @staticmethod
    def key(a: int, ha: str, b: int, hb: str) -> str:
        return f"{a}:{ha}|{b}:{hb}"

    def save(self) -> None:
        atomic_write_json(self.path, {**self.header, "pairs": self.entries})


def mine_pairs(project: Project, base: MethodSpec | str, *, local: LocalSpec | str = DEFAULT_LOCAL, k: int = DEFAULT_K,
               min_inliers: int = DEFAULT_MIN_INLIERS, min_spread: float = DEFAULT_MIN_SPREAD,
               minutes: float | None = None, threads: int = 2, progress: ProgressFn = None,
               cancel: CancelToken | None = None) -> MinedSample:
    """Verify each image's ``k`` nearest neighbours (base descriptor) with ``local``; reads no label.

    Needs the base descriptors and the local features extracted (:func:`adapt` extracts them).
    Stops verifying after ``minutes`` (the sample says it is incomplete; run again to go on).
    """
    from heritage_explorer.pipeline.local import current_local_features
    from heritage_explorer.pipeline.search import current_vectors

    start = time.perf_counter()
    base = as_descriptor(base, "mining pairs")
    stored = current_vectors(project, base)
    vectors, ids = np.asarray(stored.vectors, np.float32), stored.ids
    hashes = {int(i): str(h) for i, h in zip(stored.ids, stored.hashes, strict=True)}
    if len(ids) < MIN_IMAGES:
        raise HeritageError(f"adaptation needs at least {MIN_IMAGES} described images; {base} describes {len(ids)}")
    local_spec = as_local(local, "mining pairs")
    features, rows = current_local_features(project, local_spec)
    config = local_spec.match_config()
    matcher = create_matcher(local_spec)
    cache = VerificationCache(project, local_spec.spec, asdict(config))
    candidates = neighbour_pairs(vectors, ids, k)
    sample = MinedSample(base.spec, local_spec.spec, k, min_inliers, min_spread, len(ids), candidates=len(candidates))
    todo = [(a, b) for a, b in candidates
            if cache.key(a, hashes[a], b, hashes[b]) not in cache.entries and a in rows and b in rows]
    sample.candidates -= sum(1 for a, b in candidates if a not in rows or b not in rows)
    deadline = None if minutes is None else start + 60.0 * minutes
    meter = RateMeter(f"verifying neighbours with {local_spec.spec}", len(todo))

    def verify(pair: tuple[int, int]) -> list:
        if cancel is not None:
            cancel.raise_if_cancelled()
        fa, fb = features.at(rows[pair[0]]), features.at(rows[pair[1]])
        match = verify_pair(fa, fb, config, matcher=matcher)
        inl = match.inlier_matches()
        return [match.inliers, min(inlier_spread(fa, inl[:, 0]), inlier_spread(fb, inl[:, 1]))]

    done = 0
    try:
        with ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="adapt-verify") as pool:
            for begin in range(0, len(todo), SAVE_EVERY):
                if deadline is not None and time.perf_counter() > deadline:
                    break
                batch = todo[begin:begin + SAVE_EVERY]
                for (a, b), result in zip(batch, pool.map(verify, batch), strict=True):
                    cache.entries[cache.key(a, hashes[a], b, hashes[b])] = result
                done += len(batch)
                cache.save()
                if progress is not None:
                    progress(meter.progress(done))
    finally:
        if done:
            cache.save()
    sample.verified_now = done
    for (a, b), similarity in candidates.items():
        entry = cache.entries.get(cache.key(a, hashes[a], b, hashes[b]))
        if entry is not None:
            sample.pairs.append(MinedPair(a, b, similarity, int(entry[0]), float(entry[1])))
    sample.seconds = time.perf_counter() - start
    return sample

