"""The record every local method produces: keypoints, descriptors and scores of one image.

Local features are "many-to-many" descriptions of an image (Chen et al., survey §4.2.2): a
set of keypoints, each with a descriptor, compared between two images by matching and
spatial verification. One record type serves the three methods of the project:

* ORB (binary, 32 bytes per keypoint, compared by Hamming distance);
* XFeat (64-d float, L2-normalised);
* the DELF-style attentive features (PCA-reduced float, L2-normalised).

Float descriptors are held as ``float16`` on disk and in memory (half the bytes; cosine
similarities change by less than 1e-3) and converted to ``float32`` for matching.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FLOAT_STORAGE = np.float16


@dataclass(frozen=True)
class LocalFeatures:
    """The local features of one image.

    ``keypoints`` is N×2 float32 ``(x, y)`` in pixels of the described frame, whose size is
    ``image_size = (width, height)`` (the decoded image, longest side at most the method's
    ``max_side``); ``descriptors`` is N×D, ``uint8`` for binary descriptors (bits packed, as
    OpenCV returns them) or ``float16`` for float ones; ``scores`` is N float32 (detector
    response or attention), in decreasing order when the extractor sorts them.
    """

    keypoints: np.ndarray
    descriptors: np.ndarray
    scores: np.ndarray
    image_size: tuple[int, int]

    def __post_init__(self) -> None:
        n = len(self.keypoints)
        if self.keypoints.shape != (n, 2) or self.descriptors.ndim != 2 or len(self.descriptors) != n:
            raise ValueError(
                f"keypoints {self.keypoints.shape} and descriptors {self.descriptors.shape} do not describe the same points"
            )
        if self.scores.shape != (n,):
            raise ValueError(f"scores {self.scores.shape} for {n} keypoints")
        if self.descriptors.dtype not in (np.uint8, FLOAT_STORAGE, np.float32):
            raise ValueError(f"descriptors must be uint8 (binary) or float16/float32, not {self.descriptors.dtype}")

    def __len__(self) -> int:
        return len(self.keypoints)

    @property
    def binary(self) -> bool:
        """Whether the descriptors are packed bits (compared by Hamming distance)."""
        return self.descriptors.dtype == np.uint8

    @property
    def dim(self) -> int:
        """Bytes per descriptor for binary descriptors, components for float ones."""
        return int(self.descriptors.shape[1])

    def matching_descriptors(self) -> np.ndarray:
        """Contiguous descriptors for matching: packed uint8, or float32 L2-normalised again
        (``float16`` storage moves norms by up to 1e-3)."""
        if self.binary:
            return np.ascontiguousarray(self.descriptors)
        x = np.asarray(self.descriptors, dtype=np.float32)
        return np.ascontiguousarray(x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-12))

    def nbytes(self) -> int:
        """Bytes this record takes in a store (keypoints, descriptors, scores)."""
        return int(self.keypoints.nbytes + self.descriptors.nbytes + self.scores.nbytes)


def make_features(
    keypoints: np.ndarray, descriptors: np.ndarray, scores: np.ndarray, image_size: tuple[int, int], *, dim: int,
    binary: bool,
) -> LocalFeatures:
    """A :class:`LocalFeatures` in storage types; empty arrays of the right shape when nothing was found."""
    dtype = np.uint8 if binary else FLOAT_STORAGE
    if descriptors is None or len(keypoints) == 0:
        return LocalFeatures(np.zeros((0, 2), np.float32), np.zeros((0, dim), dtype), np.zeros(0, np.float32),
                             (int(image_size[0]), int(image_size[1])))
    return LocalFeatures(
        np.ascontiguousarray(keypoints, dtype=np.float32).reshape(-1, 2),
        np.ascontiguousarray(descriptors, dtype=dtype).reshape(len(keypoints), dim),
        np.ascontiguousarray(scores, dtype=np.float32).ravel(),
        (int(image_size[0]), int(image_size[1])),
    )
