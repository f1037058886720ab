"""Ground-truth helpers on the bundled sample: reference suggestion, judged E/M/H mAP, next unjudged query."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.annotations import AnnotationStore
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.evaluation.metrics import revisited_evaluation
from heritage_explorer.evaluation.references import mean_cosine_to_others
from heritage_explorer.pipeline import current_vectors, extract_methods, import_source, open_project
from heritage_explorer.pipeline.ground_truth import evaluate_judged, next_unjudged_query, suggest_reference

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "collection.csv"
SPEC = "colorhist"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = open_project(tmp_path_factory.mktemp("gt") / "P", create=True)
    import_source(project, str(SAMPLE))
    extract_methods(project, [SPEC])
    return project


def _class_ids(project, group: str) -> list[int]:
    return [row.id for row in project.catalog.images() if row.group == group]


def test_suggested_reference_is_the_class_medoid(project) -> None:
    members = _class_ids(project, "astronaut")
    suggestion = suggest_reference(project, SPEC, members)
    stored = current_vectors(project, SPEC)
    rows = stored.row_of()
    means = mean_cosine_to_others(np.asarray(stored.vectors)[[rows[i] for i in members]])
    assert suggestion.image_id == members[int(np.argmax(means))]
    assert suggestion.mean_similarity == pytest.approx(float(means.max()), abs=1e-6)
    with pytest.raises(HeritageError, match="at least two"):
        suggest_reference(project, SPEC, members[:1])


def test_judged_evaluation_matches_revisited_evaluation(project) -> None:
    store = AnnotationStore(project.catalog)
    assert evaluate_judged(project, SPEC).result is None
    camera, coffee = _class_ids(project, "camera"), _class_ids(project, "coffee")
    store.save_judgments({camera[0]: {camera[1]: "easy", camera[2]: "hard", coffee[0]: "wrong"},
                          coffee[0]: {coffee[1]: "easy", coffee[2]: "junk"}})
    judged = evaluate_judged(project, SPEC)
    assert (judged.n_queries, judged.n_judgments) == (2, 5)
    from heritage_explorer.pipeline import rank_many

    rankings = {q: r.ids for q, r in rank_many(project, SPEC, [camera[0], coffee[0]]).items()}
    expected = revisited_evaluation(rankings, store.judgments())
    assert judged.result.map == pytest.approx(expected.map)
    assert not math.isnan(judged.result.map["medium"])
    store.save_judgments({}, replace=True)


def test_next_unjudged_query_follows_catalog_order_and_wraps(project) -> None:
    store = AnnotationStore(project.catalog)
    ids = [row.id for row in project.catalog.images(status="ok") if row.is_query]
    assert next_unjudged_query(project) == ids[0]
    store.save_judgments({ids[0]: {ids[1]: "easy"}, ids[2]: {ids[1]: "easy"}})
    assert next_unjudged_query(project) == ids[1]
    assert next_unjudged_query(project, after=ids[1]) == ids[3]  # ids[2] is judged
    assert next_unjudged_query(project, after=ids[-1]) == ids[1]  # wraps to the first unjudged
    store.save_judgments({}, replace=True)
