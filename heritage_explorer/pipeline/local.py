"""Local features in a project: their stores, extraction (resumable, cancellable), and match pictures.

Local features live in ``P/local/<slug>/`` (:class:`~..descriptors.local.storage.LocalFeatureStore`).
DELF-style attentive features get a PCA fitted on a seeded sample of the collection first.
Re-ranking with them (``global>>local@K``) is in :mod:`.methods`; NetVLAD extraction in
:mod:`.netvlad`.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from heritage_explorer.core.atomic import atomic_write_bytes
from heritage_explorer.core.errors import HeritageError, UnreadableImageError, command_hint
from heritage_explorer.core.imageio import load_rgb
from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter, ordered_prefetch
from heritage_explorer.core.records import ImageRow
from heritage_explorer.descriptors.local import (
    LocalFeatures,
    LocalFeatureStore,
    LocalSpec,
    PairMatch,
    StoredLocalFeatures,
    create_local_extractor,
    create_matcher,
    verify_pair,
)
from heritage_explorer.descriptors.method import Method, as_local
from heritage_explorer.pipeline.extract import ExtractSummary
from heritage_explorer.pipeline.project import Project, spec_slug

LOCAL_DIR = "local"
PCA_FILE = "pca.npz"
PCA_FIT_IMAGES = 100  # images whose features fit the DELF-style PCA (a seeded sample of the collection)
PCA_FIT_PER_IMAGE = 300
BATCH = 16  # images per persisted chunk
ProgressFn = Callable[[Progress], None] | None
ImageRef = int | str | Path  # a catalog image id, or an image file


def local_store(project: Project, local: LocalSpec) -> LocalFeatureStore:
    """The store of a local method's features (verification modifiers do not change it)."""
    return LocalFeatureStore(project.root / LOCAL_DIR / spec_slug(local.feature_spec))


def current_local_features(project: Project, spec: LocalSpec | str) -> tuple[StoredLocalFeatures, dict[int, int]]:
    """The stored features of ``spec`` and the row of each image that is ok and unchanged."""
    spec = as_local(spec, "reading local features")
    store = local_store(project, spec)
    if store.meta() is None:
        command = command_hint("extract", "--project", project.root, "--method", spec.feature_spec)
        raise HeritageError(f"{spec}: no local features in this project yet; run: {command}")
    stored = store.load()
    current = project.catalog.content_hashes()
    rows = {int(i): r for r, (i, h) in enumerate(zip(stored.ids, stored.hashes, strict=True)) if current.get(int(i)) == h}
    return stored, rows


# -- extraction -----------------------------------------------------------------------------------
def describe_rows(project: Project, rows: Sequence[ImageRow], describe: Callable[[np.ndarray], Any], max_side: int,
                   threads: int, summary: ExtractSummary, cancel: CancelToken | None) -> Iterator[tuple[ImageRow, Any]]:
    """Decode and describe each row; unreadable images are marked in the catalog and skipped."""

    def work(row: ImageRow) -> Any:
        try:
            return describe(load_rgb(row.abspath, max_side))
        except UnreadableImageError as exc:
            return exc

    for row, result in ordered_prefetch(work, rows, threads=threads, cancel=cancel, name="local"):
        if isinstance(result, UnreadableImageError):
            project.catalog.set_image_status(row.id, "error", result.reason)
            summary.errors.append((row.path, result.reason))
        else:
            yield row, result


def _fit_pca(project: Project, store: LocalFeatureStore, extractor: Any, rows: list[ImageRow], threads: int,
             summary: ExtractSummary, cancel: CancelToken | None) -> list[ImageRow]:
    """Fit the DELF-style PCA on a seeded sample of the collection; store the sample; return the rest."""
    from heritage_explorer.descriptors.whitening import PCAWhitening

    path = store.dir / PCA_FILE
    if path.exists():
        extractor.pca = PCAWhitening.load(path)
        return rows
    rng = np.random.default_rng(0)
    sample_ids = {rows[i].id for i in rng.choice(len(rows), min(PCA_FIT_IMAGES, len(rows)), replace=False)}
    sample = [row for row in rows if row.id in sample_ids]
    def raw_half(rgb: np.ndarray) -> LocalFeatures:  # float16 keeps the sample's memory at n × 2 kB × C
        raw = extractor.raw_features(rgb)
        return dataclasses.replace(raw, descriptors=raw.descriptors.astype(np.float16))

    raws = list(describe_rows(project, sample, raw_half, extractor.max_side, threads, summary, cancel))
    if not raws:
        raise HeritageError(f"{extractor.spec}: no readable image to fit the PCA on")
    fit_set = np.concatenate([f.descriptors[:PCA_FIT_PER_IMAGE] for _, f in raws]).astype(np.float32)
    extractor.pca = PCAWhitening(n_components=extractor.dim).fit(fit_set)
    extractor.pca.save(path)
    store.update_meta(pca={"images": len(raws), "descriptors": int(len(fit_set)), "whitened": True,
                           "fit_set_sha256": project.image_set_sha256([row.id for row, _ in raws])})
    for start in range(0, len(raws), BATCH):
        batch = raws[start:start + BATCH]
        store.append_chunk([r.id for r, _ in batch], [extractor.reduce(f) for _, f in batch], [r.sha256 for r, _ in batch])
    summary.computed[extractor.spec] = len(raws)
    return [row for row in rows if row.id not in sample_ids]


