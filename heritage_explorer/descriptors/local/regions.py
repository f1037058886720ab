"""Region queries with local features: the keypoints inside a box, and where the box lands in a match.

Local features are located in the frame a method describes (the image decoded with its longest
side at the method's ``max_side``, :attr:`LocalFeatures.image_size`), while a region is given in
pixels of the original image (:mod:`heritage_explorer.core.regions`). The two frames differ by a
scale per axis (``original / described``, the decoder rounds each side), applied in *edge*
coordinates, where pixel ``i`` spans [i, i + 1): keypoints and models use centre coordinates
(pixel ``i`` at ``i``, as OpenCV and the resize of :func:`~heritage_explorer.core.imageio.load_rgb`
do), so ``edge = centre + 0.5``.

Where a region is found in a verified result (:func:`locate_region`): the region's corners
projected through the verified homography or affine map, clipped to the result image; with a
fundamental matrix (no point-to-point map), or when the projection is degenerate (a corner
mapped to infinity, or nothing left inside the image), the bounding box of the inliers in the
result image.
"""

from __future__ import annotations

import numpy as np

from heritage_explorer.core.regions import Box
from heritage_explorer.descriptors.local.features import LocalFeatures
from heritage_explorer.descriptors.local.matching import PairMatch

#: How :func:`locate_region` found a box: the region's corners through the model, or the inliers' hull.
PROJECTED, INLIERS = "projected", "inliers"


def to_original(points: np.ndarray, described: tuple[int, int], original: tuple[int, int]) -> np.ndarray:
    """Centre coordinates in the described frame → edge coordinates in original pixels."""
    scale = np.array([original[0] / described[0], original[1] / described[1]], np.float64)
    return (np.asarray(points, np.float64).reshape(-1, 2) + 0.5) * scale


def to_described(edges: np.ndarray, described: tuple[int, int], original: tuple[int, int]) -> np.ndarray:
    """Edge coordinates in original pixels → centre coordinates in the described frame."""
    scale = np.array([original[0] / described[0], original[1] / described[1]], np.float64)
    return np.asarray(edges, np.float64).reshape(-1, 2) / scale - 0.5


def features_in_region(features: LocalFeatures, box: Box, original: tuple[int, int]) -> LocalFeatures:
    """The keypoints (with their descriptors and scores, in order) whose pixel lies inside ``box``,
    a box in pixels of the original image of size ``original = (width, height)``."""
    if len(features) == 0:
        return features
    edges = to_original(features.keypoints, features.image_size, original)
    inside = ((edges[:, 0] >= box.x) & (edges[:, 0] < box.x + box.w)
              & (edges[:, 1] >= box.y) & (edges[:, 1] < box.y + box.h))
    return LocalFeatures(features.keypoints[inside], features.descriptors[inside], features.scores[inside],
                         features.image_size)


def box_corners(box: Box) -> np.ndarray:
    """The four corners of ``box`` in edge coordinates, clockwise from the top left."""
    x0, y0, x1, y1 = box.x, box.y, box.x + box.w, box.y + box.h
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float64)


def project_points(model: np.ndarray, points: np.ndarray) -> np.ndarray | None:
    """``points`` (N×2) through a 3×3 homography or a 2×3 affine map; None when a point goes to
    infinity or behind the camera (the homography's third coordinate not positive)."""
    homogeneous = np.concatenate([points, np.ones((len(points), 1))], axis=1) @ np.asarray(model, np.float64).T
    if homogeneous.shape[1] == 2:
        return homogeneous
    w = homogeneous[:, 2:3]
    if np.any(w <= 1e-9):
        return None
    return homogeneous[:, :2] / w


def locate_region(box: Box, query: LocalFeatures, query_size: tuple[int, int], candidate: LocalFeatures,
                  candidate_size: tuple[int, int], pair: PairMatch, model: str) -> tuple[Box | None, str]:
    """Where ``box`` (original pixels of the query, of size ``query_size``) is in the candidate
    (original pixels, ``candidate_size``), and how it was found (:data:`PROJECTED` or
    :data:`INLIERS`); ``(None, INLIERS)`` when the pair has no inlier.

    ``pair`` matched ``query`` to ``candidate`` (features in their described frames) and was
    verified with the geometric ``model`` (homography, affine or fundamental).
    """
    if pair.model is not None and model in ("homography", "affine"):
        corners = to_described(box_corners(box), query.image_size, query_size)
        projected = project_points(pair.model, corners)
        if projected is not None:
            edges = to_original(projected, candidate.image_size, candidate_size)
            (x0, y0), (x1, y1) = edges.min(axis=0), edges.max(axis=0)
            found = Box.from_extent(x0, y0, x1, y1, candidate_size)
            if found is not None:
                return found, PROJECTED
    inliers = pair.inlier_matches()
    if not len(inliers):
        return None, INLIERS
    edges = to_original(candidate.keypoints[inliers[:, 1]], candidate.image_size, candidate_size)
    (x0, y0), (x1, y1) = np.floor(edges.min(axis=0)), np.floor(edges.max(axis=0)) + 1
    return Box.from_extent(x0, y0, x1, y1, candidate_size), INLIERS
