"""A corpus of awkward image files, generated at test time (no binaries in the repository).

:func:`build_corpus` writes the files and returns, for each one (path relative to the folder),
what :func:`heritage_explorer.core.imageio.load_rgb` must do with it. The ``bad_input_folder``
fixture of ``tests/conftest.py`` builds it once per test session (the decompression bomb takes
a moment to compress) for ``tests/core`` and ``tests/reliability``; it must not be modified.
"""

from __future__ import annotations

import io
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image


@dataclass(frozen=True)
class Expected:
    """What loading a corpus file must give.

    ``size`` is (width, height) as displayed, for files that load; ``reason`` a substring of
    the :class:`UnreadableImageError` reason, for files that must be refused; ``skip`` says
    why the case cannot be checked on this machine.
    """

    ok: bool
    size: tuple[int, int] | None = None
    reason: str | None = None
    skip: str | None = None


#: Pixel at stored (0, 0) in the EXIF-rotated files: where it ends up shows the rotation.
MARKER = (255, 0, 0)
#: Stored size of the EXIF-rotated files (width, height); displayed size is swapped.
ROTATED_STORED_SIZE = (60, 40)
BOMB_SIDE = 30_000


def _gradient(width: int, height: int) -> np.ndarray:
    """A smooth RGB image (compresses well, survives JPEG)."""
    x = np.linspace(0, 255, width, dtype=np.float64)[None, :]
    y = np.linspace(0, 255, height, dtype=np.float64)[:, None]
    rgb = np.stack([x + 0 * y, y + 0 * x, np.full((height, width), 128.0)], axis=2)
    return rgb.astype(np.uint8)


def _noise_file(width: int, height: int, fmt: str) -> bytes:
    """Random pixels (incompressible, so cutting the file in half cuts the pixel data)."""
    rng = np.random.default_rng(0)
    buffer = io.BytesIO()
    Image.fromarray(rng.integers(0, 256, (height, width, 3), dtype=np.uint8)).save(buffer, fmt)
    return buffer.getvalue()


def _exif_rotated_jpeg(path: Path, orientation: int) -> None:
    rgb = np.full((ROTATED_STORED_SIZE[1], ROTATED_STORED_SIZE[0], 3), 40, dtype=np.uint8)
    rgb[:8, :8] = MARKER
    exif = Image.Exif()
    exif[0x0112] = orientation
    Image.fromarray(rgb).save(path, "JPEG", quality=95, exif=exif.tobytes())


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def _bomb_png(path: Path, side: int) -> None:
    """A valid 1-bit PNG of side×side black pixels: ~100 KB on disk, ~900 Mpx decoded."""
    compressor = zlib.compressobj(6)
    row = bytes(1 + (side + 7) // 8)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def build_corpus(folder: Path) -> dict[str, Expected]:
    expected: dict[str, Expected] = {}

    def good(name: str, image: Image.Image, size: tuple[int, int] | None = None, **save) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        image.save(path, **save)
        expected[name] = Expected(ok=True, size=size or image.size)

    def bad(name: str, content: bytes, reason: str) -> None:
        (folder / name).write_bytes(content)
        expected[name] = Expected(ok=False, reason=reason)

    rgb = Image.fromarray(_gradient(64, 48))
    good("good.jpg", rgb, quality=90)
    good("good.png", rgb)
    good("good.bmp", rgb)
    good("good.webp", rgb, quality=90)
    good("good.tif", rgb)
    good("UPPER CASE.JPG", rgb, format="JPEG")
    good("café crème.jpg", rgb)
    good("sub dir/Ünïcødé 名前.png", rgb)
    good("animated.gif", rgb.convert("P"), save_all=True, append_images=[rgb.rotate(180).convert("P")])
    good("grey.png", rgb.convert("L"))
    good("bitonal.png", rgb.convert("1"))
    good("cmyk.jpg", rgb.convert("CMYK"), quality=90)
    grey16 = Image.fromarray((np.linspace(0, 65535, 50 * 30).reshape(30, 50)).astype(np.uint16))
    assert grey16.mode.startswith("I;16")
    good("grey16.png", grey16)
    good("grey16.tif", grey16)
    palette = Image.new("P", (20, 10), 0)
    palette.putpalette([0, 0, 0, 255, 0, 0] + [0] * (256 * 3 - 6))
    palette.paste(1, (10, 0, 20, 10))
    good("palette_transparent.png", palette, transparency=0)
    la = Image.new("LA", (16, 12), (0, 0))
    la.paste((0, 255), (8, 0, 16, 12))
    good("la.png", la)
    rgba = Image.new("RGBA", (16, 12), (0, 0, 0, 0))
    rgba.paste((0, 0, 255, 255), (8, 0, 16, 12))
    good("rgba.png", rgba)
    for orientation in (6, 8):
        name = f"exif_orientation_{orientation}.jpg"
        _exif_rotated_jpeg(folder / name, orientation)
        expected[name] = Expected(ok=True, size=(ROTATED_STORED_SIZE[1], ROTATED_STORED_SIZE[0]))
    good("tiny_1x1.png", Image.new("RGB", (1, 1), (10, 20, 30)))
    good("strip_1x5000.png", Image.new("L", (1, 5000), 200))

    for fmt, ext in (("JPEG", "jpg"), ("PNG", "png")):
        data = _noise_file(200, 150, fmt)
        bad(f"truncated.{ext}", data[: len(data) // 2], "truncated")
    bad("empty.jpg", b"", "empty")
    bad("text_named.jpg", b"This is a text file pretending to be a JPEG.\n" * 20, "not an image")
    _bomb_png(folder / "bomb.png", BOMB_SIDE)
    expected["bomb.png"] = Expected(ok=False, reason="too large")

    unreadable = folder / "unreadable.jpg"
    rgb.save(unreadable, "JPEG")
    os.chmod(unreadable, 0)
    try:
        with open(unreadable, "rb"):
            pass
        skip = "running as root (or with CAP_DAC_OVERRIDE): chmod 000 does not block reads here"
        expected["unreadable.jpg"] = Expected(ok=True, size=rgb.size, skip=skip)
    except PermissionError:
        expected["unreadable.jpg"] = Expected(ok=False, reason="permission denied")

    os.symlink("loop.jpg", folder / "loop.jpg")
    expected["loop.jpg"] = Expected(ok=False, reason="symbolic links")
    os.symlink("nowhere.jpg", folder / "dangling.jpg")
    expected["dangling.jpg"] = Expected(ok=False, reason="file not found")

    # For list_folder: a directory loop, a hidden directory and a file that is not an image.
    os.symlink("..", folder / "sub dir" / "back")
    (folder / ".hidden").mkdir()
    rgb.save(folder / ".hidden" / "secret.jpg")
    (folder / "notes.txt").write_text("not listed\n")
    return expected
