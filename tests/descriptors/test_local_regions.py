"""Region geometry of local features (issue #21 part 1): keypoints in a box, where a box lands in a match.

Hand-computed expectations on tiny inputs: described frames that differ from the original
pixels by a scale, translations whose true box is known exactly.
"""

from __future__ import annotations

import numpy as np
import pytest

from heritage_explorer.core.regions import Box, InvalidRegionError, check_box, parse_box
from heritage_explorer.descriptors.local.features import LocalFeatures
from heritage_explorer.descriptors.local.matching import PairMatch
from heritage_explorer.descriptors.local.regions import (
    INLIERS,
    PROJECTED,
    features_in_region,
    locate_region,
    to_described,
    to_original,
)


def features(points, size) -> LocalFeatures:
    points = np.asarray(points, np.float32).reshape(-1, 2)
    n = len(points)
    return LocalFeatures(points, np.arange(n * 2, dtype=np.float32).reshape(n, 2), np.arange(n, 0, -1, dtype=np.float32),
                         size)


def pair_of(n: int, model: np.ndarray | None) -> PairMatch:
    return PairMatch(np.stack([np.arange(n), np.arange(n)], 1).astype(np.int64), np.ones(n, bool), model)


def test_parse_box_reads_four_integers_and_refuses_anything_else() -> None:
    assert parse_box("12, 4,30,40") == Box(12, 4, 30, 40)
    assert parse_box("-3,0,0,5") == Box(-3, 0, 0, 5)  # syntax only: validity is check_box's
    for text in ("1,2,3", "1,2,3,4,5", "1.5,2,3,4", "a,b,c,d", ""):
        with pytest.raises(InvalidRegionError, match="expected four integers x,y,w,h"):
            parse_box(text)


@pytest.mark.parametrize("box, why", [
    (Box(10, 10, 0, 20), "empty or negative"),
    (Box(10, 10, 20, -5), "empty or negative"),
    (Box(-1, 0, 20, 20), "outside the image"),
    (Box(0, 0, 101, 20), "outside the image"),
    (Box(90, 70, 11, 11), "outside the image"),
])
def test_check_box_names_the_image_its_size_and_the_box(box: Box, why: str) -> None:
    with pytest.raises(InvalidRegionError) as error:
        check_box(box, (100, 80), "photos/portal.jpg")
    message = str(error.value)
    assert "photos/portal.jpg" in message and "100×80" in message and str(box) in message and why in message


def test_check_box_accepts_the_whole_image_and_any_box_inside() -> None:
    assert check_box(Box(0, 0, 100, 80), (100, 80), "x.jpg") == Box(0, 0, 100, 80)
    assert check_box(Box(99, 79, 1, 1), (100, 80), "x.jpg") == Box(99, 79, 1, 1)


def test_frames_map_by_scale_in_edge_coordinates_and_back() -> None:
    # Described at 512×256 from 1024×512 (scale 2): described pixel centre 0 covers original 0..1.
    edges = to_original(np.array([[0.0, 0.0], [511.0, 255.0]]), (512, 256), (1024, 512))
    assert edges.tolist() == [[1.0, 1.0], [1023.0, 511.0]]
    back = to_described(edges, (512, 256), (1024, 512))
    assert np.allclose(back, [[0.0, 0.0], [511.0, 255.0]])


def test_features_in_region_keeps_the_keypoints_whose_original_pixel_is_inside() -> None:
    # Described at half the original size: described x maps to original pixel 2x + 0.5 (edge 2x + 1).
    points = [[10, 10], [24.4, 10], [24.6, 10], [10, 30], [50, 50]]
    f = features(points, (200, 100))
    inside = features_in_region(f, Box(20, 20, 30, 50), (400, 200))  # original columns 20..49, rows 20..69
    # x=10 → edge 21 (in); x=24.4 → 49.8 (in); x=24.6 → 50.2 (out); y=30 → 61 (in); (50, 50) → 101 (out)
    assert inside.keypoints.tolist() == [[10, 10], [np.float32(24.4), 10], [10, 30]]
    assert inside.scores.tolist() == [5, 4, 2] and inside.descriptors[:, 0].tolist() == [0, 2, 6]
    assert inside.image_size == (200, 100)


