"""A 2-D map of a collection from a method's stored global descriptors (issue #21 part 3).

The layout is computed from the very vectors search uses (:func:`.search.current_vectors`: the
images that are ok and unchanged since they were described), by openTSNE (the default) or UMAP,
both imported lazily here. openTSNE was chosen by measurement on the shared collections (README,
*Collection map*): it keeps more of each image's descriptor neighbours on the map, runs in the
same time or less, needs no JIT compilation on first use, and reports progress (and can stop) from
inside its optimisation.

Coordinates are scaled into [0, 1] (the longer side spans it, the aspect kept) and rounded, so
that the same seed gives the same file. :func:`write_map_png` draws the points coloured by group.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from heritage_explorer.core.atomic import atomic_write
from heritage_explorer.core.catalog import DISTRACTOR
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter
from heritage_explorer.descriptors.method import LocalSpec, Method, MethodSpec, RerankMethod, as_method
from heritage_explorer.evaluation.neighbourhood import NeighbourhoodFigures, neighbourhood_figures
from heritage_explorer.index.exact import ExactIndex
from heritage_explorer.index.hnsw import HnswIndex
from heritage_explorer.index.params import index_params
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.search import current_vectors

TSNE, UMAP = "tsne", "umap"
ALGORITHMS = (TSNE, UMAP)
DEFAULT_ALGORITHM = TSNE
MIN_IMAGES = 5  # below this neither method has neighbourhoods to keep
MAP_FORMAT = "heritage-explorer-map"
MAP_VERSION = 1
TSNE_PERPLEXITY = 30.0
TSNE_ITERATIONS = (250, 500)  # early exaggeration, then the main phase (openTSNE's defaults)
UMAP_NEIGHBOURS = 15
EXACT_NEIGHBOURS = 20_000  # exact cosine neighbours up to here, HNSW beyond
DIGITS = 6
ProgressFn = Callable[[Progress], None] | None


class MapError(HeritageError):
    """A map that cannot be made: no descriptors, too few images, a method without global vectors."""


@dataclass(frozen=True)
class MapPoint:
    image_id: int
    path: str
    group: str | None
    x: float
    y: float


@dataclass(frozen=True)
class CollectionMap:
    """The layout of ``points`` (catalog id order) by ``method`` with ``algorithm`` and ``seed``."""

    method: str
    algorithm: str
    seed: int
    parameters: dict
    points: list[MapPoint]
    seconds: float
    neighbourhood: NeighbourhoodFigures | None = None
    left_out: int = 0  # catalog images without a current descriptor

    def to_json(self) -> dict:
        doc = {"format": MAP_FORMAT, "version": MAP_VERSION, "method": self.method, "algorithm": self.algorithm,
               "seed": self.seed, "parameters": self.parameters, "n_images": len(self.points),
               "left_out": self.left_out, "seconds": round(self.seconds, 3),
               "points": [{"path": p.path, "x": p.x, "y": p.y} for p in self.points]}
        if self.neighbourhood is not None:
            doc["neighbourhood"] = self.neighbourhood.to_json()
        return doc


def map_descriptor(spec: Method | str) -> MethodSpec:
    """The stored global descriptor a map is laid out from, or a :class:`MapError` saying why ``spec`` has none."""
    method = as_method(spec)
    if isinstance(method, (LocalSpec, RerankMethod)):
        raise MapError(f"{method}: a map is laid out from global descriptors, and {method} "
                       f"{'is a local-feature method' if isinstance(method, LocalSpec) else 're-ranks with local features'}; "
                       "give a global method such as efflite0-gem (see 'heritage-explorer methods')")
    if method.expansion.active:
        raise MapError(f"{method}: query expansion changes the queries, not the collection's vectors; "
                       f"map {method.descriptor} instead")
    return method.descriptor


def map_vectors(project: Project, spec: Method | str) -> tuple[np.ndarray, list, int]:
    """The current float32 vectors of ``spec`` with their catalog rows, and how many images have none."""
    spec = map_descriptor(spec)
    stored = current_vectors(project, spec)
    rows = {row.id: row for row in project.catalog.images()}
    keep = [r for r, i in enumerate(stored.ids.tolist()) if int(i) in rows]
    if len(keep) < MIN_IMAGES:
        raise MapError(f"{spec}: {len(keep)} image{'s' if len(keep) != 1 else ''} of this project "
                       f"{'have' if len(keep) != 1 else 'has'} a current descriptor; a map needs at least "
                       f"{MIN_IMAGES}")
    vectors = np.asarray(stored.vectors, np.float32)[keep]
    return vectors, [rows[int(stored.ids[r])] for r in keep], len(rows) - len(keep)


def compute_map(
    project: Project, spec: Method | str, *, algorithm: str = DEFAULT_ALGORITHM, seed: int = 0,
    neighbourhood: bool = True, progress: ProgressFn = None, cancel: CancelToken | None = None,
) -> CollectionMap:
    """Lay out every image of ``project`` that has a current ``spec`` descriptor in 2-D.

    ``neighbourhood`` also measures how well the layout keeps the descriptor neighbourhoods
    (:mod:`..evaluation.neighbourhood`). The same ``seed`` gives the same coordinates.
    """
    if algorithm not in ALGORITHMS:
        raise MapError(f"unknown map algorithm {algorithm!r}; choose one of {', '.join(ALGORITHMS)}")
    spec = map_descriptor(spec)
    vectors, rows, left_out = map_vectors(project, spec)
    start = time.perf_counter()
    layout, parameters = (_tsne if algorithm == TSNE else _umap)(vectors, seed, progress, cancel)
    seconds = time.perf_counter() - start
    layout = normalise_layout(layout)
    points = [MapPoint(row.id, row.path, row.group, float(x), float(y))
              for row, (x, y) in zip(rows, layout.tolist(), strict=True)]
    figures = None
    if neighbourhood:
        if cancel is not None:
            cancel.raise_if_cancelled()
        figures = neighbourhood_figures(vectors, layout, [row.group for row in rows], seed=seed)
    return CollectionMap(str(spec), algorithm, seed, parameters, points, seconds, figures, left_out)


def normalise_layout(layout: np.ndarray) -> np.ndarray:
    """Shift to the origin and scale so that the longer side spans [0, 1]; rounded to ``DIGITS``."""
    layout = np.asarray(layout, np.float64)
    layout = layout - layout.min(axis=0)
    extent = float(layout.max()) or 1.0
    return np.round(layout / extent, DIGITS)


def _tsne(vectors: np.ndarray, seed: int, progress: ProgressFn,
          cancel: CancelToken | None) -> tuple[np.ndarray, dict]:
    try:
        from openTSNE import TSNE as OpenTSNE
    except ImportError as exc:
        raise MapError(f"the tsne map needs the openTSNE package ({exc}); install it with: "
                       "pip install openTSNE==1.0.4") from exc
    from openTSNE.affinity import PerplexityBasedNN
    from openTSNE.nearest_neighbors import PrecomputedNeighbors

    n = len(vectors)
    perplexity = min(TSNE_PERPLEXITY, (n - 1) / 3.0)
    total = sum(TSNE_ITERATIONS)
    meter = RateMeter("laying out (t-SNE)", total)
    every = 25
    calls = [0]

    def report(iteration: int, error: float, embedding) -> bool:
        calls[0] += 1  # every ``every`` iterations of either phase
        if progress is not None:
            progress(meter.progress(min(calls[0] * every, total), f"KL divergence {error:.3f}"))
        return cancel is not None and cancel.cancelled  # True stops openTSNE's optimisation

    # Our own neighbours (the index layer): openTSNE's search would first probe for pynndescent,
    # and importing it JIT-compiles numba code for a minute when umap-learn is installed beside it.
    neighbours, distances = cosine_neighbours(vectors, min(n - 1, int(3 * perplexity) + 1), progress, cancel)
    affinities = PerplexityBasedNN(knn_index=PrecomputedNeighbors(neighbours, distances), perplexity=perplexity,
                                   verbose=False)
    parameters = {"perplexity": round(perplexity, 3), "metric": "cosine",
                  "early_exaggeration_iter": TSNE_ITERATIONS[0], "n_iter": TSNE_ITERATIONS[1],
                  "initialization": "pca", "neighbours": "exact" if n <= EXACT_NEIGHBOURS else "hnsw"}
    tsne = OpenTSNE(n_components=2, initialization="pca", early_exaggeration_iter=TSNE_ITERATIONS[0],
                    n_iter=TSNE_ITERATIONS[1], random_state=seed, n_jobs=1,
                    callbacks=report, callbacks_every_iters=every, verbose=False)
    embedding = np.asarray(tsne.fit(vectors, affinities=affinities))
    if cancel is not None:
        cancel.raise_if_cancelled()
    if progress is not None and calls[0] * every < total:
        progress(meter.progress(total))
    return embedding, parameters


def cosine_neighbours(vectors: np.ndarray, k: int, progress: ProgressFn = None, cancel: CancelToken | None = None,
                      block: int = 1024) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``k`` nearest other rows by cosine distance (n×k rows, n×k distances, nearest first).

    Exact up to ``EXACT_NEIGHBOURS`` rows, HNSW (one thread: the same graph every run) beyond.
    """
    n = len(vectors)
    if n <= EXACT_NEIGHBOURS:
        index = ExactIndex(vectors.shape[1])
    else:
        index = HnswIndex.from_params(vectors.shape[1], index_params(n, vectors.shape[1]), num_threads=1)
    index.add(vectors, np.arange(n))
    neighbours = np.empty((n, k), np.int64)
    distances = np.empty((n, k), np.float64)
    meter = RateMeter("nearest neighbours", n)
    for start in range(0, n, block):
        if cancel is not None:
            cancel.raise_if_cancelled()
        rows = np.arange(start, min(start + block, n))
        ids, scores = index.query(vectors[rows], k + 1)
        for r, (row_ids, row_scores) in enumerate(zip(ids, scores, strict=True)):
            keep = row_ids != rows[r]
            if keep.all():  # a duplicate outranked the row itself: drop the farthest instead
                keep[-1] = False
            neighbours[start + r] = row_ids[keep][:k]
            distances[start + r] = np.clip(1.0 - row_scores[keep][:k].astype(np.float64), 0.0, 2.0)
        if progress is not None:
            progress(meter.progress(rows[-1] + 1))
    return neighbours, distances


