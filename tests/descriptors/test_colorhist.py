"""HSV colour histogram baseline: bins, Hellinger normalisation."""

from __future__ import annotations

import numpy as np
import pytest

from heritage_explorer.descriptors.colorhist import COLORHIST_DIM, hsv_histogram


def test_a_flat_colour_fills_one_bin() -> None:
    red = np.zeros((10, 10, 3), np.uint8)
    red[..., 0] = 255
    hist = hsv_histogram(red)
    assert hist.shape == (COLORHIST_DIM,) == (128,) and hist.dtype == np.float32
    # hue 0 -> bin 0, saturation 255 -> bin 3, value 255 -> bin 3: index (0*4 + 3)*4 + 3
    assert hist[15] == pytest.approx(1.0) and np.count_nonzero(hist) == 1


def test_hellinger_normalisation_of_a_split_image() -> None:
    image = np.zeros((10, 10, 3), np.uint8)
    image[:, :3] = (0, 0, 255)  # 30 % pure blue
    image[:, 3:] = (255, 255, 255)  # 70 % white (saturation 0, value 255)
    hist = hsv_histogram(image)
    assert sorted(hist[hist > 0].tolist()) == pytest.approx([np.sqrt(0.3), np.sqrt(0.7)], rel=1e-6)
    assert np.linalg.norm(hist) == pytest.approx(1.0)
    # blue: hue 120 of [0, 180) -> bin 5
    assert hist[(5 * 4 + 3) * 4 + 3] == pytest.approx(np.sqrt(0.3), rel=1e-6)


def test_rejects_non_rgb_input() -> None:
    with pytest.raises(ValueError, match="uint8"):
        hsv_histogram(np.zeros((4, 4), np.uint8))
