"""Matching and spatial verification (survey §4.2.2): known homographies are recovered, scores are inliers."""

from __future__ import annotations

import numpy as np
import pytest

from heritage_explorer.descriptors.local.features import LocalFeatures
from heritage_explorer.descriptors.local.matching import (
    MatchConfig,
    fit_geometry,
    nearest_neighbour_matches,
    verify_candidates,
    verify_pair,
)
from heritage_explorer.descriptors.local.orb import OrbExtractor

KNOWN_H = np.array([[0.92, 0.08, 25.0], [-0.05, 0.97, 14.0], [8e-5, 4e-5, 1.0]])


def textured_scene(seed: int, height: int = 480, width: int = 640) -> np.ndarray:
    """A grey-level scene with many corners: smooth noise plus random rectangles and discs."""
    import cv2

    rng = np.random.default_rng(seed)
    base = cv2.resize(rng.integers(0, 255, (height // 16, width // 16), dtype=np.uint8), (width, height),
                      interpolation=cv2.INTER_CUBIC)
    image = np.repeat(base[:, :, None], 3, axis=2).copy()
    for _ in range(60):
        x, y = int(rng.integers(0, width - 40)), int(rng.integers(0, height - 40))
        colour = tuple(int(c) for c in rng.integers(0, 255, 3))
        if rng.random() < 0.5:
            cv2.rectangle(image, (x, y), (x + int(rng.integers(8, 40)), y + int(rng.integers(8, 40))), colour, -1)
        else:
            cv2.circle(image, (x + 20, y + 20), int(rng.integers(4, 18)), colour, -1)
    return image


def warp(image: np.ndarray, h: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.warpPerspective(image, h, (image.shape[1], image.shape[0]))


def _normalised(h: np.ndarray) -> np.ndarray:
    return h / h[2, 2]


def _corner_error(h_est: np.ndarray, h_true: np.ndarray, width: int = 640, height: int = 480) -> float:
    corners = np.array([[0, 0, 1], [width, 0, 1], [0, height, 1], [width, height, 1]], float).T
    a, b = h_est @ corners, h_true @ corners
    return float(np.abs(a[:2] / a[2] - b[:2] / b[2]).max())


def test_orb_recovers_a_known_homography() -> None:
    scene = textured_scene(0)
    extractor = OrbExtractor(n_features=1000)
    a, b = extractor.describe(scene), extractor.describe(warp(scene, KNOWN_H))
    assert len(a) > 500 and a.binary and a.descriptors.shape[1] == 32
    pair = verify_pair(a, b, MatchConfig(model="homography", threshold_px=3.0))
    assert pair.inliers > 150
    assert pair.inliers / len(pair.matches) > 0.8
    assert _corner_error(_normalised(pair.model), KNOWN_H) < 3.0  # pixels, at the image corners


def test_unrelated_scenes_have_few_inliers() -> None:
    extractor = OrbExtractor(n_features=1000)
    a, b = extractor.describe(textured_scene(0)), extractor.describe(textured_scene(1))
    same = verify_pair(a, extractor.describe(warp(textured_scene(0), KNOWN_H)))
    other = verify_pair(a, b)
    assert other.inliers < 25 < same.inliers / 4


@pytest.mark.parametrize("model", ["fundamental", "affine"])
def test_other_models_accept_the_true_correspondences(model: str) -> None:
    rng = np.random.default_rng(3)
    points_a = rng.uniform(0, 600, (200, 2)).astype(np.float32)
    if model == "affine":
        affine = np.array([[1.1, 0.1, 5.0], [-0.05, 0.9, 12.0]])
        points_b = points_a @ affine[:, :2].T + affine[:, 2]
    else:
        homogeneous = np.c_[points_a, np.ones(len(points_a))] @ KNOWN_H.T
        points_b = homogeneous[:, :2] / homogeneous[:, 2:]
    points_b = points_b.astype(np.float32)
    points_b[:40] = rng.uniform(0, 600, (40, 2))  # 20 % gross outliers
    mask, fitted = fit_geometry(points_a, points_b, MatchConfig(model=model, threshold_px=2.0))
    assert fitted is not None
    assert mask[40:].mean() > 0.95 and mask[:40].mean() < 0.2


def test_too_few_matches_score_zero() -> None:
    points = np.zeros((3, 2), np.float32)
    mask, fitted = fit_geometry(points, points, MatchConfig(model="homography"))
    assert fitted is None and not mask.any()


def test_mutual_and_ratio_tests_on_hand_made_descriptors() -> None:
    # Bytes chosen so that Hamming distances are known: a0~b0 (1 bit), a1~b1 (2 bits) but b1 is
    # also closest to a2 (1 bit): the pair (a1, b1) is not mutual; a2's match passes the ratio test.
    a = np.array([[0b00000000], [0b11110000], [0b11110001]], np.uint8)
    b = np.array([[0b00000001], [0b11110011], [0b00111111]], np.uint8)
    matches = nearest_neighbour_matches(a, b, binary=True, ratio=1.0, mutual=True)
    assert sorted(map(tuple, matches.tolist())) == [(0, 0), (2, 1)]
    loose = nearest_neighbour_matches(a, b, binary=True, ratio=1.0, mutual=False)
    assert (1, 1) in set(map(tuple, loose.tolist()))
    # Nearest and second-nearest distances: a0 1 (b0) and 6, a1 2 (b1) and 5, a2 1 (b1) and 4.
    # Ratio 0.2 keeps only a0 (1 < 1.2); a2 fails (1 ≥ 0.8), a1 too (2 ≥ 1.0).
    strict = nearest_neighbour_matches(a, b, binary=True, ratio=0.2, mutual=False)
    assert sorted(map(tuple, strict.tolist())) == [(0, 0)]


def test_parallel_verification_equals_sequential_and_marks_missing() -> None:
    extractor = OrbExtractor(n_features=500)
    query = extractor.describe(textured_scene(0))
    candidates: list[LocalFeatures | None] = [extractor.describe(warp(textured_scene(0), KNOWN_H)),
                                               extractor.describe(textured_scene(2)), None]
    sequential = verify_candidates(query, candidates, threads=1)
    parallel = verify_candidates(query, candidates, threads=2)
    assert sequential.tolist() == parallel.tolist()
    assert sequential[2] == -1 and sequential[0] > sequential[1]


@pytest.mark.parametrize("threads", [1, 2])
def test_verification_reports_each_pair_and_stops_when_cancelled(threads: int) -> None:
    from heritage_explorer.core.errors import CancelledError
    from heritage_explorer.core.jobs import CancelToken

    extractor = OrbExtractor(n_features=500)
    query = extractor.describe(textured_scene(0))
    candidates = [extractor.describe(warp(textured_scene(0), KNOWN_H)), extractor.describe(textured_scene(2))] * 4
    reports = []
    verify_candidates(query, candidates, threads=threads, progress=reports.append)
    assert [(p.stage, p.done, p.total) for p in reports] == [("verifying", n, 8) for n in range(1, 9)]
    token, seen = CancelToken(), []

    def cancel_at_three(progress) -> None:
        seen.append(progress.done)
        if progress.done == 3:
            token.cancel()

    with pytest.raises(CancelledError):
        verify_candidates(query, candidates, threads=threads, progress=cancel_at_three, cancel=token)
    assert 3 <= seen[-1] < 8 and seen == sorted(seen), "stopped between pairs, soon after the cancel"


def test_parallel_verifications_hold_blas_to_one_thread_and_restore_it_after_overlapping() -> None:
    """BLAS runs on one thread while a parallel verification runs (its two threads share the two
    cores), and its thread count is what it was once overlapping verifications are all done (the
    setting is process-wide)."""
    import threading

    from threadpoolctl import threadpool_info

    def blas_threads() -> list[int]:
        return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]

    extractor = OrbExtractor(n_features=300)
    query = extractor.describe(textured_scene(0))
    candidates = [extractor.describe(textured_scene(seed)) for seed in (1, 2, 3)] * 3
    verify_candidates(query, candidates[:1], threads=1)  # OpenCV's libraries loaded
    before = blas_threads()
    during: list[list[int]] = []
    verify_candidates(query, candidates, threads=2, progress=lambda _: during.append(blas_threads()))
    assert during and all(1 in threads for threads in during), during  # numpy's BLAS (process-wide)
    assert blas_threads() == before
    runs = [threading.Thread(target=verify_candidates, args=(query, candidates * 4), kwargs={"threads": 2})
            for _ in range(3)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    assert blas_threads() == before
