"""Near-duplicate benchmark (``bench near-duplicates``, issue #21 part 2): the grouping's path
against the previous sequential path, on the same project in the same run.

The images are real photos of one collection (the shared Paris set when present: distinct shots
of the same buildings, the hard negatives), with a copy of every fifth one (rotated, cropped,
grayscale, border, in turn) so that there are groups to compare. The reference is
``near_duplicate_groups`` with one thread, RANSAC at 2000 iterations, the colour fit on every
pair with enough inliers, every candidate pair verified (no pre-filter, no skipping of pairs
already joined) and no feature cache (what the command did before); the measured path is the
default (``DEFAULT_THREADS`` threads, the pre-filter, pairs already joined skipped, RANSAC
bounded, the colour fit skipped when the geometry already fails), on an empty feature cache that
it fills; ``rerun`` is the default path again, its SIFT features read from that cache. All three
must give the same groups. The projection to 10,000 images scales the per-image thumbnail and
feature times and the per-pair verification time by the shares measured here (images described,
candidate pairs per image, pairs verified); the candidate search itself (N² dot products) is left
out of it (measured at 10k: README "Near-duplicate groups").
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

from heritage_explorer.benchmarks.extraction import _bench_images
from heritage_explorer.pipeline import extract_methods, import_source, open_project
from heritage_explorer.pipeline.near_duplicates import (
    DEFAULT_METHOD,
    DEFAULT_THREADS,
    NearDuplicateResult,
    near_duplicate_groups,
)

PROJECTED_IMAGES = 10_000
COPY_EVERY = 5


def _copy(source: Path, n: int, folder: Path) -> Path:
    """A copy of ``source`` under one of four transforms, chosen by ``n``."""
    with Image.open(source) as img:
        img = img.convert("RGB")
        w, h = img.size
        kind = ("rot90", "crop", "grayscale", "border")[n % 4]
        if kind == "rot90":
            img = img.transpose(Image.Transpose.ROTATE_90)
        elif kind == "crop":
            img = img.crop((w // 8, h // 8, w - w // 8, h - h // 8))
        elif kind == "grayscale":
            img = img.convert("L").convert("RGB")
        else:
            img = ImageOps.expand(img, border=max(4, w // 12), fill=(235, 225, 200))
        out = folder / f"copy{n:04d}_{kind}_{source.name}"
        img.save(out, quality=90)
    return out


def bench_collection(n_images: int, directory: Path) -> tuple[object, str]:
    """A project in ``directory``: ``n_images`` photos plus a copy of every ``COPY_EVERY``-th one."""
    paths, source = _bench_images(n_images, directory)
    copies = directory / "copies"
    copies.mkdir()
    paths = paths + [_copy(p, n, copies) for n, p in enumerate(paths[::COPY_EVERY])]
    listing = directory / "bench.csv"
    with open(listing, "w", newline="") as fh:
        csv.writer(fh).writerows([["path"], *[[str(p)] for p in paths]])
    project = open_project(directory / "project", create=True)
    import_source(project, str(listing), allow_absolute=True)
    return project, f"{source} + {len(paths) - n_images} copies"


def _figures(result: NearDuplicateResult) -> dict:
    s = result.seconds
    per_image = s["features"] / max(result.described_images, 1)
    per_pair = s["verification"] / max(result.checked_pairs, 1)
    described = result.described_images / result.images
    checked = result.checked_pairs / max(result.candidate_pairs, 1)
    total = max(round(sum(s.values()), 2), 0.01)  # the total reported
    return {
        "seconds": {k: round(v, 2) for k, v in s.items()},
        "total_s": total,
        "images_per_s": round(result.images / total, 2),  # of the reported total, as "speedup" is
        "feature_ms_per_image": round(per_image * 1000, 1),
        "verification_ms_per_pair": round(per_pair * 1000, 2),
        "described_share": round(described, 3),
        "checked_share": round(checked, 3),
        "projected_10k_min": round(PROJECTED_IMAGES * (s["thumbnails"] / result.images + described * per_image
                                                       + result.pairs_per_image * checked * per_pair) / 60, 1),
    }


def run_near_duplicates_bench(quick: bool = False, *, method: str = DEFAULT_METHOD,
                              threads: int = DEFAULT_THREADS) -> dict:
    """``{"reference": {...}, "parallel": {...}, "speedup", "same_groups", ...}`` (see the module docstring)."""
    n_images = 40 if quick else 200
    with tempfile.TemporaryDirectory() as tmp:
        project, source = bench_collection(n_images, Path(tmp))
        extract_methods(project, [method])
        load_before = os.getloadavg()
        reference = near_duplicate_groups(project, method, threads=1, ransac_iterations=2000,
                                          skip_failed_geometry=False, prefilter=False, skip_connected=False,
                                          cache=False)
        parallel = near_duplicate_groups(project, method, threads=threads)
        rerun = near_duplicate_groups(project, method, threads=threads)
        load_after = os.getloadavg()
    ref, new = _figures(reference), _figures(parallel)
    found = (reference.groups, reference.representatives)
    return {
        "images": source,
        "method": method,
        "image_count": parallel.images,
        "candidate_pairs": parallel.candidate_pairs,
        "pairs_per_image": round(parallel.candidate_pairs / parallel.images, 2),
        "groups": len(parallel.groups),
        "same_groups": found == (parallel.groups, parallel.representatives) == (rerun.groups, rerun.representatives),
        "reference": {"path": "previous: 1 thread, every candidate pair, RANSAC 2000 iterations, "
                              "colour fit on every pair", **ref},
        "parallel": {"path": f"{threads} threads, pre-filter, joined pairs skipped, RANSAC bounded, "
                             "colour fit after the geometry, filling the feature cache", **new},
        "rerun": {"path": "the same, SIFT features from the cache", **_figures(rerun)},
        "speedup": round(ref["total_s"] / max(new["total_s"], 1e-9), 2),
        "speedup_verification": round(reference.seconds["verification"]
                                      / max(parallel.seconds["verification"], 1e-9), 2),
        "speedup_features": round(reference.seconds["features"] / max(parallel.seconds["features"], 1e-9), 2),
        "cpu_count": os.cpu_count(),
        "load_average_before_after": [round(load_before[0], 2), round(load_after[0], 2)],
    }


def format_near_duplicates_table(values: dict) -> str:
    """The two paths side by side, with the speed-ups and the projection to 10k images."""
    header = ["path", "features s", "verification s", "total s", "img/s", "ms/image", "ms/pair", "10k min"]
    rows = []
    for name in ("reference", "parallel", "rerun"):
        v = values[name]
        rows.append([name, f"{v['seconds']['features']:.1f}", f"{v['seconds']['verification']:.1f}",
                     f"{v['total_s']:.1f}", f"{v['images_per_s']:.2f}", f"{v['feature_ms_per_image']:.0f}",
                     f"{v['verification_ms_per_pair']:.1f}", f"{v['projected_10k_min']:.1f}"])
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    load = values["load_average_before_after"]
    return "\n".join([
        f"{values['images']}; {values['image_count']} images, {values['candidate_pairs']} candidate pairs "
        f"({values['pairs_per_image']}/image), {values['groups']} groups",
        *lines,
        f"speed-up {values['speedup']}× (features {values['speedup_features']}×, verification "
        f"{values['speedup_verification']}×); same groups: {values['same_groups']}; "
        f"{values['cpu_count']} CPUs, load average {load[0]} before, {load[1]} after",
        f"  reference: {values['reference']['path']}",
        f"  parallel:  {values['parallel']['path']}",
        f"  rerun:     {values['rerun']['path']}",
    ])

