"""Evaluation of methods on a project's own ground truth (classes from the catalog).

Rankings are exhaustive (exact inner products over the whole database), as the Alegoria
protocol needs the position of the last positive (Gominski et al. §4).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import numpy as np

from heritage_explorer.core.catalog import DISTRACTOR
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.jobs import CancelToken, Progress
from heritage_explorer.descriptors.registry import parse_spec
from heritage_explorer.evaluation.metrics import EvaluationResult, evaluate_rankings
from heritage_explorer.pipeline.extract import extract_methods
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.search import current_vectors


def grayscale_spec(spec: str) -> str:
    """The spec of the same method on grayscale images (Alegoria Table 2), in canonical form."""
    return dataclasses.replace(parse_spec(spec), grayscale=True).spec


def full_rankings(project: Project, spec: str, query_ids: Sequence[int], *, chunk: int = 256) -> dict[int, np.ndarray]:
    """Every database image id ranked by decreasing similarity, for each query that has a vector."""
    stored = current_vectors(project, spec)
    vectors = np.asarray(stored.vectors, dtype=np.float32)
    row_of = stored.row_of()
    queries = [q for q in query_ids if q in row_of]
    rankings: dict[int, np.ndarray] = {}
    for start in range(0, len(queries), chunk):
        batch = queries[start : start + chunk]
        scores = vectors[[row_of[q] for q in batch]] @ vectors.T
        order = np.argsort(-scores, axis=1, kind="stable")
        for q, ranked_rows in zip(batch, order, strict=True):
            rankings[q] = stored.ids[ranked_rows]
    return rankings


def evaluation_queries(project: Project) -> tuple[list[int], dict[int, str | None]]:
    """Query ids (flagged as queries, with a class) and the label of every image.

    Raises :class:`HeritageError` when there is no such query: every mAP would be undefined (it was
    printed as ``nan``, and the report died writing it to JSON).
    """
    images = project.catalog.images(status="ok")
    labels = {row.id: (None if row.group in (None, "", DISTRACTOR) else row.group) for row in images}
    queries = [row.id for row in images if row.is_query and labels[row.id] is not None]
    if not queries:
        raise HeritageError(
            f"{project.root}: nothing to evaluate: none of its {len(images)} readable image(s) is a query with a "
            "group, and an evaluation compares each query's ranking with the images of its group (ground truth). "
            "Import a CSV listing with a 'group' (or 'label'/'class') column; search and exploring need none.")
    return queries, labels


def evaluate_methods(
    project: Project,
    specs: Sequence[str],
    *,
    grayscale: bool = False,
    extract_missing: bool = True,
    progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> dict[str, EvaluationResult]:
    """Per-query AP, per-class and global mAP of each method; ``grayscale`` evaluates the ``+gray`` variants.

    Methods not (fully) extracted yet are extracted first (resumably) when ``extract_missing``.
    """
    run_specs = {spec: grayscale_spec(spec) if grayscale else spec for spec in specs}
    if extract_missing and not project.read_only:  # read-only: evaluate what was extracted
        extract_methods(project, list(run_specs.values()), progress=progress, cancel=cancel)
    queries, labels = evaluation_queries(project)
    results = {}
    for spec, run_spec in run_specs.items():
        rankings = full_rankings(project, run_spec, queries)
        results[spec] = evaluate_rankings(rankings, labels, query_ids=queries)
    run_id = project.catalog.start_run("evaluate", ",".join(specs), {"grayscale": grayscale})
    project.catalog.finish_run(
        run_id, {spec: {"global_map": r.global_map, "per_class": r.per_class} for spec, r in results.items()}
    )
    return results
