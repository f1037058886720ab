"""core.imageio: every awkward file loads as RGB uint8 or fails with a reason naming it."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from heritage_explorer.core import imageio
from heritage_explorer.core.atomic import sha256_file
from heritage_explorer.core.errors import UnreadableImageError
from heritage_explorer.core.imageio import image_info, load_rgb, probe, thumbnail_bytes

# (folder, {relative path: Expected}) from conftest.bad_input_folder; not imported (conftest is not a module).
Corpus = tuple[Path, dict]


def _is_marker(pixel: np.ndarray) -> bool:
    return bool(pixel[0] > 200 and pixel[1] < 60 and pixel[2] < 60)


def test_every_corpus_file_loads_or_is_refused_with_its_name(bad_input_folder: Corpus) -> None:
    folder, expected = bad_input_folder
    failures = []
    for name, outcome in expected.items():
        if outcome.skip:
            continue
        path = folder / name
        if outcome.ok:
            try:
                array = load_rgb(path)
            except UnreadableImageError as exc:
                failures.append(f"{name}: refused ({exc.reason})")
                continue
            width, height = outcome.size
            if array.shape != (height, width, 3) or array.dtype != np.uint8 or not array.flags.c_contiguous:
                failures.append(
                    f"{name}: got {array.shape} {array.dtype}, expected ({height}, {width}, 3) uint8"
                )
            if probe(path) != outcome.size:
                failures.append(f"{name}: probe {probe(path)} != {outcome.size}")
        else:
            with pytest.raises(UnreadableImageError) as raised:
                load_rgb(path)
            if raised.value.path != str(path) or name.split("/")[-1] not in str(raised.value):
                failures.append(f"{name}: error does not name the file: {raised.value}")
            if outcome.reason.lower() not in raised.value.reason.lower():
                failures.append(f"{name}: reason {raised.value.reason!r} lacks {outcome.reason!r}")
    assert not failures, "\n".join(failures)


def test_unreadable_file_is_refused(bad_input_folder: Corpus) -> None:
    folder, expected = bad_input_folder
    outcome = expected["unreadable.jpg"]
    if outcome.skip:
        pytest.skip(outcome.skip)
    with pytest.raises(UnreadableImageError, match="permission denied"):
        load_rgb(folder / "unreadable.jpg")


@pytest.mark.parametrize(("orientation", "marker_at"), [(6, (2, -3)), (8, (-3, 2))])
def test_exif_orientation_rotates_pixels(
    bad_input_folder: Corpus, orientation: int, marker_at: tuple[int, int]
) -> None:
    """The marker stored top-left is shown top-right for 6 (turn clockwise), bottom-left for 8."""
    folder, _ = bad_input_folder
    array = load_rgb(folder / f"exif_orientation_{orientation}.jpg")
    assert _is_marker(array[marker_at])
    assert not _is_marker(array[2, 2])


def test_exif_orientation_with_max_side(bad_input_folder: Corpus) -> None:
    folder, _ = bad_input_folder
    assert load_rgb(folder / "exif_orientation_6.jpg", max_side=30).shape == (30, 20, 3)


def test_transparency_is_composited_on_white(bad_input_folder: Corpus) -> None:
    folder, _ = bad_input_folder
    palette = load_rgb(folder / "palette_transparent.png")
    assert palette[0, 0].tolist() == [255, 255, 255]
    assert palette[0, -1].tolist() == [255, 0, 0]
    la = load_rgb(folder / "la.png")
    assert la[0, 0].tolist() == [255, 255, 255] and la[0, -1].tolist() == [0, 0, 0]
    rgba = load_rgb(folder / "rgba.png")
    assert rgba[0, 0].tolist() == [255, 255, 255] and rgba[0, -1].tolist() == [0, 0, 255]


@pytest.mark.parametrize("name", ["grey16.png", "grey16.tif"])
def test_sixteen_bit_is_rescaled_not_clipped(bad_input_folder: Corpus, name: str) -> None:
    folder, _ = bad_input_folder
    array = load_rgb(folder / name)
    assert array[0, 0, 0] == 0 and array[-1, -1, 0] == 255
    assert len(np.unique(array[..., 0])) > 200  # a ramp, not a saturated block
    assert (array[..., 0] == array[..., 1]).all() and (array[..., 1] == array[..., 2]).all()


def test_cmyk_comes_back_close_to_the_original_colours(bad_input_folder: Corpus) -> None:
    folder, _ = bad_input_folder
    difference = np.abs(load_rgb(folder / "cmyk.jpg").astype(int) - load_rgb(folder / "good.png").astype(int))
    assert difference.mean() < 12


def test_decompression_bomb_is_refused_before_decoding(bad_input_folder: Corpus) -> None:
    folder, _ = bad_input_folder
    with pytest.raises(UnreadableImageError, match="decompression bomb") as raised:
        load_rgb(folder / "bomb.png")
    assert "900 Mpx" in raised.value.reason
    with pytest.raises(UnreadableImageError, match="too large"):
        probe(folder / "bomb.png")


def test_project_pixel_limit_applies_below_pillows(
    bad_input_folder: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = bad_input_folder
    monkeypatch.setattr(imageio, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(UnreadableImageError, match=r"64×48, 0 Mpx\): over the limit"):
        load_rgb(folder / "good.png")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(UnreadableImageError, match="file not found"):
        load_rgb(tmp_path / "absent.jpg")
    with pytest.raises(UnreadableImageError, match="not a regular file"):
        load_rgb(tmp_path)


def _gradient_jpeg(path: Path, width: int, height: int) -> Path:
    x, y = np.meshgrid(np.linspace(0, 255, width), np.linspace(0, 255, height))
    Image.fromarray(np.stack([x, y, (x + y) / 2], axis=2).astype(np.uint8)).save(path, "JPEG", quality=90)
    return path


@pytest.mark.parametrize(
    ("size", "max_side", "drafted", "expected"),
    [
        ((2000, 1500), 300, (500, 375), (225, 300)),  # 1/4 scale, then Lanczos down to 300
        ((1500, 2000), 300, (375, 500), (300, 225)),
        ((2000, 1500), 1000, (1000, 750), (750, 1000)),  # 1/2 scale is exactly the target
        ((2000, 1500), 999, (1000, 750), (749, 999)),  # the draft stays at or above the target
        ((640, 480), 1024, (640, 480), (480, 640)),  # never upscaled
    ],
)
def test_max_side_uses_draft_and_gives_exact_longest_side(
    tmp_path: Path, size: tuple[int, int], max_side: int, drafted: tuple[int, int], expected: tuple[int, int]
) -> None:
    path = _gradient_jpeg(tmp_path / "big.jpg", *size)
    assert load_rgb(path, max_side=max_side).shape == (*expected, 3)
    with Image.open(path) as img:  # the draft request load_rgb makes decodes at this size
        img.draft("RGB", imageio._fit(img.size, max_side))
        img.load()
        assert img.size == drafted


def test_max_side_on_png_resizes(bad_input_folder: Corpus) -> None:
    folder, _ = bad_input_folder
    assert load_rgb(folder / "good.png", max_side=32).shape == (24, 32, 3)
    assert load_rgb(folder / "strip_1x5000.png", max_side=100).shape == (100, 1, 3)
    with pytest.raises(ValueError):
        load_rgb(folder / "good.png", max_side=0)


def test_grayscale_channels_are_equal(bad_input_folder: Corpus) -> None:
    folder, _ = bad_input_folder
    colour = load_rgb(folder / "good.jpg")
    grey = load_rgb(folder / "good.jpg", grayscale=True)
    assert grey.shape == colour.shape and grey.flags.c_contiguous
    assert (grey[..., 0] == grey[..., 1]).all() and (grey[..., 1] == grey[..., 2]).all()
    expected = colour @ np.array([0.299, 0.587, 0.114])
    assert np.abs(grey[..., 0] - expected).max() <= 1.5


def test_loaded_array_is_writable(bad_input_folder: Corpus) -> None:
    folder, _ = bad_input_folder
    array = load_rgb(folder / "good.png")
    array[0, 0] = 0  # consumers normalise in place


def test_image_info(bad_input_folder: Corpus) -> None:
    folder, _ = bad_input_folder
    path = folder / "exif_orientation_8.jpg"
    info = image_info(path)
    assert (info.width, info.height) == (40, 60)
    assert info.sha256 == sha256_file(path)
    assert info.size == os.path.getsize(path) and info.mtime == os.path.getmtime(path)
    with pytest.raises(UnreadableImageError):
        image_info(folder / "text_named.jpg")


def test_thumbnail_bytes_is_a_bounded_jpeg(bad_input_folder: Corpus) -> None:
    folder, _ = bad_input_folder
    data = thumbnail_bytes(folder / "exif_orientation_6.jpg", 30)
    with Image.open(io.BytesIO(data)) as thumb:
        assert thumb.format == "JPEG" and thumb.size == (20, 30)
