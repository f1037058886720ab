"""A box drawn on the image viewer searches with that region only (issue #21 part 1).

The box is drawn with the mouse (rubber band) on the real window; the crop is described in the
describer's child like a dropped file, and the results must be those of the crop saved as a file.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from heritage_explorer.core.regions import Box
from heritage_explorer.gui.widgets.image_viewer import region_from_scene
from heritage_explorer.pipeline import search
from tests.gui import test_describer

K = 5
colorhist_project = test_describer.colorhist_project  # the sample project with colour histograms (a fixture)


def test_region_from_scene_maps_display_pixels_to_original_pixels() -> None:
    # shown at half size: display edge 10 is original edge 20; corners in any order; clipped to the image
    assert region_from_scene((60.2, 40), (10, 5.5), (512, 256), (1024, 512)) == Box(20, 11, 101, 69)
    assert region_from_scene((500, 200), (600, 300), (512, 256), (1024, 512)) == Box(1000, 400, 24, 112)
    assert region_from_scene((600, 10), (700, 20), (512, 256), (1024, 512)) is None


def test_a_box_drawn_on_the_viewer_searches_with_the_crop(window, colorhist_project, qtbot, tmp_path) -> None:
    from PIL import Image

    window.settings.search_method = "colorhist"
    window.query_strip.k_spin.setValue(K)
    assert window.open_project(colorhist_project)
    qtbot.waitUntil(window.thumbnails_settled, timeout=20_000)
    row = window.project.catalog.find_image("images/astronaut_original.jpg")
    viewer = window.open_viewer(row.id)
    qtbot.waitUntil(lambda: viewer.loaded, timeout=20_000)
    viewer.view.resetTransform()  # one scene pixel per screen pixel, image at the view's origin
    viewer.view.horizontalScrollBar().setValue(0)
    viewer.view.verticalScrollBar().setValue(0)
    QTest.keyClick(viewer, Qt.Key.Key_R)
    assert viewer.region_button.isChecked()
    start = viewer.view.mapFromScene(20, 30)
    end = viewer.view.mapFromScene(140, 130)
    viewport = viewer.view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(viewport, start + (end - start) * step / 5)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    shown = viewer.view.item.pixmap()
    scale = row.width / shown.width()
    expected = region_from_scene((20, 30), (140, 130), (shown.width(), shown.height()), (row.width, row.height))
    assert expected is not None and abs(expected.w - 120 * scale) <= 2 * scale
    assert window.query.get("region") is not None, "the band drawn with the mouse asked a region query"
    region = window.query["region"]
    assert max(abs(a - b) for a, b in zip(region.to_json(), expected.to_json(), strict=True)) <= 2 * scale + 1
    assert not viewer.region_button.isChecked() and viewer.region_item is not None
    assert "region" in window.query_strip.title.text()
    qtbot.waitUntil(lambda: window.search_view.model.rowCount() == K and not window.runner.is_busy(), timeout=90_000)
    crop = tmp_path / "crop.png"
    Image.open(row.abspath).crop((region.x, region.y, region.x + region.w, region.y + region.h)).save(crop)
    from_file = search(window.project, "colorhist", image_path=crop, k=K)
    whole = search(window.project, "colorhist", image_id=row.id, k=K)
    shown_ids = [item.image_id for item in window.search_view.model.items]
    shown_scores = [item.score for item in window.search_view.model.items]
    assert shown_ids == [h.image_id for h in from_file]
    assert shown_scores == pytest.approx([h.score for h in from_file], abs=1e-5)
    assert shown_scores != pytest.approx([h.score for h in whole], abs=1e-5)
    viewer.close()

