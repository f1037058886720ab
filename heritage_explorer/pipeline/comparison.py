"""Side-by-side comparison of methods of any kind for one query: ranking, scores, AP and class relations.

No Qt here (issue #18 part 5): :func:`compare_methods` runs in a worker of the app and returns plain
records. Every row is ranked by the one ranker (:func:`.methods.rank`, the whole collection) —
global, query-expanded, standalone local and re-ranked methods alike; a local or re-ranked row
scores by inlier count. AP follows the evaluation of the project
(``evaluation.metrics.average_precision`` over the full ranking, the query removed from its own
ranking, positives counted among the readable catalog images), so the number in a row is the one
``heritage-explorer evaluate`` uses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from heritage_explorer.core.catalog import DISTRACTOR
from heritage_explorer.core.errors import HeritageError, UnknownMethodError
from heritage_explorer.core.jobs import CancelToken, Progress
from heritage_explorer.descriptors.method import GlobalMethod, parse_method
from heritage_explorer.evaluation.metrics import average_precision
from heritage_explorer.pipeline.methods import rank
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.ranker import Query, Ranking
from heritage_explorer.pipeline.search import SearchHit


def class_of(group: str | None) -> str | None:
    """The class an image counts for in evaluation: None for no label and for distractors."""
    return None if group in (None, "", DISTRACTOR) else group


def relation(query_class: str | None, result_group: str | None) -> str:
    """``same`` / ``other`` class as the query, or ``unknown`` (distractor, no label, unlabelled query)."""
    result_class = class_of(result_group)
    if query_class is None or result_class is None:
        return "unknown"
    return "same" if result_class == query_class else "other"


def without_query(hits: Sequence[SearchHit], query_id: int | None, k: int) -> list[SearchHit]:
    """The top-``k`` results without the query image itself, ranked from 1, as the evaluation and the
    comparison count them (search for ``k + 1`` to get ``k``); external queries are kept as they are."""
    kept = [hit for hit in hits if query_id is None or hit.image_id != query_id][:k]
    return [replace(hit, rank=rank) for rank, hit in enumerate(kept, 1)]


@dataclass
class MethodRow:
    """One method's answer: top-k (query excluded), the full ranking (for hover look-ups), AP;
    ``inliers``: the scores are RANSAC inlier counts (a local or re-ranked method; -1: not verified)."""

    spec: str
    top: list[tuple[int, float]] = field(default_factory=list)  # (image id, similarity or inliers)
    ranking: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    ap: float | None = None
    error: str | None = None
    inliers: bool = False

    def rank_of(self, image_id: int) -> int | None:
        """1-based rank of an image in the full ranking (query excluded), or None."""
        where = np.flatnonzero(self.ranking == image_id)
        return int(where[0]) + 1 if len(where) else None


@dataclass
class Comparison:
    query_id: int | None
    query_path: str
    query_class: str | None
    rows: list[MethodRow]
    groups: dict[int, str | None]  # image id -> catalog group (label) of every readable image
    paths: dict[int, tuple[str, str | None]]  # image id -> (absolute path, content hash)


def catalog_labels(project: Project) -> tuple[dict[int, str | None], dict[int, tuple[str, str | None]]]:
    """Group and (path, hash) of every readable image, in one query."""
    rows = project.catalog.image_files(status="ok")
    groups = {image_id: group for image_id, _path, group, _sha in rows}
    paths = {image_id: (path, sha) for image_id, path, _group, sha in rows}
    return groups, paths


def compare_methods(
    project: Project, specs: Sequence[str], *, image_id: int | None = None, image_path: str | Path | None = None,
    vectors: Mapping[str, np.ndarray | Ranking | str] | None = None, k: int = 10, threads: int = 2,
    progress: Callable[[Progress], None] | None = None, cancel: CancelToken | None = None,
) -> Comparison:
    """Rank the collection with each method for one query (a catalog image or an external file).

    For an external file, ``vectors`` (with ``image_path`` naming it) gives what the GUI's describer
    process computed per spec: the file's global descriptor, its whole ranking (a local or
    re-ranked method, ranked there), or the message of why that spec could not rank it; without
    ``vectors`` the file is described here.
    """
    if (image_id is None) == (image_path is None):
        raise ValueError("give exactly one of image_id and image_path")
    if vectors is not None and image_id is not None:
        raise ValueError("vectors describe an external file: give image_path with them")
    groups, paths = catalog_labels(project)
    if image_id is not None:
        query_path = paths.get(image_id, (str(project.catalog.image(image_id).abspath), None))[0]
        query_class = class_of(groups.get(image_id))
    else:
        query_path, query_class = str(image_path), None
    members = {i for i, g in groups.items() if query_class is not None and class_of(g) == query_class}
    positives = members - {image_id}
    rows = []
    for n, spec in enumerate(specs):
        if cancel is not None:
            cancel.raise_if_cancelled()
        row = MethodRow(spec)
        try:
            _rank(project, row, image_id, image_path, None if vectors is None else vectors.get(spec), k, threads,
                  cancel)
        except HeritageError as exc:
            row.error = str(exc)
        if row.error is None and positives:
            flags = np.fromiter((int(i) in positives for i in row.ranking), bool, count=len(row.ranking))
            row.ap = average_precision(flags, len(positives))
        rows.append(row)
        if progress is not None:
            progress(Progress("comparing methods", n + 1, len(specs), message=spec))
    return Comparison(image_id, query_path, query_class, rows, groups, paths)


def _rank(project: Project, row: MethodRow, image_id: int | None, image_path, given, k: int, threads: int,
          cancel: CancelToken | None) -> None:
    if isinstance(given, str):
        raise HeritageError(given)  # why the describer could not describe the file with this spec
    if isinstance(given, Ranking):
        ranking = given
    else:
        query = Query(image_id=image_id) if image_id is not None else \
            Query(image_path=image_path) if given is None else Query(vector=given)
        ranking = rank(project, row.spec, query, None, threads=threads, cancel=cancel)
    ranking = ranking.without(image_id)
    row.ranking = np.asarray(ranking.ids, np.int64)
    row.inliers = ranking.verified
    row.top = [(int(i), float(s)) for i, s in zip(ranking.ids[:k], ranking.scores[:k], strict=True)]


#: The method searched with by default, then the global poolings from the strongest on landmark
#: retrieval (survey §4.2.1: GeM ≥ R-MAC > CroW > SPoC, MAC), NetVLAD; the colour histogram last.
PREFERRED_METHOD = "efflite0-gem"
POOLING_PREFERENCE = ("gem", "rmac", "crow", "spoc", "mac")


def default_method(specs: Sequence[str]) -> str | None:
    """The best extracted global descriptor among ``specs`` (None when nothing is extracted).

    Never the baseline by alphabetical accident: ``efflite0-gem``, then another GeM, R-MAC, ...,
    NetVLAD, other global methods, and ``colorhist`` only when nothing else is extracted. Among
    equals the plain spec wins over its variants (``+pcaw`` fitted on a small collection can hurt).
    """
    def preference(spec: str) -> tuple[int, int, int, str]:
        try:
            method = parse_method(spec)
        except UnknownMethodError:
            return (6, 0, len(spec), spec)
        if not isinstance(method, GlobalMethod):
            return (4, 0, len(spec), spec)  # a local or re-ranking spec: not a global descriptor
        parsed = method.descriptor
        pooling = parsed.pooling
        if parsed.method == PREFERRED_METHOD:
            order = (0, 0)
        elif parsed.kind == "global" and pooling in POOLING_PREFERENCE:
            order = (1, POOLING_PREFERENCE.index(pooling))
        elif parsed.kind == "global":
            order = (2, 0)
        else:
            order = (3 if parsed.kind == "local" else 5, 0)  # local features; the hand-crafted baseline
        return (*order, len(spec), spec)

    return min(specs, key=preference, default=None)
