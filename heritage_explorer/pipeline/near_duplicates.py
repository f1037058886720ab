"""Near-duplicate groups: copies of one photograph across a collection (issue #21 part 2).

1. *Candidates*: each image's ``k`` nearest neighbours by a global descriptor (cosine), plus its
   ``rotation_k`` nearest by 16×16 grey thumbnails under the four rotations (a global CNN
   descriptor is not rotation invariant, a thumbnail under the right rotation is).
2. *Verification* of each candidate pair (``descriptors/near_copy.py``): SIFT + homography, then
   the photometric residual of a global colour fit over the overlap and how well a similarity
   transform explains the inliers — copies are global changes of the same pixels, distinct
   photographs of one subject differ locally.
3. *Groups*: connected components of the verified pairs (union-find, ``evaluation.grouping``), so two copies of one
   original join through it even when they are not each other's candidates.

Speed (issue #21 part 2): the image features and the pair verifications run in ``threads``
threads (decoding, SIFT, matching and RANSAC release the GIL), their results taken in input
order, so the groups do not depend on the thread count. RANSAC is bounded at
``FAST_RANSAC_ITERATIONS`` instead of 2000: its sampling is seeded and adaptive, and a pair
whose inlier ratio is at least 0.40 stops before that bound, with the homography it had under
2000 (accepted pairs of the measured set: 0.66 and above, about 26 iterations). The warp and
colour fit are skipped for a pair whose coverage or similarity error already fails the rule.
``threads=1, ransac_iterations=2000, skip_failed_geometry=False`` is the previous sequential
path, kept as the reference of ``heritage-explorer bench near-duplicates``. The SIFT features,
the dearest part of an image's summary, are cached in ``P/cache`` by the image's content hash
(``feature_cache_path``): a second run (another ``--threshold``, images added, a cancelled run
resumed) decodes the images again but describes only the new ones.

The representative of a group is its image with the most pixels inside any uniform border
(``content_box``), among those whose colour is richest and, of these, those without a flat
border (``colour_depth`` at least ``COLOUR_SHARE`` of the group's highest, so a grayscale or
sepia copy is passed over for its colour original; ties, such as a rotated copy: the larger
file, which keeps more of what was recorded, then the first path).
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from heritage_explorer.core.atomic import atomic_write_bytes
from heritage_explorer.core.errors import HeritageError, WriteFailedError
from heritage_explorer.core.imageio import load_rgb
from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter, ordered_prefetch
from heritage_explorer.core.records import ImageRow
from heritage_explorer.descriptors.method import Method, as_descriptor
from heritage_explorer.descriptors.near_copy import (
    FEATURE_SIDE,
    N_FEATURES,
    CopyFeatures,
    PairEvidence,
    colour_depth,
    content_box,
    copy_features,
    feature_frame,
    pair_evidence,
    thumbnail_signatures,
)
from heritage_explorer.evaluation.grouping import connected_components
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.search import current_vectors

DEFAULT_METHOD = "efflite0-gem"
DEFAULT_THRESHOLD = 0.07
MIN_INLIERS = 15
MIN_COVERAGE = 0.35
MAX_SIMILARITY_ERROR = 2.5
UNFRAMED = 0.97  # share of the image inside content_box above which an image has no flat border
COLOUR_SHARE = 0.6  # representative candidates: colour_depth at least this share of the group's richest
FAST_RANSAC_ITERATIONS = 200  # the same homography as under 2000 for any inlier ratio >= 0.40 (module docstring)
DEFAULT_THREADS = 2
FEATURE_CACHE = f"near-copy-sift-v1-{FEATURE_SIDE}px-{N_FEATURES}"  # a new name when the features change


@dataclass(frozen=True)
class DecisionRule:
    """When a verified pair is a copy: ``photometric_residual <= threshold`` (the tuned knob),
    at least ``min_inliers`` inliers, ``min_coverage`` of the contained image covered, and a
    similarity transform explaining the inliers within ``max_similarity_error`` % of the diagonal."""

    threshold: float = DEFAULT_THRESHOLD
    min_inliers: int = MIN_INLIERS
    min_coverage: float = MIN_COVERAGE
    max_similarity_error: float = MAX_SIMILARITY_ERROR

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
    verified_pairs: int
    seconds: dict[str, float] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "groups": [{"images": g, "representative": r} for g, r in zip(self.groups, self.representatives,
                                                                           strict=True)],
            "method": self.method,
            "parameters": {"threshold": self.rule.threshold, "min_inliers": self.rule.min_inliers,
                           "min_coverage": self.rule.min_coverage,
                           "max_similarity_error": self.rule.max_similarity_error},
            "counts": {"images": self.images, "candidate_pairs": self.candidate_pairs,
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


def candidate_pairs(vectors: np.ndarray, signatures: np.ndarray, *, k: int = 10, rotation_k: int = 3,
                    chunk: int = 1024) -> set[tuple[int, int]]:
    """Row pairs ``(i, j)``, ``i < j``: each row's ``k`` nearest rows by cosine of ``vectors`` (N×D,
    L2-normalised) and its ``rotation_k`` nearest by the best of the four rotations of
    ``signatures`` (N×4×256). Exact, in chunks of ``chunk`` rows (N² dot products)."""
    n = len(vectors)
    upright = signatures[:, 0, :]
    pairs: set[tuple[int, int]] = set()
    for start in range(0, n, chunk):
        rows = np.arange(start, min(n, start + chunk))
        by_descriptor = vectors[rows] @ vectors.T
        by_thumbnail = np.max(np.einsum("rqd,nd->rqn", signatures[rows], upright), axis=1)
        for scores, top in ((by_descriptor, k), (by_thumbnail, rotation_k)):
            scores[np.arange(len(rows)), rows] = -np.inf
            top = min(top, n - 1)
            if top <= 0:
                continue
            nearest = np.argpartition(-scores, top - 1, axis=1)[:, :top]
            for r, row in enumerate(rows):
                for j in nearest[r]:
                    pairs.add((min(int(row), int(j)), max(int(row), int(j))))
    return pairs


@dataclass(frozen=True)
class ImageSummary:
    """What the grouping keeps of one image: its copy features, rotated thumbnail signatures
    (4×256), the share of it inside any flat border and the colour depth of that content."""

    features: CopyFeatures
    signatures: np.ndarray
    content: float
    depth: float


def feature_cache_path(project: Project, row: ImageRow) -> Path | None:
    """Where the SIFT features of ``row`` are cached: ``P/cache/FEATURE_CACHE/ab/<sha256>.npz``
    (``None`` for an image without a content hash)."""
    if not row.sha256:
        return None
    return project.cache_dir / FEATURE_CACHE / row.sha256[:2] / f"{row.sha256}.npz"


def _cached_features(cache: Path, rgb: np.ndarray) -> CopyFeatures | None:
    """The features cached at ``cache`` for the frame ``rgb``, or ``None`` when there are none
    (or the file is unreadable, or made for a frame of another size)."""
    try:
        with np.load(cache, allow_pickle=False) as stored:
            shape, points, descriptors = stored["shape"], stored["points"], stored["descriptors"]
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return None
    if tuple(int(x) for x in shape) != rgb.shape[:2] or len(points) != len(descriptors):
        return None
    return CopyFeatures(rgb, points.astype(np.float32), descriptors.astype(np.uint8))


def _store_features(cache: Path, features: CopyFeatures) -> None:
    """Cache ``features`` (their ``uint8`` descriptors). A failed write leaves the run as it is:
    the features are only computed again next time."""
    buffer = io.BytesIO()
    np.savez(buffer, shape=np.array(features.rgb.shape[:2], np.int64), points=features.points,
             descriptors=features.descriptors)
    try:
        atomic_write_bytes(cache, buffer.getvalue())
    except WriteFailedError:
        pass


def image_summary(path: Path, cache: Path | None = None) -> ImageSummary:
    """:class:`ImageSummary` of the image at ``path`` (decoded at ``FEATURE_SIDE`` px at most),
    its SIFT features read from ``cache`` when they are there, else computed and written there."""
    rgb = feature_frame(load_rgb(path, max_side=FEATURE_SIDE))
    features = _cached_features(cache, rgb) if cache is not None else None
    if features is None:
        computed = copy_features(rgb)
        # Held as uint8 for the whole run: the same whole numbers, a quarter of the memory.
        features = CopyFeatures(computed.rgb, computed.points, computed.descriptors.astype(np.uint8))
        if cache is not None:
            _store_features(cache, features)
    top, bottom, left, right = content_box(rgb)
    content = (bottom - top) * (right - left) / float(rgb.shape[0] * rgb.shape[1])
    return ImageSummary(features, thumbnail_signatures(rgb), content, colour_depth(rgb[top:bottom, left:right]))


def near_duplicate_groups(project: Project, method: Method | str = DEFAULT_METHOD, rule: DecisionRule | None = None, *,
                          k: int = 10, rotation_k: int = 3, threads: int = DEFAULT_THREADS,
                          ransac_iterations: int = FAST_RANSAC_ITERATIONS, skip_failed_geometry: bool = True,
                          cache: bool = True,
                          progress: Callable[[Progress], None] | None = None,
                          cancel: CancelToken | None = None,
                          evidence_out: dict[tuple[str, str], PairEvidence] | None = None) -> NearDuplicateResult:
    """The near-duplicate groups of the project's images (see the module docstring).

    Needs the ``method`` descriptors of every image (``extract``); images without them are left
    out and listed in ``skipped``. ``evidence_out``, when given, receives the evidence of every
    verified pair by catalog paths (for measuring a rule; with ``skip_failed_geometry`` a pair
    failing the rule's coverage or similarity bound has an infinite photometric residual).
    ``threads``, ``ransac_iterations``, ``skip_failed_geometry`` and ``cache`` (of the SIFT
    features): see the module docstring; the groups are the same for every thread count and with
    or without the cache."""
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
    summaries: list[ImageSummary] = []
    meter = RateMeter("near-duplicates: image features", len(images))
    sources = [(row.abspath, feature_cache_path(project, row) if cache else None) for row in images]
    for n, (_, summary) in enumerate(ordered_prefetch(lambda source: image_summary(*source), sources,
                                                      threads=threads, cancel=cancel, name="copy-features"), 1):
        summaries.append(summary)
        if progress is not None:
            progress(meter.progress(n))
    features = [s.features for s in summaries]
    signatures = np.stack([s.signatures for s in summaries])
    content = [s.content for s in summaries]
    depth = [s.depth for s in summaries]
    seconds["features"] = time.perf_counter() - started

    started = time.perf_counter()
    pairs = sorted(candidate_pairs(vectors, signatures, k=k, rotation_k=rotation_k))
    seconds["candidates"] = time.perf_counter() - started

    started = time.perf_counter()
    bounds = ({"min_coverage": rule.min_coverage, "max_similarity_error": rule.max_similarity_error}
              if skip_failed_geometry else {})

    def verify(pair: tuple[int, int]) -> PairEvidence:
        return pair_evidence(features[pair[0]], features[pair[1]], min_inliers=rule.min_inliers,
                             ransac_iterations=ransac_iterations, **bounds)

    verified: list[tuple[int, int]] = []
    meter = RateMeter("near-duplicates: verifying pairs", len(pairs))
    for n, ((a, b), evidence) in enumerate(ordered_prefetch(verify, pairs, threads=threads, cancel=cancel,
                                                            name="copy-verify"), 1):
        if evidence_out is not None:
            evidence_out[(images[a].path, images[b].path)] = evidence
        if rule.accepts(evidence):
            verified.append((a, b))
        if progress is not None and (n % 64 == 0 or n == len(pairs)):
            progress(meter.progress(n))
    seconds["verification"] = time.perf_counter() - started
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
                               seconds, skipped)
