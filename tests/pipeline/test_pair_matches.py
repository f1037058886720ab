"""The matches behind a local result (issue #18 part 2, #21 part 1): ``pipeline.matches.pair_matches``
on real photographs (strecha_mvs) with ORB, which needs no network.

What the match view draws must be what the search counted: the inliers of a pair are the tile's
score, they agree with the fitted homography, the keypoints are those of the store placed on the
original images, and a region query's found box is the search's ``box``.
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from heritage_explorer.core.regions import Box
from heritage_explorer.descriptors.local.regions import project_points
from heritage_explorer.pipeline import import_source, open_project
from heritage_explorer.pipeline.local import current_local_features
from heritage_explorer.pipeline.matches import needs_network, pair_matches
from heritage_explorer.pipeline.methods import extract_any, search_any
from tests.conftest import shared_collection

ORB = "orb-1000"
QUERY = "images/herzjesu_0005.jpg"
PORTAL = Box(420, 130, 380, 410)  # the church's central portal (1024×683), as in test_regions_strecha.py
pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def strecha(tmp_path_factory: pytest.TempPathFactory):
    csv = shared_collection("strecha_mvs")
    project = open_project(tmp_path_factory.mktemp("strecha_matches") / "P", create=True)
    import_source(project, str(csv))
    extract_any(project, [ORB])
    return project


def test_the_inliers_of_each_result_are_its_search_score(strecha) -> None:
    query = strecha.catalog.find_image(QUERY).id
    hits = search_any(strecha, ORB, image_id=query, k=8)
    verified = [hit for hit in hits if hit.image_id != query and hit.score >= 15]
    assert len(verified) >= 3, [(h.path, h.score) for h in hits]
    for hit in hits:
        pair = pair_matches(strecha, ORB, query, hit.image_id)
        assert pair.inlier_count == hit.score, hit.path
        assert pair.tentative >= pair.inlier_count and len(pair.outliers) == pair.tentative - pair.inlier_count


def test_keypoints_and_inliers_are_the_stores_on_the_original_images(strecha) -> None:
    query = strecha.catalog.find_image(QUERY)
    other = strecha.catalog.find_image("images/herzjesu_0006.jpg")
    pair = pair_matches(strecha, ORB, query.id, other.id)
    stored, rows = current_local_features(strecha, ORB)
    a, b = stored.at(rows[query.id]), stored.at(rows[other.id])
    assert pair.size_a == (query.width, query.height) and pair.size_b == (other.width, other.height)
    assert len(pair.keypoints_a) == len(a) and len(pair.keypoints_b) == len(b)
    for points, size in ((pair.keypoints_a, pair.size_a), (pair.keypoints_b, pair.size_b)):
        assert points.min() >= 0 and np.all(points.max(axis=0) <= size)
    assert pair.inlier_count >= 30 and pair.model is not None and pair.model.shape == (3, 3)
    both = np.concatenate([pair.inliers, pair.outliers])
    assert len(np.unique(both, axis=0)) == len(both), "inliers and outliers are disjoint"
    mapped = project_points(pair.model, a.keypoints[pair.inliers[:, 0]])
    error = np.linalg.norm(mapped - b.keypoints[pair.inliers[:, 1]], axis=1)
    assert np.percentile(error, 95) < 8.0, "the inliers agree with the model (RANSAC threshold: 8 px)"
    outlier_error = np.linalg.norm(project_points(pair.model, a.keypoints[pair.outliers[:, 0]])
                                   - b.keypoints[pair.outliers[:, 1]], axis=1)
    assert np.median(outlier_error) > 8.0, "the outliers do not"
    scale = np.array([query.width / a.image_size[0], query.height / a.image_size[1]])
    assert np.allclose(pair.keypoints_a, (a.keypoints + 0.5) * scale)


def test_a_re_ranking_shows_the_matches_of_its_local_part(strecha) -> None:
    query = strecha.catalog.find_image(QUERY).id
    other = strecha.catalog.find_image("images/herzjesu_0004.jpg").id
    local, rerank = pair_matches(strecha, ORB, query, other), pair_matches(strecha, "efflite0-gem>>orb-1000@100",
                                                                           query, other)
    assert rerank.spec == ORB and rerank.inlier_count == local.inlier_count
    assert np.array_equal(rerank.inliers, local.inliers)


def test_a_file_query_is_described_like_the_search_describes_it(strecha, tmp_path) -> None:
    outside = tmp_path / "outside.jpg"
    shutil.copyfile(strecha.catalog.find_image(QUERY).abspath, outside)
    hits = search_any(strecha, ORB, image_path=outside, k=4)
    assert hits[0].score >= 15
    for hit in hits:
        assert pair_matches(strecha, ORB, outside, hit.image_id).inlier_count == hit.score


def test_a_region_query_keeps_the_regions_keypoints_and_finds_the_searchs_box(strecha) -> None:
    query = strecha.catalog.find_image(QUERY).id
    hits = search_any(strecha, ORB, image_id=query, k=6, region=PORTAL)
    boxed = [hit for hit in hits if hit.box is not None and hit.image_id != query]
    assert boxed, [(h.path, h.score, h.box) for h in hits]
    for hit in hits:
        pair = pair_matches(strecha, ORB, query, hit.image_id, region=PORTAL)
        assert pair.region == PORTAL and pair.found == hit.box and pair.inlier_count == hit.score
        x, y = pair.keypoints_a[:, 0], pair.keypoints_a[:, 1]
        assert np.all((x >= PORTAL.x) & (x < PORTAL.x + PORTAL.w) & (y >= PORTAL.y) & (y < PORTAL.y + PORTAL.h))


def test_only_learned_features_of_a_file_or_lighterglue_need_a_network() -> None:
    assert not needs_network(ORB, "some/file.jpg") and not needs_network("efflite0-gem>>orb-1000@100", 3)
    assert not needs_network("xfeat-1000", 3) and needs_network("xfeat-1000", "some/file.jpg")
    assert needs_network("xfeat-1000+lg", 3)
