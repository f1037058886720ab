"""Local features in a project: extraction, shortlist re-ranking, expanded and NetVLAD rankings, evaluation.

The two-stage paradigm of Chen et al., survey §4.2.2 ("Discussion"): "the initial filtering
stage is to employ a global descriptor to select a set of candidate matching images [...];
the re-ranking stage is to use local descriptors to re-rank the top-ranked images". A spec
``efflite0-gem>>orb-1000@100`` ranks the whole collection by the global method, verifies the
top 100 geometrically (inlier counts, Alegoria §4.1) in parallel threads, puts the verified
ones (at least ``min_inliers``, 15 by default) first by decreasing inliers, and keeps the
unverified ones and the rest of the collection in the global order after them. Global specs
may carry query expansion / DBA suffixes (``+aqe5``, ``+aqe5a3``, ``+dba5``,
:mod:`..descriptors.query_expansion`).

Local features live in ``P/local/<slug>/`` (:class:`~..descriptors.local.storage.LocalFeatureStore`);
NetVLAD vectors in the ordinary descriptor store, with their fitted parameters beside them.
Entry points for the CLI and the GUI: :func:`extract_any`, :func:`rankings_for`,
:func:`evaluate_all`, :func:`search_any`, :func:`draw_matches`.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from heritage_explorer.core.atomic import atomic_write_bytes
from heritage_explorer.core.errors import HeritageError, UnreadableImageError
from heritage_explorer.core.imageio import load_rgb
from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter, ordered_prefetch
from heritage_explorer.core.records import ImageRow
from heritage_explorer.descriptors.local import (
    LocalFeatures,
    LocalFeatureStore,
    PairMatch,
    StoredLocalFeatures,
    create_local_extractor,
    create_matcher,
    is_local_spec,
    is_rerank_spec,
    parse_local_spec,
    parse_rerank_spec,
    verify_candidates,
    verify_pair,
)
from heritage_explorer.descriptors.netvlad import is_netvlad_spec
from heritage_explorer.descriptors.query_expansion import expand, split_expansion
from heritage_explorer.evaluation.metrics import EvaluationResult, evaluate_rankings
from heritage_explorer.pipeline.evaluate import evaluation_queries, full_rankings, grayscale_spec
from heritage_explorer.pipeline.extract import ExtractSummary, extract_methods
from heritage_explorer.pipeline.project import Project, spec_slug
from heritage_explorer.pipeline.search import SearchHit, current_vectors, describe_external, search

LOCAL_DIR = "local"
PCA_FILE = "pca.npz"
NETVLAD_FILE = "netvlad.npz"
NETVLAD_FIT_IMAGES = 200
PCA_FIT_IMAGES = 100  # images whose features fit the DELF-style PCA (a seeded sample of the collection)
PCA_FIT_PER_IMAGE = 300
BATCH = 16  # images per persisted chunk
ProgressFn = Callable[[Progress], None] | None


# -- stores ---------------------------------------------------------------------------------------
def local_store(project: Project, spec: str) -> LocalFeatureStore:
    """The store of a local spec's features (verification modifiers do not change it)."""
    return LocalFeatureStore(project.root / LOCAL_DIR / spec_slug(parse_local_spec(spec).feature_spec))


def current_local_features(project: Project, spec: str) -> tuple[StoredLocalFeatures, dict[int, int]]:
    """The stored features of ``spec`` and the row of each image that is ok and unchanged."""
    store = local_store(project, spec)
    if store.meta() is None:
        raise HeritageError(f"{spec}: no local features in this project yet (run 'heritage-explorer extract "
                            f"--method {parse_local_spec(spec).feature_spec}')")
    stored = store.load()
    current = project.catalog.content_hashes()
    rows = {int(i): r for r, (i, h) in enumerate(zip(stored.ids, stored.hashes, strict=True)) if current.get(int(i)) == h}
    return stored, rows


