"""The result grid searches with local and re-ranking methods (issues #18 parts 1-2, #21 part 1).

On the real strecha_mvs collection with XFeat features extracted by the pipeline: the tiles of a
standalone local search and of a re-ranking show the inlier counts of ``methods.search_any``, a
region query's tiles carry (and paint) the box where the region was found, the viewer opened from
a result draws it, and a dropped file is searched in the describer's child with the same answer.
"""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from heritage_explorer.core.regions import Box
from heritage_explorer.gui.delegates.thumbnail import PAD, REGION_COLOR, region_rect
from heritage_explorer.gui.models.thumbnails import Roles
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.comparison import without_query
from heritage_explorer.pipeline.methods import search_any

K = 6
XFEAT = "xfeat-1000"
RERANK = "efflite0-gem>>xfeat-1000@100"
STRECHA_METHODS = [XFEAT, "efflite0-gem"]  # extracted by the strecha fixture (tests/gui/conftest.py), ~20 s
QUERY = "images/herzjesu_0005.jpg"
PORTAL = Box(420, 130, 380, 410)  # the church's central portal (1024×683), as in tests/pipeline/test_regions_strecha.py
pytestmark = pytest.mark.shared_data


def _explorer(window, root, qtbot, spec: str):
    window.settings.search_method = spec
    window.query_strip.k_spin.setValue(K)
    assert window.open_project(root)
    qtbot.waitUntil(lambda: not window.catalog_loading, timeout=20_000)
    return window


def _shown(window, qtbot) -> list:
    qtbot.waitUntil(lambda: window.search_view.model.rowCount() == K and not window.runner.is_busy(),
                    timeout=120_000)
    return window.search_view.model.items


def _badges(window) -> list[str]:
    model = window.search_view.model
    return [model.index(row).data(Roles.Badge) for row in range(model.rowCount())]


def test_the_method_box_offers_local_stores_and_re_rankings(window, strecha, qtbot) -> None:
    _explorer(window, strecha, qtbot, XFEAT)
    offered = [window.query_strip.method_combo.itemText(i) for i in range(window.query_strip.method_combo.count())]
    assert offered[:2] == ["efflite0-gem", XFEAT] and RERANK in offered, offered
    assert window.query_strip.method == XFEAT


@pytest.mark.parametrize("spec", [XFEAT, RERANK])
def test_a_local_or_re_ranking_search_shows_the_inlier_counts_of_search_any(window, strecha, qtbot, spec) -> None:
    window = _explorer(window, strecha, qtbot, spec)
    row = window.project.catalog.find_image(QUERY)
    window.query_image(row.id)
    items = _shown(window, qtbot)
    expected = without_query(search_any(window.project, spec, image_id=row.id, k=K + 1), row.id, K)
    assert [item.image_id for item in items] == [hit.image_id for hit in expected]
    assert [item.score for item in items] == [hit.score for hit in expected]
    assert all(hit.score >= 15 and hit.score == int(hit.score) for hit in expected), "verified, whole inlier counts"
    assert _badges(window) == [f"#{hit.rank}  {int(hit.score)} inliers" for hit in expected]
    assert all(item.box is None for item in items), "no region asked, no box"
    assert "RANSAC inliers" in window.search_view.caption.text() and spec in window.search_view.caption.text()


def test_a_global_search_keeps_its_similarity_scores(window, strecha, qtbot) -> None:
    window = _explorer(window, strecha, qtbot, "efflite0-gem")
    window.query_image(window.project.catalog.find_image(QUERY).id)
    items = _shown(window, qtbot)
    assert all(0 < item.score <= 1 for item in items)
    assert all("inliers" not in badge for badge in _badges(window))


