"""Local features through the pipeline on a small synthetic collection: extract, re-rank, evaluate, search, draw.

Three scenes, each seen in three views (a homography plus a colour tint per view). A colour
histogram ranks by tint, so it confuses scenes; geometric verification of its shortlist
(survey §4.2.2, two-stage retrieval) must put every scene's views first.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.descriptors.local import rerank_order
from heritage_explorer.pipeline import import_source, open_project
from heritage_explorer.pipeline.local import current_local_features, draw_matches
from heritage_explorer.pipeline.methods import (
    evaluate_all,
    extract_any,
    rank_many,
    search_any,
)
from tests.descriptors.test_local_matching import textured_scene, warp

TINTS = ((1.0, 1.0, 1.0), (1.0, 0.75, 0.45), (0.5, 0.8, 1.0))
VIEWS = (np.eye(3), np.array([[0.9, 0.06, 30], [-0.04, 0.95, 12], [5e-5, 2e-5, 1]]),
         np.array([[1.05, -0.05, -10], [0.03, 1.0, -18], [-4e-5, 6e-5, 1]]))


def write_scenes(root: Path, scenes: range) -> Path:
    """Textured scenes, each in three views (homography + tint), under ``root/images``; their groups.csv."""
    from PIL import Image

    (root / "images").mkdir(parents=True, exist_ok=True)
    rows = []
    for scene in scenes:
        base = textured_scene(10 + scene)
        for view, (h, tint) in enumerate(zip(VIEWS, TINTS, strict=True)):
            image = np.clip(warp(base, h) * np.array(tint), 0, 255).astype(np.uint8)
            name = f"images/scene{scene}_view{view}.png"
            Image.fromarray(image).save(root / name)
            rows.append([name, f"scene{scene}", 1])
    with open(root / "groups.csv", "w", newline="") as fh:
        csv.writer(fh).writerows([["path", "group", "query"], *rows])
    return root / "groups.csv"


def scene_project(tmp_path_factory: pytest.TempPathFactory, scenes: range = range(3)):
    """A project of the ``scenes``, each in three views; groups = scenes."""
    project = open_project(tmp_path_factory.mktemp("project") / "P", create=True)
    import_source(project, str(write_scenes(tmp_path_factory.mktemp("collection"), scenes)))
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    return scene_project(tmp_path_factory)


def test_rerank_puts_verified_images_first_by_inliers_and_keeps_the_global_order_otherwise() -> None:
    inliers = np.array([2, 40, 2, 11, 30, 11, 9])
    assert rerank_order(inliers).tolist() == [1, 4, 3, 5, 6, 0, 2]  # ties (3, 5) and (0, 2) keep their order
    # with 10 inliers needed, 9 and 2 are chance: positions 0, 2 and 6 stay in their global order
    assert rerank_order(inliers, min_inliers=10).tolist() == [1, 4, 3, 5, 0, 2, 6]


def test_extraction_is_resumable_and_reranking_fixes_the_colour_histogram(project) -> None:
    first = extract_any(project, ["colorhist>>orb-800@8"])
    assert first.computed["orb-800"] == 9 and first.reused["orb-800"] == 0
    again = extract_any(project, ["colorhist>>orb-800+fundamental@8"])  # same stored features
    assert again.reused["orb-800"] == 9 and again.computed.get("orb-800", 0) == 0
    stored, rows = current_local_features(project, "orb-800")
    assert len(rows) == 9 and stored.bytes_per_image() > 1000
    results = evaluate_all(project, ["colorhist", "colorhist>>orb-800@8", "colorhist+aqe1"])
    assert results["colorhist"].global_map < 0.8
    assert results["colorhist>>orb-800@8"].global_map == pytest.approx(1.0)
    assert results["colorhist+aqe1"].n_queries == 9
    runs = project.catalog.runs("evaluate")
    assert runs[-1]["spec"] == "colorhist,colorhist>>orb-800@8,colorhist+aqe1"


def test_full_rankings_keep_every_image_once(project) -> None:
    queries = [row.id for row in project.catalog.images()]
    for spec in ("colorhist>>orb-800@3", "colorhist+dba2+aqe2a3", "orb-800"):
        rankings = rank_many(project, spec, queries)
        assert sorted(rankings) == sorted(queries)
        for query, ranked in rankings.items():
            ranking = ranked.ids
            assert len(ranked.scores) == len(ranking) and ranked.verified == (">>" in spec or spec == "orb-800")
            assert sorted(ranking.tolist()) == sorted(queries)
            assert ranking[0] == query or spec.endswith("a3")  # expanded vectors need not rank themselves first


def test_search_scores_are_inlier_counts(project) -> None:
    query = project.catalog.find_image("images/scene1_view1.png")
    hits = search_any(project, "colorhist>>orb-800@8", image_id=query.id, k=4)
    assert [h.group for h in hits[:3]] == ["scene1"] * 3
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True) and all(float(s).is_integer() for s in scores)
    assert scores[1] > 5 * max(scores[3], 1)
    external = search_any(project, "colorhist>>orb-800@8", image_path=query.abspath, k=3)
    assert [h.image_id for h in external] == [h.image_id for h in hits[:3]]


def test_draw_matches_writes_a_picture_of_the_pair(project, tmp_path: Path) -> None:
    from PIL import Image

    a = project.catalog.find_image("images/scene0_view0.png")
    b = project.catalog.find_image("images/scene0_view2.png")
    out = tmp_path / "pair.png"
    pair = draw_matches(project, "orb-800", a.id, b.abspath, out)
    assert pair.inliers > 50
    with Image.open(out) as image:
        assert image.size[0] > image.size[1] and image.mode == "RGB"


def test_attentive_features_and_netvlad_in_the_same_table(project) -> None:
    results = evaluate_all(project, ["colorhist", "colorhist>>delf-efflite0-300@8", "netvlad-efflite0",
                                     "netvlad-efflite0+pcaw8"])
    print({spec: round(r.global_map, 3) for spec, r in results.items()})
    assert results["colorhist>>delf-efflite0-300@8"].global_map > results["colorhist"].global_map + 0.1
    assert 0.0 <= results["netvlad-efflite0"].global_map <= 1.0
    assert 0.0 <= results["netvlad-efflite0+pcaw8"].global_map <= 1.0
    assert (project.descriptor_dir("netvlad-efflite0+pcaw8") / "whitening.npz").exists()
    pca = project.root / "local" / "delf-efflite0-300" / "pca.npz"
    netvlad = project.descriptor_dir("netvlad-efflite0") / "netvlad.npz"
    assert pca.exists() and netvlad.exists()