# -- extraction -----------------------------------------------------------------------------------
def _describe_rows(project: Project, rows: Sequence[ImageRow], describe: Callable[[np.ndarray], Any], max_side: int,
                   threads: int, summary: ExtractSummary, cancel: CancelToken | None) -> Iterator[tuple[ImageRow, Any]]:
    """Decode and describe each row; unreadable images are marked in the catalog and skipped."""

    def work(row: ImageRow) -> Any:
        try:
            return describe(load_rgb(row.abspath, max_side))
        except UnreadableImageError as exc:
            return exc

    for row, result in ordered_prefetch(work, rows, threads=threads, cancel=cancel, name="local"):
        if isinstance(result, UnreadableImageError):
            project.catalog.set_image_status(row.id, "error", result.reason)
            summary.errors.append((row.path, result.reason))
        else:
            yield row, result


def _fit_pca(project: Project, store: LocalFeatureStore, extractor: Any, rows: list[ImageRow], threads: int,
             summary: ExtractSummary, cancel: CancelToken | None) -> list[ImageRow]:
    """Fit the DELF-style PCA on a seeded sample of the collection; store the sample; return the rest."""
    from heritage_explorer.descriptors.whitening import PCAWhitening

    path = store.dir / PCA_FILE
    if path.exists():
        extractor.pca = PCAWhitening.load(path)
        return rows
    rng = np.random.default_rng(0)
    sample_ids = {rows[i].id for i in rng.choice(len(rows), min(PCA_FIT_IMAGES, len(rows)), replace=False)}
    sample = [row for row in rows if row.id in sample_ids]
    def raw_half(rgb: np.ndarray) -> LocalFeatures:  # float16 keeps the sample's memory at n × 2 kB × C
        raw = extractor.raw_features(rgb)
        return dataclasses.replace(raw, descriptors=raw.descriptors.astype(np.float16))

    raws = list(_describe_rows(project, sample, raw_half, extractor.max_side, threads, summary, cancel))
    if not raws:
        raise HeritageError(f"{extractor.spec}: no readable image to fit the PCA on")
    fit_set = np.concatenate([f.descriptors[:PCA_FIT_PER_IMAGE] for _, f in raws]).astype(np.float32)
    extractor.pca = PCAWhitening(n_components=extractor.dim).fit(fit_set)
    extractor.pca.save(path)
    store.update_meta(pca={"images": len(raws), "descriptors": int(len(fit_set)), "whitened": True,
                           "fit_set_sha256": project.image_set_sha256([row.id for row, _ in raws])})
    for start in range(0, len(raws), BATCH):
        batch = raws[start:start + BATCH]
        store.append_chunk([r.id for r, _ in batch], [extractor.reduce(f) for _, f in batch], [r.sha256 for r, _ in batch])
    summary.computed[extractor.spec] = len(raws)
    return [row for row in rows if row.id not in sample_ids]


def extract_local(project: Project, specs: Sequence[str], *, threads: int = 2, progress: ProgressFn = None,
                  cancel: CancelToken | None = None) -> ExtractSummary:
    """Extract the local features of every readable image for each spec; resumable and cancellable."""
    start = time.perf_counter()
    feature_specs = list(dict.fromkeys(parse_local_spec(s).feature_spec for s in specs))
    summary = ExtractSummary(feature_specs)
    images = project.catalog.images(status="ok")
    current = {row.id: row.sha256 for row in images}
    described = 0
    for spec in feature_specs:
        extractor = create_local_extractor(spec)
        store = local_store(project, spec)
        before = store.meta_or_none()
        if not store.prepare(spec=spec, dim=extractor.dim, dtype="uint8" if extractor.binary else "float16",
                             weights_sha256=extractor.weights_sha256,
                             extra={"description": extractor.description, "max_side": extractor.max_side}) \
                and before is not None and before.get("count"):
            summary.discarded[spec] = (f"made with other weights or settings ({before.get('weights_sha256')}, "
                                       f"{before.get('dim')}-d {before.get('dtype')})")
        done = store.load(include_chunks=True)
        fresh = {int(i) for i, h in zip(done.ids, done.hashes, strict=True) if current.get(int(i)) == h}
        summary.reused[spec] = len(fresh)
        todo = [row for row in images if row.id not in fresh]
        if hasattr(extractor, "reduce") and todo:  # attentive features: PCA fitted on the collection
            todo = _fit_pca(project, store, extractor, todo, threads, summary, cancel)
        meter = RateMeter(f"extracting {spec}", len(todo))
        buffer: list[tuple[ImageRow, LocalFeatures]] = []
        try:
            for n, (row, features) in enumerate(
                    _describe_rows(project, todo, extractor.describe, extractor.max_side, threads, summary, cancel), 1):
                buffer.append((row, features))
                if len(buffer) >= BATCH:
                    _flush(store, buffer, summary, spec)
                    if progress is not None:
                        progress(meter.progress(n, row.path))
        finally:
            _flush(store, buffer, summary, spec)
        if progress is not None:
            progress(meter.progress(len(todo)))
        described += len(todo)
        store.consolidate(current)
    summary.seconds = time.perf_counter() - start
    summary.images_per_s = described / summary.seconds if summary.seconds > 0 else 0.0
    return summary