def _painted_bottom_edge(window, row: int) -> tuple[int, int]:
    """(pixels of the region colour, pixels in all) along the bottom edge of the box the delegate
    paints on tile ``row`` (the top one may be under the badge), where it should be: the found box
    scaled onto the drawn thumbnail."""
    view, model = window.search_view.view, window.search_view.model
    index = model.index(row)
    image = index.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(image, QImage) and not image.isNull(), "the thumbnail is shown"
    cell, size = view.visualRect(index), view.itemDelegate().size
    width, height = min(image.width(), size), min(image.height(), size)
    target = QRect(cell.x() + PAD + (size - width) // 2, cell.y() + PAD + (size - height) // 2, width, height)
    rect = region_rect(target, index.data(Roles.RegionBox), index.data(Roles.ImageSize))
    assert rect is not None
    grabbed = view.viewport().grab().toImage()
    xs = range(round(rect.left()) + 3, round(rect.right()) - 3)
    found = 0
    for x in xs:
        colours = [QColor(grabbed.pixel(x, round(rect.bottom()) + dy)) for dy in (-1, 0, 1)]
        found += any(max(abs(c.red() - REGION_COLOR.red()), abs(c.green() - REGION_COLOR.green()),
                         abs(c.blue() - REGION_COLOR.blue())) < 40 for c in colours)
    return found, len(xs)


def test_a_region_query_gives_each_tile_its_found_box_painted_and_shown_in_the_viewer(window, strecha, qtbot) -> None:
    window = _explorer(window, strecha, qtbot, XFEAT)
    row = window.project.catalog.find_image(QUERY)
    window.query_region(row.id, PORTAL)
    items = _shown(window, qtbot)
    expected = search_any(window.project, XFEAT, image_id=row.id, k=K, region=PORTAL)
    model = window.search_view.model
    assert [item.image_id for item in items] == [hit.image_id for hit in expected]
    assert [model.index(i).data(Roles.RegionBox) for i in range(K)] == [hit.box for hit in expected]
    assert expected[0].image_id == row.id and expected[0].box == PORTAL, "the query's own view finds the box drawn"
    sizes = {r.id: (r.width, r.height) for r in window.project.catalog.images(ids=[h.image_id for h in expected])}
    assert [model.index(i).data(Roles.ImageSize) for i in range(K)] == [sizes[h.image_id] for h in expected]
    assert "where the region was found" in window.search_view.caption.text()
    qtbot.waitUntil(window.thumbnails_settled, timeout=20_000)
    boxed = next(i for i, hit in enumerate(expected) if hit.box is not None and i > 0)
    painted, edge = _painted_bottom_edge(window, boxed)
    assert edge > 10 and painted >= 0.9 * edge, f"the box's bottom edge is painted ({painted} of {edge} pixels)"
    center = window.search_view.view.visualRect(model.index(boxed)).center()
    viewport = window.search_view.view.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, center)
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, center)
    qtbot.waitUntil(lambda: bool(window.viewers), timeout=5_000)
    viewer = window.viewers[-1]
    qtbot.waitUntil(lambda: viewer.loaded, timeout=20_000)
    assert viewer.found == expected[boxed].box and viewer.found_item is not None
    shown = viewer.view.item.pixmap()
    scale = shown.width() / sizes[expected[boxed].image_id][0]
    rect = viewer.found_item.rect()
    assert rect.x() == pytest.approx(expected[boxed].box.x * scale) and rect.width() == pytest.approx(
        expected[boxed].box.w * scale)
    viewer.close()


def test_a_dropped_file_is_searched_with_a_local_method_in_the_describers_child(window, strecha, qtbot,
                                                                                tmp_path) -> None:
    window = _explorer(window, strecha, qtbot, XFEAT)
    dropped = tmp_path / "dropped.jpg"
    shutil.copyfile(window.project.catalog.find_image(QUERY).abspath, dropped)
    try:
        window.query_file(dropped)
        items = _shown(window, qtbot)
        assert window.describer.pid is not None, "described in the child"
    finally:
        window.describer.shutdown()
    expected = search_any(window.project, XFEAT, image_path=dropped, k=K)
    assert [(item.image_id, item.score) for item in items] == [(hit.image_id, hit.score) for hit in expected]
    assert _badges(window)[0] == f"#1  {int(expected[0].score)} inliers"


def test_a_re_ranking_region_query_is_searched_in_the_describers_child_with_its_boxes(window, strecha,
                                                                                       qtbot) -> None:
    """The global part describes the crop (a network): in the child; the boxes are search_any's."""
    window = _explorer(window, strecha, qtbot, RERANK)
    row = window.project.catalog.find_image(QUERY)
    try:
        window.query_region(row.id, PORTAL)
        items = _shown(window, qtbot)
        assert window.describer.pid is not None, "searched in the child"
    finally:
        window.describer.shutdown()
    expected = search_any(window.project, RERANK, image_id=row.id, k=K, region=PORTAL)
    assert [(item.image_id, item.score, item.box) for item in items] == [
        (hit.image_id, hit.score, hit.box) for hit in expected]
    assert sum(item.box is not None for item in items) >= K - 1
    assert _badges(window)[0] == f"#1  {int(expected[0].score)} inliers"