def extract_local(project: Project, specs: Sequence[LocalSpec], *, threads: int = 2, progress: ProgressFn = None,
                  cancel: CancelToken | None = None) -> ExtractSummary:
    """Extract the local features of every readable image for each spec; resumable and cancellable."""
    start = time.perf_counter()
    stored = list(dict.fromkeys(s.stored for s in specs))
    summary = ExtractSummary([s.spec for s in stored])
    images = project.catalog.images(status="ok")
    current = {row.id: row.sha256 for row in images}
    described = 0
    for local in stored:
        spec = local.spec
        extractor = create_local_extractor(local)
        store = local_store(project, local)
        before = store.meta_or_none()
        if not store.prepare(spec=spec, dim=extractor.dim, dtype="uint8" if extractor.binary else "float16",
                             weights_sha256=extractor.weights_sha256,
                             extra={"description": extractor.description, "max_side": extractor.max_side}) \
                and before is not None and before.get("count"):
            summary.discarded[spec] = (f"made with other weights or settings ({before.get('weights_sha256')}, "
                                       f"{before.get('dim')}-d {before.get('dtype')})")
        done = store.load(include_chunks=True)
        fresh = {int(i) for i, h in zip(done.ids, done.hashes, strict=True) if current.get(int(i)) == h}
        summary.reused[spec] = len(fresh)
        todo = [row for row in images if row.id not in fresh]
        if hasattr(extractor, "reduce") and todo:  # attentive features: PCA fitted on the collection
            todo = _fit_pca(project, store, extractor, todo, threads, summary, cancel)
        meter = RateMeter(f"extracting {spec}", len(todo))
        buffer: list[tuple[ImageRow, LocalFeatures]] = []
        try:
            for n, (row, features) in enumerate(
                    describe_rows(project, todo, extractor.describe, extractor.max_side, threads, summary, cancel), 1):
                buffer.append((row, features))
                if len(buffer) >= BATCH:
                    _flush(store, buffer, summary, spec)
                    if progress is not None:
                        progress(meter.progress(n, row.path))
        finally:
            _flush(store, buffer, summary, spec)
        if progress is not None:
            progress(meter.progress(len(todo)))
        described += len(todo)
        store.consolidate(current)
    summary.seconds = time.perf_counter() - start
    summary.images_per_s = described / summary.seconds if summary.seconds > 0 else 0.0
    return summary


def _flush(store: LocalFeatureStore, buffer: list, summary: ExtractSummary, spec: str) -> None:
    if buffer:
        store.append_chunk([r.id for r, _ in buffer], [f for _, f in buffer], [r.sha256 for r, _ in buffer])
        summary.computed[spec] = summary.computed.get(spec, 0) + len(buffer)
        buffer.clear()



# -- interactive: features of one picture, match pictures ----------------------------------------
# -- interactive: search and match pictures --------------------------------------------------------
def query_features(project: Project, spec: LocalSpec, ref: ImageRef) -> tuple[LocalFeatures, np.ndarray]:
    """Local features of a catalog image (stored ones when up to date) or of a file, and its decoded pixels."""
    extractor = create_local_extractor(spec.stored)
    path = project.catalog.image(ref).abspath if isinstance(ref, int) else Path(ref)
    rgb = load_rgb(path, extractor.max_side)
    if isinstance(ref, int) and local_store(project, spec).meta() is not None:
        stored, rows = current_local_features(project, spec)
        if ref in rows:
            return stored.at(rows[ref]), rgb
    if hasattr(extractor, "reduce"):  # attentive features need the collection's PCA
        from heritage_explorer.descriptors.whitening import PCAWhitening

        pca = local_store(project, spec).dir / PCA_FILE
        if not pca.exists():
            raise HeritageError(f"{spec}: extract it on the collection first (its PCA is fitted there)")
        extractor.pca = PCAWhitening.load(pca)
    return extractor.describe(rgb), rgb



def draw_matches(project: Project, spec: Method | str, image_a: ImageRef, image_b: ImageRef, out: str | Path, *,
                 max_lines: int = 300, show_outliers: bool = True) -> PairMatch:
    """Verify two images with a local method and write the picture (A | B, inlier lines) as PNG to ``out``.

    ``spec`` is a local spec (``orb-1000``, ``xfeat-1000+lg``…) or a re-ranking spec (its local
    part is used); an ``int`` is a catalog image id, anything else an image file.
    """
    from heritage_explorer.descriptors.local.drawing import encode_png, render_matches

    local = as_local(spec, "drawing matches")
    features_a, rgb_a = query_features(project, local, image_a)
    features_b, rgb_b = query_features(project, local, image_b)
    pair = verify_pair(features_a, features_b, local.match_config(), matcher=create_matcher(local))
    canvas = render_matches(rgb_a, rgb_b, features_a, features_b, pair, title=local.spec, max_lines=max_lines,
                            show_outliers=show_outliers)
    atomic_write_bytes(out, encode_png(canvas))
    return pair
