"""Build the near-duplicate test set of issue #21 part 2 (README "Near-duplicate groups").

Every image of the given collections (``../shared/data/*``, each a folder with ``groups.csv``) plus
seeded copies of a sample of them, made with one of 11 transforms each: rescaled, recompressed,
cropped to about half the area, framed with a border, grayscale, sepia, colour cast, rotated
90/180/270 degrees, mildly warped (a perspective warp). Writes into OUT (never into the collections):

* ``OUT/<collection>`` — a symbolic link to the collection, so the originals are not copied;
* ``OUT/NAME/*.jpg`` — the copies (``--name``, default ``copies``);
* ``OUT/truth_NAME.json`` — ``{"groups": [[PATH, ...], ...]}``: each original with its copies;
* ``OUT/groups.csv`` — ``path,group,query`` for ``heritage-explorer import``: the originals and
  the copies of every ``truth_*.json`` in OUT, so a second set of copies (another ``--name`` and
  ``--seed``) joins the first and a re-import adds only the new files.

With ``--copies`` above ``--originals``, every original gets ``copies // originals`` copies (some
one more), its transforms in turn; ``--chain`` then also rescales each copy (×0.5–1.0) and saves
it at JPEG quality 50–95 (a ``jpeg`` copy keeps its low quality), so that two copies of one
original under the same deterministic transform (grayscale, a rotation) are not the same file.
The 10k-image set of the README: ``OUT ../shared/data/* --originals 669 --copies 9331 --seed 23
--name bulk --chain``.

Usage: ``python scripts/make_near_duplicate_set.py OUT ../shared/data/strecha_mvs ... [--originals 120]
[--copies 150] [--seed 21] [--name copies] [--chain]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

TRANSFORMS = ("rescale", "jpeg", "crop", "border", "grayscale", "sepia", "colour_cast",
              "rot90", "rot180", "rot270", "warp")


def transform(image: Image.Image, name: str, rng: np.random.Generator) -> tuple[Image.Image, int]:
    """``image`` under transform ``name`` and the JPEG quality to save it with."""
    w, h = image.size
    if name == "rescale":
        s = rng.uniform(0.3, 0.6) if rng.random() < 0.7 else rng.uniform(1.2, 1.5)
        return image.resize((max(16, round(w * s)), max(16, round(h * s))), Image.Resampling.LANCZOS), 90
    if name == "jpeg":
        return image, int(rng.integers(10, 30))
    if name == "crop":
        area = rng.uniform(0.5, 0.7)
        aspect = rng.uniform(0.8, 1.25)
        cw = min(w, round(w * np.sqrt(area) * aspect))
        ch = min(h, round(h * area * w / cw))
        x = int(rng.integers(0, w - cw + 1))
        y = int(rng.integers(0, h - ch + 1))
        return image.crop((x, y, x + cw, y + ch)), 90
    if name == "border":
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        pad = [round(rng.uniform(0.04, 0.15) * (w if i % 2 == 0 else h)) for i in range(4)]
        return ImageOps.expand(image, border=tuple(pad), fill=colour), 90
    if name == "grayscale":
        return image.convert("L").convert("RGB"), 90
    if name == "sepia":
        a = np.asarray(image, dtype=np.float32)
        m = np.array([[0.393, 0.769, 0.189], [0.349, 0.686, 0.168], [0.272, 0.534, 0.131]], np.float32)
        return Image.fromarray(np.clip(a @ m.T, 0, 255).astype(np.uint8)), 90
    if name == "colour_cast":
        a = np.asarray(image, dtype=np.float32)
        gain = rng.uniform(0.7, 1.3, 3).astype(np.float32)
        gamma = rng.uniform(0.7, 1.4)
        a = 255.0 * (np.clip(a * gain, 0, 255) / 255.0) ** gamma
        return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)), 90
    if name.startswith("rot"):
        return image.rotate(int(name[3:]), expand=True), 90
    if name == "warp":
        # A perspective warp: each corner moved by up to 5% of the side (a photographed print).
        d = rng.uniform(-0.05, 0.05, 8) * np.array([w, h] * 4)
        corners = np.array([0, 0, 0, h, w, h, w, 0], dtype=float).reshape(4, 2)
        moved = corners + d.reshape(4, 2)
        return image.transform((w, h), Image.Transform.PERSPECTIVE, _perspective_coefficients(moved, corners),
                               Image.Resampling.BICUBIC), 90
    raise ValueError(f"unknown transform {name!r}")


def _perspective_coefficients(source: np.ndarray, target: np.ndarray) -> tuple[float, ...]:
    """PIL's 8 PERSPECTIVE coefficients: the homography taking output pixels ``target`` to input ``source``."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return tuple(np.linalg.solve(np.array(rows, float), np.array(rhs, float)).tolist())


