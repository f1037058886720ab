"""Decoding heritage images into plain RGB arrays, robustly.

Collections mix scans of every vintage: CMYK JPEGs from print workflows, 16-bit TIFF masters,
palette GIFs with transparency, phone photos with an EXIF orientation flag, and the odd
truncated or mislabelled file. :func:`load_rgb` turns all of them into the one shape the
descriptors expect (H×W×3 ``uint8``, C-contiguous) or raises :class:`UnreadableImageError`
naming the file and a reason a person can act on. Nothing here imports Qt or torch.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError
from PIL.JpegImagePlugin import JpegImageFile  # also the base of MPO, which many cameras write

from heritage_explorer.core.atomic import sha256_file
from heritage_explorer.core.errors import UnreadableImageError
from heritage_explorer.core.regions import Box, check_box

#: The project's decompression-bomb limit, in pixels. Pillow's own check is aligned on it:
#: it warns above this and refuses above twice this; we refuse anything above it.
MAX_IMAGE_PIXELS = 200_000_000
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS

#: Extensions :func:`heritage_explorer.core.sources.list_folder` picks up (lower case).
IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".bmp", ".gif"})

#: EXIF orientations (TIFF tag 274) that turn the stored image by a quarter turn.
_QUARTER_TURNS = {5, 6, 7, 8}
_EXIF_ORIENTATION = 0x0112

#: What malformed files make Pillow raise, besides OSError (its decoders are not uniform).
_DECODE_ERRORS = (
    OSError,
    ValueError,
    EOFError,
    SyntaxError,
    struct.error,
    zlib.error,
    IndexError,
    KeyError,
    TypeError,
    MemoryError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
)


@dataclass(frozen=True)
class ImageInfo:
    """What the catalog records about an image file without decoding its pixels."""

    width: int  # after EXIF orientation
    height: int
    sha256: str
    size: int  # bytes
    mtime: float


def load_rgb(path: str | Path, max_side: int | None = None, *, grayscale: bool = False,
             region: Box | None = None) -> np.ndarray:
    """Decode ``path`` into an H×W×3 ``uint8`` C-contiguous array.

    * EXIF orientation is applied, so the array is the image as a person sees it.
    * Every colour mode is converted to RGB: CMYK, 16- and 32-bit greyscale (rescaled, not
      clipped), palette, 1-bit; transparency (RGBA, LA, palette with a transparent colour)
      is composited on white, as on a printed page.
    * ``max_side`` bounds the longest side: JPEGs are decoded at a reduced scale (DCT
      "draft" mode, a power of two no smaller than needed), then resized with a Lanczos
      filter so the longest side is exactly ``max_side``. Smaller images are not upscaled.
    * ``grayscale`` keeps only the luminance (ITU-R 601-2), replicated on three channels:
      the colour-blind setting of the Alegoria benchmark (Table 2).
    * ``region`` (pixels of the oriented, full-size image) crops before the resize, so a region
      query is described like a whole image (issue #21); a box that is empty or not inside the
      image raises :class:`~.regions.InvalidRegionError` naming the file, its size and the box.

    Raises :class:`UnreadableImageError` for a missing, unreadable, empty, truncated or
    oversized file, or one that is not an image.
    """
    if max_side is not None and max_side < 1:
        raise ValueError(f"max_side must be positive, got {max_side}")
    path = Path(path)
    _check_file(path)
    try:
        with Image.open(path) as img:
            _check_pixels(path, img.size)
            if max_side is not None and region is None and isinstance(img, JpegImageFile) and max(img.size) > max_side:
                img.draft("RGB", _fit(img.size, max_side))
            img.load()
            img = ImageOps.exif_transpose(img)
            if region is not None:
                box = check_box(region, img.size, path)
                img = img.crop((box.x, box.y, box.x + box.w, box.y + box.h))
            img = _to_rgb(path, img)
            if max_side is not None and max(img.size) > max_side:
                img = img.resize(_fit(img.size, max_side), Image.Resampling.LANCZOS, reducing_gap=3.0)
            if grayscale:
                luminance = np.array(img.convert("L"), dtype=np.uint8)
                return np.repeat(luminance[:, :, None], 3, axis=2)
            return np.ascontiguousarray(np.array(img, dtype=np.uint8))
    except UnreadableImageError:
        raise
    except _DECODE_ERRORS as exc:
        raise UnreadableImageError(path, _reason(exc)) from exc


def probe(path: str | Path) -> tuple[int, int]:
    """(width, height) as displayed (EXIF orientation applied), read from the header only."""
    path = Path(path)
    _check_file(path)
    try:
        with Image.open(path) as img:
            _check_pixels(path, img.size)
            width, height = img.size
            if img.getexif().get(_EXIF_ORIENTATION) in _QUARTER_TURNS:
                width, height = height, width
            return width, height
    except UnreadableImageError:
        raise
    except _DECODE_ERRORS as exc:
        raise UnreadableImageError(path, _reason(exc)) from exc


#: Longest side the pixel check of :func:`image_info` decodes at (JPEGs in DCT draft mode, so the
#: check reads every byte of the compressed data at a fraction of the cost of a full decode).
CHECK_SIDE = 256


def image_info(path: str | Path) -> ImageInfo:
    """Dimensions (from the header), content hash, size and modification time of ``path``.

    This is where a file is decided readable, once, for the whole application: its header is read
    *and* its pixel data decoded (:func:`load_rgb`, at :data:`CHECK_SIDE`), so a truncated or
    corrupt file is refused here with the reason extraction would give, not only later. Import
    records the answer in the catalog (status ``error``/``missing`` and the reason), and import,
    the grid and extraction all report the catalog's answer.
    """
    path = Path(path)
    width, height = probe(path)
    load_rgb(path, max_side=CHECK_SIDE)
    try:
        st = path.stat()
        digest = sha256_file(path)
    except OSError as exc:
        raise UnreadableImageError(path, _reason(exc)) from exc
    return ImageInfo(width=width, height=height, sha256=digest, size=st.st_size, mtime=st.st_mtime)


def thumbnail_bytes(path: str | Path, size: int, *, quality: int = 85) -> bytes:
    """A JPEG whose longest side is at most ``size``, for thumbnail caches."""
    array = load_rgb(path, max_side=size)
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


# -- helpers ------------------------------------------------------------------------------------
def _check_file(path: Path) -> None:
    """Fail early, with a plain reason, on what is not a non-empty regular file."""
    try:
        st = path.stat()
    except OSError as exc:
        raise UnreadableImageError(path, _reason(exc)) from exc
    if not path.is_file():
        raise UnreadableImageError(path, "not a regular file")
    if st.st_size == 0:
        raise UnreadableImageError(path, "empty file (0 bytes)")


def _check_pixels(path: Path, size: tuple[int, int]) -> None:
    width, height = size
    if width < 1 or height < 1:
        raise UnreadableImageError(path, f"invalid dimensions {width}×{height}")
    if width * height > MAX_IMAGE_PIXELS:
        raise UnreadableImageError(path, _bomb_reason(f"{width}×{height}, {width * height / 1e6:.0f} Mpx"))


def _bomb_reason(what: str) -> str:
    return f"too large ({what}): over the limit of {MAX_IMAGE_PIXELS / 1e6:.0f} Mpx (possible decompression bomb)"


def _fit(size: tuple[int, int], max_side: int) -> tuple[int, int]:
    """``size`` scaled so its longest side is ``max_side`` (each side at least 1)."""
    width, height = size
    scale = max_side / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _to_rgb(path: Path, img: Image.Image) -> Image.Image:
    """Any Pillow mode to RGB; transparency composited on white."""
    mode = img.mode
    if mode == "RGB":
        return img
    if mode.startswith("I;16"):
        return _grey_to_rgb(np.asarray(img).astype(np.float64) * (255.0 / 65535.0))
    if mode in ("I", "F"):
        return _grey_to_rgb(_rescale(np.asarray(img).astype(np.float64), is_float=mode == "F"))
    has_alpha = mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in img.info
    if has_alpha:
        rgba = img.convert("RGBA")
        page = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(page, rgba).convert("RGB")
    try:
        return img.convert("RGB")
    except ValueError as exc:
        raise UnreadableImageError(path, f"unsupported colour mode {mode}") from exc


def _grey_to_rgb(values: np.ndarray) -> Image.Image:
    grey = np.clip(np.rint(values), 0, 255).astype(np.uint8)
    return Image.fromarray(grey).convert("RGB")


def _rescale(values: np.ndarray, *, is_float: bool) -> np.ndarray:
    """32-bit integer or float greyscale to the 0–255 range.

    Floats in [0, 1] are scaled by 255; integers already in 0–255 or 0–65535 keep their
    meaning (8- or 16-bit data stored wide); anything else is stretched min–max.
    """
    if values.size == 0:
        return values
    low, high = float(values.min()), float(values.max())
    if is_float and 0.0 <= low and high <= 1.0:
        return values * 255.0
    if not is_float and 0.0 <= low and high <= 255.0:
        return values
    if not is_float and 0.0 <= low and high <= 65535.0:
        return values * (255.0 / 65535.0)
    return (values - low) * (255.0 / max(high - low, 1e-12))


def _reason(exc: BaseException) -> str:
    """A short explanation of a decoding failure for a person, not a traceback."""
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(exc, Image.DecompressionBombError | Image.DecompressionBombWarning):
        found = re.search(r"(\d+) pixels", str(exc))
        return _bomb_reason(f"{int(found.group(1)) / 1e6:.0f} Mpx" if found else "size unknown")
    if isinstance(exc, UnidentifiedImageError):
        return "not an image, or a format that cannot be read"
    if isinstance(exc, MemoryError):
        return "not enough memory to decode"
    message = str(exc) or type(exc).__name__
    if isinstance(exc, OSError) and exc.errno is not None and exc.strerror:
        return exc.strerror.lower()
    if "truncated" in message.lower() or isinstance(exc, EOFError | struct.error | zlib.error):
        return f"truncated or corrupt image data ({message})"
    return f"cannot decode ({message})"


def is_image_name(name: str) -> bool:
    """Whether a file name has one of the image extensions collections are listed with."""
    return os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS
