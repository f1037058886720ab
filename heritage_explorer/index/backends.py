"""One entry point for either backend: create an index from ``IndexParams``, load whichever is saved."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from heritage_explorer.index.hnsw import HnswIndex
from heritage_explorer.index.params import HNSWLIB, IndexParams
from heritage_explorer.index.saved import META_FILE, read_record

if TYPE_CHECKING:
    from heritage_explorer.index.compressed import IvfPqIndex

    Index = HnswIndex | IvfPqIndex  # the interface both share: add, query, ids, vectors, save, load


def create_index(dim: int, params: IndexParams, *, num_threads: int = -1) -> Index:
    """An empty index of ``params.backend`` (an IVF-PQ index trains on its first ``add``)."""
    if params.backend == HNSWLIB:
        return HnswIndex.from_params(dim, params, num_threads=num_threads)
    from heritage_explorer.index.compressed import IvfPqIndex  # imports faiss only when asked for

    return IvfPqIndex(dim, params, num_threads=num_threads)


def load_index(
    directory: str | Path,
    *,
    expected_meta: Mapping[str, Any] | None = None,
    num_threads: int = -1,
    full_check: bool = False,
) -> Index:
    """Load the index saved in ``directory``, of the backend its ``index.json`` names."""
    record = read_record(Path(directory) / META_FILE)
    if record["backend"] == HNSWLIB:
        cls: Any = HnswIndex
    else:
        from heritage_explorer.index.compressed import IvfPqIndex

        cls = IvfPqIndex
    return cls.load(directory, expected_meta=expected_meta, num_threads=num_threads, full_check=full_check)
