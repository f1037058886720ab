"""The one extraction loop (issue #17 part 4): global descriptors, NetVLAD, local features and the
shards of a distributed extraction all fill their stores through :func:`run_extraction`.

* resumable: :func:`open_sink` prepares a store and asks it which images it already holds as they
  are now (:meth:`~..core.chunked_store.ChunkedStore.up_to_date`); only the others are described;
* images are read ahead in a thread pool (``core.jobs.ordered_prefetch``: decoding, and describing
  where that is thread-safe), the records appended to the stores every ``batch_size`` images, so
  a killed run loses at most one batch; a cancelled or failing run keeps what it computed;
* progress after each batch through ``RateMeter``; a ``CancelToken`` stops the read-ahead;
* unreadable images are skipped and recorded (``summary.errors`` and ``on_unreadable``);
* a method whose parameters are fitted on the collection (NetVLAD's k-means, the DELF-style PCA)
  brings a :class:`FitStep` (:func:`fit_then_extract`): fitted first on a seeded sample read the
  same way; refitting discards the store's records, which were made with the old parameters.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from heritage_explorer.core.chunked_store import ChunkedStore
from heritage_explorer.core.errors import UnreadableImageError
from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter, ordered_prefetch
from heritage_explorer.core.records import ImageRow

DEFAULT_BATCH = 16  # images per persisted chunk: a killed run recomputes at most this many
ProgressFn = Callable[[Progress], None] | None
OnUnreadable = Callable[[ImageRow, str], None] | None


@dataclass
class ExtractSummary:
    specs: list[str]
    computed: dict[str, int] = field(default_factory=dict)  # spec -> images described in this run
    reused: dict[str, int] = field(default_factory=dict)  # spec -> images already up to date
    #: (path, reason) of every catalog image skipped because it cannot be used, whether this run or
    #: the import found it out (``extract.skipped_images``): the count and the list always agree.
    errors: list[tuple[str, str]] = field(default_factory=list)
    discarded: dict[str, str] = field(default_factory=dict)  # spec -> why its stored records were thrown away
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

    def timed(self, start: float, described: int) -> ExtractSummary:
        """Record the run's duration since ``start`` (``time.perf_counter``) and its rate."""
        self.seconds = time.perf_counter() - start
        self.images_per_s = described / self.seconds if self.seconds > 0 else 0.0
        return self


@dataclass
class Sink:
    """One store being filled: its spec, the images it holds up to date, the records not yet flushed."""

    spec: str
    store: ChunkedStore
    up_to_date: set[int] = field(default_factory=set)
    pending: list[tuple[ImageRow, Any]] = field(default_factory=list)

    def wants(self, row: ImageRow) -> bool:
        return row.id not in self.up_to_date

    def add(self, row: ImageRow, record: Any) -> None:
        self.pending.append((row, record))
        self.up_to_date.add(row.id)

    def flush(self, summary: ExtractSummary) -> None:
        """Append the pending records to the store as one chunk."""
        if self.pending:
            rows = [row for row, _ in self.pending]
            self.store.append_chunk([row.id for row in rows], [record for _, record in self.pending],
                                    [row.sha256 for row in rows])
            summary.computed[self.spec] = summary.computed.get(self.spec, 0) + len(rows)
            self.pending.clear()

    def discard(self, summary: ExtractSummary) -> None:
        """Forget every stored record (they were made with parameters that are being refitted)."""
        self.store.clear_data()
        self.up_to_date.clear()
        summary.reused[self.spec] = 0


def open_sink(spec: str, store: ChunkedStore, prepare: Callable[[], bool], current: dict[int, str],
              summary: ExtractSummary) -> Sink:
    """Make ``store`` ready (``prepare()`` returns False when it discarded records made otherwise) and
    read which images it holds up to date (``current``: id -> content hash); damaged files are
    discarded, finished chunks of an interrupted run kept. Reasons go to ``summary.discarded``."""
    existed = store.meta_path.exists()
    if not prepare() and existed:
        summary.discarded[spec] = "made with other weights or settings (or unreadable metadata)"
    done, damage = store.up_to_date(current)
    if damage is not None:
        summary.discarded[spec] = damage
    summary.reused[spec] = len(done)
    return Sink(spec, store, done)


