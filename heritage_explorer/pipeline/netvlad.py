"""NetVLAD in a project: parameters fitted on the collection (k-means on a sample), then every image described.

The vectors go to the ordinary descriptor store, with their fitted parameters (``netvlad.npz``)
beside them, through the one extraction loop (``extraction_loop.fit_then_extract``, the k-means
being its fit step); ``+pcaw<D>`` is then fitted as for every global method
(``whiten.fit_whitened_store``: the one PCA, which goes through the N×N Gram matrix for vectors this long).
"""

from __future__ import annotations

import dataclasses
import time
from contextlib import ExitStack
from typing import Any

import numpy as np

from heritage_explorer.core.imageio import load_rgb
from heritage_explorer.core.jobs import CancelToken
from heritage_explorer.core.records import ImageRow
from heritage_explorer.descriptors.method import MethodSpec
from heritage_explorer.descriptors.registry import create_extractor
from heritage_explorer.pipeline.extract import unreadable_in_catalog
from heritage_explorer.pipeline.extraction_loop import (
    ExtractSummary,
    FitStep,
    ProgressFn,
    fit_then_extract,
    open_sink,
)
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.store import DescriptorStore
from heritage_explorer.pipeline.whiten import fit_whitened_store

NETVLAD_FILE = "netvlad.npz"
NETVLAD_FIT_IMAGES = 200


def extract_netvlad(project: Project, spec: MethodSpec, *, precision: str | None = None, threads: int = 2,
                    storage: str | None = None, progress: ProgressFn = None,
                    cancel: CancelToken | None = None) -> ExtractSummary:
    """NetVLAD vectors of every image: parameters fitted on a sample first (k-means), then described.

    The fitted parameters (``netvlad.npz``) sit in the base store's folder and are kept while
    the backbone weights are the same, so adding images later reuses them; ``+pcaw<D>`` is
    fitted afterwards (:func:`~.whiten.fit_whitened_store`).
    """
    start = time.perf_counter()
    extractor = create_extractor(spec, precision=precision)
    summary = ExtractSummary([extractor.spec])
    images = project.catalog.images(status="ok")
    current = {row.id: row.sha256 for row in images}
    store = DescriptorStore(project.descriptor_dir(spec.base))
    with ExitStack() as locks:
        for descriptor in dict.fromkeys((spec.base, spec)):
            locks.enter_context(DescriptorStore(project.descriptor_dir(descriptor)).writer_lock(descriptor.spec))
        sink = open_sink(extractor.base_spec, store, lambda: store.prepare(
            spec=extractor.base_spec, dim=extractor.raw_dim, weights_sha256=extractor.weights_sha256,
            storage=storage), current, summary)
        step = _KMeansStep(extractor, store, precision)
        described = fit_then_extract(
            images, sink, step.describe, step.fit_step(), stage=f"extracting {extractor.base_spec}", summary=summary,
            threads=threads, on_unreadable=unreadable_in_catalog(project),
            progress=progress, cancel=cancel)
        store.consolidate(current)
        if extractor.whitening_dim is not None:
            fit_whitened_store(project, extractor, current, storage=storage)
    return summary.timed(start, described)


@dataclasses.dataclass
class _KMeansStep:
    """The NetVLAD fit step (k-means centres, assignment and projection on a seeded sample) and the
    description of an image with the fitted parameters."""

    extractor: Any
    store: DescriptorStore
    precision: str | None

    def _maps(self, row: ImageRow) -> dict:
        backbone = self.extractor.backbone()
        x = backbone.prepare(self.extractor.prepare_image(load_rgb(row.abspath, self.extractor.max_side)))[None]
        return {1.0: backbone.feature_maps(x, self.precision)}

    def describe(self, row: ImageRow) -> np.ndarray:
        return self.extractor.pool(self._maps(row))

    def fit_step(self) -> FitStep:
        from heritage_explorer.descriptors.netvlad import NetVladParams, fit_netvlad

        path = self.store.dir / NETVLAD_FILE

        def ready() -> bool:
            if path.exists():
                self.extractor = dataclasses.replace(self.extractor, params=NetVladParams.load(path))
            return path.exists()

        def fit(sample: list[tuple[ImageRow, np.ndarray]]) -> None:
            params = fit_netvlad([raw for _, raw in sample])
            params.save(path)
            self.store.update_meta(netvlad=params.source)
            self.extractor = dataclasses.replace(self.extractor, params=params)

        return FitStep(NETVLAD_FIT_IMAGES, ready, lambda row: self.extractor.maps_to_descriptors(self._maps(row)), fit)
