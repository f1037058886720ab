"""Any kind of method spec in a project: extraction, full rankings, evaluation and search.

The two-stage paradigm of Chen et al., survey §4.2.2 ("Discussion"): "the initial filtering
stage is to employ a global descriptor to select a set of candidate matching images [...];
the re-ranking stage is to use local descriptors to re-rank the top-ranked images". A spec
``efflite0-gem>>orb-1000@100`` ranks the whole collection by the global method, verifies the
top 100 geometrically (inlier counts, Alegoria §4.1) in parallel threads, puts the verified
ones (at least ``min_inliers``, 15 by default) first by decreasing inliers, and keeps the
unverified ones and the rest of the collection in the global order after them. Global specs
may carry query expansion / DBA suffixes (``+aqe5``, ``+aqe5a3``, ``+dba5``,
:mod:`..descriptors.query_expansion`).

Entry points for the CLI and the GUI: :func:`extract_any`, :func:`rankings_for`,
:func:`evaluate_all`, :func:`search_any` (and :func:`.local.draw_matches`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.jobs import CancelToken, RateMeter
from heritage_explorer.core.regions import Box
from heritage_explorer.descriptors.local import LocalSpec, create_matcher, rerank_order, verify_candidates
from heritage_explorer.descriptors.method import GlobalMethod, Method, MethodSpec, RerankMethod, as_method
from heritage_explorer.descriptors.query_expansion import expand
from heritage_explorer.evaluation.metrics import EvaluationResult, evaluate_rankings
from heritage_explorer.index.exact import rank_all
from heritage_explorer.pipeline.evaluate import evaluation_queries, exhaustive_rankings, full_rankings
from heritage_explorer.pipeline.extract import ExtractSummary, extract_methods, skipped_images
from heritage_explorer.pipeline.local import ProgressFn, current_local_features, extract_local, query_features
from heritage_explorer.pipeline.netvlad import extract_netvlad
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.regions import locate_hits, query_image_path, region_query
from heritage_explorer.pipeline.search import SearchHit, current_vectors, describe_external, search


def extract_any(project: Project, specs: Sequence[Method | str], *, precision: str | None = None, threads: int = 2,
                storage: str | None = None, progress: ProgressFn = None,
                cancel: CancelToken | None = None) -> ExtractSummary:
    """Extract what ``specs`` need, whatever their kind: global (registry), NetVLAD, local, re-ranking.

    ``storage`` (float32/float16) applies to the global and NetVLAD descriptor stores. ``precision``
    names the inference engine of the global CNN methods (None: each store's own, else the default,
    see :func:`~.extract.extract_methods`); NetVLAD runs on torch (``torch-bf16`` unless ``torch-fp32``).
    """
    project.require_writable("extraction")
    stores = [store for method in map(as_method, specs) for store in kind_of(method).stores(method)]
    local_specs = [store for store in stores if isinstance(store, LocalSpec)]
    netvlad_specs = [store for store in stores if isinstance(store, MethodSpec) and store.netvlad]
    global_specs = [store for store in stores if isinstance(store, MethodSpec) and not store.netvlad]
    netvlad_precision = None if precision is None else "fp32" if precision in ("fp32", "torch-fp32") else "bf16"
    if netvlad_specs and precision not in (None, "bf16", "fp32", "torch-bf16", "torch-fp32"):
        raise HeritageError(f"NetVLAD ({', '.join(map(str, netvlad_specs))}) runs on torch only, not on {precision}; "
                            "extract it with --engine torch-bf16 or torch-fp32")
    summaries = []
    if global_specs:
        summaries.append(extract_methods(project, list(dict.fromkeys(global_specs)), precision=precision,
                                         storage=storage, progress=progress, cancel=cancel))
    for spec in dict.fromkeys(netvlad_specs):
        summaries.append(extract_netvlad(project, spec, precision=netvlad_precision, threads=threads, storage=storage,
                                         progress=progress, cancel=cancel))
    if local_specs:
        summaries.append(extract_local(project, list(dict.fromkeys(local_specs)), threads=threads, progress=progress,
                                       cancel=cancel))
    merged = ExtractSummary([s for summary in summaries for s in summary.specs])
    for summary in summaries:
        merged.computed.update(summary.computed)
        merged.reused.update(summary.reused)
        merged.discarded.update(summary.discarded)
        merged.engines.update(summary.engines)
        merged.notes.extend(summary.notes)
        merged.seconds += summary.seconds
    merged.errors = skipped_images(project)
    described = sum(merged.computed.values())
    merged.images_per_s = described / merged.seconds if merged.seconds > 0 else 0.0
    return merged


# -- rankings -------------------------------------------------------------------------------------
def rerank_rankings(project: Project, parsed: RerankMethod, query_ids: Sequence[int], *, threads: int = 2,
                    progress: ProgressFn = None, cancel: CancelToken | None = None
                    ) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Full rankings of ``global>>local@K``: the query itself, the re-ranked top K (:func:`rerank_order`), the rest.

    The scores returned are inlier counts for the shortlist and -1 for the rest (not verified).
    A query without local features keeps its global ranking (scores -1).
    """
    base = full_rankings(project, parsed.first, query_ids)
    stored, rows = current_local_features(project, parsed.local)
    config, matcher = parsed.local.match_config(), create_matcher(parsed.local)
    meter = RateMeter(f"verifying {parsed.spec}", len(base))
    out: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    with ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="verify") as pool:
        for n, (query, ranking) in enumerate(base.items(), 1):
            if query not in rows:
                out[query] = (ranking, np.full(len(ranking), -1.0))
                continue
            shortlist = ranking[ranking != query][: parsed.k]
            candidates = [stored.at(rows[int(i)]) if int(i) in rows else None for i in shortlist]
            inliers = verify_candidates(stored.at(rows[query]), candidates, config, matcher=matcher,
                                        executor=pool, cancel=cancel)
            order = rerank_order(inliers, parsed.local.min_inliers)
            ids = np.concatenate([[query], shortlist[order], ranking[ranking != query][len(shortlist):]])
            scores = np.full(len(ids), -1.0)
            scores[1:len(shortlist) + 1] = inliers[order]
            scores[0] = len(stored.at(rows[query]))
            out[query] = (ids, scores)
            if progress is not None and (n % 8 == 0 or n == len(base)):
                progress(meter.progress(n))
    return out


