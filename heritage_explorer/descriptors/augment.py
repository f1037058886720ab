"""Synthetic variations of an image, after the Alegoria variation types (Gominski et al., Table 1):
crop/zoom, scale, perspective, colour (grayscale, sepia, colour cast), illumination, blur.

Used by :mod:`..pipeline.adapt` as augmentation positives (an image and its variation describe
the same object). Deterministic: the variation is drawn from the ``rng`` given.
"""

from __future__ import annotations

import numpy as np

VARIATIONS = ("crop", "scale", "perspective", "grayscale", "sepia", "colour_cast", "illumination", "blur")


def augment(rgb: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, str]:
    """One geometric and one photometric variation of ``rgb`` (H×W×3 uint8), and their names."""
    import cv2

    height, width = rgb.shape[:2]
    geometric = str(rng.choice(VARIATIONS[:3]))
    if geometric == "crop":  # a 60-90 % window, as a detail or a reframing
        f = rng.uniform(0.6, 0.9)
        h, w = max(int(height * f), 8), max(int(width * f), 8)
        y, x = int(rng.integers(0, height - h + 1)), int(rng.integers(0, width - w + 1))
        out = rgb[y:y + h, x:x + w]
    elif geometric == "scale":  # a low-resolution copy, upsampled back
        f = rng.uniform(0.25, 0.5)
        small = cv2.resize(rgb, (max(int(width * f), 8), max(int(height * f), 8)), interpolation=cv2.INTER_AREA)
        out = cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR)
    else:  # perspective: each corner moved by up to 12 % of the side
        src = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
        jitter = rng.uniform(-0.12, 0.12, (4, 2)) * np.float32([width, height])
        h = cv2.getPerspectiveTransform(src, (src + jitter).astype(np.float32))
        out = cv2.warpPerspective(rgb, h, (width, height), borderMode=cv2.BORDER_REFLECT)
    photometric = str(rng.choice(VARIATIONS[3:]))
    image = out.astype(np.float32)
    if photometric == "grayscale":
        image = np.repeat(image @ np.float32([0.299, 0.587, 0.114])[:, None], 3, axis=2)
    elif photometric == "sepia":
        image = image @ np.float32([[0.393, 0.349, 0.272], [0.769, 0.686, 0.534], [0.189, 0.168, 0.131]])
    elif photometric == "colour_cast":
        image = image * rng.uniform(0.7, 1.3, 3).astype(np.float32)
    elif photometric == "illumination":  # gamma and exposure
        image = 255.0 * (image / 255.0) ** rng.uniform(0.5, 2.0) * rng.uniform(0.7, 1.2)
    else:
        sigma = rng.uniform(1.0, 3.0)
        image = cv2.GaussianBlur(image, (0, 0), sigma)
    return np.clip(image, 0, 255).astype(np.uint8), f"{geometric}+{photometric}"
