"""Image-level evidence that two images are copies of one photograph (issue #21 part 2).

A copy is the same pixels under a *global* change: a similarity transform (rescale, crop,
border, rotation by a multiple of 90°), a mild warp, recompression, and a global colour change
(grayscale, sepia, a cast: one colour matrix and tone curve for the whole image). Two photographs
of the same building or painting differ *locally* even when they look alike: parallax, light
falling differently across the scene, glare, people moving. So the evidence kept here is

* ``thumbnail_signatures``: a 16×16 grey thumbnail per rotation, for finding candidates that a
  global descriptor, which is not rotation invariant, misses;
* ``pair_evidence``: SIFT matches and a RANSAC homography; the share of each image the other
  covers; how well a similarity (the transform of every copy but the warp) explains the inliers;
  and the *photometric residual* after warping one image onto the other and fitting a global
  colour relation, measured on a low-pass grid so that recompression and rescaling do not count.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

FEATURE_SIDE = 512
SIGNATURE_SIDE = 16
GRID_SIDE = 48
MIN_MATCHES = 12
RANSAC_ITERATIONS = 2000
N_FEATURES = 800


@dataclass(frozen=True)
class CopyFeatures:
    """What ``pair_evidence`` needs of one image, computed once: the RGB image at most
    ``FEATURE_SIDE`` px on its longest side, its SIFT keypoints (N×2, in that frame) and descriptors
    (N×128: float32 as OpenCV gives them, or ``uint8``, the same whole numbers in a quarter of the
    memory, which ``pair_evidence`` widens per pair)."""

    rgb: np.ndarray
    points: np.ndarray
    descriptors: np.ndarray


@dataclass(frozen=True)
class PairEvidence:
    """How two images relate. ``inliers`` of the homography; ``coverage``: the share of the more
    contained image that the other covers; ``similarity_error``: median distance, in per cent
    of the contained image's diagonal, between the inliers and a fitted similarity transform;
    ``photometric_residual``: RMS residual of the best global colour relation over the overlap,
    relative to the image's own spread (0 = one image is a global recolouring of the other)."""

    inliers: int
    coverage: float
    similarity_error: float
    photometric_residual: float

    def to_json(self) -> dict:
        return {"inliers": self.inliers, "coverage": round(self.coverage, 4),
                "similarity_error": round(self.similarity_error, 4),
                "photometric_residual": round(self.photometric_residual, 4)}


NO_EVIDENCE = PairEvidence(0, 0.0, float("inf"), float("inf"))


def thumbnail_signatures(rgb: np.ndarray) -> np.ndarray:
    """4×256 float32: the zero-mean, unit-norm 16×16 grey thumbnail under 0°, 90°, 180°, 270°.

    The thumbnail squashes the image to a square, so rotating it equals the thumbnail of the
    rotated image; a copy's signature under one of the rotations is close to the original's."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    small = cv2.resize(grey, (SIGNATURE_SIDE, SIGNATURE_SIDE), interpolation=cv2.INTER_AREA)
    rows = []
    for turns in range(4):
        v = np.rot90(small, turns).ravel()
        v = v - v.mean()
        rows.append(v / max(float(np.linalg.norm(v)), 1e-6))
    return np.stack(rows).astype(np.float32)


def colour_depth(rgb: np.ndarray) -> float:
    """How much of the colour is not a function of brightness: the RMS residual (0-255 scale) of
    predicting the three channels from the grey level by a quadratic. 0 for grayscale and for a
    sepia or other monochrome toning; an ordinary colour photograph scores several units."""
    x = rgb.reshape(-1, 3).astype(np.float64)[:: max(1, rgb.shape[0] * rgb.shape[1] // 20000)]
    grey = x @ np.array([0.299, 0.587, 0.114])
    design = np.column_stack([np.ones(len(grey)), grey, grey ** 2])
    coef, *_ = np.linalg.lstsq(design, x, rcond=None)
    return float(np.sqrt(((x - design @ coef) ** 2).sum(axis=1).mean()))


def content_box(rgb: np.ndarray, tolerance: float = 4.0) -> tuple[int, int, int, int]:
    """``(top, bottom, left, right)`` of the image inside its uniform frame: rows and columns at
    the edges whose pixels all stay within a few grey levels of the edge colour (a mat or border)
    are trimmed. A nearly flat image (under 10% left) keeps its whole extent."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    h, w = grey.shape

    def flat(line: np.ndarray, colour: float) -> bool:
        return float(np.abs(line - colour).max()) <= tolerance * 3 and float(line.std()) <= tolerance

    colour = float(np.median(np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])))
    top, bottom, left, right = 0, h, 0, w
    while top < bottom - 1 and flat(grey[top, left:right], colour):
        top += 1
    while bottom - 1 > top and flat(grey[bottom - 1, left:right], colour):
        bottom -= 1
    while left < right - 1 and flat(grey[top:bottom, left], colour):
        left += 1
    while right - 1 > left and flat(grey[top:bottom, right - 1], colour):
        right -= 1
    if (bottom - top) * (right - left) < 0.1 * h * w:
        return 0, h, 0, w
    return top, bottom, left, right