def _flush(store: LocalFeatureStore, buffer: list, summary: ExtractSummary, spec: str) -> None:
    if buffer:
        store.append_chunk([r.id for r, _ in buffer], [f for _, f in buffer], [r.sha256 for r, _ in buffer])
        summary.computed[spec] = summary.computed.get(spec, 0) + len(buffer)
        buffer.clear()


def extract_any(project: Project, specs: Sequence[str], *, precision: str = "bf16", threads: int = 2,
                progress: ProgressFn = None, cancel: CancelToken | None = None) -> ExtractSummary:
    """Extract what ``specs`` need, whatever their kind: global (registry), NetVLAD, local, re-ranking."""
    global_specs, netvlad_specs, local_specs = [], [], []
    for spec in specs:
        if is_rerank_spec(spec):
            parsed = parse_rerank_spec(spec)
            local_specs.append(parsed.local.feature_spec)
            spec = parsed.global_spec
        elif is_local_spec(spec):
            local_specs.append(spec)
            continue
        base, _ = split_expansion(spec)
        (netvlad_specs if is_netvlad_spec(base) else global_specs).append(base)
    summaries = []
    if global_specs:
        summaries.append(extract_methods(project, list(dict.fromkeys(global_specs)), precision=precision,
                                         progress=progress, cancel=cancel))
    for spec in dict.fromkeys(netvlad_specs):
        summaries.append(extract_netvlad(project, spec, precision=precision, threads=threads, progress=progress,
                                         cancel=cancel))
    if local_specs:
        summaries.append(extract_local(project, local_specs, threads=threads, progress=progress, cancel=cancel))
    merged = ExtractSummary([s for summary in summaries for s in summary.specs])
    for summary in summaries:
        merged.computed.update(summary.computed)
        merged.reused.update(summary.reused)
        merged.errors.extend(summary.errors)
        merged.discarded.update(summary.discarded)
        merged.seconds += summary.seconds
    described = sum(merged.computed.values())
    merged.images_per_s = described / merged.seconds if merged.seconds > 0 else 0.0
    return merged


