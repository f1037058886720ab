"""Matching local features between two images and counting geometrically consistent matches.

Chen et al., survey §4.2.2: "the image similarity is evaluated by matching across all local
features [...] Spatial verification assumes object instances are rigid so that local matches
between images can be estimated as [a geometric transformation] using RANSAC". Gominski et al.
(Alegoria, §4.1) score DELF and ORB by "a number-of-inliers score assessing similarity"; this
module computes that score:

1. tentative correspondences: nearest neighbours in descriptor space (Hamming distance for
   binary descriptors, Euclidean for float ones), kept when they pass Lowe's ratio test and are
   mutual nearest neighbours (the Hamming k-NN kernel is installed by the pipeline: FAISS's);
2. RANSAC fit of a homography (planar façades, paintings, prints), a fundamental matrix
   (general 3-D scenes) or an affine map (DELF's choice), configurable;
3. the score is the number of inliers.

OpenCV and numpy release the GIL in their distance computations and estimators, so
:func:`verify_candidates` verifies a shortlist in a thread pool.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter
from heritage_explorer.descriptors.local.features import LocalFeatures

GEOMETRIC_MODELS = ("homography", "fundamental", "affine")
MIN_MATCHES = {"homography": 4, "fundamental": 8, "affine": 3}
MAX_SCALE_CHANGE = 1000.0  # a model scaling areas by more than this (or less than its inverse) is degenerate

#: A matcher returns M×2 int indices (row in the first image, row in the second).
Matcher = Callable[[LocalFeatures, LocalFeatures], np.ndarray]
#: k nearest neighbours by Hamming distance: (queries, database, k) -> (distances, indices), both
#: len(queries) × k, nearest first, ties by lowest index.
HammingKnn = Callable[[np.ndarray, np.ndarray, int], tuple[np.ndarray, np.ndarray]]


def opencv_hamming_knn(queries: np.ndarray, database: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The Hamming k-NN of OpenCV (``batchDistance``): the kernel used until a faster one is installed."""
    import cv2

    distances, indices = cv2.batchDistance(np.ascontiguousarray(queries), np.ascontiguousarray(database), cv2.CV_32S,
                                           normType=cv2.NORM_HAMMING, K=k)
    return distances, indices.astype(np.int64, copy=False)


_KERNEL: dict[str, HammingKnn] = {"hamming": opencv_hamming_knn}


def use_hamming_knn(knn: HammingKnn) -> None:
    """Install the Hamming k-NN kernel of binary matching (``heritage_explorer.pipeline`` installs
    FAISS's, ``index/hamming.py``: same distances and tie order, ~4× faster)."""
    _KERNEL["hamming"] = knn