def feature_frame(rgb: np.ndarray) -> np.ndarray:
    """``rgb`` resized (area filter) to ``FEATURE_SIDE`` px on its longest side at most: the frame
    of :class:`CopyFeatures`."""
    h, w = rgb.shape[:2]
    scale = min(1.0, FEATURE_SIDE / max(h, w))
    if scale < 1.0:
        rgb = cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(rgb)


def copy_features(rgb: np.ndarray, n_features: int = N_FEATURES) -> CopyFeatures:
    """SIFT (rotation and scale invariant, Lowe 2004) on ``rgb`` resized to ``FEATURE_SIDE`` at most.

    OpenCV's SIFT descriptors are whole numbers 0-255 stored as float32, so they can be kept as
    ``uint8`` and restored exactly (the feature cache of ``pipeline/near_duplicates.py``)."""
    rgb = feature_frame(rgb)
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    sift = cv2.SIFT_create(nfeatures=n_features)
    keypoints, descriptors = sift.detectAndCompute(grey, None)
    points = np.array([k.pt for k in keypoints], np.float32).reshape(-1, 2)
    if descriptors is None:
        descriptors = np.zeros((0, 128), np.float32)
    return CopyFeatures(rgb, points, descriptors)


def pair_evidence(a: CopyFeatures, b: CopyFeatures, *, min_inliers: int = MIN_MATCHES, min_coverage: float = 0.0,
                  max_similarity_error: float = float("inf"),
                  ransac_iterations: int = RANSAC_ITERATIONS) -> PairEvidence:
    """The evidence that ``a`` and ``b`` are copies of one photograph (see the module docstring).

    Under ``min_inliers`` homography inliers the pair is no copy whatever the rest says:
    ``NO_EVIDENCE`` is returned without fitting (fewer ratio-test matches than that) or without
    warping (most candidate pairs end here). A pair whose geometry already fails
    (``coverage`` under ``min_coverage`` or ``similarity_error`` over ``max_similarity_error``)
    keeps an infinite ``photometric_residual``: the warp and the colour fit, the dearest part,
    are skipped for it. ``ransac_iterations`` bounds RANSAC; its sampling is adaptive and
    seeded, so a pair whose inlier ratio stops it earlier gets the same homography under any
    larger bound."""
    if len(a.points) < MIN_MATCHES or len(b.points) < MIN_MATCHES:
        return NO_EVIDENCE
    needed = max(MIN_MATCHES, min_inliers)
    # The two nearest neighbours by L2 distance: the computation behind BFMatcher.knnMatch, as
    # arrays (no Python object per match, which would hold the GIL in threads).
    # (OpenCV's uint8 L2 path is several times slower than its float32 one, hence the widening.)
    distance, nearest = cv2.batchDistance(a.descriptors.astype(np.float32, copy=False),
                                          b.descriptors.astype(np.float32, copy=False), cv2.CV_32F,
                                          normType=cv2.NORM_L2, K=2)
    good = np.flatnonzero(distance[:, 0].astype(np.float64) < 0.8 * distance[:, 1].astype(np.float64))
    if len(good) < needed:  # the inliers are some of these matches
        return NO_EVIDENCE
    src = a.points[good]
    dst = b.points[nearest[good, 0]]
    homography, mask = cv2.findHomography(src, dst, cv2.RANSAC, 3.0, maxIters=ransac_iterations, confidence=0.995)
    if homography is None or mask is None or int(mask.sum()) < needed:
        return NO_EVIDENCE
    inlier = mask.ravel().astype(bool)
    cover_b = _covered_share(homography, a.rgb.shape, b.rgb.shape)
    inverse = np.linalg.inv(homography)
    cover_a = _covered_share(inverse, b.rgb.shape, a.rgb.shape)
    # Compare in the frame of the more contained image (a crop inside its original, an original
    # inside its bordered copy): there the overlap is most of the image.
    if cover_b >= cover_a:
        source, target, warp, coverage = a, b, homography, cover_b
        s_pts, t_pts = src[inlier], dst[inlier]
    else:
        source, target, warp, coverage = b, a, inverse, cover_a
        s_pts, t_pts = dst[inlier], src[inlier]
    diagonal = float(np.hypot(*target.rgb.shape[:2]))
    similarity_error = _similarity_error(s_pts, t_pts) / diagonal * 100.0
    if coverage < min_coverage or not similarity_error <= max_similarity_error:
        return PairEvidence(int(inlier.sum()), coverage, similarity_error, float("inf"))
    return PairEvidence(int(inlier.sum()), coverage, similarity_error, photometric_residual(source.rgb, target.rgb, warp))


