"""The one ranker (issue #17 part 3): one query or many, top k or the whole collection, every kind.

On the synthetic three-view scenes of ``test_local.py`` (real colour histograms, ORB, FAISS and RANSAC):
the top ``k`` of a search is the head of the full ranking that evaluation uses, a catalog query is
first in its own ranking, a file or a given vector ranks like the catalog image it is, and the
comparison rows of the app rank local and re-ranked methods with the same function.
"""

from __future__ import annotations

import numpy as np
import pytest

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.pipeline.comparison import compare_methods
from heritage_explorer.pipeline.methods import extract_any, rank, rank_many, search_any
from heritage_explorer.pipeline.ranker import Query
from heritage_explorer.pipeline.search import current_vectors
from tests.pipeline.test_local import scene_project

GLOBAL, EXPANDED, LOCAL, RERANK = "colorhist", "colorhist+aqe2", "orb-800", "colorhist>>orb-800@8"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    project = scene_project(tmp_path_factory)
    extract_any(project, [RERANK])
    return project


@pytest.mark.parametrize("spec", [GLOBAL, EXPANDED, LOCAL, RERANK])
def test_the_top_k_is_the_head_of_the_full_ranking(project, spec) -> None:
    query = project.catalog.find_image("images/scene1_view2.png").id
    full = rank(project, spec, query)
    assert full.ids[0] == query or spec == EXPANDED  # an expanded query vector need not rank itself first
    assert sorted(full.ids.tolist()) == sorted(r.id for r in project.catalog.images())
    top = rank(project, spec, query, 4)
    np.testing.assert_array_equal(top.ids, full.ids[:4])
    np.testing.assert_allclose(top.scores, full.scores[:4], atol=1e-5)
    assert top.verified == full.verified == (spec in (LOCAL, RERANK))
    assert rank_many(project, spec, [query])[query].ids.tolist() == full.ids.tolist()


@pytest.mark.parametrize("spec", [LOCAL, RERANK])
def test_local_scores_are_inliers_and_a_file_ranks_like_its_catalog_image(project, spec) -> None:
    row = project.catalog.find_image("images/scene0_view1.png")
    ranked = rank(project, spec, row.id, 3)
    assert ranked.ids[0] == row.id and ranked.scores[0] > ranked.scores[1] >= ranked.scores[2]
    assert all(float(s).is_integer() for s in ranked.scores)
    from_file = rank(project, spec, row.abspath, 3)  # verified against itself like any candidate
    assert from_file.ids.tolist() == ranked.ids.tolist()
    hits = search_any(project, spec, image_id=row.id, k=3)
    assert [h.image_id for h in hits] == ranked.ids.tolist() and all(type(h.score) is int for h in hits)


def test_a_given_vector_ranks_like_the_image_it_describes(project) -> None:
    row = project.catalog.find_image("images/scene2_view0.png")
    stored = current_vectors(project, GLOBAL)
    vector = np.asarray(stored.vectors[stored.row_of()[row.id]], np.float32)
    for k in (None, 5):
        by_vector, by_id = rank(project, GLOBAL, Query(vector=vector), k), rank(project, GLOBAL, row.id, k)
        assert by_vector.ids.tolist() == by_id.ids.tolist()
        # expanded: the outside vector joins the database for αQE, so it is a duplicate of its image
        expanded = rank(project, EXPANDED, Query(vector=vector), k)
        assert len(expanded.ids) == (9 if k is None else k) and expanded.ids[0] in (row.id, *by_id.ids[:2])
    with pytest.raises(HeritageError, match="needs the query image"):
        rank(project, LOCAL, Query(vector=vector), 3)


def test_comparison_rows_rank_every_kind_with_the_ranker(project) -> None:
    query = project.catalog.find_image("images/scene1_view0.png").id
    comparison = compare_methods(project, [GLOBAL, LOCAL, RERANK], image_id=query, k=2)
    rows = {row.spec: row for row in comparison.rows}
    for spec, row in rows.items():
        expected = rank(project, spec, query)
        assert row.error is None and row.inliers == (spec != GLOBAL)
        assert row.ranking.tolist() == [i for i in expected.ids.tolist() if i != query]
        assert [i for i, _ in row.top] == row.ranking[:2].tolist()
    assert rows[LOCAL].ap == pytest.approx(1.0) and rows[RERANK].ap == pytest.approx(1.0)
    assert rows[GLOBAL].ap < 1.0  # the tints fool a colour histogram
    assert all(score >= 15 for _, score in rows[LOCAL].top)  # inlier counts, not similarities


def test_a_catalog_image_without_a_descriptor_is_named(project) -> None:
    with pytest.raises(HeritageError, match="image 999999"):
        rank(project, LOCAL, 999999, 3)
    assert rank_many(project, LOCAL, [999999]) == {}
