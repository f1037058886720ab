"""ORB keypoints and binary descriptors (OpenCV), the hand-crafted reference of the Alegoria benchmark.

Gominski et al. 2019 evaluate ORB "for reference" next to the deep descriptors (§3, §4.1):
"DELF and ORB descriptors are matched one-to-one giving a number-of-inliers score assessing
similarity". ORB (Rublee et al., ICCV 2011) detects oriented FAST corners on an image pyramid
and describes each with a rotated BRIEF: 256 binary tests packed in 32 bytes, compared by
Hamming distance (Chen et al., survey §4.2.2, *detect-then-describe*).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from heritage_explorer.descriptors.local.features import LocalFeatures, make_features

ORB_DESCRIPTOR_BYTES = 32


@dataclass(frozen=True)
class OrbExtractor:
    """ORB features of an RGB image: at most ``n_features`` keypoints, strongest first.

    ``max_side`` is the longest side the image is decoded at (keypoints are in that frame);
    ``scale_factor``/``n_levels`` define the pyramid, ``fast_threshold`` the corner detector.
    """

    n_features: int = 1000
    max_side: int = 1024
    scale_factor: float = 1.2
    n_levels: int = 8
    fast_threshold: int = 20

    binary = True
    dim = ORB_DESCRIPTOR_BYTES

    @property
    def spec(self) -> str:
        return f"orb-{self.n_features}"

    @property
    def weights_sha256(self) -> str:
        """ORB has no weights; the OpenCV version stands in (its ORB output may change with it)."""
        import cv2

        return f"opencv-{cv2.__version__}"

    @property
    def description(self) -> str:
        return (f"ORB (OpenCV): {self.n_features} oriented FAST keypoints, 256-bit rBRIEF descriptors, "
                f"images at {self.max_side} px; similarity = RANSAC inliers (Alegoria §4.1)")

    def describe(self, rgb: np.ndarray) -> LocalFeatures:
        """Detect and describe; an image without corners (a blank scan) gives zero keypoints."""
        import cv2

        gray = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY) if rgb.ndim == 3 else rgb
        orb = cv2.ORB_create(nfeatures=self.n_features, scaleFactor=self.scale_factor, nlevels=self.n_levels,
                             fastThreshold=self.fast_threshold)
        keypoints, descriptors = orb.detectAndCompute(gray, None)
        size = (gray.shape[1], gray.shape[0])
        if descriptors is None or not keypoints:
            return make_features(np.zeros((0, 2)), None, np.zeros(0), size, dim=self.dim, binary=True)
        points = np.array([k.pt for k in keypoints], np.float32)
        responses = np.array([k.response for k in keypoints], np.float32)
        order = np.argsort(-responses, kind="stable")[: self.n_features]
        return make_features(points[order], descriptors[order], responses[order], size, dim=self.dim, binary=True)