def _covered_share(homography: np.ndarray, source_shape: tuple, target_shape: tuple) -> float:
    """Share of the target image inside the source image's outline mapped by ``homography``."""
    h, w = source_shape[:2]
    th, tw = target_shape[:2]
    corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32).reshape(-1, 1, 2)
    mapped = cv2.perspectiveTransform(corners, homography).reshape(-1, 2)
    if not np.isfinite(mapped).all():
        return 0.0
    outline = np.array([[0, 0], [tw, 0], [tw, th], [0, th]], np.float32)
    if cv2.contourArea(mapped) <= 0:
        mapped = mapped[::-1]
    area, _ = cv2.intersectConvexConvex(np.ascontiguousarray(mapped), outline)
    return float(area) / float(tw * th)


def _similarity_error(src: np.ndarray, dst: np.ndarray) -> float:
    """Median distance (px) between ``dst`` and ``src`` under the least-squares similarity."""
    model, _ = cv2.estimateAffinePartial2D(src, dst, method=cv2.LMEDS)
    if model is None:
        return float("inf")
    mapped = src @ model[:, :2].T + model[:, 2]
    return float(np.median(np.linalg.norm(mapped - dst, axis=1)))


def photometric_residual(source: np.ndarray, target: np.ndarray, homography: np.ndarray) -> float:
    """RMS residual of the best global colour relation between ``source`` warped onto ``target``
    and ``target``, on a ``GRID_SIDE`` low-pass grid of the overlap, relative to the spread.

    Both directions are tried (a grayscale copy predicts nothing of its colour original, the
    original predicts the copy exactly) with a quadratic polynomial of the three channels, which
    holds a colour matrix and a smooth tone curve; the smaller residual is returned."""
    th, tw = target.shape[:2]
    warped = cv2.warpPerspective(source, homography, (tw, th), flags=cv2.INTER_LINEAR)
    valid = cv2.warpPerspective(np.full(source.shape[:2], 255, np.uint8), homography, (tw, th),
                                flags=cv2.INTER_NEAREST)
    valid = cv2.erode(valid, np.ones((5, 5), np.uint8))
    scale = GRID_SIDE / max(th, tw)
    size = (max(4, round(tw * scale)), max(4, round(th * scale)))
    grid_a = cv2.resize(warped, size, interpolation=cv2.INTER_AREA).reshape(-1, 3).astype(np.float64) / 255.0
    grid_b = cv2.resize(target, size, interpolation=cv2.INTER_AREA).reshape(-1, 3).astype(np.float64) / 255.0
    keep = cv2.resize(valid, size, interpolation=cv2.INTER_AREA).ravel() >= 254
    if keep.sum() < 32:
        return float("inf")
    grid_a, grid_b = grid_a[keep], grid_b[keep]
    return min(_fit_residual(grid_a, grid_b), _fit_residual(grid_b, grid_a))


def _fit_residual(x: np.ndarray, y: np.ndarray) -> float:
    """Relative RMS residual of predicting ``y``'s luminance and chroma from a quadratic in ``x``."""
    design = np.column_stack([np.ones(len(x)), x, x ** 2, x[:, [0]] * x[:, [1]], x[:, [1]] * x[:, [2]],
                              x[:, [0]] * x[:, [2]]])
    gram = design.T @ design  # normal equations: lstsq's LAPACK call costs 100× more on a busy machine
    coef = np.linalg.solve(gram + 1e-9 * np.trace(gram) * np.eye(len(gram)), design.T @ y)
    residual = y - design @ coef
    spread = float(np.sqrt(((y - y.mean(axis=0)) ** 2).sum(axis=1).mean()))
    return float(np.sqrt((residual ** 2).sum(axis=1).mean()) / max(spread, 1e-3))