@pytest.mark.parametrize("method, region", [(XFEAT, None), (RERANK, None), (XFEAT, PORTAL)])
def test_the_open_hook_searches_with_local_methods_and_regions(qapp, strecha, tmp_path, capsys, method,
                                                               region) -> None:
    """``open --method M --search-image IMG [--region R] --quit-after-search``: issue #18's "done when"."""
    import json

    from heritage_explorer.gui.app import run_app

    args = ["--project", str(strecha), "--settings", str(tmp_path / "settings.ini"), "--method", method,
            "--search-image", QUERY, "--quit-after-search"]
    status = run_app(args + (["--region", str(region)] if region is not None else []))
    captured = capsys.readouterr()
    assert status == 0, captured.err
    hits = json.loads(captured.out)["hits"]
    project = open_project(strecha)
    query = project.catalog.find_image(QUERY).id
    expected = (search_any(project, method, image_id=query, k=20, region=region) if region is not None
                else without_query(search_any(project, method, image_id=query, k=21), query, 20))
    assert [(h["image_id"], h["score"]) for h in hits] == [(e.image_id, e.score) for e in expected]
    assert [h.get("box") for h in hits] == [e.box.to_json() if getattr(e, "box", None) else None for e in expected]


def test_the_open_hook_refuses_a_region_of_a_file_that_is_not_in_the_catalog(qapp, strecha, tmp_path,
                                                                             capsys) -> None:
    from heritage_explorer.gui.app import run_app

    outside = tmp_path / "outside.jpg"
    shutil.copyfile(open_project(strecha).catalog.find_image(QUERY).abspath, outside)
    status = run_app(["--project", str(strecha), "--settings", str(tmp_path / "settings.ini"), "--method", XFEAT,
                      "--search-image", str(outside), "--region", str(PORTAL), "--quit-after-search"])
    captured = capsys.readouterr()
    assert status == 2 and "--region needs a catalog image" in captured.err


def _compared(window, qtbot, methods: list[str]) -> dict:
    qtbot.waitUntil(lambda: [row.spec for row in window.compare_view.rows] == methods
                    and not window.runner.is_busy(), timeout=180_000)
    return {row.spec: row for row in window.compare_view.rows}


def test_the_compare_tab_ranks_global_re_ranked_and_local_rows_with_the_ranker(window, strecha, qtbot,
                                                                                tmp_path) -> None:
    """Issue #18 part 1: comparison rows of every kind; a local row's tiles show inlier counts and its
    AP is the evaluation's (the ranker's full ranking); a dropped file's local rows rank in the child."""
    from heritage_explorer.pipeline.comparison import compare_methods

    methods = ["efflite0-gem", RERANK, XFEAT]
    window.settings.compare_methods = methods
    window = _explorer(window, strecha, qtbot, "efflite0-gem")
    offered = [action.text() for action in window.compare_view.menu.actions()]
    assert set(methods) <= set(offered) and window.compare_view.selected() == methods, offered
    row = window.project.catalog.find_image(QUERY)
    window.query_image(row.id)
    rows = _compared(window, qtbot, methods)
    expected = {r.spec: r for r in compare_methods(window.project, methods, image_id=row.id, k=K).rows}
    for spec, shown in rows.items():
        assert shown.method_row.error is None, shown.method_row.error
        assert shown.method_row.ap == pytest.approx(expected[spec].ap)
        assert [item.image_id for item in shown.model.items] == [i for i, _ in expected[spec].top]
        assert all(item.inliers == (spec != "efflite0-gem") for item in shown.model.items)
    assert f"AP {expected[XFEAT].ap:.3f}" in rows[XFEAT].header.text()
    dropped = tmp_path / "dropped.jpg"
    shutil.copyfile(row.abspath, dropped)
    try:
        window.query_file(dropped)
        qtbot.waitUntil(lambda: window.compare_view.comparison is not None
                        and window.compare_view.comparison.query_id is None and not window.runner.is_busy(),
                        timeout=180_000)
        rows = _compared(window, qtbot, methods)
    finally:
        window.describer.shutdown()
    local = rows[XFEAT].method_row
    assert local.error is None and local.inliers, local.error
    from_catalog = expected[XFEAT].top
    assert [i for i, _ in local.top][:3] == [row.id] + [i for i, _ in from_catalog][:2]  # the file matches itself
