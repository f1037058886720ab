"""What the near-duplicate grouping keeps of one image (issue #21 part 2): its thumbnail
signatures, for the candidates and their pre-filter, and — only for an image in a candidate pair
that is verified — its SIFT features, the share of it inside any flat border and the colour depth
of that content (``pipeline/near_duplicates.py``).

The SIFT features, the dearest part, are cached in ``P/cache`` by the image's content hash
(``feature_cache_path``): a second run (another ``--threshold``, images added, a cancelled run
resumed) decodes the images again but describes only the new ones.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from heritage_explorer.core.atomic import atomic_write_bytes
from heritage_explorer.core.errors import WriteFailedError
from heritage_explorer.core.imageio import load_rgb
from heritage_explorer.core.records import ImageRow
from heritage_explorer.descriptors.near_copy import (
    FEATURE_SIDE,
    N_FEATURES,
    CopyFeatures,
    colour_depth,
    content_box,
    copy_features,
    feature_frame,
    thumbnail_signatures,
)
from heritage_explorer.pipeline.project import Project

SIGNATURE_DECODE = 128  # px: the frame the 16×16 thumbnail signatures are made from (a JPEG draft decode)
FEATURE_CACHE = f"near-copy-sift-v1-{FEATURE_SIDE}px-{N_FEATURES}"  # a new name when the features change


@dataclass(frozen=True)
class ImageSummary:
    """What the verification keeps of one image: its copy features, the share of it inside any
    flat border and the colour depth of that content."""

    features: CopyFeatures
    content: float
    depth: float


def image_signatures(path: Path) -> np.ndarray:
    """The 4×256 thumbnail signatures of the image at ``path``, decoded at ``SIGNATURE_DECODE`` px."""
    return thumbnail_signatures(load_rgb(path, max_side=SIGNATURE_DECODE))


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
    return ImageSummary(features, content, colour_depth(rgb[top:bottom, left:right]))
