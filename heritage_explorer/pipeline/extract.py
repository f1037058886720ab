"""Descriptor extraction: decode in a thread pool, one forward pass per image shared by all methods
on the same backbone, batches appended to resumable stores, PCA-whitening fitted afterwards."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from heritage_explorer.core.errors import CorruptArtefactError, UnreadableImageError
from heritage_explorer.core.imageio import load_rgb
from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter, ordered_prefetch
from heritage_explorer.core.records import ImageRow
from heritage_explorer.descriptors.engines import canonical_engine
from heritage_explorer.descriptors.method import MethodSpec, as_descriptor
from heritage_explorer.descriptors.registry import Extractor, create_extractor, prepare_scales
from heritage_explorer.pipeline.engines import engine_for_store
from heritage_explorer.pipeline.importing import refresh_changed_images
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.store import DescriptorStore
from heritage_explorer.pipeline.whiten import fit_whitened_store

DEFAULT_BATCH = 16  # images per persisted chunk: a killed run recomputes at most this many


@dataclass
class ExtractSummary:
    specs: list[str]
    computed: dict[str, int] = field(default_factory=dict)  # spec -> images described in this run
    reused: dict[str, int] = field(default_factory=dict)  # spec -> images already up to date
    #: (path, reason) of every catalog image skipped because it cannot be used, whether this run or
    #: the import found it out (:func:`skipped_images`): the count and the list always agree.
    errors: list[tuple[str, str]] = field(default_factory=list)
    discarded: dict[str, str] = field(default_factory=dict)  # spec -> why its stored vectors were thrown away
    engines: dict[str, str] = field(default_factory=dict)  # spec -> inference engine of its vectors
    notes: list[str] = field(default_factory=list)  # e.g. the default engine is not installed: fallback used
    seconds: float = 0.0
    images_per_s: float = 0.0

    def to_json(self) -> dict:
        return {
            "specs": self.specs,
            "computed": self.computed,
            "reused": self.reused,
            "errors": [{"path": p, "error": e} for p, e in self.errors],
            "discarded": self.discarded,
            "engines": self.engines,
            "notes": self.notes,
            "seconds": round(self.seconds, 3),
            "images_per_s": round(self.images_per_s, 3),
        }


def extract_methods(
    project: Project,
    specs: Sequence[str | MethodSpec],
    *,
    precision: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    decode_threads: int = 2,
    storage: str | None = None,
    progress: Callable[[Progress], None] | None = None,
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
            on_unreadable=lambda row, reason: project.catalog.set_image_status(row.id, "error", reason),
            progress=progress, cancel=cancel,
        )
        current = {row.id: row.sha256 for row in images}
        for extractor in extractors:
            if extractor.whitening_dim is not None:
                fit_whitened_store(project, extractor, current, storage=storage)
            elif extractor.spec != extractor.base_spec:  # +adapt:NAME (issue #19)
                from heritage_explorer.pipeline.adapt_apply import apply_adaptation

                apply_adaptation(project, extractor.descriptor, current, storage=storage)
    summary.errors = skipped_images(project)
    summary.seconds = time.perf_counter() - start
    summary.images_per_s = described / summary.seconds if summary.seconds > 0 else 0.0
    return summary


def interrupted_extractions(project: Project) -> dict[str, int]:
    """Spec -> finished batches kept by an extraction that did not end (cancelled, killed, the
    window closed): chunks not yet consolidated. Extracting the spec again resumes from them."""
    found = {}
    for meta_path in sorted((project.root / "descriptors").glob("*/meta.json")):
        batches = sum(1 for _ in (meta_path.parent / "chunks").glob("*.npz"))
        if not batches:
            continue
        try:
            spec = json.loads(meta_path.read_text()).get("spec")
        except (OSError, ValueError):
            continue
        if spec:
            found[spec] = batches
    return found


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
    on_unreadable: Callable[[ImageRow, str], None] | None = None,
    progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """Describe ``images`` with each extractor into ``store_of(descriptor)``; returns the images described.

    The one extraction loop: :func:`extract_methods` runs it over a whole catalog, and each
    shard of a distributed extraction (``pipeline/distributed.py``) over its part, into its own
    stores. Resumable: images whose vector is up to date in the store are skipped. The caller
    holds the stores' writer locks. Each extractor's ``precision`` names the engine its maps are
    computed with (methods on one backbone and engine share the forward pass). Each store ends
    consolidated with exactly the rows of ``images`` (others are dropped); unreadable images go to
    ``summary.errors`` and ``on_unreadable``.
    """
    current = {row.id: row.sha256 for row in images}

    groups: dict[tuple, list] = {}
    for extractor in base_extractors:
        key = (extractor.backbone_key, extractor.max_side, extractor.grayscale, extractor.precision)
        groups.setdefault(key, []).append(extractor)

    described = 0
    for (_, max_side, grayscale, engine), members in groups.items():
        plans = []
        for extractor in members:
            store = store_of(extractor.descriptor)
            plans.append(_Plan(extractor, store, up_to_date_ids(store, extractor, current, summary, storage)))
        todo = [row for row in images if any(row.id not in plan.up_to_date for plan in plans)]
        group = _GroupRun(plans, max_side, grayscale, engine, summary, on_unreadable)
        described += group.run(todo, batch_size, decode_threads, progress, cancel)
        for plan in plans:
            plan.store.consolidate(current)
    return described


def up_to_date_ids(store: DescriptorStore, extractor: Extractor, current: dict[int, str], summary: ExtractSummary,
                   storage: str | None = None) -> set[int]:
    """Make ``store`` ready for ``extractor``; the ids whose stored vector matches ``current`` (id -> hash).

    Vectors of other weights or settings, and the files of a damaged store, are discarded (the
    reason goes to ``summary.discarded``); finished chunks of an interrupted run are kept.
    """
    spec = extractor.spec
    existed = store.meta_path.exists()
    engine = canonical_engine(extractor.precision) if extractor.backbone_key is not None else None
    kept = store.prepare(spec=spec, dim=extractor.dim, weights_sha256=extractor.weights_sha256, storage=storage,
                         engine=engine)
    if existed and not kept:
        summary.discarded[spec] = "made with other weights or settings (or unreadable metadata)"
    try:
        done = store.load(include_chunks=True, verify=True)
    except CorruptArtefactError as exc:
        summary.discarded[spec] = f"damaged ({exc})"
        store.clear_vectors(keep_chunks=True)
        done = store.load(include_chunks=True)
    up_to_date = {int(i) for i, h in zip(done.ids, done.hashes, strict=True) if current.get(int(i)) == h}
    summary.reused[spec] = len(up_to_date)
    return up_to_date


@dataclass
class _Plan:
    """One method of a backbone group: where its vectors go, and which images are already done."""

    extractor: Any
    store: DescriptorStore
    up_to_date: set[int]
    ids: list[int] = field(default_factory=list)
    vectors: list[np.ndarray] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)

    def flush(self, summary: ExtractSummary) -> None:
        if self.ids:
            self.store.append_chunk(self.ids, np.stack(self.vectors), self.hashes)
            spec = self.extractor.spec
            summary.computed[spec] = summary.computed.get(spec, 0) + len(self.ids)
            self.ids, self.vectors, self.hashes = [], [], []


@dataclass
class _GroupRun:
    """Methods sharing a backbone, input size and colour mode: one decode and one forward pass per image."""

    plans: list[_Plan]
    max_side: int
    grayscale: bool
    precision: str
    summary: ExtractSummary
    on_unreadable: Callable[[ImageRow, str], None] | None

    def run(self, todo: list[ImageRow], batch_size: int, decode_threads: int,
            progress: Callable[[Progress], None] | None, cancel: CancelToken | None) -> int:
        if not todo:
            return 0
        backbone = self.plans[0].extractor.backbone()
        scales = tuple(sorted({s for plan in self.plans for s in plan.extractor.scales}, reverse=True))
        meter = RateMeter("extracting " + ", ".join(plan.extractor.spec for plan in self.plans), len(todo))
        count = 0
        try:
            decoded = _decoded(todo, self.max_side, self.grayscale, decode_threads, cancel)
            for n, (row, rgb) in enumerate(decoded, 1):
                if isinstance(rgb, UnreadableImageError):
                    if self.on_unreadable is not None:
                        self.on_unreadable(row, rgb.reason)
                    self.summary.errors.append((row.path, rgb.reason))
                else:
                    self._describe(row, rgb, backbone, scales)
                    count += 1
                if n % batch_size == 0 or n == len(todo):
                    self._flush()
                    if progress is not None:
                        progress(meter.progress(n, row.path))
        finally:
            self._flush()  # a cancelled or failing run keeps what it computed
        return count

    def _describe(self, row: ImageRow, rgb: np.ndarray, backbone, scales: tuple[float, ...]) -> None:
        maps = None
        if backbone is not None:
            inputs = prepare_scales(backbone, rgb, scales)
            maps = {s: backbone.feature_maps(x, precision=self.precision) for s, x in inputs.items()}
        for plan in self.plans:
            if row.id in plan.up_to_date:
                continue
            plan.ids.append(row.id)
            plan.vectors.append(plan.extractor.pool(maps) if maps is not None else plan.extractor.describe(rgb))
            plan.hashes.append(row.sha256)

    def _flush(self) -> None:
        for plan in self.plans:
            plan.flush(self.summary)


def _decoded(
    rows: list[ImageRow], max_side: int, grayscale: bool, threads: int, cancel: CancelToken | None
) -> Iterator[tuple[ImageRow, np.ndarray | UnreadableImageError]]:
    """Decode images ahead of the model in a thread pool (PIL releases the GIL while decoding)."""

    def decode(row: ImageRow) -> np.ndarray | UnreadableImageError:
        try:
            return load_rgb(row.abspath, max_side, grayscale=grayscale)
        except UnreadableImageError as exc:
            return exc

    return ordered_prefetch(decode, rows, threads=threads, cancel=cancel, name="decode")
