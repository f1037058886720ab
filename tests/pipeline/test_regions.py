"""Region queries through the pipeline and the CLI (issue #21 part 1), on synthetic images whose true box is known.

A large textured scene (1600×1200: ORB describes it at 1024×768) and two crops of it, one small
(600×600, described as is) and one large (1300×1000, described at 1024×788), among unrelated
scenes. A region of the scene must be found in each crop where the crop's offset puts it, to the
pixel, through real ORB, FAISS and RANSAC.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.cli import main
from heritage_explorer.core.regions import Box, InvalidRegionError
from heritage_explorer.pipeline import import_source, open_project
from heritage_explorer.pipeline.methods import extract_any, search_any
from heritage_explorer.pipeline.regions import RegionHit
from tests.descriptors.test_local_matching import textured_scene

REGION = Box(600, 400, 500, 400)
#: crop name → (left, top, right, bottom) of the scene it shows
CROPS = {"small_crop": (500, 300, 1100, 900), "large_crop": (200, 100, 1500, 1100)}
ORB = "orb-1000"


def expected_box(name: str) -> Box:
    left, top, right, bottom = CROPS[name]
    x0, y0 = max(REGION.x, left) - left, max(REGION.y, top) - top
    x1, y1 = min(REGION.x + REGION.w, right) - left, min(REGION.y + REGION.h, bottom) - top
    return Box(x0, y0, x1 - x0, y1 - y0)


def scene_collection(root: Path) -> Path:
    from PIL import Image

    (root / "images").mkdir(parents=True)
    scene = textured_scene(3, height=1200, width=1600)
    images = {"scene": scene, **{name: scene[t:b, lt:r] for name, (lt, t, r, b) in CROPS.items()}}
    images.update({f"other{i}": textured_scene(40 + i) for i in range(3)})
    rows = []
    for name, pixels in images.items():
        Image.fromarray(np.ascontiguousarray(pixels)).save(root / "images" / f"{name}.png")
        rows.append([f"images/{name}.png", "scene" if name in ("scene", *CROPS) else name, 1])
    with open(root / "groups.csv", "w", newline="") as fh:
        csv.writer(fh).writerows([["path", "group", "query"], *rows])
    return root / "groups.csv"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    project = open_project(tmp_path_factory.mktemp("regions") / "P", create=True)
    import_source(project, str(scene_collection(tmp_path_factory.mktemp("collection"))))
    extract_any(project, [ORB, "colorhist"])
    return project


def scene_id(project) -> int:
    return project.catalog.find_image("images/scene.png").id


def boxes_by_name(hits) -> dict[str, Box | None]:
    return {Path(h.path).stem: h.box for h in hits}


@pytest.mark.parametrize("spec", [ORB, "colorhist>>orb-1000@6"])
def test_the_region_is_found_in_each_crop_where_the_crop_puts_it(project, spec: str) -> None:
    hits = search_any(project, spec, image_id=scene_id(project), k=3, region=REGION)
    assert all(isinstance(h, RegionHit) for h in hits)
    found = boxes_by_name(hits)
    assert set(found) == {"scene", *CROPS}, [h.path for h in hits]
    assert found["scene"] == REGION  # the query matches itself: the identity
    for name in CROPS:
        box, truth = found[name], expected_box(name)
        corners = np.array([box.x, box.y, box.x + box.w, box.y + box.h])
        true_corners = np.array([truth.x, truth.y, truth.x + truth.w, truth.y + truth.h])
        assert np.abs(corners - true_corners).max() <= 3, (name, box, truth)
        assert box.iou(truth) > 0.97


def test_a_file_query_is_described_once_and_finds_the_same_boxes(project, tmp_path: Path) -> None:
    """An image outside the catalog (the scene saved again) gives the same boxes; nothing of the
    collection is described again (the feature store and the local index are unchanged)."""
    from PIL import Image

    outside = tmp_path / "outside.png"
    Image.open(project.catalog.image(scene_id(project)).abspath).save(outside)
    before = stamps(project.root / "local") | stamps(project.root / "local_index")
    hits = search_any(project, ORB, image_path=outside, k=3, region=REGION)
    assert stamps(project.root / "local") | stamps(project.root / "local_index") == before
    found = boxes_by_name(hits)
    for name in CROPS:
        assert found[name].iou(expected_box(name)) > 0.97


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Size and time of each data file (not the checksum cache a first load writes, core/integrity.py)."""
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*")
            if p.is_file() and p.name != ".verified.json"}