def chained(image: Image.Image, quality: int, rng: np.random.Generator) -> tuple[Image.Image, int]:
    """``--chain``: ``image`` (a copy saved at ``quality``) also rescaled ×0.5–1.0, and the quality
    drawn from 50–95 unless it is already lower (a ``jpeg`` copy)."""
    w, h = image.size
    s = rng.uniform(0.5, 1.0)
    image = image.resize((max(16, round(w * s)), max(16, round(h * s))), Image.Resampling.LANCZOS)
    return image, min(quality, int(rng.integers(50, 96)))


def build(out: Path, collections: list[Path], n_originals: int, n_copies: int, seed: int,
          name: str = "copies", chain: bool = False) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    (out / name).mkdir(exist_ok=True)
    rows: list[tuple[str, str]] = []
    for collection in collections:
        link = out / collection.name
        if not link.exists():
            link.symlink_to(collection.resolve(), target_is_directory=True)
        with open(collection / "groups.csv", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                rows.append((f"{collection.name}/{row['path']}", f"{collection.name}:{row['group']}"))
    rng = np.random.default_rng(seed)
    picked = sorted(rng.choice(len(rows), size=min(n_originals, len(rows)), replace=False).tolist())
    rounds, rest = divmod(n_copies, len(picked))
    sources = picked * rounds + sorted(rng.choice(picked, size=rest, replace=False).tolist())
    truth: dict[str, list[str]] = {}
    copies: list[tuple[str, str]] = []
    for number, index in enumerate(sources):
        path, group = rows[index]
        kind = TRANSFORMS[number % len(TRANSFORMS)]
        with Image.open(out / path) as im:
            copy, quality = transform(im.convert("RGB"), kind, rng)
        if chain:
            copy, quality = chained(copy, quality, rng)
        copy_path = f"{name}/{number:04d}_{kind}_{Path(path).stem}.jpg"
        copy.save(out / copy_path, quality=quality)
        truth.setdefault(path, [path]).append(copy_path)
        copies.append((copy_path, group))
    summary = {"groups": sorted(truth.values()), "originals": len(rows), "copies": len(copies), "seed": seed,
               "copy_groups": dict(copies)}
    (out / f"truth_{name}.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    every_copy = {}
    for truth_file in sorted(out.glob("truth_*.json")):
        every_copy.update(json.loads(truth_file.read_text(encoding="utf-8"))["copy_groups"])
    with open(out / "groups.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["path", "group", "query"])
        for path, group in rows + sorted(every_copy.items()):
            writer.writerow([path, group, 0])
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("collections", type=Path, nargs="+")
    parser.add_argument("--originals", type=int, default=120)
    parser.add_argument("--copies", type=int, default=150)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--name", default="copies", help="folder of the copies inside OUT (default copies)")
    parser.add_argument("--chain", action="store_true", help="also rescale and recompress every copy")
    args = parser.parse_args(argv)
    summary = build(args.out, args.collections, args.originals, args.copies, args.seed, args.name, args.chain)
    print(f"{args.out}: {summary['originals']} images, {summary['copies']} copies of "
          f"{len(summary['groups'])} originals", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
