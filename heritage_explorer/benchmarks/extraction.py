"""Extraction benchmark: the full pipeline (JPEG on disk → store → catalog) vs the bare backbone.

The reference is measured in the same run, on the same images decoded beforehand, for each
precision / memory-format configuration; the figure that matters is the ratio.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from heritage_explorer.benchmarks.decode import make_photo_like_jpeg
from heritage_explorer.core.imageio import load_rgb
from heritage_explorer.descriptors.registry import create_extractor
from heritage_explorer.descriptors.throughput import bare_backbone_rate, descriptor_agreement
from heritage_explorer.pipeline import extract_methods, import_source, open_project

DEFAULT_METHOD = "efflite0-gem"
SHARED_PARIS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "rparis6k_subset_5x50"


def _bench_images(n: int, workdir: Path) -> tuple[list[Path], str]:
    """Real photos from the shared Paris set when present, else photo-like synthetic JPEGs."""
    csv_path = SHARED_PARIS / "groups.csv"
    if csv_path.exists():
        with open(csv_path, newline="") as fh:
            paths = [SHARED_PARIS / row["path"] for row in csv.DictReader(fh)][:n]
        return paths, f"{len(paths)} photos of {SHARED_PARIS.name} (≤1024 px JPEG)"
    paths = [make_photo_like_jpeg(workdir / f"img{i:04d}.jpg", 1024, 768, seed=i) for i in range(n)]
    return paths, f"{n} synthetic 1024×768 JPEGs (shared data absent)"


def run_extraction_bench(quick: bool = False, *, spec: str = DEFAULT_METHOD) -> dict:
    """Images/s of the bare backbone per configuration and of the pipeline with the default settings."""
    n = 16 if quick else 96
    extractor = create_extractor(spec)
    backbone = extractor.backbone()
    with tempfile.TemporaryDirectory() as tmp:
        paths, source = _bench_images(n, Path(tmp))
        decoded = [load_rgb(p, extractor.max_side) for p in paths]
        bare = {}
        for precision in ("fp32", "bf16"):
            for channels_last in (False, True):
                name = f"{precision}{'+channels_last' if channels_last else ''}"
                bare[name] = round(bare_backbone_rate(backbone, decoded, precision=precision,
                                                      channels_last=channels_last), 2)
        best_name = max(bare, key=bare.get)
        listing = Path(tmp) / "bench.csv"
        with open(listing, "w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["path"])
            writer.writerows([[str(p)] for p in paths])
        project = open_project(Path(tmp) / "project", create=True)
        import_source(project, str(listing), allow_absolute=True)
        summary = extract_methods(project, [spec])
        agreement = descriptor_agreement(backbone, decoded[:8], extractor.pool)
    pipeline_rate = summary.images_per_s
    return {
        "method": spec,
        "images": source,
        "input_max_side": extractor.max_side,
        "torch_threads": _threads(),
        "bare_backbone_images_per_s": bare,
        "best_bare_configuration": best_name,
        "pipeline_images_per_s": round(pipeline_rate, 2),
        "pipeline_precision": "bf16",
        "pipeline_vs_best_bare": round(pipeline_rate / bare[best_name], 3),
        "target_pipeline_vs_best_bare": 0.85,
        "bf16_vs_fp32_min_cosine": round(agreement, 5),
    }


def _threads() -> int:
    from heritage_explorer.descriptors.throughput import torch_threads

    return torch_threads()