def extract_netvlad(project: Project, spec: str, *, precision: str = "bf16", threads: int = 2,
                    progress: ProgressFn = None, cancel: CancelToken | None = None) -> ExtractSummary:
    """NetVLAD vectors of every image: parameters fitted on a sample first (k-means), then described.

    The fitted parameters (``netvlad.npz``) sit in the base store's folder and are kept while
    the backbone weights are the same, so adding images later reuses them; ``+pcaw<D>`` is
    fitted afterwards through the N×N Gram matrix (:func:`~..descriptors.netvlad.fit_whitening_dual`).
    """
    from heritage_explorer.descriptors.netvlad import (
        NetVladParams,
        create_netvlad_extractor,
        fit_netvlad,
        fit_whitening_dual,
    )
    from heritage_explorer.pipeline.store import DescriptorStore
    from heritage_explorer.pipeline.whiten import WHITENING_FILE

    start = time.perf_counter()
    extractor = create_netvlad_extractor(spec, precision=precision)
    summary = ExtractSummary([extractor.spec])
    images = project.catalog.images(status="ok")
    current = {row.id: row.sha256 for row in images}
    store = DescriptorStore(project.descriptor_dir(extractor.base_spec))
    kept = store.prepare(spec=extractor.base_spec, dim=extractor.raw_dim, weights_sha256=extractor.weights_sha256)
    path = store.dir / NETVLAD_FILE
    params = NetVladParams.load(path) if kept and path.exists() else None
    backbone = extractor.backbone()

    def maps_of(rgb: np.ndarray) -> dict:
        x = backbone.prepare(extractor.prepare_image(rgb))[None]
        return {1.0: backbone.feature_maps(x, precision)}

    if params is None:
        store.clear_vectors()
        rng = np.random.default_rng(0)
        sample = [images[i] for i in sorted(rng.choice(len(images), min(NETVLAD_FIT_IMAGES, len(images)), replace=False))]
        raw = [d for _, d in _describe_rows(project, sample, lambda rgb: extractor.maps_to_descriptors(maps_of(rgb)),
                                            extractor.max_side, threads, summary, cancel)]
        params = fit_netvlad(raw)
        params.save(path)
        store.prepare(spec=extractor.base_spec, dim=extractor.raw_dim, weights_sha256=extractor.weights_sha256,
                      extra={"netvlad": params.source})
    extractor = dataclasses.replace(extractor, params=params)
    done = store.load(include_chunks=True)
    fresh = {int(i) for i, h in zip(done.ids, done.hashes, strict=True) if current.get(int(i)) == h}
    summary.reused[extractor.base_spec] = len(fresh)
    todo = [row for row in images if row.id not in fresh]
    meter = RateMeter(f"extracting {extractor.base_spec}", len(todo))
    batch: list[tuple[ImageRow, np.ndarray]] = []

    def flush() -> None:
        if batch:
            store.append_chunk([r.id for r, _ in batch], np.stack([v for _, v in batch]), [r.sha256 for r, _ in batch])
            summary.computed[extractor.base_spec] = summary.computed.get(extractor.base_spec, 0) + len(batch)
            batch.clear()

    try:
        for n, (row, vector) in enumerate(_describe_rows(project, todo, lambda rgb: extractor.pool(maps_of(rgb)),
                                                         extractor.max_side, threads, summary, cancel), 1):
            batch.append((row, vector))
            if len(batch) >= BATCH:
                flush()
                if progress is not None:
                    progress(meter.progress(n, row.path))
    finally:
        flush()  # a cancelled run keeps what it computed
    base = store.consolidate(current)
    if extractor.whitening_dim is not None:
        whitening = fit_whitening_dual(np.asarray(base.vectors), extractor.whitening_dim)
        white = DescriptorStore(project.descriptor_dir(extractor.spec))
        white.prepare(spec=extractor.spec, dim=extractor.whitening_dim, weights_sha256=extractor.weights_sha256,
                      extra={"whitening_fit_count": whitening.n_samples_seen_})
        white.clear_vectors()
        whitening.save(white.dir / WHITENING_FILE)
        white.append_chunk(base.ids.tolist(), whitening.transform(np.asarray(base.vectors)), base.hashes.tolist())
        white.consolidate(current)
    summary.seconds = time.perf_counter() - start
    summary.images_per_s = len(todo) / summary.seconds if summary.seconds > 0 else 0.0
    return summary


# -- rankings -------------------------------------------------------------------------------------
def global_rankings(project: Project, spec: str, query_ids: Sequence[int], *, chunk: int = 256
                    ) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """(ids, scores) of the whole collection, best first, for each query with a vector.

    Plain global specs rank by inner product; ``+dba<k>`` / ``+aqe<k>[a<α>]`` apply database-side
    augmentation and query expansion first (Radenović et al. TPAMI 2019 §5).
    """
    base, expansion = split_expansion(spec)
    stored = current_vectors(project, base)
    row_of = stored.row_of()
    queries = [int(q) for q in query_ids if int(q) in row_of]
    rows = np.array([row_of[q] for q in queries], np.int64)
    query_vectors, database = expand(np.asarray(stored.vectors, np.float32), rows, expansion)
    rankings = {}
    for begin in range(0, len(queries), chunk):
        scores = query_vectors[begin:begin + chunk] @ database.T
        order = np.argsort(-scores, axis=1, kind="stable")
        for q, ranked, s in zip(queries[begin:begin + chunk], order, scores, strict=True):
            rankings[q] = (stored.ids[ranked], s[ranked])
    return rankings


def rerank_order(inliers: np.ndarray, min_inliers: int = 0) -> np.ndarray:
    """Positions of a shortlist after verification: verified ones (≥ ``min_inliers``) by decreasing
    inliers, then the unverified ones; ties and unverified keep the global order."""
    inliers = np.asarray(inliers)
    return np.lexsort((np.arange(len(inliers)), -np.where(inliers >= min_inliers, inliers, -1)))


