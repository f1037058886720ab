"""Engine benchmark (``bench engines``): every inference engine on the same real photos, same run.

Each engine describes the same decoded images (≤512 px, their own aspect, batch 1: what the
pipeline feeds the network) through the whole per-image path (normalise, feature maps on the
engine, GeM pooling in torch). Rates are the best of a few rounds, the engines taking turns in
each round so that a change in the machine's load touches them all alike. Agreement is the
cosine of each descriptor with the ``torch-fp32`` descriptor of the same image. The speed-up is
against ``torch-bf16``, the pipeline's engine before engines were selectable, measured in the run.
"""

from __future__ import annotations

import csv
import os
import tempfile
import time
from pathlib import Path

import numpy as np

from heritage_explorer.benchmarks.extraction import DEFAULT_METHOD, _bench_images
from heritage_explorer.core.imageio import load_rgb
from heritage_explorer.descriptors.engines import ENGINES, native_bf16, resolve_engine
from heritage_explorer.descriptors.registry import create_extractor
from heritage_explorer.descriptors.throughput import torch_threads
from heritage_explorer.pipeline import extract_methods, import_source, open_project

REFERENCE = "torch-fp32"  # what agreement is measured against
TODAY = "torch-bf16"  # what speed is measured against
ADOPT_SPEEDUP = 1.2
ADOPT_MIN_COSINE = 0.999


def run_engines_bench(quick: bool = False, *, spec: str = DEFAULT_METHOD) -> dict:
    """``{NAME: {images_per_s, min_cosine_vs_fp32, ...}, ...}`` for each installed engine."""
    n, rounds = (32, 3) if quick else (96, 3)
    engines = [name for name, info in ENGINES.items() if info.available]
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        paths, source = _bench_images(n, Path(tmp))
        extractors = {name: create_extractor(spec, precision=name) for name in engines}
        decoded = [load_rgb(p, extractors[REFERENCE].max_side) for p in paths]
        result = _compare(spec, engines, extractors, decoded, rounds)
        pipeline = _pipeline_rates(spec, engines, paths, Path(tmp), rounds=1 if quick else 2)
    for name in engines:
        result[name]["pipeline_images_per_s"] = round(pipeline[name], 2)
        result[name]["pipeline_speedup_vs_torch_bf16"] = round(pipeline[name] / pipeline[TODAY], 3)
        result[name]["fast_and_exact"] = bool(
            min(result[name]["speedup_vs_torch_bf16"], result[name]["pipeline_speedup_vs_torch_bf16"]) >= ADOPT_SPEEDUP
            and result[name]["min_cosine_vs_fp32"] >= ADOPT_MIN_COSINE)
    result.update({
        "method": spec,
        "images": source,
        "input_max_side": extractors[REFERENCE].max_side,
        "batch": 1,
        "rounds": rounds,
        "threads": torch_threads(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "reference": REFERENCE,
        "speed_reference": TODAY,
        "default_engine": resolve_engine(None).name,
        "native_bf16": native_bf16(),
        "not_installed": [name for name, info in ENGINES.items() if not info.available],
    })
    return result


def _compare(spec: str, engines: list[str], extractors: dict, decoded: list[np.ndarray], rounds: int) -> dict:
    """Per engine: best images/s over ``rounds`` of describing ``decoded``, and agreement with torch fp32."""
    setup_s = {}
    for name, extractor in extractors.items():  # load the network, export/compile, warm up
        start = time.perf_counter()
        for rgb in decoded[:2]:
            extractor.describe(rgb)
        setup_s[name] = time.perf_counter() - start
    best: dict[str, float] = {}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(rounds):
        for name, extractor in extractors.items():
            start = time.perf_counter()
            out = np.stack([extractor.describe(rgb) for rgb in decoded])
            best[name] = max(best.get(name, 0.0), len(decoded) / (time.perf_counter() - start))
            vectors[name] = out
    reference = vectors[REFERENCE]
    result: dict = {}
    for name in engines:
        cosines = np.sum(vectors[name] * reference, axis=1) / (
            np.linalg.norm(vectors[name], axis=1) * np.linalg.norm(reference, axis=1))
        speedup = best[name] / best[TODAY]
        result[name] = {
            "images_per_s": round(best[name], 2),
            "min_cosine_vs_fp32": round(float(cosines.min()), 6),
            "mean_cosine_vs_fp32": round(float(cosines.mean()), 6),
            "speedup_vs_torch_bf16": round(speedup, 3),
            "first_use_s": round(setup_s[name], 2),
        }
    return result


def _pipeline_rates(spec: str, engines: list[str], paths: list[Path], workdir: Path, rounds: int) -> dict[str, float]:
    """Images/s of the whole pipeline (JPEG on disk → store) per engine: a fresh project each time,
    the engines taking turns; the best of ``rounds``."""
    listing = workdir / "engines.csv"
    with open(listing, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["path"])
        writer.writerows([[str(p)] for p in paths])
    best: dict[str, float] = {}
    for round_number in range(rounds):
        for name in engines:
            project = open_project(workdir / f"pipeline-{name}-{round_number}", create=True)
            import_source(project, str(listing), allow_absolute=True)
            rate = extract_methods(project, [spec], precision=name).images_per_s
            best[name] = max(best.get(name, 0.0), rate)
    return best


def format_engines_table(values: dict) -> str:
    """One row per engine: rate, speed-up over torch-bf16, agreement with torch-fp32."""
    rows = [f"  {'engine':<14} {'images/s':>9} {'vs bf16':>8} {'pipeline':>9} {'vs bf16':>8} "
            f"{'min cos':>9} {'mean cos':>9} {'first use s':>11}"]
    for name in ENGINES:
        if name in values:
            v = values[name]
            mark = "  default" if name == values.get("default_engine") else ""
            rows.append(f"  {name:<14} {v['images_per_s']:>9.2f} {v['speedup_vs_torch_bf16']:>7.2f}x "
                        f"{v['pipeline_images_per_s']:>9.2f} {v['pipeline_speedup_vs_torch_bf16']:>7.2f}x "
                        f"{v['min_cosine_vs_fp32']:>9.6f} {v['mean_cosine_vs_fp32']:>9.6f} "
                        f"{v['first_use_s']:>11.2f}{mark}")
    load = values.get("load_average_before"), values.get("load_average_after")
    rows.append(f"  {values.get('method')}, {values.get('images')}, batch {values.get('batch')}, "
                f"{values.get('threads')} threads, load average {load[0]} -> {load[1]}")
    if values.get("not_installed"):
        rows.append(f"  not installed: {', '.join(values['not_installed'])}")
    return "\n".join(rows)
