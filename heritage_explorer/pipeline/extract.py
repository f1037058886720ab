"""Descriptor extraction: decode in a thread pool, one forward pass per image shared by all methods
on the same backbone, batches appended to resumable stores, PCA-whitening fitted afterwards."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack

import numpy as np

from heritage_explorer.core.chunked_store import ChunkedStore
from heritage_explorer.core.imageio import load_rgb
from heritage_explorer.core.jobs import CancelToken
from heritage_explorer.core.records import ImageRow
from heritage_explorer.descriptors.engines import canonical_engine
from heritage_explorer.descriptors.method import MethodSpec, as_descriptor
from heritage_explorer.descriptors.registry import Extractor, create_extractor, prepare_scales
from heritage_explorer.pipeline.engines import engine_for_store
from heritage_explorer.pipeline.extraction_loop import (
    DEFAULT_BATCH,
    ExtractSummary,
    OnUnreadable,
    ProgressFn,
    Sink,
    open_sink,
    run_extraction,
)
from heritage_explorer.pipeline.importing import refresh_changed_images
from heritage_explorer.pipeline.project import DESCRIPTORS_DIR, LOCAL_DIR, Project
from heritage_explorer.pipeline.store import DescriptorStore
from heritage_explorer.pipeline.whiten import fit_whitened_store


def extract_methods(
    project: Project,
    specs: Sequence[str | MethodSpec],
    *,
    precision: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    decode_threads: int = 2,
    storage: str | None = None,
    progress: ProgressFn = None,
    cancel: CancelToken | None = None,
) -> ExtractSummary:
    """Describe every readable catalog image with each method; resumable and cancellable.

    ``precision`` names the inference engine (``descriptors/engines.py``; ``bf16``/``fp32`` mean
    ``torch-bf16``/``torch-fp32``). None: each store keeps the engine that made its vectors, a new
    store gets the project's default engine (see :func:`~.engines.engine_for_store`).

    ``storage`` (``float32``/``float16``) sets how the stores keep their vectors (see
    ``pipeline/store.py``); None keeps each store's current choice (float32 for a new one).

    Images whose descriptors are up to date (same content hash, same weights) are skipped, so a
    second call after a crash or a cancel continues where the first stopped. Images changed on
    disk since they were read are re-hashed first; a store whose files fail their checksum is
    discarded and recomputed. Each store is written by one extraction at a time: another one
    (process or thread) on the same spec raises :class:`ProjectError` ("busy").
    """
    project.require_writable("extraction")
    start = time.perf_counter()
    descriptors = list(dict.fromkeys(as_descriptor(spec, "extraction") for spec in specs))
    summary = ExtractSummary([d.spec for d in descriptors])
    bases = list(dict.fromkeys(d.base for d in descriptors))
    engine_of = {}  # base descriptor -> engine; methods without a network (colour histograms) ignore it
    for base in bases:
        store = DescriptorStore(project.descriptor_dir(base))
        has_network = create_extractor(base).backbone_key is not None
        engine_of[base] = engine_for_store(store, base.spec, precision, summary.notes) if has_network else "torch-bf16"
    extractors = [create_extractor(d, precision=engine_of[d.base]) for d in descriptors]
    base_extractors = [create_extractor(base, precision=engine_of[base]) for base in bases]
    summary.engines = {e.spec: engine_of[e.descriptor.base] for e in extractors if e.backbone_key is not None}
    with ExitStack() as locks:
        for descriptor in sorted({e.descriptor for e in extractors} | set(bases), key=str):
            locks.enter_context(DescriptorStore(project.descriptor_dir(descriptor)).writer_lock(descriptor.spec))
        refresh_changed_images(project)  # an image that became unreadable is in skipped_images below
        images = project.catalog.images(status="ok")
        described = extract_rows(
            images, base_extractors, lambda descriptor: DescriptorStore(project.descriptor_dir(descriptor)), summary,
            batch_size=batch_size, decode_threads=decode_threads, storage=storage,
            on_unreadable=unreadable_in_catalog(project), progress=progress, cancel=cancel,
        )
        current = {row.id: row.sha256 for row in images}
        for extractor in extractors:
            if extractor.whitening_dim is not None:
                fit_whitened_store(project, extractor, current, storage=storage)
            elif extractor.spec != extractor.base_spec:  # +adapt:NAME (issue #19)
                from heritage_explorer.pipeline.adapt_apply import apply_adaptation

                apply_adaptation(project, extractor.descriptor, current, storage=storage)
    summary.errors = skipped_images(project)
    return summary.timed(start, described)


def interrupted_extractions(project: Project) -> dict[str, int]:
    """Spec -> finished batches kept by an extraction that did not end (cancelled, killed, the
    window closed): chunks not yet consolidated, in a global or a local store. Extracting the spec
    again resumes from them."""
    found = {}
    for folder in (DESCRIPTORS_DIR, LOCAL_DIR):
        for meta_path in sorted((project.root / folder).glob("*/meta.json")):
            store = ChunkedStore(meta_path.parent)
            spec = (store.meta_or_none() or {}).get("spec") if store.chunk_count() else None
            if spec:
                found[spec] = store.chunk_count()
    return found


def unreadable_in_catalog(project: Project) -> OnUnreadable:
    """What an extraction does with an image it cannot read: mark it ``error`` in the catalog, with why."""
    return lambda row, reason: project.catalog.set_image_status(row.id, "error", reason)


def skipped_images(project: Project) -> list[tuple[str, str]]:
    """(path, reason) of the catalog's images an extraction skips (``Catalog.problems``)."""
    return [(row.path, row.error or row.status) for row in project.catalog.problems()]


