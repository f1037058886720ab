"""HSV colour histogram: a non-learned baseline global descriptor (numpy + OpenCV).

A joint hue × saturation × value histogram, L1-normalised, then square-rooted so that the dot
product of two descriptors is the Bhattacharyya coefficient (Hellinger kernel; Arandjelović &
Zisserman's RootSIFT trick, CVPR 2012), then L2-normalised (a no-op up to rounding). It ignores
shape entirely: it is the floor CNN descriptors must beat (survey §2, hand-crafted features).
"""

from __future__ import annotations

import numpy as np

HUE_BINS, SATURATION_BINS, VALUE_BINS = 8, 4, 4
COLORHIST_DIM = HUE_BINS * SATURATION_BINS * VALUE_BINS


def hsv_histogram(
    rgb: np.ndarray, bins: tuple[int, int, int] = (HUE_BINS, SATURATION_BINS, VALUE_BINS)
) -> np.ndarray:
    """Hellinger-normalised joint HSV histogram (float32, ``prod(bins)`` values, unit L2 norm).

    ``rgb`` is H×W×3 uint8. OpenCV's 8-bit hue runs over [0, 180).
    """
    import cv2

    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        raise ValueError(f"expected an H×W×3 uint8 RGB array, got {rgb.shape} {rgb.dtype}")
    hsv = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2HSV)
    hist = cv2.calcHist([hsv], [0, 1, 2], None, list(bins), [0, 180, 0, 256, 0, 256])
    hist = hist.reshape(-1).astype(np.float64)
    total = hist.sum()
    if total <= 0:
        raise ValueError("empty image")
    root = np.sqrt(hist / total)
    return (root / np.linalg.norm(root)).astype(np.float32)