def _umap(vectors: np.ndarray, seed: int, progress: ProgressFn,
          cancel: CancelToken | None) -> tuple[np.ndarray, dict]:
    if progress is not None:
        progress(Progress("laying out (UMAP)", 0, 1, message="importing umap (numba compiles on first use)"))
    try:
        import umap
    except ImportError as exc:
        raise MapError(f"the umap map needs the umap-learn package ({exc}); install it with: "
                       "pip install umap-learn==0.5.12") from exc
    if cancel is not None:
        cancel.raise_if_cancelled()
    n_neighbors = min(UMAP_NEIGHBOURS, len(vectors) - 1)
    parameters = {"n_neighbors": n_neighbors, "min_dist": 0.1, "metric": "cosine"}
    # random_state makes UMAP single-threaded and reproducible (its documented trade-off).
    reducer = umap.UMAP(n_components=2, n_neighbors=n_neighbors, min_dist=0.1, metric="cosine", random_state=seed,
                        n_jobs=1)
    embedding = np.asarray(reducer.fit_transform(vectors))
    if cancel is not None:
        cancel.raise_if_cancelled()
    if progress is not None:
        progress(Progress("laying out (UMAP)", 1, 1))
    return embedding, parameters


def write_map_png(collection_map: CollectionMap, path: str | Path, *, legend_max: int = 20) -> None:
    """A scatter of the map coloured by catalog group (grey: no group or distractor), written atomically."""
    import matplotlib
    from matplotlib.figure import Figure  # no pyplot: no GUI backend, safe in a worker thread

    groups = sorted({p.group for p in collection_map.points if p.group not in (None, "", DISTRACTOR)})
    figure = Figure(figsize=(8, 8), dpi=100)
    axes = figure.add_subplot()
    colours = matplotlib.colormaps["tab20" if len(groups) > 10 else "tab10"]
    for c, group in enumerate([None, *groups]):
        members = [p for p in collection_map.points if (p.group if p.group in groups else None) == group]
        if not members:
            continue
        axes.scatter([p.x for p in members], [p.y for p in members], s=14,
                     color="0.6" if group is None else colours(c % colours.N),
                     label="no group" if group is None else group)
    axes.set_aspect("equal")
    axes.invert_yaxis()  # y grows downwards, as in the app's map
    axes.set_xticks([])
    axes.set_yticks([])
    axes.set_title(f"{collection_map.method}, {collection_map.algorithm} "
                   f"({len(collection_map.points)} images, seed {collection_map.seed})")
    if len(groups) <= legend_max:
        axes.legend(loc="best", fontsize="small", markerscale=1.5)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    atomic_write(path, lambda fh: fh.write(buffer.getvalue()))

