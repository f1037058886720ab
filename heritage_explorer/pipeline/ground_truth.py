"""Building ground truth in a project: reference suggestions, judged-query evaluation, what to judge next.

These read the catalog and the descriptor stores and return plain records, so the desktop
panels can run them in workers (and the CLI could call them as they are).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from heritage_explorer.core.annotations import AnnotationStore
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.descriptors.method import Method, as_method
from heritage_explorer.evaluation.metrics import RevisitedResult, revisited_evaluation
from heritage_explorer.evaluation.references import ReferenceSuggestion, most_central
from heritage_explorer.pipeline.methods import rank_many
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.search import current_vectors


def suggest_reference(project: Project, spec: str, image_ids: Sequence[int]) -> ReferenceSuggestion:
    """The image of ``image_ids`` (a class) most similar on average to the others, by ``spec``'s vectors.

    Images without a descriptor (unreadable, not extracted yet) are left out; at least two
    described images are needed.
    """
    stored = current_vectors(project, spec)
    row_of = stored.row_of()
    described = [int(i) for i in image_ids if int(i) in row_of]
    if len(described) < 2:
        raise HeritageError(
            f"{spec}: {len(described)} of the {len(image_ids)} images of this class have a descriptor; "
            "at least two are needed to suggest a reference")
    vectors = np.asarray(stored.vectors, dtype=np.float32)[[row_of[i] for i in described]]
    return most_central(described, vectors)


@dataclass(frozen=True)
class JudgedEvaluation:
    """Revisited E/M/H results of one method over the judged queries of a project."""

    spec: str
    n_queries: int  # judged queries
    n_judgments: int
    result: RevisitedResult | None  # None when nothing is judged yet


def evaluate_judged(project: Project, spec: Method | str, *, interpolation: str = "trapezoid",
                    judgments: Mapping[int, Mapping[int, str]] | None = None) -> JudgedEvaluation:
    """Easy / Medium / Hard mAP of ``spec`` from ``judgments`` (default: the ``judgments`` table),
    with full rankings of any kind of method (exact search; standalone local retrieval for a local one)."""
    method = as_method(spec)
    spec = str(method)
    if judgments is None:
        judgments = AnnotationStore(project.catalog).judgments()
    n_judgments = sum(len(results) for results in judgments.values())
    if not judgments:
        return JudgedEvaluation(spec, 0, 0, None)
    rankings = {q: r.ids for q, r in rank_many(project, method, sorted(judgments)).items()}
    result = revisited_evaluation(rankings, judgments, interpolation=interpolation)
    return JudgedEvaluation(spec, len(judgments), n_judgments, result)


def next_unjudged_query(project: Project, after: int | None = None) -> int | None:
    """The next readable query image (catalog order, after ``after``, wrapping) that has no judgment.

    Query images are those flagged as queries (a ``query`` column of the listing); ``None`` when
    every query is judged.
    """
    unjudged = ("SELECT i.id FROM images i WHERE i.status = 'ok' AND i.is_query = 1 AND i.id > ?"
                " AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.query_id = i.id) ORDER BY i.id LIMIT 1")
    for start in ((after, -1) if after is not None else (-1,)):  # after ``after``, else from the start
        rows = project.catalog.query(unjudged, [start])
        if rows:
            return int(rows[0]["id"])
    return None
