"""A picture of a verified pair: the two images side by side, inlier matches as lines.

What a user needs to trust (or doubt) an inlier count (Gominski et al., Fig. 4a shows DELF
correspondences the same way): green lines join geometrically consistent matches, thin red
ones the tentative matches RANSAC rejected, and a banner states the count.
"""

from __future__ import annotations

import numpy as np

from heritage_explorer.descriptors.local.features import LocalFeatures
from heritage_explorer.descriptors.local.matching import PairMatch

INLIER_COLOUR = (40, 200, 60)  # RGB
OUTLIER_COLOUR = (220, 50, 50)
BANNER_HEIGHT = 28


def _scaled_points(features: LocalFeatures, image: np.ndarray) -> np.ndarray:
    """Keypoints in the pixel frame of ``image`` (features may come from another decoding size)."""
    width, height = features.image_size
    sx = image.shape[1] / max(width, 1)
    sy = image.shape[0] / max(height, 1)
    return features.keypoints * np.array([sx, sy], np.float32)


def render_matches(
    image_a: np.ndarray, image_b: np.ndarray, features_a: LocalFeatures, features_b: LocalFeatures,
    pair: PairMatch, *, title: str = "", max_lines: int = 300, show_outliers: bool = True, height: int = 600,
) -> np.ndarray:
    """An RGB uint8 canvas: A | B at the same height, inliers in green (at most ``max_lines``)."""
    import cv2

    scales = [height / img.shape[0] for img in (image_a, image_b)]
    resized = [cv2.resize(np.ascontiguousarray(img), (max(1, round(img.shape[1] * s)), height),
                          interpolation=cv2.INTER_AREA) for img, s in zip((image_a, image_b), scales, strict=True)]
    resized = [np.repeat(r[:, :, None], 3, 2) if r.ndim == 2 else r for r in resized]
    width_a = resized[0].shape[1]
    canvas = np.full((height + BANNER_HEIGHT, width_a + resized[1].shape[1], 3), 255, np.uint8)
    canvas[BANNER_HEIGHT:, :width_a] = resized[0]
    canvas[BANNER_HEIGHT:, width_a:] = resized[1]
    points_a = _scaled_points(features_a, image_a) * scales[0] + np.array([0, BANNER_HEIGHT], np.float32)
    points_b = _scaled_points(features_b, image_b) * scales[1] + np.array([width_a, BANNER_HEIGHT], np.float32)
    groups = [(pair.matches[~pair.inlier_mask], OUTLIER_COLOUR, 1)] if show_outliers else []
    groups.append((pair.matches[pair.inlier_mask], INLIER_COLOUR, 2))
    rng = np.random.default_rng(0)
    for matches, colour, thickness in groups:
        if len(matches) > max_lines:
            matches = matches[np.sort(rng.choice(len(matches), max_lines, replace=False))]
        for i, j in matches:
            a = tuple(int(v) for v in np.round(points_a[i]))
            b = tuple(int(v) for v in np.round(points_b[j]))
            cv2.line(canvas, a, b, colour, thickness, cv2.LINE_AA)
            cv2.circle(canvas, a, 3, colour, -1, cv2.LINE_AA)
            cv2.circle(canvas, b, 3, colour, -1, cv2.LINE_AA)
    banner = f"{pair.inliers} inliers / {len(pair.matches)} tentative matches"
    cv2.putText(canvas, f"{title}  {banner}".strip(), (8, 20), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0, 0, 0), 1,
                cv2.LINE_AA)
    return canvas


def encode_png(rgb: np.ndarray) -> bytes:
    """PNG bytes of an RGB image (OpenCV writes BGR)."""
    import cv2

    ok, data = cv2.imencode(".png", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    if not ok:
        raise ValueError("PNG encoding failed")
    return data.tobytes()