def read_rows(rows: Sequence[ImageRow], read: Callable[[ImageRow], Any], *, threads: int, summary: ExtractSummary,
              on_unreadable: OnUnreadable, cancel: CancelToken | None) -> Iterator[tuple[ImageRow, Any]]:
    """(row, ``read(row)``) in order, read ahead in ``threads`` threads. An image ``read`` finds
    unreadable (:class:`UnreadableImageError`) is recorded and comes with the error as its value."""

    def work(row: ImageRow) -> Any:
        try:
            return read(row)
        except UnreadableImageError as exc:
            return exc

    for row, value in ordered_prefetch(work, rows, threads=threads, cancel=cancel, name="extract"):
        if isinstance(value, UnreadableImageError):
            if on_unreadable is not None:
                on_unreadable(row, value.reason)
            summary.errors.append((row.path, value.reason))
        yield row, value


def run_extraction(rows: Sequence[ImageRow], sinks: Sequence[Sink], read: Callable[[ImageRow], Any],
                   describe: Callable[[Any, list[Sink]], list[Any]] | None = None, *, stage: str,
                   summary: ExtractSummary, threads: int = 2, batch_size: int = DEFAULT_BATCH,
                   on_unreadable: OnUnreadable = None, progress: ProgressFn = None,
                   cancel: CancelToken | None = None) -> int:
    """Describe the ``rows`` some sink lacks into the sinks; returns the images described.

    ``read(row)`` runs in the read-ahead threads; ``describe(value, wanting)`` on this thread gives
    one record per sink of ``wanting`` (the sinks lacking the image) — without it the value read is
    the record (one sink). Every ``batch_size`` images the sinks are flushed and progress reported.
    """
    todo = [row for row in rows if any(sink.wants(row) for sink in sinks)]
    if not todo:
        return 0
    meter = RateMeter(stage, len(todo))
    described = 0
    try:
        for n, (row, value) in enumerate(read_rows(todo, read, threads=threads, summary=summary,
                                                   on_unreadable=on_unreadable, cancel=cancel), 1):
            if not isinstance(value, UnreadableImageError):
                wanting = [sink for sink in sinks if sink.wants(row)]
                records = describe(value, wanting) if describe is not None else [value]
                for sink, record in zip(wanting, records, strict=True):
                    sink.add(row, record)
                described += 1
            if n % batch_size == 0 or n == len(todo):
                for sink in sinks:
                    sink.flush(summary)
                if progress is not None:
                    progress(meter.progress(n, row.path))
    finally:
        for sink in sinks:
            sink.flush(summary)  # a cancelled or failing run keeps what it computed
    return described


@dataclass
class FitStep:
    """Parameters a method fits on a seeded sample of the collection before describing it."""

    sample_size: int
    ready: Callable[[], bool]  # loads saved parameters; False when there are none to use
    read: Callable[[ImageRow], Any]  # the raw features of one image (in the read-ahead threads)
    fit: Callable[[list[tuple[ImageRow, Any]]], list[Any] | None]  # fits, saves; the sample's records or None


def seeded_sample(rows: Sequence[ImageRow], size: int, seed: int = 0) -> list[ImageRow]:
    """``size`` of ``rows`` (all when fewer), drawn with ``seed``, in their order."""
    chosen = np.random.default_rng(seed).choice(len(rows), min(size, len(rows)), replace=False)
    return [rows[i] for i in sorted(chosen)]


def fit_then_extract(rows: Sequence[ImageRow], sink: Sink, read: Callable[[ImageRow], Any], fit: FitStep | None, *,
                     stage: str, summary: ExtractSummary, threads: int = 2, batch_size: int = DEFAULT_BATCH,
                     on_unreadable: OnUnreadable = None, progress: ProgressFn = None,
                     cancel: CancelToken | None = None) -> int:
    """:func:`run_extraction` into one sink, its :class:`FitStep` fitted first when it has no saved
    parameters (the sink's records are then discarded, and those the fit made kept)."""
    described = 0
    if fit is not None and any(sink.wants(row) for row in rows) and not fit.ready():
        sink.discard(summary)
        sample = [(row, raw) for row, raw in read_rows(seeded_sample(rows, fit.sample_size), fit.read,
                                                       threads=threads, summary=summary,
                                                       on_unreadable=on_unreadable, cancel=cancel)
                  if not isinstance(raw, UnreadableImageError)]
        records = fit.fit(sample)
        if records is not None:
            for start in range(0, len(sample), batch_size):
                for (row, _), record in zip(sample[start:start + batch_size], records[start:start + batch_size],
                                            strict=True):
                    sink.add(row, record)
                sink.flush(summary)
            described = len(sample)
    return described + run_extraction(rows, [sink], read, stage=stage, summary=summary, threads=threads,
                                      batch_size=batch_size, on_unreadable=on_unreadable, progress=progress,
                                      cancel=cancel)
