"""Regenerate the sample collection shipped in ``resources/sample/``.

The sample is a small "variations" demo in the spirit of the Alegoria benchmark: each class is
one public-domain or CC0 photograph from scikit-image's bundled data plus three derived copies
(crop, rotation, scale, grayscale, sepia, JPEG degradation, brightness, mirror), so that a
similarity search over it has right and wrong answers. Three CC0 textures are distractors.

scikit-image is needed only to run this script, never by the application. It is not imported:
the images are read from the package's ``data`` folder, and the licences written in
``collection.csv`` and ``PROVENANCE.md`` are those its ``skimage/data/_fetchers.py`` docstrings
state for each image. To regenerate::

    .venv/bin/pip install --no-deps --target /tmp/skimage-pkg scikit-image==0.26.0
    PYTHONPATH=/tmp/skimage-pkg .venv/bin/python resources/sample/make_sample.py

The output is deterministic for a given scikit-image and Pillow version.
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.util
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageEnhance, ImageOps

HERE = Path(__file__).resolve().parent
BASE_SIDE = 512
QUALITY = 88


@dataclass(frozen=True)
class Original:
    group: str
    file: str  # in skimage/data
    title: str
    licence: str


ORIGINALS = [
    Original(
        "astronaut",
        "astronaut.png",
        "Astronaut Eileen Collins (NASA Great Images database)",
        "Public domain (NASA; no known copyright restrictions)",
    ),
    Original("chelsea", "chelsea.png", "Chelsea the cat, photograph by Stefan van der Walt", "CC0"),
    Original(
        "coffee", "coffee.png", "Coffee cup, photograph by Rachel Michetti (Pikolo Espresso Bar)", "CC0"
    ),
    Original(
        "rocket",
        "rocket.jpg",
        "Launch of DSCOVR on Falcon 9 (SpaceX Photos)",
        "Public domain (released by SpaceX)",
    ),
    Original("camera", "camera.png", "Cameraman, photograph by Lav Varshney", "CC0"),
    Original(
        "hubble",
        "hubble_deep_field.jpg",
        "Hubble eXtreme Deep Field (NASA, HubbleSite)",
        "Public domain (NASA)",
    ),
    Original(
        "horse",
        "horse.png",
        "Silhouette of a horse by Andreas Preuss (marauder), openclipart",
        "CC0 (given by the owner, Andreas Preuss)",
    ),
]
DISTRACTORS = [
    Original("distractor", "brick.png", "Brick wall texture (CC0Textures Bricks25, transformed)", "CC0"),
    Original("distractor", "grass.png", "Grass texture (DeviantArt linolafett Grass-01, cropped)", "CC0"),
    Original("distractor", "gravel.png", "Gravel texture (CC0Textures Gravel04, cropped)", "CC0"),
]


def _crop(img: Image.Image) -> Image.Image:
    w, h = img.size
    return img.crop((round(0.15 * w), round(0.10 * h), round(0.80 * w), round(0.85 * h)))


def _rotation(img: Image.Image) -> Image.Image:
    turned = img.convert("RGB").rotate(
        15, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(236, 234, 228)
    )
    return _fit(turned, BASE_SIDE)


def _scale(img: Image.Image) -> Image.Image:
    return _fit(img, round(BASE_SIDE * 0.4))


def _grayscale(img: Image.Image) -> Image.Image:
    return img.convert("L")


def _sepia(img: Image.Image) -> Image.Image:
    toned = ImageOps.colorize(
        ImageOps.autocontrast(img.convert("L"), cutoff=1), black=(46, 28, 12), white=(250, 236, 200)
    )
    return ImageEnhance.Contrast(toned).enhance(0.85)


def _jpeg(img: Image.Image) -> Image.Image:
    buffer = io.BytesIO()
    _fit(img, round(BASE_SIDE * 0.7)).convert("RGB").save(buffer, "JPEG", quality=8)
    return Image.open(io.BytesIO(buffer.getvalue()))


def _brightness(img: Image.Image) -> Image.Image:
    return ImageEnhance.Contrast(ImageEnhance.Brightness(img).enhance(0.55)).enhance(0.8)


def _mirror(img: Image.Image) -> Image.Image:
    return ImageOps.mirror(img)


#: Variation name -> (how it is made, for PROVENANCE.md; function).
VARIATIONS: dict[str, tuple[str, Callable[[Image.Image], Image.Image]]] = {
    "crop": ("crop keeping 65% × 75% of the frame, off-centre", _crop),
    "rotation": ("rotated 15° counter-clockwise, canvas expanded with a paper-white fill", _rotation),
    "scale": ("downscaled to a longest side of 205 px", _scale),
    "grayscale": ("converted to luminance (8-bit greyscale JPEG)", _grayscale),
    "sepia": ("luminance mapped to a sepia ramp, contrast reduced", _sepia),
    "jpeg": ("downscaled to 358 px and re-encoded as JPEG at quality 8 (blocking)", _jpeg),
    "brightness": ("brightness × 0.55, contrast × 0.8", _brightness),
    "mirror": ("mirrored left–right (as a print reverses its plate)", _mirror),
}
VARIANTS_PER_CLASS = 3


def _fit(img: Image.Image, side: int) -> Image.Image:
    if max(img.size) <= side:
        return img
    scale = side / max(img.size)
    size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
    return img.resize(size, Image.Resampling.LANCZOS)


def _flatten(img: Image.Image) -> Image.Image:
    """Greyscale stays greyscale; colour becomes RGB; transparency is composited on white."""
    if img.mode in ("L", "1"):
        return img.convert("L")
    if img.mode in ("RGBA", "LA", "P"):
        page = Image.new("RGBA", img.size, (255, 255, 255, 255))
        return Image.alpha_composite(page, img.convert("RGBA")).convert("RGB")
    return img.convert("RGB")


def _skimage_data() -> tuple[Path, str]:
    spec = importlib.util.find_spec("skimage")
    if spec is None or spec.origin is None:
        raise SystemExit(
            "scikit-image is not importable: install it temporarily (see this script's docstring)"
        )
    return Path(spec.origin).parent / "data", importlib.metadata.version("scikit-image")


def _save(img: Image.Image, path: Path, quality: int = QUALITY) -> None:
    img = img if img.mode in ("L", "RGB") else img.convert("RGB")
    img.save(path, "JPEG", quality=quality, optimize=True)


def build(out: Path) -> list[dict[str, str]]:
    """Write the images under ``out/images`` and return the CSV rows."""
    data, version = _skimage_data()
    images = out / "images"
    images.mkdir(parents=True, exist_ok=True)
    for old in images.glob("*.jpg"):
        old.unlink()
    names = list(VARIATIONS)
    rows: list[dict[str, str]] = []

    def row(name: str, original: Original, variation: str, query: bool) -> dict[str, str]:
        return {
            "path": f"images/{name}",
            "group": original.group,
            "query": "1" if query else "0",
            "source": f"scikit-image {version}, skimage/data/{original.file}",
            "licence": original.licence,
            "variation": variation,
            "title": original.title,
        }

    for index, original in enumerate(ORIGINALS):
        with Image.open(data / original.file) as raw:
            base = _fit(_flatten(raw), BASE_SIDE)
        _save(base, images / f"{original.group}_original.jpg")
        rows.append(row(f"{original.group}_original.jpg", original, "original", True))
        for k in range(VARIANTS_PER_CLASS):
            variation = names[(VARIANTS_PER_CLASS * index + k) % len(names)]
            _save(VARIATIONS[variation][1](base), images / f"{original.group}_{variation}.jpg")
            rows.append(row(f"{original.group}_{variation}.jpg", original, variation, True))
    for original in DISTRACTORS:
        stem = Path(original.file).stem
        with Image.open(data / original.file) as raw:
            _save(_fit(raw.convert("RGB"), BASE_SIDE), images / f"distractor_{stem}.jpg")
        rows.append(row(f"distractor_{stem}.jpg", original, "original", False))
    return rows


def write_csv(rows: list[dict[str, str]], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_provenance(rows: list[dict[str, str]], path: Path) -> None:
    version = rows[0]["source"].split(",")[0]
    lines = [
        "# Sample collection: provenance and licences",
        "",
        f"Generated by `make_sample.py` from images bundled in the PyPI package **{version}**",
        "(the package's code is BSD-3-Clause; the licence of each image is the one stated in its",
        "`skimage.data` docstring, `skimage/data/_fetchers.py`, quoted in the table). Every image is stated",
        "there to be public domain or CC0. (The package's coins image, stated only as having *no known",
        "copyright restrictions*, is deliberately left out.) Nothing comes from `shared/data`.",
        "",
        f"Each class is one original, resized to a longest side of {BASE_SIDE} px (Lanczos) and saved as JPEG",
        f"(quality {QUALITY}), and {VARIANTS_PER_CLASS} derived copies made from that resized original:",
        "",
    ]
    lines += [f"- **{name}**: {how}." for name, (how, _) in VARIATIONS.items()]
    lines += [
        "",
        "The three textures are distractors (group `distractor`, `query` 0): in the database, never a",
        "correct answer. All other images are queries; a query's positives are the other images of its group.",
        "",
        "| file | group | variation | original (skimage/data) | title | licence |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| `{r['path']}` | {r['group']} | {r['variation']} | `{r['source'].split('skimage/data/')[1]}` "
            f"| {r['title']} | {r['licence']} |"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=HERE, help="output folder (default: this script's folder)"
    )
    args = parser.parse_args()
    rows = build(args.out)
    write_csv(rows, args.out / "collection.csv")
    write_provenance(rows, args.out / "PROVENANCE.md")
    total = sum((args.out / r["path"]).stat().st_size for r in rows)
    print(f"{len(rows)} images, {total / 1e6:.2f} MB, in {args.out}")


if __name__ == "__main__":
    main()
