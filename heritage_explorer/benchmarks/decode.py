"""Decode benchmark: 4000×3000 JPEGs to 512/1024 px, draft mode (``load_rgb``) vs full decode + resize."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from heritage_explorer.core.imageio import load_rgb


def make_photo_like_jpeg(path: Path, width: int = 4000, height: int = 3000, seed: int = 0) -> Path:
    """A large JPEG with photo-like content (smooth gradients + texture), so decoding costs what a photo costs."""
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 255, size=(height // 50, width // 50, 3), dtype=np.uint8)
    image = Image.fromarray(small).resize((width, height), Image.Resampling.BICUBIC)
    noise = rng.normal(0, 12, size=(height, width, 1)).astype(np.float32)
    pixels = np.clip(np.asarray(image, np.float32) + noise, 0, 255).astype(np.uint8)
    Image.fromarray(pixels).save(path, quality=90)
    return path


def _plain_decode(path: Path, max_side: int) -> np.ndarray:
    """The reference: decode at full size, orient, then resize (no draft mode)."""
    with Image.open(path) as img:
        img = ImageOps.exif_transpose(img.convert("RGB"))
        scale = max_side / max(img.size)
        size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
        return np.asarray(img.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0))


def run_decode_bench(quick: bool = False) -> dict:
    """images/s for each target size with and without draft mode, and their ratio."""
    repeats = 3 if quick else 8
    result: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = [make_photo_like_jpeg(Path(tmp) / f"big{i}.jpg", seed=i) for i in range(2)]
        for max_side in (512, 1024):
            timings = {}
            for name, fn in (("plain", _plain_decode), ("draft", load_rgb)):
                samples = []
                for _ in range(repeats):
                    for f in files:
                        t0 = time.perf_counter()
                        fn(f, max_side)
                        samples.append(time.perf_counter() - t0)
                timings[name] = statistics.median(samples)
            result[f"{max_side}px"] = {
                "plain_ms": round(timings["plain"] * 1000, 1),
                "draft_ms": round(timings["draft"] * 1000, 1),
                "plain_images_per_s": round(1 / timings["plain"], 2),
                "draft_images_per_s": round(1 / timings["draft"], 2),
                "speedup": round(timings["plain"] / timings["draft"], 2),
            }
    return {"source": f"4000x3000 JPEG, quality 90, median of {repeats * 2} decodes", **result}
