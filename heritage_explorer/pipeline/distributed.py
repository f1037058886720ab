"""Extraction spread over a Dask cluster: the same extraction loop per shard of the catalog.

The client (the machine holding the catalog) splits the images still to describe into shards of
consecutive ids; each worker runs :func:`describe_shard`, which is :func:`~.extract.extract_rows`
(the loop ``extract`` itself runs) into the shard's own descriptor stores under
``<project>/shards/``. The client then appends every shard store to the project's one store per
method and consolidates it (rows in ascending catalog id order, as always), records unreadable
images in the catalog, fits ``+pcaw`` whitening and builds the HNSW indexes. Only the client
touches the catalog; workers read images and write their own shard folders.

A killed run leaves finished batches in the shard stores; running it again with the same shard
size finds the same shards and resumes them. Workers must see the images and the project folder
at the paths the client sees (shared storage such as NFS), and have the package installed with
its ``distributed`` extra. Dask is imported only here, when a distributed extraction starts.
"""

from __future__ import annotations

import math
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from heritage_explorer.core.errors import (
    CancelledError,
    HeritageError,
    UnknownMethodError,
    command_hint,
)
from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter
from heritage_explorer.core.records import ImageRow
from heritage_explorer.descriptors.engines import resolve_engine
from heritage_explorer.descriptors.method import MethodSpec, as_descriptor
from heritage_explorer.descriptors.registry import create_extractor
from heritage_explorer.pipeline.extract import extract_rows, global_sink, skipped_images
from heritage_explorer.pipeline.extraction_loop import DEFAULT_BATCH, ExtractSummary
from heritage_explorer.pipeline.importing import refresh_changed_images
from heritage_explorer.pipeline.project import Project, spec_slug
from heritage_explorer.pipeline.search import build_index
from heritage_explorer.pipeline.store import DescriptorStore
from heritage_explorer.pipeline.whiten import fit_whitened_store

SHARDS_DIR = "shards"
MERGE_ROWS = 4096  # rows of a shard store appended to the project's store at a time
MAX_SHARD_SIZE = 1000  # images per shard: a lost worker costs at most this much work again
SHARDS_PER_WORKER = 4  # enough shards that fast workers take over the slow workers' share


@dataclass(frozen=True)
class ShardTask:
    """What one worker describes: ``rows`` with the base ``specs``, into stores under ``root``."""

    root: str
    specs: tuple[MethodSpec, ...]
    rows: tuple[ImageRow, ...]
    precision: str
    storage: str | None
    batch_size: int
    decode_threads: int


def shard_store(root: str | Path, spec: MethodSpec) -> DescriptorStore:
    """The store of ``spec`` in a shard folder (same naming as the project's ``descriptors/``)."""
    return DescriptorStore(Path(root) / spec_slug(spec.spec))


def describe_shard(task: ShardTask) -> dict[str, Any]:
    """Run on a worker: describe the shard's images into its own stores (resumable).

    Returns the counts and the unreadable images (id, path, reason) for the client to record.
    """
    extractors = [create_extractor(spec, precision=task.precision) for spec in task.specs]
    summary = ExtractSummary([s.spec for s in task.specs])
    unreadable: list[tuple[int, str, str]] = []
    with ExitStack() as locks:
        for spec in task.specs:
            locks.enter_context(shard_store(task.root, spec).writer_lock(spec.spec))
        described = extract_rows(
            list(task.rows), extractors, lambda spec: shard_store(task.root, spec), summary,
            batch_size=task.batch_size, decode_threads=task.decode_threads,
            storage=task.storage, on_unreadable=lambda row, reason: unreadable.append((row.id, row.path, reason)),
        )
    return {"root": task.root, "described": described, "computed": summary.computed, "unreadable": unreadable}