def test_a_translation_between_scaled_frames_gives_the_exact_box() -> None:
    """Query 1600×1200 described at 1024×768 (scale 1.5625); result 600×600 described as is, a crop
    of the query at columns 500.., rows 300..: region (600, 400, 300, 250) is at (100, 100, 300, 250)."""
    query, result = features([[0, 0]] * 4, (1024, 768)), features([[0, 0]] * 4, (600, 600))
    s = 1600 / 1024
    # described query centre q → original edge (q + .5)s → crop edge (q + .5)s - 500 → crop centre - .5
    h = np.array([[s, 0, 0.5 * s - 500 - 0.5], [0, s, 0.5 * s - 300 - 0.5], [0, 0, 1]])
    box, how = locate_region(Box(600, 400, 300, 250), query, (1600, 1200), result, (600, 600), pair_of(4, h),
                             "homography")
    assert (box, how) == (Box(100, 100, 300, 250), PROJECTED)
    affine, how = locate_region(Box(600, 400, 300, 250), query, (1600, 1200), result, (600, 600),
                                pair_of(4, h[:2]), "affine")
    assert (affine, how) == (Box(100, 100, 300, 250), PROJECTED)


def test_the_projected_box_is_clipped_to_the_result_image() -> None:
    query, result = features([[0, 0]] * 4, (100, 100)), features([[0, 0]] * 4, (100, 100))
    shift = np.array([[1, 0, 70], [0, 1, -20], [0, 0, 1]], float)  # region 10..49 → 80..119, clipped at 100
    box, how = locate_region(Box(10, 10, 40, 40), query, (100, 100), result, (100, 100), pair_of(4, shift),
                             "homography")
    assert (box, how) == (Box(80, 0, 20, 30), PROJECTED)


def test_without_a_point_map_the_box_is_the_inliers_bounding_box() -> None:
    query = features([[5, 5], [6, 6], [7, 7]], (100, 100))
    result = features([[30, 40], [60.2, 45], [50, 70.7]], (50, 50))  # described at half of 100×100
    pair = PairMatch(np.array([[0, 0], [1, 1], [2, 2]]), np.array([True, True, False]), np.eye(3))
    box, how = locate_region(Box(0, 0, 20, 20), query, (100, 100), result, (100, 100), pair, "fundamental")
    # inliers 0 and 1 at original edges (61, 81) and (121.4, 91): clipped to the 100×100 image
    assert (box, how) == (Box(61, 81, 39, 11), INLIERS)


def test_a_homography_sending_a_corner_to_infinity_falls_back_to_the_inliers() -> None:
    query, result = features([[10, 10]], (100, 100)), features([[20, 30]], (100, 100))
    vanishing = np.array([[1, 0, 0], [0, 1, 0], [-0.02, 0, 1]], float)  # w = 0 at x = 50
    box, how = locate_region(Box(0, 0, 80, 80), query, (100, 100), result, (100, 100), pair_of(1, vanishing),
                             "homography")
    assert (box, how) == (Box(20, 30, 1, 1), INLIERS)


def test_a_pair_without_inliers_has_no_box() -> None:
    query, result = features([[10, 10]], (100, 100)), features([[20, 30]], (100, 100))
    pair = PairMatch(np.array([[0, 0]]), np.array([False]), None)
    assert locate_region(Box(0, 0, 50, 50), query, (100, 100), result, (100, 100), pair, "homography") == (None,
                                                                                                           INLIERS)


def test_box_iou() -> None:
    assert Box(0, 0, 10, 10).iou(Box(5, 0, 10, 10)) == pytest.approx(50 / 150)
    assert Box(0, 0, 10, 10).iou(Box(20, 20, 5, 5)) == 0.0