def rankings_for(project: Project, method: Method | str, query_ids: Sequence[int], *, threads: int = 2,
                 progress: ProgressFn = None, cancel: CancelToken | None = None) -> dict[int, np.ndarray]:
    """Every image ranked for each query under any method: global, expanded, NetVLAD, local, or re-ranking."""
    method = as_method(method)
    return kind_of(method).rank(project, method, query_ids, threads=threads, progress=progress, cancel=cancel)


def _rank_global(project: Project, method: GlobalMethod, query_ids: Sequence[int], **_: object
                 ) -> dict[int, np.ndarray]:
    from heritage_explorer.pipeline.adapt import fold_rankings

    if (folded := fold_rankings(project, method, query_ids)) is not None:  # +adapt:NAME learned with labels
        return folded
    return full_rankings(project, method, query_ids)


def _rank_local(project: Project, method: LocalSpec, query_ids: Sequence[int], *, threads: int,
                progress: ProgressFn, cancel: CancelToken | None) -> dict[int, np.ndarray]:
    """Standalone local retrieval (Alegoria §4): votes in the local index, then RANSAC."""
    from heritage_explorer.pipeline.local_retrieval import local_rankings

    ranked = local_rankings(project, method, query_ids, threads=threads, progress=progress, cancel=cancel)
    return {q: r.ids for q, r in ranked.items()}


def _rank_rerank(project: Project, method: RerankMethod, query_ids: Sequence[int], *, threads: int,
                 progress: ProgressFn, cancel: CancelToken | None) -> dict[int, np.ndarray]:
    ranked = rerank_rankings(project, method, query_ids, threads=threads, progress=progress, cancel=cancel)
    return {q: ids for q, (ids, _) in ranked.items()}


def _grayscale(method: Method) -> Method:
    """The method on grey images (Alegoria Table 2); local features are extracted from grey images already."""
    return kind_of(method).grayscale(method)