def rerank_rankings(project: Project, spec: str, query_ids: Sequence[int], *, threads: int = 2,
                    progress: ProgressFn = None, cancel: CancelToken | None = None
                    ) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Full rankings of ``global>>local@K``: the query itself, the re-ranked top K (:func:`rerank_order`), the rest.

    The scores returned are inlier counts for the shortlist and -1 for the rest (not verified).
    A query without local features keeps its global ranking (scores -1).
    """
    parsed = parse_rerank_spec(spec)
    base = global_rankings(project, parsed.global_spec, query_ids)
    stored, rows = current_local_features(project, parsed.local.feature_spec)
    config, matcher = parsed.local.match_config(), create_matcher(parsed.local)
    meter = RateMeter(f"verifying {parsed.spec}", len(base))
    out: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    with ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="verify") as pool:
        for n, (query, (ranking, _)) in enumerate(base.items(), 1):
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


def rankings_for(project: Project, spec: str, query_ids: Sequence[int], *, threads: int = 2,
                 progress: ProgressFn = None, cancel: CancelToken | None = None) -> dict[int, np.ndarray]:
    """Every image ranked for each query under any spec: global, expanded, NetVLAD, or re-ranking."""
    if is_rerank_spec(spec):
        ranked = rerank_rankings(project, spec, query_ids, threads=threads, progress=progress, cancel=cancel)
        return {q: ids for q, (ids, _) in ranked.items()}
    if is_local_spec(spec):
        raise HeritageError(f"{spec}: a local method re-ranks a shortlist; name the global method that makes it, "
                            f"e.g. efflite0-gem>>{spec}@100")
    if not split_expansion(spec)[1].active:
        return full_rankings(project, spec, query_ids)
    return {q: ids for q, (ids, _) in global_rankings(project, spec, query_ids).items()}


def _grayscale(spec: str) -> str:
    if is_rerank_spec(spec):
        parsed = parse_rerank_spec(spec)
        return dataclasses.replace(parsed, global_spec=grayscale_spec(parsed.global_spec)).spec
    return grayscale_spec(spec)


def evaluate_all(project: Project, specs: Sequence[str], *, grayscale: bool = False, extract_missing: bool = True,
                 threads: int = 2, progress: ProgressFn = None, cancel: CancelToken | None = None
                 ) -> dict[str, EvaluationResult]:
    """Per-query AP, per-class and global mAP of any mix of specs (one table: global, NetVLAD, QE, local).

    Local methods are evaluated as re-rankings of a global shortlist (``global>>local@K``), with
    full rankings (re-ranked top K, then the rest of the global ranking), so their mAP is
    comparable with the global methods'. ``grayscale`` applies to the global part.
    """
    run_specs = {spec: _grayscale(spec) if grayscale else spec for spec in specs}
    if extract_missing:
        extract_any(project, list(run_specs.values()), threads=threads, progress=progress, cancel=cancel)
    queries, labels = evaluation_queries(project)
    results = {spec: evaluate_rankings(rankings_for(project, run, queries, threads=threads, progress=progress,
                                                    cancel=cancel), labels, query_ids=queries)
               for spec, run in run_specs.items()}
    run_id = project.catalog.start_run("evaluate", ",".join(specs), {"grayscale": grayscale})
    project.catalog.finish_run(run_id, {s: {"global_map": r.global_map, "per_class": r.per_class}
                                        for s, r in results.items()})
    return results


# -- interactive: search and match pictures --------------------------------------------------------
ImageRef = int | str | Path  # a catalog image id, or an image file


def _query_features(project: Project, spec: str, ref: ImageRef) -> tuple[LocalFeatures, np.ndarray]:
    """Local features of a catalog image (stored ones when up to date) or of a file, and its decoded pixels."""
    extractor = create_local_extractor(parse_local_spec(spec).feature_spec)
    path = project.catalog.image(ref).abspath if isinstance(ref, int) else Path(ref)
    rgb = load_rgb(path, extractor.max_side)
    if isinstance(ref, int) and local_store(project, spec).meta() is not None:
        stored, rows = current_local_features(project, spec)
        if ref in rows:
            return stored.at(rows[ref]), rgb
    if hasattr(extractor, "reduce"):  # attentive features need the collection's PCA
        from heritage_explorer.descriptors.whitening import PCAWhitening

        pca = local_store(project, spec).dir / PCA_FILE
        if not pca.exists():
            raise HeritageError(f"{spec}: extract it on the collection first (its PCA is fitted there)")
        extractor.pca = PCAWhitening.load(pca)
    return extractor.describe(rgb), rgb


def search_any(project: Project, spec: str, *, image_id: int | None = None, image_path: str | Path | None = None,
               k: int = 10, threads: int = 2) -> list[SearchHit]:
    """Top-``k`` images for any spec. With ``global>>local@K`` the score shown is the inlier count.

    Plain global specs use the HNSW index (:func:`.search.search`); expanded specs rank exactly;
    a re-ranking verifies the global top K (the query itself included when it is in the catalog).
    """
    if (image_id is None) == (image_path is None):
        raise ValueError("give exactly one of image_id and image_path")
    if is_local_spec(spec):
        raise HeritageError(f"{spec}: local methods search through a global shortlist, e.g. efflite0-gem>>{spec}@100")
    global_spec = parse_rerank_spec(spec).global_spec if is_rerank_spec(spec) else spec
    base, expansion = split_expansion(global_spec)
    depth = parse_rerank_spec(spec).k if is_rerank_spec(spec) else k
    if image_id is not None and expansion.active:
        ids, scores = global_rankings(project, global_spec, [image_id])[image_id]
    elif image_id is None and expansion.active:
        stored = current_vectors(project, base)
        database = np.asarray(stored.vectors, np.float32)
        query = describe_external(project, base, image_path)[None]
        query, database = expand(np.concatenate([database, query]), np.array([len(database)]), expansion)
        scores = (query @ database[:-1].T)[0]
        order = np.argsort(-scores, kind="stable")
        ids, scores = stored.ids[order], scores[order]
    else:
        hits = search(project, base, image_id=image_id, image_path=image_path, k=depth)
        ids, scores = np.array([h.image_id for h in hits], np.int64), np.array([h.score for h in hits])
    ids, scores = ids[:depth], scores[:depth]
    if is_rerank_spec(spec):
        parsed = parse_rerank_spec(spec)
        query, _ = _query_features(project, parsed.local.spec, image_id if image_id is not None else image_path)
        stored, rows = current_local_features(project, parsed.local.feature_spec)
        candidates = [stored.at(rows[int(i)]) if int(i) in rows else None for i in ids]
        inliers = verify_candidates(query, candidates, parsed.local.match_config(),
                                    matcher=create_matcher(parsed.local), threads=threads)
        order = rerank_order(inliers, parsed.local.min_inliers)
        ids, scores = ids[order], inliers[order].astype(float)
    catalog = {row.id: row for row in project.catalog.images(ids=[int(i) for i in ids[:k]])}
    return [SearchHit(rank, int(i), catalog[int(i)].path, float(s), catalog[int(i)].group)
            for rank, (i, s) in enumerate(zip(ids[:k], scores[:k], strict=True), 1) if int(i) in catalog]


def draw_matches(project: Project, spec: str, image_a: ImageRef, image_b: ImageRef, out: str | Path, *,
                 max_lines: int = 300, show_outliers: bool = True) -> PairMatch:
    """Verify two images with a local method and write the picture (A | B, inlier lines) as PNG to ``out``.

    ``spec`` is a local spec (``orb-1000``, ``xfeat-1000+lg``…) or a re-ranking spec (its local
    part is used); an ``int`` is a catalog image id, anything else an image file.
    """
    from heritage_explorer.descriptors.local.drawing import encode_png, render_matches

    local = parse_rerank_spec(spec).local if is_rerank_spec(spec) else parse_local_spec(spec)
    features_a, rgb_a = _query_features(project, local.spec, image_a)
    features_b, rgb_b = _query_features(project, local.spec, image_b)
    pair = verify_pair(features_a, features_b, local.match_config(), matcher=create_matcher(local))
    canvas = render_matches(rgb_a, rgb_b, features_a, features_b, pair, title=local.spec, max_lines=max_lines,
                            show_outliers=show_outliers)
    atomic_write_bytes(out, encode_png(canvas))
    return pair


