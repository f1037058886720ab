"""Local features in a project: their stores, extraction (resumable, cancellable), and match pictures.

Local features live in ``P/local/<slug>/`` (:class:`~..descriptors.local.storage.LocalFeatureStore`).
DELF-style attentive features get a PCA fitted on a seeded sample of the collection first.
Re-ranking with them (``global>>local@K``) is in :mod:`.methods`; NetVLAD extraction in
:mod:`.netvlad`.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from heritage_explorer.core.atomic import atomic_write_bytes
from heritage_explorer.core.errors import HeritageError, command_hint
from heritage_explorer.core.imageio import load_rgb
from heritage_explorer.core.jobs import CancelToken
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
from heritage_explorer.pipeline.extract import skipped_images, unreadable_in_catalog
from heritage_explorer.pipeline.extraction_loop import (
    ExtractSummary,
    FitStep,
    ProgressFn,
    fit_then_extract,
    open_sink,
)
from heritage_explorer.pipeline.project import LOCAL_DIR, Project, spec_slug

PCA_FILE = "pca.npz"
PCA_FIT_IMAGES = 100  # images whose features fit the DELF-style PCA (a seeded sample of the collection)
PCA_FIT_PER_IMAGE = 300
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
def extract_local(project: Project, specs: Sequence[LocalSpec], *, threads: int = 2, progress: ProgressFn = None,
                  cancel: CancelToken | None = None) -> ExtractSummary:
    """Extract the local features of every readable image for each spec; resumable and cancellable.

    The one extraction loop (:func:`~.extraction_loop.fit_then_extract`) fills each store; the
    DELF-style attentive features bring their fit step, a PCA fitted on a seeded sample.
    """
    start = time.perf_counter()
    stored = list(dict.fromkeys(s.stored for s in specs))
    summary = ExtractSummary([s.spec for s in stored])
    images = project.catalog.images(status="ok")
    current = {row.id: row.sha256 for row in images}
    described = sum(_extract_one(project, local, images, current, summary, threads, progress, cancel) for local in stored)
    summary.errors = skipped_images(project)
    return summary.timed(start, described)


def _extract_one(project: Project, local: LocalSpec, images: list[ImageRow], current: dict[int, str],
                 summary: ExtractSummary, threads: int, progress: ProgressFn, cancel: CancelToken | None) -> int:
    extractor = create_local_extractor(local)
    store = local_store(project, local)
    with store.writer_lock(local.spec):
        sink = open_sink(local.spec, store, lambda: store.prepare(
            spec=local.spec, dim=extractor.dim, dtype="uint8" if extractor.binary else "float16",
            weights_sha256=extractor.weights_sha256,
            extra={"description": extractor.description, "max_side": extractor.max_side}), current, summary)
        fit = _pca_step(project, store, extractor) if hasattr(extractor, "reduce") else None
        described = fit_then_extract(
            images, sink, lambda row: extractor.describe(load_rgb(row.abspath, extractor.max_side)), fit,
            stage=f"extracting {local.spec}", summary=summary, threads=threads,
            on_unreadable=unreadable_in_catalog(project),
            progress=progress, cancel=cancel)
        store.consolidate(current)
    return described


def _load_pca(store: LocalFeatureStore, extractor: Any) -> bool:
    """Give ``extractor`` the PCA fitted on the collection, if there is one."""
    from heritage_explorer.descriptors.whitening import PCAWhitening

    path = store.dir / PCA_FILE
    if path.exists():
        extractor.pca = PCAWhitening.load(path)
    return path.exists()


def _pca_step(project: Project, store: LocalFeatureStore, extractor: Any) -> FitStep:
    """The DELF-style PCA (``descriptors/whitening.PCAWhitening``) fitted on a seeded sample of the
    collection; the sample's reduced features are stored, not described twice."""

    def raw_half(row: ImageRow) -> LocalFeatures:  # float16 keeps the sample's memory at n × 2 kB × C
        raw = extractor.raw_features(load_rgb(row.abspath, extractor.max_side))
        return dataclasses.replace(raw, descriptors=raw.descriptors.astype(np.float16))

    def fit(sample: list[tuple[ImageRow, LocalFeatures]]) -> list[LocalFeatures]:
        from heritage_explorer.descriptors.whitening import PCAWhitening

        if not sample:
            raise HeritageError(f"{extractor.spec}: no readable image to fit the PCA on")
        fit_set = np.concatenate([f.descriptors[:PCA_FIT_PER_IMAGE] for _, f in sample]).astype(np.float32)
        extractor.pca = PCAWhitening(n_components=extractor.dim).fit(fit_set)
        extractor.pca.save(store.dir / PCA_FILE)
        store.update_meta(pca={"images": len(sample), "descriptors": int(len(fit_set)), "whitened": True,
                               "fit_set_sha256": project.image_set_sha256([row.id for row, _ in sample])})
        return [extractor.reduce(f) for _, f in sample]

    return FitStep(PCA_FIT_IMAGES, lambda: _load_pca(store, extractor), raw_half, fit)


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
    if hasattr(extractor, "reduce") and not _load_pca(local_store(project, spec), extractor):
        raise HeritageError(f"{spec}: extract it on the collection first (its PCA is fitted there)")
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