def evaluate_all(project: Project, specs: Sequence[Method | str], *, grayscale: bool = False, extract_missing: bool = True,
                 threads: int = 2, progress: ProgressFn = None, cancel: CancelToken | None = None
                 ) -> dict[str, EvaluationResult]:
    """Per-query AP, per-class and global mAP of any mix of specs (one table: global, NetVLAD, QE, local).

    A local method on its own (``xfeat-1000``) is standalone local retrieval
    (:mod:`.local_retrieval`); a re-ranking (``global>>local@K``) gives full rankings (re-ranked
    top K, then the rest of the global ranking), so every mAP is comparable with the global
    methods'. ``grayscale`` applies to the global methods and the global part of re-rankings.
    """
    run_specs = {method: _grayscale(method) if grayscale else method for method in map(as_method, specs)}
    if extract_missing and not project.read_only:  # read-only: evaluate what was extracted
        extract_any(project, list(run_specs.values()), threads=threads, progress=progress, cancel=cancel)
    queries, labels = evaluation_queries(project)
    results = {str(spec): evaluate_rankings(rankings_for(project, run, queries, threads=threads, progress=progress,
                                                    cancel=cancel), labels, query_ids=queries)
               for spec, run in run_specs.items()}
    run_id = project.catalog.start_run("evaluate", ",".join(map(str, run_specs)), {"grayscale": grayscale})
    project.catalog.finish_run(run_id, {str(s): {"global_map": r.global_map, "per_class": r.per_class}
                                        for s, r in results.items()})
    return results



# -- interactive search ------------------------------------------------------------------------------
def search_any(project: Project, spec: Method | str, *, image_id: int | None = None,
               image_path: str | Path | None = None, k: int = 10, threads: int = 2,
               region: Box | None = None) -> list[SearchHit]:
    """Top-``k`` images for any method. With a local method or ``global>>local@K`` the score is the inlier count.

    Plain global methods use the HNSW index (:func:`.search.search`); expanded ones rank exactly;
    a re-ranking verifies the global top K (the query itself included when it is in the catalog).
    ``region`` (original pixels of the query) searches with that box only (:mod:`.regions`): global
    methods describe the crop, local ones use the keypoints inside it and give
    :class:`~.regions.RegionHit` results with where the region is in each.
    """
    if (image_id is None) == (image_path is None):
        raise ValueError("give exactly one of image_id and image_path")
    method = as_method(spec)
    return kind_of(method).search(project, method, image_id=image_id, image_path=image_path, k=k, threads=threads,
                                  region=region)


def _global_candidates(project: Project, method: GlobalMethod, *, image_id: int | None, image_path, depth: int,
                       region: Box | None) -> tuple[np.ndarray, np.ndarray]:
    """(ids, scores) of the top ``depth`` by a global method (a region: its crop described like a file)."""
    ref = image_id if image_id is not None else image_path
    descriptor, expansion = method.descriptor, method.expansion
    crop = describe_external(project, descriptor, query_image_path(project, ref), region=region) \
        if region is not None else None
    if image_id is not None and expansion.active and crop is None:
        ids, scores = exhaustive_rankings(project, method, [image_id])[image_id]
    elif expansion.active:
        stored = current_vectors(project, descriptor)
        database = np.asarray(stored.vectors, np.float32)
        query = (crop if crop is not None else describe_external(project, descriptor, image_path))[None]
        query, database = expand(np.concatenate([database, query]), np.array([len(database)]), expansion)
        ids, scores = next(rank_all(query, database[:-1], stored.ids))
    else:
        hits = search(project, descriptor, k=depth, **({"query_vector": crop} if crop is not None else
                                                      {"image_id": image_id, "image_path": image_path}))
        ids, scores = np.array([h.image_id for h in hits], np.int64), np.array([h.score for h in hits])
    return ids[:depth], scores[:depth]


def _hits(project: Project, ids: np.ndarray, scores: np.ndarray, k: int) -> list[SearchHit]:
    catalog = {row.id: row for row in project.catalog.images(ids=[int(i) for i in ids[:k]])}
    return [SearchHit(rank, int(i), catalog[int(i)].path, float(s), catalog[int(i)].group)
            for rank, (i, s) in enumerate(zip(ids[:k], scores[:k], strict=True), 1) if int(i) in catalog]


