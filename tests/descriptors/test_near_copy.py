"""Near-copy evidence on synthetic transforms (issue #21 part 2)."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from heritage_explorer.descriptors.near_copy import (
    content_box,
    copy_features,
    pair_evidence,
    thumbnail_signatures,
)
from heritage_explorer.pipeline.near_duplicates import DecisionRule


def _scene(seed: int, shape=(360, 480)) -> np.ndarray:
    """A textured colour image with structure at several scales (blobs, edges, fine noise)."""
    rng = np.random.default_rng(seed)
    h, w = shape
    image = np.zeros((h, w, 3), np.float32)
    for size in (4, 16, 64):
        noise = rng.random((h // size + 1, w // size + 1, 3)).astype(np.float32)
        image += cv2.resize(noise, (w, h), interpolation=cv2.INTER_CUBIC) * (size / 84)
    for _ in range(25):
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        colour = tuple(float(c) for c in rng.random(3))
        cv2.rectangle(image, (x, y), (x + int(rng.integers(10, 60)), y + int(rng.integers(10, 60))), colour, -1)
    return np.clip(image / image.max() * 255, 0, 255).astype(np.uint8)


def _jpeg(rgb: np.ndarray, quality: int) -> np.ndarray:
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, format="JPEG", quality=quality)
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"))


COPIES = {
    "rescale": lambda x: cv2.resize(x, (192, 144), interpolation=cv2.INTER_AREA),
    "jpeg": lambda x: _jpeg(x, 25),  # this synthetic noise texture at q15 leaves 0.079 (real photos: see README)
    "crop": lambda x: x[40:300, 60:400].copy(),
    "border": lambda x: cv2.copyMakeBorder(x, 30, 30, 50, 50, cv2.BORDER_CONSTANT, value=(240, 230, 200)),
    "grayscale": lambda x: np.repeat(cv2.cvtColor(x, cv2.COLOR_RGB2GRAY)[:, :, None], 3, axis=2),
    "sepia": lambda x: np.clip(x.astype(np.float32) @ np.array([[0.393, 0.769, 0.189], [0.349, 0.686, 0.168],
                                                                  [0.272, 0.534, 0.131]], np.float32).T,
                               0, 255).astype(np.uint8),
    "cast": lambda x: np.clip(255 * (x * np.array([1.2, 0.9, 0.8]) / 255) ** 0.8, 0, 255).astype(np.uint8),
    "rot90": lambda x: np.ascontiguousarray(np.rot90(x, 1)),
    "rot180": lambda x: np.ascontiguousarray(np.rot90(x, 2)),
    "warp": lambda x: cv2.warpPerspective(x, cv2.getPerspectiveTransform(
        np.float32([[0, 0], [480, 0], [480, 360], [0, 360]]),
        np.float32([[12, 8], [470, 15], [475, 350], [5, 340]])), (480, 360)),
}


@pytest.mark.parametrize("name", sorted(COPIES))
def test_every_kind_of_copy_is_accepted(name):
    original = _scene(1)
    evidence = pair_evidence(copy_features(original), copy_features(COPIES[name](original)))
    assert DecisionRule().accepts(evidence), (name, evidence)


def test_a_different_image_is_refused():
    evidence = pair_evidence(copy_features(_scene(1)), copy_features(_scene(2)))
    assert not DecisionRule().accepts(evidence), evidence


def test_a_local_change_of_light_is_not_a_copy():
    """The same pixels lit differently across the picture (another shot, glare) fit no global colour relation."""
    original = _scene(3)
    h, w = original.shape[:2]
    light = np.clip(np.linspace(0.35, 1.25, w)[None, :, None] * np.ones((h, 1, 1)), 0, None)
    relit = np.clip(original * light, 0, 255).astype(np.uint8)
    evidence = pair_evidence(copy_features(original), copy_features(relit))
    assert evidence.inliers >= DecisionRule().min_inliers  # geometrically it is the same picture ...
    assert not DecisionRule().accepts(evidence), evidence  # ... photometrically it is not a global change


def test_signatures_see_the_rotation():
    original = _scene(4)
    rotated = np.ascontiguousarray(np.rot90(original, 1))
    a, b = thumbnail_signatures(original), thumbnail_signatures(rotated)
    scores = a @ b[0]
    assert int(np.argmax(scores)) == 1 and scores[1] > 0.99
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)


def test_content_box_trims_a_flat_border_only():
    original = _scene(5, (120, 160))
    framed = cv2.copyMakeBorder(original, 10, 14, 6, 20, cv2.BORDER_CONSTANT, value=(200, 30, 30))
    assert content_box(framed) == (10, 130, 6, 166)
    assert content_box(original) == (0, 120, 0, 160)
    assert content_box(np.full((50, 60, 3), 128, np.uint8)) == (0, 50, 0, 60)  # flat: not a frame


@pytest.mark.parametrize("name", sorted(COPIES))
def test_the_fast_settings_give_a_copy_the_same_evidence(name):
    """RANSAC bounded at 200 iterations and the geometry checked before the colour fit (#21 speed):
    a copy's inlier ratio stops the seeded, adaptive RANSAC long before either bound, so its
    evidence is the same as under the previous 2000 iterations."""
    original = _scene(1)
    a, b = copy_features(original), copy_features(COPIES[name](original))
    rule = DecisionRule()
    fast = pair_evidence(a, b, min_inliers=rule.min_inliers, min_coverage=rule.min_coverage,
                         max_similarity_error=rule.max_similarity_error, ransac_iterations=200)
    assert fast == pair_evidence(a, b, min_inliers=rule.min_inliers, ransac_iterations=2000)


def test_failed_geometry_skips_the_colour_fit():
    """A pair whose coverage fails the bound keeps its geometry and an infinite residual."""
    original = _scene(1)
    a, b = copy_features(original), copy_features(COPIES["crop"](original))
    full = pair_evidence(a, b)
    skipped = pair_evidence(a, b, min_coverage=full.coverage + 0.01)
    assert (skipped.inliers, skipped.coverage, skipped.similarity_error) == (full.inliers, full.coverage,
                                                                             full.similarity_error)
    assert skipped.photometric_residual == float("inf") and np.isfinite(full.photometric_residual)


def test_sift_descriptors_are_whole_numbers_and_uint8_gives_the_same_evidence():
    """The grouping holds and caches SIFT descriptors as uint8 (#21 speed): exact only because
    OpenCV's float32 SIFT values are whole numbers 0-255."""
    original = _scene(1)
    a, b = copy_features(original), copy_features(COPIES["rot90"](original))
    assert a.descriptors.dtype == np.float32 and len(a.descriptors) > 30
    assert np.array_equal(a.descriptors, np.round(a.descriptors)) and 0 <= a.descriptors.min() <= a.descriptors.max() <= 255
    narrow = [type(f)(f.rgb, f.points, f.descriptors.astype(np.uint8)) for f in (a, b)]
    assert pair_evidence(*narrow) == pair_evidence(a, b)
