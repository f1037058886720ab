"""View ▸ Collection map (issue #21 part 3): laid out in the window's runner, one item per described
image, dots far out and thumbnails close in, a click searches with the image, closed with the project."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from heritage_explorer.gui.widgets.collection_map import CollectionMapDialog
from heritage_explorer.pipeline import current_vectors
from tests.gui import test_describer

pytest.importorskip("openTSNE", reason="the map's default layout needs openTSNE (requirements.txt)")
colorhist_project = test_describer.colorhist_project  # the sample project with colour histograms (a fixture)


def _painted(dialog: CollectionMapDialog) -> list[int]:
    dialog.view.refresh()
    dialog.view.viewport().grab()  # paints the visible items now
    return [item.image_id for item in dialog.view.thumbnails.values() if item.drew_thumbnail]


def test_the_map_shows_every_image_and_a_click_searches_with_it(window, colorhist_project, qtbot) -> None:
    window.settings.search_method = "colorhist"
    assert window.open_project(colorhist_project)
    qtbot.waitUntil(window.thumbnails_settled, timeout=20_000)
    window.actions_by_name["collection_map"].trigger()
    dialogs = window.findChildren(CollectionMapDialog)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    qtbot.waitUntil(lambda: dialog.collection_map is not None, timeout=60_000)
    described = current_vectors(window.project, "colorhist")
    assert sorted(dialog.view.point_ids) == sorted(int(i) for i in described.ids)
    assert "images by colorhist" in dialog.status.text()

    dialog.view.set_zoom(0.2)  # a tile is 13 px on screen: dots only, no thumbnail item
    assert _painted(dialog) == [] and dialog.view.thumbnails == {}
    row = len(dialog.view.point_ids) // 2
    image_id, centre = dialog.view.point_ids[row], QPointF(*dialog.view.xy[row])
    dialog.view.set_zoom(2.0)  # a tile is 128 px: thumbnails, through the window's loader
    dialog.view.centerOn(centre)
    qtbot.waitUntil(lambda: image_id in _painted(dialog), timeout=20_000)
    assert len(dialog.view.thumbnails) < len(dialog.view.point_ids), "only the images in view get an item"

    where = dialog.view.mapFromScene(centre)
    QTest.mouseClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert window.query == {"image_id": image_id}
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=30_000)

    window.open_project(colorhist_project)  # another project (here the same again): the map goes
    qtbot.waitUntil(lambda: not window.findChildren(CollectionMapDialog), timeout=10_000)