def test_only_the_keypoints_inside_the_region_are_used(project) -> None:
    """A region of the scene outside both crops finds neither crop verified (its keypoints have no
    counterpart there), while the whole scene verifies both."""
    outside_crops = Box(0, 0, 200, 1200)  # the columns left of both crops
    hits = search_any(project, ORB, image_id=scene_id(project), k=3, region=outside_crops)
    found = {Path(h.path).stem: h for h in hits}
    assert found["scene"].box == outside_crops
    assert all(found[name].box is None for name in CROPS if name in found)
    whole = {Path(h.path).stem: h.score for h in search_any(project, ORB, image_id=scene_id(project), k=3)}
    assert all(whole[name] >= 15 for name in CROPS)


def test_a_global_method_describes_the_crop_and_gives_no_box(project, tmp_path: Path) -> None:
    from PIL import Image

    path = project.catalog.image(scene_id(project)).abspath
    crop = tmp_path / "crop.png"
    Image.open(path).crop((REGION.x, REGION.y, REGION.x + REGION.w, REGION.y + REGION.h)).save(crop)
    before = stamps(project.root / "descriptors")
    region_hits = search_any(project, "colorhist", image_id=scene_id(project), k=6, region=REGION)
    assert stamps(project.root / "descriptors") == before  # only the query was described
    crop_hits = search_any(project, "colorhist", image_path=crop, k=6)
    whole_hits = search_any(project, "colorhist", image_id=scene_id(project), k=6)
    assert [(h.image_id, h.score) for h in region_hits] == [(h.image_id, h.score) for h in crop_hits]
    assert [h.score for h in region_hits] != [h.score for h in whole_hits]
    assert all("box" not in h.to_json() for h in region_hits)


def test_too_few_keypoints_in_the_region_say_how_many_were_found(project) -> None:
    with pytest.raises(InvalidRegionError, match=r"holds \d+ of the image's \d+ orb-1000 keypoints; at least 15"):
        search_any(project, ORB, image_id=scene_id(project), region=Box(0, 0, 8, 8))


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_search_json_gains_box_and_keeps_its_keys(project, capsys) -> None:
    code, out, _ = run_cli(capsys, "search", "--project", str(project.root), "--method", ORB, "--image",
                           "images/scene.png", "-k", "3", "--region", str(REGION), "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["region"] == REGION.to_json() and payload["method"] == ORB
    for result in payload["results"]:
        assert set(result) == {"rank", "image_id", "path", "score", "group", "box"}
    boxes = {Path(r["path"]).stem: r["box"] for r in payload["results"]}
    assert Box(*boxes["small_crop"]).iou(expected_box("small_crop")) > 0.97
    code, out, _ = run_cli(capsys, "search", "--project", str(project.root), "--method", "colorhist", "--image",
                           "images/scene.png", "-k", "3", "--region", str(REGION), "--json")
    assert code == 0 and all("box" not in r for r in json.loads(out)["results"])
    code, out, _ = run_cli(capsys, "search", "--project", str(project.root), "--method", ORB, "--image",
                           "images/scene.png", "-k", "3", "--region", str(REGION))
    assert code == 0 and "box x,y,w,h" in out and str(REGION) in out


@pytest.mark.parametrize("region, words", [
    ("600,400,0,100", "is empty or negative"),
    ("600,400,100,-4", "is empty or negative"),
    ("1500,400,200,100", "is outside the image"),
    ("600,400", "expected four integers"),
])
@pytest.mark.parametrize("spec", [ORB, "colorhist"])
def test_cli_bad_regions_give_one_clear_error(project, capsys, region: str, words: str, spec: str) -> None:
    code, out, err = run_cli(capsys, "search", "--project", str(project.root), "--method", spec, "--image",
                             "images/scene.png", "--region", region, "--json")
    assert code != 0 and out == "" and "Traceback" not in err
    assert err.count("error:") == 1 and words in err
    if "expected" not in words:
        assert "scene.png" in err and "1600×1200" in err and region in err


def test_cli_too_few_keypoints_is_an_error(project, capsys) -> None:
    code, _, err = run_cli(capsys, "search", "--project", str(project.root), "--method", ORB, "--image",
                           "images/scene.png", "--region", "0,0,8,8")
    assert code != 0 and "Traceback" not in err and "keypoints" in err and "scene.png" in err
