"""Any kind of method in a project: extraction, ranking (the one ranker), evaluation and search.

The two-stage paradigm of Chen et al., survey §4.2.2 ("Discussion"): "the initial filtering
stage is to employ a global descriptor to select a set of candidate matching images [...];
the re-ranking stage is to use local descriptors to re-rank the top-ranked images". A spec
``efflite0-gem>>orb-1000@100`` ranks the whole collection by the global method, verifies the
top 100 geometrically (inlier counts, Alegoria §4.1) in parallel threads, puts the verified
ones (at least ``min_inliers``, 15 by default) first by decreasing inliers, and keeps the
unverified ones and the rest of the collection in the global order after them. Global specs
may carry query expansion / DBA suffixes (``+aqe5``, ``+aqe5a3``, ``+dba5``,
:mod:`..descriptors.query_expansion`).

Entry points for the CLI and the GUI: :func:`extract_any`, :func:`rank` / :func:`rank_many` (every
ranking: :mod:`.ranker`), :func:`evaluate_all`, :func:`search_any` (and :func:`.local.draw_matches`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.jobs import CancelToken
from heritage_explorer.core.regions import Box
from heritage_explorer.descriptors.local import LocalSpec
from heritage_explorer.descriptors.method import GlobalMethod, Method, MethodSpec, RerankMethod, as_method
from heritage_explorer.evaluation.metrics import EvaluationResult, evaluate_rankings
from heritage_explorer.pipeline.cost_estimate import record_extraction
from heritage_explorer.pipeline.evaluate import evaluation_queries
from heritage_explorer.pipeline.extract import ExtractSummary, extract_methods, skipped_images
from heritage_explorer.pipeline.local import ProgressFn, extract_local
from heritage_explorer.pipeline.netvlad import extract_netvlad
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.ranker import Query, Ranking, rank_global, rank_local, rank_rerank, to_hits
from heritage_explorer.pipeline.search import SearchHit


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
        record_extraction(project, summary.to_json())  # the rates of cost_estimate.measured_rates
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


# -- the one ranker (issue #17 part 3, :mod:`.ranker`) ----------------------------------------------
def rank(project: Project, method: Method | str, query: Query | int | str | Path, k: int | None = None, *,
         candidates: int | None = None, threads: int = 2, progress: ProgressFn = None,
         cancel: CancelToken | None = None) -> Ranking:
    """The ranking of one query under any method: the top ``k``, or the whole collection (``k=None``).

    ``query``: a :class:`~.ranker.Query`, a catalog image id or an image file. ``candidates``: images
    verified per query by a standalone local method (votes order the rest; default 100).
    """
    method = as_method(method)
    if not isinstance(query, Query):
        query = Query(image_id=query) if isinstance(query, int) else Query(image_path=Path(query))
    ranking = kind_of(method).rank(project, method, [query], k, candidates=candidates, threads=threads,
                                   progress=progress, cancel=cancel)[0]
    if ranking is None:
        raise HeritageError(f"{method}: image {query.image_id} has no descriptor or features "
                            "(unreadable, or not extracted yet)")
    return ranking


def rank_many(project: Project, method: Method | str, query_ids: Sequence[int], k: int | None = None, *,
              candidates: int | None = None, threads: int = 2, progress: ProgressFn = None,
              cancel: CancelToken | None = None) -> dict[int, Ranking]:
    """:func:`rank` of many catalog images at once (evaluation); images without a descriptor are left out."""
    method = as_method(method)
    queries = [Query(image_id=int(q)) for q in query_ids]
    ranked = kind_of(method).rank(project, method, queries, k, candidates=candidates, threads=threads,
                                  progress=progress, cancel=cancel)
    return {q.image_id: r for q, r in zip(queries, ranked, strict=True) if r is not None}


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
    results = {str(spec): evaluate_rankings(
        {q: r.ids for q, r in rank_many(project, run, queries, threads=threads, progress=progress,
                                         cancel=cancel).items()}, labels, query_ids=queries)
        for spec, run in run_specs.items()}
    run_id = project.catalog.start_run("evaluate", ",".join(map(str, run_specs)), {"grayscale": grayscale})
    project.catalog.finish_run(run_id, {str(s): {"global_map": r.global_map, "per_class": r.per_class}
                                        for s, r in results.items()})
    return results



# -- interactive search ------------------------------------------------------------------------------
def search_any(project: Project, spec: Method | str, *, image_id: int | None = None,
               image_path: str | Path | None = None, k: int = 10, threads: int = 2,
               region: Box | None = None, progress: ProgressFn = None,
               cancel: CancelToken | None = None) -> list[SearchHit]:
    """:func:`rank`'s top ``k`` as search hits. With a local method or ``global>>local@K`` the score is the inlier count.

    ``region`` (original pixels of the query) searches with that box only (:mod:`.regions`): global
    methods describe the crop, local ones use the keypoints inside it and give
    :class:`~.regions.RegionHit` results with where the region is in each. ``progress`` hears of each
    pair a local or re-ranking method verifies; ``cancel`` stops the verification between pairs.
    """
    if (image_id is None) == (image_path is None):
        raise ValueError("give exactly one of image_id and image_path")
    query = Query(image_id=image_id, image_path=None if image_path is None else Path(image_path), region=region)
    return to_hits(project, rank(project, spec, query, k, threads=threads, progress=progress, cancel=cancel))


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
    how it ranks queries (:func:`rank`, :func:`rank_many`: :mod:`.ranker`), its grey-image variant (Alegoria Table 2) and what it fits on the collection."""

    name: str
    stores: Callable[[Any], tuple[MethodSpec | LocalSpec, ...]]
    rank: Callable[..., list[Ranking | None]]
    grayscale: Callable[[Any], Method]
    fitted: Callable[[Any], tuple[str, ...]]


KINDS: dict[type, MethodKind] = {
    GlobalMethod: MethodKind("global", lambda m: (m.descriptor,), rank_global,
                             lambda m: m.grayscale, _fitted_global),
    LocalSpec: MethodKind("local", lambda m: (m.stored,), rank_local, lambda m: m, _fitted_local),
    RerankMethod: MethodKind("rerank", lambda m: (m.first.descriptor, m.local.stored), rank_rerank,
                             lambda m: m.grayscale, lambda m: _fitted_global(m.first) + _fitted_local(m.local)),
}


def kind_of(method: Method) -> MethodKind:
    """The :class:`MethodKind` of a typed method."""
    return KINDS[type(method)]
