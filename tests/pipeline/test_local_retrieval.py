"""Standalone local retrieval (Alegoria §4): votes in the compressed local index, verification, ranking.

On the synthetic three-view scenes of ``test_local.py`` (real ORB / FAISS / RANSAC), and on the
strecha_mvs collection against exhaustive all-pairs verification.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from heritage_explorer.descriptors.local.specs import parse_local_spec
from heritage_explorer.pipeline import import_source
from heritage_explorer.pipeline.local_retrieval import (
    build_local_index,
    local_index_dir,
)
from heritage_explorer.pipeline.methods import evaluate_all, extract_any, rank_many, search_any
from tests.conftest import shared_collection
from tests.pipeline.test_local import scene_project, write_scenes

ORB = parse_local_spec("orb-800")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    project = scene_project(tmp_path_factory)
    extract_any(project, ["orb-800"])
    return project


def test_standalone_orb_finds_every_view_without_a_global_method(project) -> None:
    results = evaluate_all(project, ["orb-800", "colorhist"])
    assert results["orb-800"].global_map == pytest.approx(1.0)
    assert results["colorhist"].global_map < 0.8  # the tints fool a colour histogram
    assert (local_index_dir(project, ORB) / "local_index.json").exists()


def test_search_scores_are_integer_inlier_counts(project) -> None:
    query = project.catalog.find_image("images/scene2_view1.png")
    hits = search_any(project, "orb-800", image_id=query.id, k=5)
    assert [h.group for h in hits[:3]] == ["scene2"] * 3 and hits[0].image_id == query.id
    assert all(type(h.score) is int for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert hits[2].score > 3 * max(hits[3].score, 1)
    assert hits[0].to_json()["score"] == hits[0].score
    external = search_any(project, "orb-800", image_path=query.abspath, k=3)
    assert [h.image_id for h in external] == [h.image_id for h in hits[:3]]


def test_ranking_puts_the_verified_candidates_first_then_votes_then_the_rest(project) -> None:
    queries = [row.id for row in project.catalog.images()]
    for query, ranking in rank_many(project, ORB, queries, candidates=2).items():
        assert ranking.ids[0] == query and sorted(ranking.ids.tolist()) == sorted(queries)
        verified, rest = ranking.scores[1:3], ranking.scores[3:]
        assert (verified >= 0).all() and (rest == -1).all()  # only the 2 most voted images were verified
        assert np.all(np.diff(ranking.votes[3:]) <= 0)  # the others in vote order (no vote: last)
        assert ranking.votes[1:3].min() >= ranking.votes[3:].max()


def test_new_images_are_added_to_the_index_without_retraining(tmp_path_factory) -> None:
    project = scene_project(tmp_path_factory, range(2))
    extract_any(project, ["orb-800"])
    index, _, rows = build_local_index(project, ORB)
    cells, size = index._index.quantizer.reconstruct_n(0, index.nlist), len(index)
    assert index.n_images == 6
    import_source(project, str(write_scenes(tmp_path_factory.mktemp("more"), range(2, 3))))
    extract_any(project, ["orb-800"])
    grown, stored, rows = build_local_index(project, ORB)
    assert grown.n_images == 9 and len(grown) > size
    np.testing.assert_array_equal(grown._index.quantizer.reconstruct_n(0, grown.nlist), cells)
    new = project.catalog.find_image("images/scene2_view0.png").id
    ranking = rank_many(project, ORB, [new])[new]
    groups = {row.id: row.group for row in project.catalog.images()}
    assert [groups[int(i)] for i in ranking.ids[:3]] == ["scene2"] * 3


@pytest.fixture(scope="module")
def strecha(tmp_path_factory: pytest.TempPathFactory):
    from heritage_explorer.pipeline import open_project

    project = open_project(tmp_path_factory.mktemp("strecha") / "P", create=True)
    import_source(project, str(shared_collection("strecha_mvs")))
    extract_any(project, ["xfeat-1000"])
    return project


def test_standalone_xfeat_on_strecha_keeps_its_measured_map(strecha) -> None:
    """Votes pick 20 of the 75 other images to verify; measured 0.953 global mAP (all 75 verified: 0.948;
    exhaustive all-pairs ranked by inliers alone: 0.945)."""
    from heritage_explorer.evaluation.metrics import evaluate_rankings
    from heritage_explorer.pipeline.evaluate import evaluation_queries

    queries, labels = evaluation_queries(strecha)
    ranked = rank_many(strecha, parse_local_spec("xfeat-1000"), queries, candidates=20)
    result = evaluate_rankings({q: r.ids for q, r in ranked.items()}, labels, query_ids=queries)
    print(f"strecha xfeat-1000 standalone, 20 candidates: {result.global_map:.4f}")
    assert result.n_queries == 76 and result.global_map >= 0.92


def test_table3_report_dashboard_and_judged_map_take_a_local_method(project, tmp_path) -> None:
    from heritage_explorer.core.annotations import AnnotationStore
    from heritage_explorer.pipeline.analysis import (
        dashboard_data,
        described_specs,
        evaluate_each,
        write_project_report,
    )

    extract_any(project, ["colorhist"])
    assert "orb-800" in described_specs(project) and "colorhist" in described_specs(project)
    results = evaluate_each(project, ["colorhist", "orb-800"])
    assert results["orb-800"].global_map == pytest.approx(1.0)
    query = project.catalog.find_image("images/scene0_view0.png").id
    same = [row.id for row in project.catalog.images() if row.group == "scene0" and row.id != query]
    AnnotationStore(project.catalog).save_judgments({query: {same[0]: "easy", same[1]: "hard"}})
    data = dashboard_data(project, ["colorhist", "orb-800"], results)
    assert data.table.methods == ("colorhist", "orb-800")
    assert data.judged["orb-800"].result.map["medium"] == pytest.approx(1.0)
    outcome = write_project_report(project, tmp_path / "report", ["colorhist", "orb-800"], results=results)
    assert "orb-800" in outcome.files.html.read_text(encoding="utf-8")
    report = json.loads(outcome.files.json.read_text(encoding="utf-8"))
    assert "orb-800" in json.dumps(report["provenance"])