def _search_global(project: Project, method: GlobalMethod, *, image_id, image_path, k: int, threads: int,
                   region: Box | None) -> list[SearchHit]:
    ids, scores = _global_candidates(project, method, image_id=image_id, image_path=image_path, depth=k,
                                     region=region)
    return _hits(project, ids, scores, k)


def _search_local(project: Project, method: LocalSpec, *, image_id, image_path, k: int, threads: int,
                  region: Box | None) -> list[SearchHit]:
    from heritage_explorer.pipeline.local_retrieval import local_search

    return local_search(project, method, image_id=image_id, image_path=image_path, k=k, threads=threads,
                        region=region)


def _search_rerank(project: Project, method: RerankMethod, *, image_id, image_path, k: int, threads: int,
                   region: Box | None) -> list[SearchHit]:
    ref = image_id if image_id is not None else image_path
    located = region_query(project, method.local, ref, region) if region is not None else None
    ids, _ = _global_candidates(project, method.first, image_id=image_id, image_path=image_path, depth=method.k,
                                region=region)
    query = located.features if located is not None else query_features(project, method.local, ref)[0]
    stored, rows = current_local_features(project, method.local)
    candidates = [stored.at(rows[int(i)]) if int(i) in rows else None for i in ids]
    inliers = verify_candidates(query, candidates, method.local.match_config(), matcher=create_matcher(method.local),
                                threads=threads)
    order = rerank_order(inliers, method.local.min_inliers)
    hits = _hits(project, ids[order], inliers[order].astype(float), k)
    return hits if located is None else locate_hits(project, method.local, located, hits, stored, rows)


# -- the kinds of method ------------------------------------------------------------------------------
def _fitted_global(method: GlobalMethod) -> tuple[str, ...]:
    from heritage_explorer.descriptors.netvlad import NETVLAD_CLUSTERS

    descriptor = method.descriptor
    fitted = [f"k-means ({NETVLAD_CLUSTERS} centres)"] if descriptor.netvlad else []
    if descriptor.adapt:
        fitted.append("learned whitening (done by adapt)")
    elif descriptor.whitening_dim:
        fitted.append(f"{'PCA-whitening' if descriptor.whiten else 'PCA'} to {descriptor.whitening_dim}")
    return tuple(fitted)


def _fitted_local(method: LocalSpec) -> tuple[str, ...]:
    if method.method != "delf":
        return ()
    from heritage_explorer.descriptors.local.attentive import stage_info

    return (f"PCA to {min(method.pca_dim, stage_info(method.backbone).channels)} (local features)",)


@dataclass(frozen=True)
class MethodKind:
    """One kind of method, in one place: the stores it reads (what :func:`extract_any` extracts),
    how it ranks the whole collection (:func:`rankings_for`, evaluation), how it searches one query
    (:func:`search_any`), its grey-image variant (Alegoria Table 2) and what it fits on the collection."""

    name: str
    stores: Callable[[Any], tuple[MethodSpec | LocalSpec, ...]]
    rank: Callable[..., dict[int, np.ndarray]]
    search: Callable[..., list[SearchHit]]
    grayscale: Callable[[Any], Method]
    fitted: Callable[[Any], tuple[str, ...]]


KINDS: dict[type, MethodKind] = {
    GlobalMethod: MethodKind("global", lambda m: (m.descriptor,), _rank_global, _search_global,
                             lambda m: m.grayscale, _fitted_global),
    LocalSpec: MethodKind("local", lambda m: (m.stored,), _rank_local, _search_local, lambda m: m, _fitted_local),
    RerankMethod: MethodKind("rerank", lambda m: (m.first.descriptor, m.local.stored), _rank_rerank, _search_rerank,
                             lambda m: m.grayscale, lambda m: _fitted_global(m.first) + _fitted_local(m.local)),
}


def kind_of(method: Method) -> MethodKind:
    """The :class:`MethodKind` of a typed method."""
    return KINDS[type(method)]
