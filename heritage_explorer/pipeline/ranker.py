"""The one ranker (issue #17 part 3): any method, any query, top ``k`` or the whole collection.

:func:`.methods.rank` (one query) and :func:`.methods.rank_many` (catalog queries, for evaluation)
dispatch on the kind of the typed method to one of the three functions here; everything that
ranks — CLI ``search``, ``evaluate``, ``compare``, ``report``, ground-truth checks, the dashboard,
the app's grid and comparison strips — goes through them. Each is a chain of stages, not a copy:

* **global** (:func:`rank_global`): the query's vector (stored, described from a file or a crop, or
  given), then either the serving index (HNSW / IVF-PQ, :func:`.search.nearest`) for a top ``k``,
  or the exact inner products over the whole database (:func:`~..index.exact.rank_all`) for a
  full ranking or when query expansion / DBA is active (Radenović et al. TPAMI 2019 §5); a
  label-supervised adaptation ranks each catalog query with the model of the fold that held its
  class out (:func:`.adapt_folds.fold_rankings`).
* **local** (:func:`rank_local`, Alegoria §4): votes in the compressed index of all local
  descriptors, verification of the top candidates, inlier order (:mod:`.local_retrieval`).
* **re-ranking** (:func:`rank_rerank`, survey §4.2.2): the global stage gives the shortlist, the
  local stage verifies it (:func:`~..descriptors.local.rerank_order`).

A catalog query (without a region) is first in its own ranking, unverified, as evaluation counts
it; scores of a local or re-ranked ranking are inlier counts (-1: not verified).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter
from heritage_explorer.core.regions import Box
from heritage_explorer.descriptors.local import (
    LocalFeatures,
    LocalSpec,
    create_matcher,
    rerank_order,
    verify_candidates,
)
from heritage_explorer.descriptors.method import GlobalMethod, RerankMethod
from heritage_explorer.descriptors.query_expansion import expand
from heritage_explorer.index.exact import rank_all
from heritage_explorer.pipeline.adapt_folds import fold_rankings
from heritage_explorer.pipeline.local import current_local_features, query_features
from heritage_explorer.pipeline.local_retrieval import (
    DEFAULT_CANDIDATES,
    build_local_index,
    for_index,
    rank_by_verification,
    vote,
)
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.regions import RegionHit, RegionQuery, locate, query_image_path, region_query
from heritage_explorer.pipeline.search import (
    SearchHit,
    check_query_vector,
    current_vectors,
    describe_external,
    hits_of,
    nearest,
)

ProgressFn = Callable[[Progress], None] | None


@dataclass(frozen=True)
class Query:
    """One query: a catalog image (``image_id``), an image file (``image_path``) or a global
    descriptor already computed (``vector``, e.g. by the GUI's describer child), optionally a
    ``region`` of the image (original pixels)."""

    image_id: int | None = None
    image_path: Path | None = None
    vector: np.ndarray | None = None
    region: Box | None = None

    def __post_init__(self) -> None:
        if sum(x is not None for x in (self.image_id, self.image_path, self.vector)) != 1:
            raise ValueError("give exactly one of image_id, image_path and vector")
        if self.image_path is not None and not isinstance(self.image_path, Path):
            object.__setattr__(self, "image_path", Path(self.image_path))

    @property
    def ref(self) -> int | Path:
        """The catalog id or the file (not for a vector query)."""
        if self.vector is not None:
            raise HeritageError("this method needs the query image, not only its global descriptor")
        return self.image_id if self.image_id is not None else self.image_path

    @property
    def in_catalog(self) -> bool:
        """A whole catalog image: it comes first in its own ranking."""
        return self.image_id is not None and self.region is None


@dataclass(frozen=True)
class Ranking:
    """Image ids best first with their scores: similarities, or inlier counts when ``verified``
    (-1: not verified). ``boxes``: where a region query's region is in each of the first results
    (local methods; ``None`` for the unverified ones)."""

    ids: np.ndarray
    scores: np.ndarray
    verified: bool = False
    boxes: tuple[Box | None, ...] | None = None
    votes: np.ndarray | None = None  # standalone local retrieval: each image's votes in the local index

    def top(self, k: int | None) -> Ranking:
        if k is None:
            return self
        return Ranking(self.ids[:k], self.scores[:k], self.verified, None if self.boxes is None else self.boxes[:k],
                       None if self.votes is None else self.votes[:k])

    def without(self, image_id: int | None) -> Ranking:
        """The ranking without one image (the query, as the comparison and the grid show it)."""
        if image_id is None:
            return self
        keep = self.ids != image_id
        boxes = None if self.boxes is None else tuple(b for b, kept in zip(self.boxes, keep, strict=False) if kept)
        return Ranking(self.ids[keep], self.scores[keep], self.verified, boxes,
                       None if self.votes is None else self.votes[keep])


def to_hits(project: Project, ranking: Ranking) -> list[SearchHit]:
    """The ranking as search hits (region hits when it carries boxes)."""
    hits = hits_of(project, ranking.ids, ranking.scores, integer=ranking.verified)
    if ranking.boxes is None:
        return hits
    box_of = dict(zip(ranking.ids.tolist(), ranking.boxes, strict=False))
    return [RegionHit(h.rank, h.image_id, h.path, h.score, h.group, box_of.get(h.image_id)) for h in hits]


# -- global -----------------------------------------------------------------------------------------
def rank_global(project: Project, method: GlobalMethod, queries: Sequence[Query], k: int | None, *,
                cancel: CancelToken | None = None, **_: object) -> list[Ranking | None]:
    """Global rankings (None: a catalog query without a vector). See the module docstring."""
    descriptor, expansion = method.descriptor, method.expansion
    out: list[Ranking | None] = [None] * len(queries)
    catalog = [n for n, q in enumerate(queries) if q.in_catalog]
    if k is None and catalog:
        folded = fold_rankings(project, method, [queries[n].image_id for n in catalog])
        if folded is not None:  # +adapt:NAME learned with labels: every catalog query by its fold's model
            for n in catalog:
                if (got := folded.get(queries[n].image_id)) is not None:
                    out[n] = Ranking(*got)
            catalog = []
    if k is not None and not expansion.active:  # the serving index
        for n, q in enumerate(queries):
            if q.region is not None:
                vector = describe_external(project, descriptor, query_image_path(project, q.ref), region=q.region)
                ids, scores = nearest(project, descriptor, query_vector=vector, k=k, cancel=cancel)
            else:
                ids, scores = nearest(project, descriptor, image_id=q.image_id, image_path=q.image_path,
                                      query_vector=q.vector, k=k, cancel=cancel)
            out[n] = Ranking(ids, scores)
        return out
    stored = current_vectors(project, descriptor)
    database = np.asarray(stored.vectors, np.float32)
    row_of = stored.row_of()
    inside = [n for n in catalog if queries[n].image_id in row_of]
    vectors, expanded = expand(database, np.array([row_of[queries[n].image_id] for n in inside], np.int64), expansion)
    for n, (ids, scores) in zip(inside, rank_all(vectors, expanded, stored.ids), strict=True):
        out[n] = Ranking(ids, scores).top(k)
    for n, q in enumerate(queries):
        if q.in_catalog:
            continue
        if q.vector is not None:
            vector = check_query_vector(descriptor, q.vector, database.shape[1])
        else:
            vector = describe_external(project, descriptor, query_image_path(project, q.ref), region=q.region)
        if expansion.active:  # the query joins the database for DBA / αQE, then leaves it
            query, expanded = expand(np.concatenate([database, vector[None]]), np.array([len(database)]), expansion)
            ids, scores = next(rank_all(query, expanded[:-1], stored.ids))
        else:
            ids, scores = next(rank_all(vector[None], database, stored.ids))
        out[n] = Ranking(ids, scores).top(k)
    return out


# -- local ------------------------------------------------------------------------------------------
def pair_progress(progress: ProgressFn, queries: Sequence[Query]) -> ProgressFn:
    """What hears of each verified pair: ``progress`` when one query is ranked (a search: its up to
    a hundred verifications are the long part, issue #18 part 2), else nobody (reports are per query)."""
    return progress if len(queries) == 1 else None


def _query_side(project: Project, local: LocalSpec, query: Query, stored, rows: dict[int, int]
                ) -> tuple[LocalFeatures | None, RegionQuery | None]:
    """The query's features (only those inside its region, if any); None: a catalog image without them."""
    if query.region is not None:
        located = region_query(project, local, query.ref, query.region)
        return located.features, located
    if query.image_id is not None:
        row = rows.get(query.image_id)
        return (None if row is None else stored.at(row)), None
    return query_features(project, local, query.ref)[0], None


def _boxes(project: Project, local: LocalSpec, located: RegionQuery | None, ranking: Ranking, k: int | None,
           stored, rows: dict[int, int]) -> Ranking:
    """``ranking``'s top ``k``, with where the region is in each of them (region queries; at most
    :data:`~.local_retrieval.DEFAULT_CANDIDATES` boxes in a full ranking)."""
    ranking = ranking.top(k)
    if located is None:
        return ranking
    head = ranking.top(DEFAULT_CANDIDATES)
    boxes = tuple(locate(project, local, located, head.ids, head.scores, stored, rows))
    return Ranking(ranking.ids, ranking.scores, True, boxes, ranking.votes)


def rank_local(project: Project, local: LocalSpec, queries: Sequence[Query], k: int | None, *,
               candidates: int | None = None, threads: int = 2, progress: ProgressFn = None,
               cancel: CancelToken | None = None) -> list[Ranking | None]:
    """Standalone local retrieval (Alegoria §4): votes, verification of the top ``candidates``
    (:data:`~.local_retrieval.DEFAULT_CANDIDATES`, at least ``k``), inliers. ``progress``: per query,
    or per verified pair for a single query (:func:`pair_progress`)."""
    index, stored, rows = build_local_index(project, local)
    collection = np.array(sorted(rows), np.int64) if k is None else None
    candidates = max(candidates or DEFAULT_CANDIDATES, k or 0)
    meter = RateMeter(f"local retrieval {local.spec}", len(queries))
    out: list[Ranking | None] = []
    with ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="verify") as pool:
        for n, query in enumerate(queries, 1):
            features, located = _query_side(project, local, query, stored, rows)
            if features is None:
                out.append(None)
                continue
            voted, votes = vote(index, for_index(features.descriptors, index.binary))
            ranked = rank_by_verification(
                features, voted, votes, lambda i: stored.at(rows[i]) if i in rows else None, local,
                candidates=candidates, collection=collection, query_id=query.image_id if query.in_catalog else None,
                executor=pool, cancel=cancel, progress=pair_progress(progress, queries))
            out.append(_boxes(project, local, located, Ranking(ranked.ids, ranked.inliers, True, votes=ranked.votes), k,
                              stored, rows))
            if progress is not None and len(queries) > 1 and (n % 8 == 0 or n == len(queries)):
                progress(meter.progress(n))
    return out


# -- re-ranking -------------------------------------------------------------------------------------
def rank_rerank(project: Project, method: RerankMethod, queries: Sequence[Query], k: int | None, *,
                threads: int = 2, progress: ProgressFn = None, cancel: CancelToken | None = None, **_: object
                ) -> list[Ranking | None]:
    """``global>>local@K``: the global stage's top K verified and put first by inliers, the rest after
    (full rankings) — a catalog query first, unverified; scores -1 where not verified. A catalog query
    without local features keeps its global ranking. ``progress`` as :func:`rank_local`."""
    local = method.local
    depth = None if k is None else method.k + 1  # the query itself may come back first
    base = rank_global(project, method.first, queries, depth, cancel=cancel)
    stored, rows = current_local_features(project, local)
    config, matcher = local.match_config(), create_matcher(local)
    meter = RateMeter(f"verifying {method}", len(queries))
    out: list[Ranking | None] = []
    with ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="verify") as pool:
        for n, (query, ranking) in enumerate(zip(queries, base, strict=True), 1):
            if ranking is None:
                out.append(None)
                continue
            features, located = _query_side(project, local, query, stored, rows)
            if features is None:
                out.append(Ranking(ranking.ids, np.full(len(ranking.ids), -1.0), True).top(k))
                continue
            own = query.image_id if query.in_catalog else None
            rest = ranking.without(own).ids
            shortlist = rest[:method.k]
            inliers = verify_candidates(features, [stored.at(rows[int(i)]) if int(i) in rows else None
                                                   for i in shortlist], config, matcher=matcher, executor=pool,
                                        cancel=cancel, progress=pair_progress(progress, queries))
            order = rerank_order(inliers, local.min_inliers)
            head = [np.array([own], np.int64)] if own is not None else []
            ids = np.concatenate([*head, shortlist[order], rest[len(shortlist):] if k is None else rest[:0]])
            scores = np.full(len(ids), -1.0)
            scores[len(head):len(head) + len(shortlist)] = inliers[order]
            if own is not None:
                scores[0] = len(features)
            out.append(_boxes(project, local, located, Ranking(ids.astype(np.int64), scores, True), k, stored, rows))
            if progress is not None and len(queries) > 1 and (n % 8 == 0 or n == len(queries)):
                progress(meter.progress(n))
    return out