def extract_rows(
    images: list[ImageRow],
    base_extractors: list[Extractor],
    store_of: Callable[[MethodSpec], DescriptorStore],
    summary: ExtractSummary,
    *,
    batch_size: int = DEFAULT_BATCH,
    decode_threads: int = 2,
    storage: str | None = None,
    on_unreadable: OnUnreadable = None,
    progress: ProgressFn = None,
    cancel: CancelToken | None = None,
) -> int:
    """Describe ``images`` with each extractor into ``store_of(descriptor)``; returns the images described.

    :func:`extract_methods` runs it over a whole catalog, and each shard of a distributed
    extraction (``pipeline/distributed.py``) over its part, into its own stores; both through the
    one loop, :func:`~.extraction_loop.run_extraction`, per group of methods sharing a backbone,
    input size, colour mode and engine (one decode and one forward pass per image). Resumable:
    images whose vector is up to date in the store are skipped. The caller holds the stores'
    writer locks. Each store ends consolidated with exactly the rows of ``images`` (others are
    dropped); unreadable images go to ``summary.errors`` and ``on_unreadable``.
    """
    current = {row.id: row.sha256 for row in images}
    groups: dict[tuple, list[Extractor]] = {}
    for extractor in base_extractors:
        key = (extractor.backbone_key, extractor.max_side, extractor.grayscale, extractor.precision)
        groups.setdefault(key, []).append(extractor)
    described = 0
    for (_, max_side, grayscale, engine), members in groups.items():
        sinks = [global_sink(store_of(extractor.descriptor), extractor, current, summary, storage)
                 for extractor in members]
        described += run_extraction(
            images, sinks, lambda row, m=max_side, g=grayscale: load_rgb(row.abspath, m, grayscale=g),
            _group_describer(members, engine, any(sink.wants(row) for sink in sinks for row in images)),
            stage="extracting " + ", ".join(extractor.spec for extractor in members), summary=summary,
            threads=decode_threads, batch_size=batch_size, on_unreadable=on_unreadable, progress=progress,
            cancel=cancel)
        for sink in sinks:
            sink.store.consolidate(current)
    return described


def _group_describer(members: list[Extractor], engine: str, needed: bool) -> Callable[[np.ndarray, list[Sink]], list]:
    """One forward pass of the group's backbone per image (at every scale a member needs), pooled by
    each member whose store lacks the image; methods without a network describe the pixels."""
    backbone = members[0].backbone() if needed else None  # not loaded when every store is up to date
    scales = tuple(sorted({s for extractor in members for s in extractor.scales}, reverse=True))
    by_spec = {extractor.spec: extractor for extractor in members}

    def describe(rgb: np.ndarray, wanting: list[Sink]) -> list[np.ndarray]:
        if backbone is None:
            return [by_spec[sink.spec].describe(rgb) for sink in wanting]
        inputs = prepare_scales(backbone, rgb, scales)
        maps = {s: backbone.feature_maps(x, precision=engine) for s, x in inputs.items()}
        return [by_spec[sink.spec].pool(maps) for sink in wanting]

    return describe


def global_sink(store: DescriptorStore, extractor: Extractor, current: dict[int, str], summary: ExtractSummary,
                storage: str | None = None) -> Sink:
    """``store`` made ready for ``extractor`` (its spec, dimension, weights, engine and ``storage``),
    with the ids whose stored vector matches ``current`` (id -> hash); see :func:`~.extraction_loop.open_sink`."""
    engine = canonical_engine(extractor.precision) if extractor.backbone_key is not None else None
    return open_sink(extractor.spec, store,
                     lambda: store.prepare(spec=extractor.spec, dim=extractor.dim,
                                           weights_sha256=extractor.weights_sha256, storage=storage, engine=engine),
                     current, summary)
