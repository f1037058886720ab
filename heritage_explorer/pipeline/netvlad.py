"""NetVLAD in a project: parameters fitted on the collection (k-means on a sample), then every image described.

The vectors go to the ordinary descriptor store, with their fitted parameters (``netvlad.npz``)
beside them; ``+pcaw<D>`` is fitted afterwards through the N×N Gram matrix.
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np

from heritage_explorer.core.jobs import CancelToken, RateMeter
from heritage_explorer.core.records import ImageRow
from heritage_explorer.descriptors.method import MethodSpec
from heritage_explorer.descriptors.registry import create_extractor
from heritage_explorer.pipeline.extract import ExtractSummary
from heritage_explorer.pipeline.local import BATCH, ProgressFn, describe_rows
from heritage_explorer.pipeline.project import Project

NETVLAD_FILE = "netvlad.npz"
NETVLAD_FIT_IMAGES = 200


def extract_netvlad(project: Project, spec: MethodSpec, *, precision: str | None = None, threads: int = 2,
                    storage: str | None = None, progress: ProgressFn = None,
                    cancel: CancelToken | None = None) -> ExtractSummary:
    """NetVLAD vectors of every image: parameters fitted on a sample first (k-means), then described.

    The fitted parameters (``netvlad.npz``) sit in the base store's folder and are kept while
    the backbone weights are the same, so adding images later reuses them; ``+pcaw<D>`` is
    fitted afterwards by :class:`~..descriptors.whitening.PCAWhitening` (through the N×N Gram matrix).
    """
    from heritage_explorer.descriptors.netvlad import NetVladParams, fit_netvlad
    from heritage_explorer.descriptors.whitening import PCAWhitening
    from heritage_explorer.pipeline.store import DescriptorStore
    from heritage_explorer.pipeline.whiten import WHITENING_FILE

    start = time.perf_counter()
    extractor = create_extractor(spec, precision=precision)
    summary = ExtractSummary([extractor.spec])
    images = project.catalog.images(status="ok")
    current = {row.id: row.sha256 for row in images}
    store = DescriptorStore(project.descriptor_dir(spec.base))
    kept = store.prepare(spec=extractor.base_spec, dim=extractor.raw_dim, weights_sha256=extractor.weights_sha256,
                         storage=storage)
    path = store.dir / NETVLAD_FILE
    params = NetVladParams.load(path) if kept and path.exists() else None
    backbone = extractor.backbone()

    def maps_of(rgb: np.ndarray) -> dict:
        x = backbone.prepare(extractor.prepare_image(rgb))[None]
        return {1.0: backbone.feature_maps(x, precision)}

    if params is None:
        store.clear_vectors()
        rng = np.random.default_rng(0)
        sample = [images[i] for i in sorted(rng.choice(len(images), min(NETVLAD_FIT_IMAGES, len(images)), replace=False))]
        raw = [d for _, d in describe_rows(project, sample, lambda rgb: extractor.maps_to_descriptors(maps_of(rgb)),
                                            extractor.max_side, threads, summary, cancel)]
        params = fit_netvlad(raw)
        params.save(path)
        store.prepare(spec=extractor.base_spec, dim=extractor.raw_dim, weights_sha256=extractor.weights_sha256,
                      extra={"netvlad": params.source})
    extractor = dataclasses.replace(extractor, params=params)
    done = store.load(include_chunks=True)
    fresh = {int(i) for i, h in zip(done.ids, done.hashes, strict=True) if current.get(int(i)) == h}
    summary.reused[extractor.base_spec] = len(fresh)
    todo = [row for row in images if row.id not in fresh]
    meter = RateMeter(f"extracting {extractor.base_spec}", len(todo))
    batch: list[tuple[ImageRow, np.ndarray]] = []

    def flush() -> None:
        if batch:
            store.append_chunk([r.id for r, _ in batch], np.stack([v for _, v in batch]), [r.sha256 for r, _ in batch])
            summary.computed[extractor.base_spec] = summary.computed.get(extractor.base_spec, 0) + len(batch)
            batch.clear()

    try:
        for n, (row, vector) in enumerate(describe_rows(project, todo, lambda rgb: extractor.pool(maps_of(rgb)),
                                                         extractor.max_side, threads, summary, cancel), 1):
            batch.append((row, vector))
            if len(batch) >= BATCH:
                flush()
                if progress is not None:
                    progress(meter.progress(n, row.path))
    finally:
        flush()  # a cancelled run keeps what it computed
    base = store.consolidate(current)
    if extractor.whitening_dim is not None:
        whitening = PCAWhitening(n_components=extractor.whitening_dim).fit(np.asarray(base.vectors))
        white = DescriptorStore(project.descriptor_dir(spec))
        white.prepare(spec=extractor.spec, dim=extractor.whitening_dim, weights_sha256=extractor.weights_sha256,
                      extra={"whitening_fit_count": whitening.n_samples_seen_}, storage=storage)
        white.clear_vectors()
        whitening.save(white.dir / WHITENING_FILE)
        white.append_chunk(base.ids.tolist(), whitening.transform(np.asarray(base.vectors)), base.hashes.tolist())
        white.consolidate(current)
    summary.seconds = time.perf_counter() - start
    summary.images_per_s = len(todo) / summary.seconds if summary.seconds > 0 else 0.0
    return summary
