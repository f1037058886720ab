"""Near-duplicate groups: copies of one photograph across a collection (issue #21 part 2).

1. *Candidates*: each image's ``k`` nearest neighbours by a global descriptor (cosine), plus its
   ``rotation_k`` nearest by 16×16 grey thumbnails under the four rotations (a global CNN
   descriptor is not rotation invariant, a thumbnail under the right rotation is). A *pre-filter*
   drops the candidates that are neither close by the descriptor (cosine under
   ``DecisionRule.min_cosine``) nor by the best rotation of the thumbnail (correlation under
   ``min_thumbnail``): distinct photographs of one subject, never a copy on the measured set.
2. *Verification* of each remaining candidate pair (``descriptors/near_copy.py``): SIFT + homography, then
   the photometric residual of a global colour fit over the overlap and how well a similarity
   transform explains the inliers — copies are global changes of the same pixels, distinct
   photographs of one subject differ locally.
3. *Groups*: connected components of the verified pairs (union-find, ``evaluation.grouping``), so two copies of one
   original join through it even when they are not each other's candidates.

The pairs are verified in their sorted order, in batches of ``VERIFY_BATCH``: a pair whose two
images the accepted pairs of the earlier batches already join is not verified (it could not change
a component, so the groups are those of verifying every pair), and the SIFT features of an image
are computed when a batch first needs them and dropped after its last pair (or once every later
pair of it joins images already grouped), so an image in no verified pair is never described and
the features held stay a fraction of the collection's. The batches are fixed, so what is verified does not depend on
the thread count either.

Speed (issue #21 part 2): the image features and the pair verifications run in ``threads``
threads (decoding, SIFT, matching and RANSAC release the GIL), their results taken in input
order, so the groups do not depend on the thread count. RANSAC is bounded at
``FAST_RANSAC_ITERATIONS`` instead of 2000: its sampling is seeded and adaptive, and a pair
whose inlier ratio is at least 0.40 stops before that bound, with the homography it had under
2000 (accepted pairs of the measured set: 0.66 and above, about 26 iterations). The warp and
colour fit are skipped for a pair whose coverage or similarity error already fails the rule.
``threads=1, ransac_iterations=2000, skip_failed_geometry=False, prefilter=False,
skip_connected=False`` is the previous sequential path, kept as the reference of ``heritage-explorer
bench near-duplicates``. The SIFT features are cached (``near_duplicate_features``).

The representative of a group is its image with the most pixels inside any uniform border
(``content_box``), among those whose colour is richest and, of these, those without a flat
border (``colour_depth`` at least ``COLOUR_SHARE`` of the group's highest, so a grayscale or
sepia copy is passed over for its colour original; ties, such as a rotated copy: the larger
file, which keeps more of what was recorded, then the first path).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter, ordered_prefetch
from heritage_explorer.descriptors.method import Method, as_descriptor
from heritage_explorer.descriptors.near_copy import PairEvidence, pair_evidence
from heritage_explorer.evaluation.grouping import connected_components
from heritage_explorer.pipeline.near_duplicate_features import (
    FEATURE_CACHE,
    ImageSummary,
    feature_cache_path,
    image_signatures,
    image_summary,
)
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.search import current_vectors

__all__ = ["FEATURE_CACHE", "DecisionRule", "NearDuplicateResult", "candidate_pairs", "feature_cache_path",
           "near_duplicate_groups", "pair_scores"]

DEFAULT_METHOD = "efflite0-gem"
DEFAULT_THRESHOLD = 0.07
MIN_INLIERS = 15
MIN_COVERAGE = 0.35
MAX_SIMILARITY_ERROR = 2.5
UNFRAMED = 0.97  # share of the image inside content_box above which an image has no flat border
COLOUR_SHARE = 0.6  # representative candidates: colour_depth at least this share of the group's richest
FAST_RANSAC_ITERATIONS = 200  # the same homography as under 2000 for any inlier ratio >= 0.40 (module docstring)
DEFAULT_THREADS = 2
MIN_COSINE = 0.72  # pre-filter (module docstring): every true pair of the measured set passes one of the two
MIN_THUMBNAIL = 0.60
VERIFY_BATCH = 256  # pairs per batch; fixed, so what is verified does not depend on the thread count
EVICT_EVERY = 16  # batches between two looks for features that no later pair can need


@dataclass(frozen=True)
class DecisionRule:
    """When a verified pair is a copy: ``photometric_residual <= threshold`` (the tuned knob),
    at least ``min_inliers`` inliers, ``min_coverage`` of the contained image covered, and a
    similarity transform explaining the inliers within ``max_similarity_error`` % of the diagonal.
    A candidate pair is verified at all (the pre-filter) when its descriptor cosine is at least
    ``min_cosine`` or its best rotated-thumbnail correlation at least ``min_thumbnail``."""

    threshold: float = DEFAULT_THRESHOLD
    min_inliers: int = MIN_INLIERS
    min_coverage: float = MIN_COVERAGE
    max_similarity_error: float = MAX_SIMILARITY_ERROR
    min_cosine: float = MIN_COSINE
    min_thumbnail: float = MIN_THUMBNAIL

    def passes_prefilter(self, cosine: np.ndarray, thumbnail: np.ndarray) -> np.ndarray:
        return (cosine >= self.min_cosine) | (thumbnail >= self.min_thumbnail)

    def accepts(self, e: PairEvidence) -> bool:
        return (e.inliers >= self.min_inliers and e.coverage >= self.min_coverage
                and e.similarity_error <= self.max_similarity_error and e.photometric_residual <= self.threshold)


@dataclass
class NearDuplicateResult:
    """Groups (lists of catalog paths, representative first in ``representatives``) and what was done."""

    method: str
    rule: DecisionRule
    groups: list[list[str]]
    representatives: list[str]
    images: int
    candidate_pairs: int
    verified_pairs: int  # accepted (the pairs that make the groups)
    seconds: dict[str, float] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    filtered_pairs: int = 0  # candidates dropped by the pre-filter
    joined_pairs: int = 0  # not verified: their images were already in one group
    checked_pairs: int = 0  # verified by SIFT + RANSAC (+ the colour fit)
    described_images: int = 0  # images whose SIFT features were computed or read from the cache

    @property
    def pairs_per_image(self) -> float:
        return self.candidate_pairs / max(self.images, 1)

    def to_json(self) -> dict:
        return {
            "groups": [{"images": g, "representative": r} for g, r in zip(self.groups, self.representatives,
                                                                           strict=True)],
            "method": self.method,
            "parameters": {"threshold": self.rule.threshold, "min_inliers": self.rule.min_inliers,
                           "min_coverage": self.rule.min_coverage,
                           "max_similarity_error": self.rule.max_similarity_error,
                           "min_cosine": self.rule.min_cosine, "min_thumbnail": self.rule.min_thumbnail},
            "counts": {"images": self.images, "candidate_pairs": self.candidate_pairs,
                       "filtered_pairs": self.filtered_pairs, "joined_pairs": self.joined_pairs,
                       "checked_pairs": self.checked_pairs, "described_images": self.described_images,
                       "verified_pairs": self.verified_pairs, "groups": len(self.groups),
                       "grouped_images": sum(len(g) for g in self.groups)},
            "seconds": {k: round(v, 2) for k, v in self.seconds.items()},
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
        }


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _rotated_scores(signatures: np.ndarray, rows: np.ndarray, upright: np.ndarray) -> np.ndarray:
    """``len(rows)``×N: the best, over the four rotations of each row's thumbnail, correlation with
    every upright thumbnail (one matrix product; symmetric, as a rotation is a permutation)."""
    products = signatures[rows].reshape(-1, signatures.shape[2]) @ upright.T
    return products.reshape(len(rows), signatures.shape[1], -1).max(axis=1)


def candidate_pairs(vectors: np.ndarray, signatures: np.ndarray, *, k: int = 10, rotation_k: int = 3,
                    chunk: int = 1024) -> set[tuple[int, int]]:
    """Row pairs ``(i, j)``, ``i < j``: each row's ``k`` nearest rows by cosine of ``vectors`` (N×D,
    L2-normalised) and its ``rotation_k`` nearest by the best of the four rotations of
    ``signatures`` (N×4×256). Exact, in chunks of ``chunk`` rows (N² dot products)."""
    n = len(vectors)
    upright = np.ascontiguousarray(signatures[:, 0, :])
    pairs: set[tuple[int, int]] = set()
    for start in range(0, n, chunk):
        rows = np.arange(start, min(n, start + chunk))
        by_descriptor = vectors[rows] @ vectors.T
        by_thumbnail = _rotated_scores(signatures, rows, upright)
        for scores, top in ((by_descriptor, k), (by_thumbnail, rotation_k)):
            scores[np.arange(len(rows)), rows] = -np.inf
            top = min(top, n - 1)
            if top <= 0:
                continue
            nearest = np.argpartition(-scores, top - 1, axis=1)[:, :top]
            low = np.minimum(rows[:, None], nearest).ravel().tolist()
            high = np.maximum(rows[:, None], nearest).ravel().tolist()
            pairs.update(zip(low, high, strict=True))
    return pairs


def pair_scores(vectors: np.ndarray, signatures: np.ndarray, pairs: list[tuple[int, int]]
                ) -> tuple[np.ndarray, np.ndarray]:
    """The pre-filter's two scores of each pair: descriptor cosine and best rotated-thumbnail correlation."""
    if not pairs:
        return np.zeros(0, np.float32), np.zeros(0, np.float32)
    a, b = (np.array(side, np.int64) for side in zip(*pairs, strict=True))
    cosine = np.einsum("nd,nd->n", vectors[a], vectors[b])
    thumbnail = np.einsum("nqd,nd->nq", signatures[a], signatures[b, 0, :]).max(axis=1)
    return cosine, thumbnail


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def near_duplicate_groups(project: Project, method: Method | str = DEFAULT_METHOD, rule: DecisionRule | None = None, *,
                          k: int = 10, rotation_k: int = 3, threads: int = DEFAULT_THREADS,
                          ransac_iterations: int = FAST_RANSAC_ITERATIONS, skip_failed_geometry: bool = True,
                          prefilter: bool = True, skip_connected: bool = True, cache: bool = True,
                          progress: Callable[[Progress], None] | None = None,
                          cancel: CancelToken | None = None,
                          evidence_out: dict[tuple[str, str], PairEvidence] | None = None,
                          scores_out: dict[tuple[str, str], tuple[float, float]] | None = None
                          ) -> NearDuplicateResult:
    """The near-duplicate groups of the project's images (see the module docstring).

    Needs the ``method`` descriptors of every image (``extract``); images without them are left
    out and listed in ``skipped``. ``evidence_out``, when given, receives the evidence of every
    verified pair by catalog paths (for measuring a rule; with ``skip_failed_geometry`` a pair
    failing the rule's coverage or similarity bound has an infinite photometric residual);
    ``scores_out`` the pre-filter's (cosine, thumbnail) of every candidate pair. ``threads``,
    ``ransac_iterations``, ``skip_failed_geometry``, ``prefilter``, ``skip_connected`` and ``cache``
    (of the SIFT features): see the module docstring; the groups are the same for every thread
    count, with or without the cache and with or without ``skip_connected``."""
    rule = rule or DecisionRule()
    if threads < 1:
        raise HeritageError(f"near-duplicates: threads must be at least 1, not {threads}")
    seconds: dict[str, float] = {}
    descriptor = as_descriptor(method, "near-duplicate candidates")
    method = descriptor.spec
    stored = current_vectors(project, descriptor)
    rows = {int(r.id): r for r in project.catalog.images(status="ok")}
    keep = [r for r, i in enumerate(stored.ids) if int(i) in rows]
    if len(keep) < 2:
        raise HeritageError(f"near-duplicates: {len(keep)} image(s) with {method} descriptors; at least 2 needed")
    described = {int(x) for x in stored.ids}
    skipped = [(row.path, f"no {method} descriptor (run extract)") for i, row in rows.items() if i not in described]
    ids = [int(stored.ids[r]) for r in keep]
    vectors = np.asarray(stored.vectors, dtype=np.float32)[keep]
    images = [rows[i] for i in ids]

    started = time.perf_counter()
    meter = RateMeter("near-duplicates: thumbnails", len(images))
    signatures = []
    for n, (_, signature) in enumerate(ordered_prefetch(image_signatures, [row.abspath for row in images],
                                                        threads=threads, cancel=cancel, name="copy-thumbs"), 1):
        signatures.append(signature)
        if progress is not None and (n % 64 == 0 or n == len(images)):
            progress(meter.progress(n))
    signatures = np.stack(signatures)
    seconds["thumbnails"] = time.perf_counter() - started

    started = time.perf_counter()
    pairs = sorted(candidate_pairs(vectors, signatures, k=k, rotation_k=rotation_k))
    cosine, thumbnail = pair_scores(vectors, signatures, pairs)
    if scores_out is not None:
        for (a, b), c, t in zip(pairs, cosine.tolist(), thumbnail.tolist(), strict=True):
            scores_out[(images[a].path, images[b].path)] = (c, t)
    survivors = ([p for p, ok in zip(pairs, rule.passes_prefilter(cosine, thumbnail).tolist(), strict=True) if ok]
                 if prefilter else pairs)
    seconds["candidates"] = time.perf_counter() - started

    bounds = ({"min_coverage": rule.min_coverage, "max_similarity_error": rule.max_similarity_error}
              if skip_failed_geometry else {})
    summaries: dict[int, ImageSummary] = {}
    content: dict[int, float] = {}
    depth: dict[int, float] = {}

    def summarise(i: int) -> ImageSummary:
        return image_summary(images[i].abspath, feature_cache_path(project, images[i]) if cache else None)

    def verify(pair: tuple[int, int]) -> PairEvidence:
        return pair_evidence(summaries[pair[0]].features, summaries[pair[1]].features, min_inliers=rule.min_inliers,
                             ransac_iterations=ransac_iterations, **bounds)

    batches = [survivors[s:s + VERIFY_BATCH] for s in range(0, len(survivors), VERIFY_BATCH)]
    last_batch = {i: b for b, batch in enumerate(batches) for pair in batch for i in pair}
    partners: dict[int, list[tuple[int, int]]] = {}  # image -> (batch, other image) of its pairs
    for b, batch in enumerate(batches):
        for x, y in batch:
            partners.setdefault(x, []).append((b, y))
            partners.setdefault(y, []).append((b, x))
    parent = list(range(len(images)))
    verified: list[tuple[int, int]] = []
    joined = checked = 0
    seconds["features"] = seconds["verification"] = 0.0
    meter = RateMeter("near-duplicates: verifying pairs", len(survivors))
    for b, batch in enumerate(batches):
        todo = [p for p in batch if not (skip_connected and _root(parent, p[0]) == _root(parent, p[1]))]
        joined += len(batch) - len(todo)
        started = time.perf_counter()
        new = sorted({i for pair in todo for i in pair} - summaries.keys())
        for i, summary in ordered_prefetch(summarise, new, threads=threads, cancel=cancel, name="copy-features"):
            summaries[i] = summary
            content[i], depth[i] = summary.content, summary.depth
        seconds["features"] += time.perf_counter() - started
        started = time.perf_counter()
        for n, ((x, y), evidence) in enumerate(ordered_prefetch(verify, todo, threads=threads, cancel=cancel,
                                                                name="copy-verify"), 1):
            if evidence_out is not None:
                evidence_out[(images[x].path, images[y].path)] = evidence
            if rule.accepts(evidence):
                verified.append((x, y))
                parent[_root(parent, x)] = _root(parent, y)
            if progress is not None and n % 64 == 0:
                progress(meter.progress(b * VERIFY_BATCH + len(batch) - len(todo) + n,
                                        f"{len(summaries)} images described"))
        checked += len(todo)
        for i in [i for i in summaries if last_batch[i] == b]:
            del summaries[i]  # no later pair needs its features
        if skip_connected and b % EVICT_EVERY == EVICT_EVERY - 1:
            # Nor does a pair whose images are already joined: it will be skipped (groups only grow).
            for i in [i for i in summaries if all(_root(parent, i) == _root(parent, j)
                                                  for later, j in partners[i] if later > b)]:
                del summaries[i]
        seconds["verification"] += time.perf_counter() - started
        if progress is not None:
            progress(meter.progress(b * VERIFY_BATCH + len(batch), f"{len(content)} images described"))
    if cancel is not None:
        cancel.raise_if_cancelled()

    groups, representatives = [], []
    for members in (m for m in connected_components(verified) if len(m) >= 2):
        paths = sorted(images[m].path for m in members)
        richest = max(depth[m] for m in members)
        best = max(members, key=lambda m: (depth[m] >= COLOUR_SHARE * richest, content[m] >= UNFRAMED,
                                           content[m] * (images[m].width or 0) * (images[m].height or 0),
                                           _file_size(images[m].abspath), -paths.index(images[m].path)))
        groups.append(paths)
        representatives.append(images[best].path)
    return NearDuplicateResult(method, rule, groups, representatives, len(images), len(pairs), len(verified),
                               seconds, skipped, filtered_pairs=len(pairs) - len(survivors), joined_pairs=joined,
                               checked_pairs=checked, described_images=len(content))