def extract_distributed(
    project: Project,
    specs: Sequence[MethodSpec | str],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    shard_size: int | None = None,
    precision: str | None = None,
    storage: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    decode_threads: int = 2,
    build_indexes: bool = True,
    progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> ExtractSummary:
    """Describe the catalog's images with ``specs`` on a Dask cluster, then merge and index.

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``); without it a
    local cluster of ``workers`` processes (one thread each) is started for the call. Covers the
    registry's global methods (CNN poolings, colour histogram, ``+ms``/``+gray``/``+pcaw``);
    NetVLAD and local features need a fitting or matching step and run with ``extract``.
    ``precision`` (an engine or torch precision) is resolved here, on the client: None is this
    machine's default engine, and every worker uses that one, whatever its own CPU.
    """
    project.require_writable("extraction")
    precision = resolve_engine(precision).name
    if scheduler is None and (workers is None or workers < 1):
        raise HeritageError("give a scheduler address or a number of local workers (>= 1)")
    start = time.perf_counter()
    hint = ("distributed extraction covers the registry's global methods; extract NetVLAD and local features "
            "on one machine, run: "
            + command_hint("extract", "--project", project.root, *(a for spec in specs for a in ("--method", spec))))
    try:
        specs = list(dict.fromkeys(as_descriptor(spec, "distributed extraction") for spec in specs))
    except UnknownMethodError as exc:
        raise HeritageError(f"{exc}. Note: {hint}") from exc
    if any(spec.netvlad for spec in specs):
        raise HeritageError(f"{', '.join(str(s) for s in specs if s.netvlad)}: {hint}")
    try:
        extractors = [create_extractor(spec, precision=precision) for spec in specs]
    except UnknownMethodError as exc:
        raise HeritageError(f"{exc}. Note: {hint}") from exc
    base_specs = list(dict.fromkeys(e.descriptor.base for e in extractors))
    base_extractors = [create_extractor(spec, precision=precision) for spec in base_specs]
    summary = ExtractSummary([e.spec for e in extractors])
    with ExitStack() as locks:
        for spec in sorted({e.descriptor for e in extractors} | set(base_specs), key=str):
            locks.enter_context(DescriptorStore(project.descriptor_dir(spec)).writer_lock(spec.spec))
        refresh_changed_images(project)
        images = project.catalog.images(status="ok")
        current = {row.id: row.sha256 for row in images}
        todo = _images_to_describe(project, base_extractors, images, storage, summary)
        run_dir = project.root / SHARDS_DIR / spec_slug("+".join(sorted(map(str, base_specs))))
        tasks = _shard_tasks(todo, run_dir, base_specs, precision, storage, batch_size, decode_threads,
                             shard_size, workers)
        results = []
        if tasks:  # nothing to describe: no cluster to start
            with _client(scheduler, workers) as client:
                results = _run_shards(client, tasks, len(todo), progress, cancel)
        for image_id, _, reason in (u for result in results for u in result["unreadable"]):
            project.catalog.set_image_status(image_id, "error", reason)
        summary.errors = skipped_images(project)
        for spec in base_specs:
            computed = _merge_shards(project, spec, tasks, current)
            if computed:
                summary.computed[spec.spec] = computed
        for extractor in extractors:
            if extractor.whitening_dim is not None:
                fit_whitened_store(project, extractor, current, storage=storage)
        shutil.rmtree(run_dir, ignore_errors=True)
        try:
            run_dir.parent.rmdir()  # only when no other run's shards are left
        except OSError:
            pass
    if build_indexes:
        for extractor in extractors:
            build_index(project, extractor.descriptor)
    return summary.timed(start, sum(result["described"] for result in results))


def _images_to_describe(project: Project, base_extractors: list, images: list[ImageRow],
                        storage: str | None, summary: ExtractSummary) -> list[ImageRow]:
    """Images lacking an up-to-date vector in at least one of the project's base stores."""
    current = {row.id: row.sha256 for row in images}
    missing: set[int] = set()
    for base in base_extractors:
        store = DescriptorStore(project.descriptor_dir(base.descriptor))
        missing |= set(current) - global_sink(store, base, current, summary, storage).up_to_date
    return [row for row in images if row.id in missing]


def _shard_tasks(todo: list[ImageRow], run_dir: Path, specs: list[MethodSpec], precision: str, storage: str | None,
                 batch_size: int, decode_threads: int, shard_size: int | None, workers: int | None) -> list[ShardTask]:
    """Consecutive runs of ``todo``; a shard folder is named by its first and last image id."""
    if not todo:
        return []
    if shard_size is None:
        shard_size = min(MAX_SHARD_SIZE, max(1, math.ceil(len(todo) / (SHARDS_PER_WORKER * (workers or 4)))))
    tasks = []
    for start in range(0, len(todo), shard_size):
        rows = tuple(todo[start : start + shard_size])
        root = run_dir / f"{rows[0].id:09d}-{rows[-1].id:09d}"
        tasks.append(ShardTask(str(root), tuple(specs), rows, precision, storage, batch_size, decode_threads))
    return tasks


@contextmanager
def _client(scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """A Dask client: to the scheduler at ``scheduler``, or to a local cluster of ``workers`` processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise HeritageError(
            "distributed extraction needs Dask: pip install 'heritage-explorer[distributed]' "
            f"(or the pinned packages of requirements.txt); {exc}"
        ) from exc
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as exc:
            raise HeritageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _run_shards(client: Any, tasks: list[ShardTask], total: int, progress: Callable[[Progress], None] | None,
                cancel: CancelToken | None) -> list[dict[str, Any]]:
    """Submit every shard and wait for all of them, reporting images done; a cancel stops the rest."""
    from dask.distributed import as_completed

    meter = RateMeter(f"extracting on {len(client.scheduler_info().get('workers', {}))} workers", total)
    sizes = {task.root: len(task.rows) for task in tasks}
    futures = client.map(describe_shard, tasks, pure=False)
    results, done = [], 0
    try:
        for future in as_completed(futures):
            if cancel is not None and cancel.cancelled:
                raise CancelledError("cancelled by the user; finished shards are kept and resume next time")
            result = future.result()  # a worker's exception is raised here, naming the shard's error
            results.append(result)
            done += sizes[result["root"]]
            if progress is not None:
                progress(meter.progress(done, Path(result["root"]).name))
    except BaseException:
        client.cancel(futures)
        raise
    return results


def _merge_shards(project: Project, spec: MethodSpec, tasks: list[ShardTask], current: dict[int, str]) -> int:
    """Append every shard store of ``spec`` to the project's store, consolidate it; returns the rows merged."""
    store = DescriptorStore(project.descriptor_dir(spec))
    merged = 0
    for task in tasks:
        part = shard_store(task.root, spec).load(verify=True)
        for start in range(0, len(part), MERGE_ROWS):
            stop = min(start + MERGE_ROWS, len(part))
            store.append_chunk(part.ids[start:stop].tolist(), np.asarray(part.vectors[start:stop], np.float32),
                               part.hashes[start:stop].tolist())
        merged += len(part)
    store.consolidate(current)
    return merged