def hamming_knn(queries: np.ndarray, database: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The installed Hamming k-NN kernel (see :func:`use_hamming_knn`)."""
    return _KERNEL["hamming"](queries, database, k)


@dataclass(frozen=True)
class MatchConfig:
    """How two images are matched: ratio test, mutual check, geometric model and RANSAC settings.

    ``threshold_px`` is the RANSAC reprojection threshold (symmetric epipolar distance for the
    fundamental matrix) in pixels of the described frames.
    """

    ratio: float = 0.85
    mutual: bool = True
    model: str = "homography"
    threshold_px: float = 8.0
    confidence: float = 0.999
    max_iterations: int = 2000

    def __post_init__(self) -> None:
        if self.model not in GEOMETRIC_MODELS:
            raise ValueError(f"geometric model must be one of {', '.join(GEOMETRIC_MODELS)}, not {self.model!r}")
        if not 0.0 < self.ratio <= 1.0:
            raise ValueError(f"ratio must be in (0, 1], got {self.ratio}")


@dataclass(frozen=True)
class PairMatch:
    """Tentative correspondences of a pair and the RANSAC verdict on them."""

    matches: np.ndarray  # M×2 int64: (index in the first image, index in the second)
    inlier_mask: np.ndarray  # M bool
    model: np.ndarray | None  # 3×3 homography or fundamental matrix, or 2×3 affine map; None if no fit

    @property
    def inliers(self) -> int:
        """The similarity score: the number of geometrically consistent matches."""
        return int(self.inlier_mask.sum())

    def inlier_matches(self) -> np.ndarray:
        return self.matches[self.inlier_mask]


def nearest_neighbour_matches(
    desc_a: np.ndarray, desc_b: np.ndarray, *, binary: bool, ratio: float = 0.85, mutual: bool = True
) -> np.ndarray:
    """Tentative correspondences: ratio test (Lowe 2004) and mutual nearest neighbours; M×2 int64.

    The ratio test keeps a match when its distance is below ``ratio`` times the distance to the
    second nearest neighbour (skipped when the second image has a single descriptor). Binary
    descriptors are compared by Hamming distance (OpenCV), float ones by Euclidean distance
    (L2-normalised: one matrix product of cosine similarities, which also gives the backward
    nearest neighbours).
    """
    if len(desc_a) == 0 or len(desc_b) == 0:
        return np.zeros((0, 2), np.int64)
    if binary:
        dist, idx = hamming_knn(desc_a, desc_b, min(2, len(desc_b)))
        dist = dist.astype(np.float32)
    else:
        # Unit vectors: the nearest neighbour in Euclidean distance is the most similar one,
        # with distance² = 2 − 2·similarity.
        similarity = desc_a @ desc_b.T
        rows = np.arange(len(desc_a))
        first = similarity.argmax(axis=1)
        best = similarity[rows, first]
        column_best = similarity.max(axis=0)
        second = np.full(len(desc_a), -np.inf, np.float32)
        if len(desc_b) > 1:
            similarity[rows, first] = -np.inf
            second = similarity.max(axis=1)
        idx = first[:, None]
        dist = np.sqrt(np.maximum(2.0 - 2.0 * np.stack([best, second], 1), 0.0))
    keep = dist[:, 0] < ratio * dist[:, 1] if dist.shape[1] > 1 else np.ones(len(dist), bool)
    matches = np.stack([np.flatnonzero(keep), idx[keep, 0]], axis=1).astype(np.int64)
    if not mutual or not len(matches):
        return matches
    if not binary:  # mutual: the match is also the best of its column
        return matches[best[matches[:, 0]] >= column_best[matches[:, 1]]]
    # Only the second image's descriptors that were chosen need their own nearest neighbour.
    targets = np.unique(matches[:, 1])
    _, back = hamming_knn(desc_b[targets], desc_a, 1)
    backward = np.full(len(desc_b), -1, np.int64)
    backward[targets] = back[:, 0]
    return matches[backward[matches[:, 1]] == matches[:, 0]]


def fit_geometry(points_a: np.ndarray, points_b: np.ndarray, config: MatchConfig) -> tuple[np.ndarray, np.ndarray | None]:
    """RANSAC fit of ``config.model`` mapping ``points_a`` to ``points_b``: (inlier mask, model).

    Fewer correspondences than the model's minimal sample, a failed fit or a degenerate model
    (area scaled by more than :data:`MAX_SCALE_CHANGE`, or collapsed) give no inlier. The
    estimator is OpenCV's USAC (``USAC_DEFAULT``: LO-RANSAC with degeneracy checks, Raguram et
    al. 2013), a hundred times faster than plain RANSAC here with the same inlier counts; its
    generator has a fixed seed, so scores are reproducible.
    """
    import cv2

    count = len(points_a)
    none = np.zeros(count, bool)
    if count < MIN_MATCHES[config.model]:
        return none, None
    a = np.ascontiguousarray(points_a, np.float32).reshape(-1, 1, 2)
    b = np.ascontiguousarray(points_b, np.float32).reshape(-1, 1, 2)
    if config.model == "homography":
        model, mask = cv2.findHomography(a, b, cv2.USAC_DEFAULT, config.threshold_px, maxIters=config.max_iterations,
                                         confidence=config.confidence)
    elif config.model == "affine":
        model, mask = cv2.estimateAffine2D(a, b, method=cv2.USAC_DEFAULT, ransacReprojThreshold=config.threshold_px,
                                           maxIters=config.max_iterations, confidence=config.confidence)
    else:
        model, mask = cv2.findFundamentalMat(a, b, cv2.USAC_DEFAULT, config.threshold_px, config.confidence,
                                             config.max_iterations)
        if model is not None and model.shape != (3, 3):
            model = model[:3]
    if model is None or mask is None or not np.all(np.isfinite(model)):
        return none, None
    if config.model != "fundamental":
        scale = abs(float(np.linalg.det(model[:2, :2])))
        if not 1.0 / MAX_SCALE_CHANGE < scale < MAX_SCALE_CHANGE:
            return none, None
    return mask.ravel().astype(bool), model


def verify_pair(a: LocalFeatures, b: LocalFeatures, config: MatchConfig | None = None, *,
                matcher: Matcher | None = None) -> PairMatch:
    """Match two images and verify the matches geometrically (the inlier count is the score)."""
    config = config or MatchConfig()
    if matcher is not None:
        matches = np.asarray(matcher(a, b), np.int64).reshape(-1, 2)
    else:
        if a.binary != b.binary:
            raise ValueError("cannot match binary descriptors with float descriptors")
        matches = nearest_neighbour_matches(a.matching_descriptors(), b.matching_descriptors(), binary=a.binary,
                                            ratio=config.ratio, mutual=config.mutual)
    mask, model = fit_geometry(a.keypoints[matches[:, 0]], b.keypoints[matches[:, 1]], config)
    return PairMatch(matches, mask, model)


def verify_candidates(
    query: LocalFeatures,
    candidates: Sequence[LocalFeatures | None],
    config: MatchConfig | None = None,
    *,
    matcher: Matcher | None = None,
    threads: int = 2,
    cancel: CancelToken | None = None,
    executor: ThreadPoolExecutor | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> np.ndarray:
    """Inlier counts of ``query`` against each candidate (a ``None`` candidate scores -1).

    Pairs are verified in ``threads`` threads (or on a caller's ``executor``, reused across
    queries); OpenCV releases the GIL, so two threads use two cores. ``progress`` hears of each
    pair verified (stage "verifying"), in increasing ``done`` order; ``cancel`` stops between pairs.
    """
    config = config or MatchConfig()
    meter, lock, done = RateMeter("verifying", len(candidates)), threading.Lock(), [0]

    def score(candidate: LocalFeatures | None) -> int:
        if cancel is not None:
            cancel.raise_if_cancelled()
        inliers = -1 if candidate is None else verify_pair(query, candidate, config, matcher=matcher).inliers
        if progress is not None:
            with lock:  # one report at a time, so ``done`` only grows
                done[0] += 1
                progress(meter.progress(done[0]))
        return inliers

    if executor is None and (threads <= 1 or len(candidates) < 2):
        return np.fromiter(map(score, candidates), np.int64, count=len(candidates))
    # The pairs run in parallel threads: each one's matrix product on one BLAS thread. Two
    # threads of two-threaded BLAS (plus the OpenMP pools of torch and FAISS) oversubscribe two
    # cores: measured here, 100 XFeat pairs take 0.25 s this way against 0.38–0.77 s without.
    with _one_blas_thread():
        if executor is not None:
            return np.fromiter(executor.map(score, candidates), np.int64, count=len(candidates))
        with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="verify") as pool:
            return np.fromiter(pool.map(score, candidates), np.int64, count=len(candidates))


_BLAS_LOCK = threading.Lock()
_BLAS_STATE: dict = {"users": 0, "limiter": None}


@contextlib.contextmanager
def _one_blas_thread() -> Iterator[None]:
    """BLAS on one thread while any verification runs. The setting is process-wide, so the first
    caller sets it and the last one out restores it: overlapping callers cannot leave it set."""
    from threadpoolctl import threadpool_limits

    with _BLAS_LOCK:
        if _BLAS_STATE["users"] == 0:
            _BLAS_STATE["limiter"] = threadpool_limits(1, user_api="blas")
        _BLAS_STATE["users"] += 1
    try:
        yield
    finally:
        with _BLAS_LOCK:
            _BLAS_STATE["users"] -= 1
            if _BLAS_STATE["users"] == 0:
                _BLAS_STATE["limiter"].restore_original_limits()
                _BLAS_STATE["limiter"] = None


def rerank_order(inliers: np.ndarray, min_inliers: int = 0) -> np.ndarray:
    """Positions of a shortlist after verification: verified ones (≥ ``min_inliers``) by decreasing
    inliers, then the unverified ones; ties and unverified keep the global order."""
    inliers = np.asarray(inliers)
    return np.lexsort((np.arange(len(inliers)), -np.where(inliers >= min_inliers, inliers, -1)))
