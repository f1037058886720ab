"""Queries in the real window: result grid, comparison rows with AP and class frames, hover,
a dropped external file, the viewer."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication

from heritage_explorer.gui.delegates.thumbnail import FRAME_COLORS
from heritage_explorer.gui.models.thumbnails import Roles
from tests.conftest import shared_collection
from tests.gui.conftest import METHODS

K = 8


@pytest.fixture
def explorer(window, workflow, qtbot):
    """A fresh window on the project the workflow extracted, comparing both methods."""
    window.settings.compare_methods = METHODS
    window.settings.search_method = "efflite0-gem"
    window.settings.k = K
    window.query_strip.k_spin.setValue(K)
    assert window.open_project(workflow["project_dir"])
    qtbot.waitUntil(window.thumbnails_settled, timeout=20_000)
    return window


def _first_of_class(window, group: str) -> int:
    model = window.catalog_model
    return next(model.image_id_at(r) for r in range(model.rowCount()) if model._group(r) == group)


def _wait_results(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.search_view.model.rowCount() == K and len(window.compare_view.rows) == 2
                    and not window.runner.is_busy(), timeout=60_000)


def test_click_runs_search_and_comparison_with_class_frames_and_ap(explorer, qtbot, workflow) -> None:
    window = explorer
    query = _first_of_class(window, "eiffel_tower")
    rect = window.grid.visualRect(window.catalog_model.index(window.catalog_model.row_of(query)))
    qtbot.mouseClick(window.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    _wait_results(qtbot, window)
    results = window.search_view.model.items
    assert [item.rank for item in results] == list(range(1, K + 1))
    assert query not in [item.image_id for item in results]  # left out, as in Compare and the evaluation
    assert all(a.score >= b.score for a, b in zip(results, results[1:], strict=False))

    from heritage_explorer.pipeline import evaluate_all, open_project

    reference = evaluate_all(open_project(workflow["project_dir"]), METHODS, extract_missing=False)
    groups = window.compare_view.comparison.groups
    assert [row.spec for row in window.compare_view.rows] == METHODS
    for row in window.compare_view.rows:
        items = row.model.items
        assert len(items) == K and query not in [item.image_id for item in items], "query removed from its ranking"
        for item in items:
            group = groups[item.image_id]
            expected = "unknown" if group in (None, "", "distractor") else (
                "same" if group == "eiffel_tower" else "other")
            assert item.relation == expected
        assert row.method_row.ap == pytest.approx(reference[row.spec].per_query[query], abs=1e-9)
        assert f"AP {row.method_row.ap:.3f}" in row.header.text()
    cnn, hist = (row.method_row.ap for row in window.compare_view.rows)
    assert cnn > hist, "the CNN descriptor should beat the colour histogram on this landmark"


def test_frames_are_painted_in_the_class_colours(explorer, qtbot) -> None:
    window = explorer
    window.tabs.setCurrentIndex(1)
    window.query_image(_first_of_class(window, "defense"))
    _wait_results(qtbot, window)
    row = window.compare_view.rows[0]
    qtbot.waitUntil(lambda: all(window.loader.settled(i.image_id, row.model.thumbnail_size)
                                for i in row.model.items[:3]), timeout=20_000)
    row.view.viewport().update()
    grabbed = row.view.viewport().grab().toImage()
    for index in range(3):
        model_index = row.model.index(index)
        cell = row.view.visualRect(model_index)
        image = model_index.data(Qt.ItemDataRole.DecorationRole)
        assert isinstance(image, QImage)
        size = row.view.thumbnail_delegate.size
        left = cell.x() + 6 + (size - min(image.width(), size)) // 2
        y = cell.y() + 6 + size // 2
        pixel = QColor(grabbed.pixel(QPoint(left - 2, y)))
        expected = FRAME_COLORS[row.model.items[index].relation]
        assert abs(pixel.red() - expected.red()) < 40 and abs(pixel.green() - expected.green()) < 40, (
            f"cell {index}: frame {pixel.name()} != {expected.name()}")


def test_hover_highlights_the_image_in_every_row_with_its_ranks(explorer, qtbot) -> None:
    window = explorer
    window.tabs.setCurrentIndex(1)
    window.query_image(_first_of_class(window, "louvre"))
    _wait_results(qtbot, window)
    first, second = window.compare_view.rows
    hovered = first.model.items[0].image_id
    first.view.entered.emit(first.model.index(0))
    assert first.model.index(0).data(Roles.Highlight)
    in_second = [row for row, item in enumerate(second.model.items) if item.image_id == hovered]
    assert all(second.model.index(r).data(Roles.Highlight) for r in in_second)
    rank = second.method_row.rank_of(hovered)
    assert rank is not None and f"{second.spec}: #{rank}" in window.compare_view.hover_label.text()
    assert f"{first.spec}: #1" in window.compare_view.hover_label.text()
    window.compare_view.highlight(None)
    assert not first.model.index(0).data(Roles.Highlight)


def test_dropping_an_external_image_searches_with_it(explorer, qtbot, tmp_path) -> None:
    window = explorer
    source = shared_collection("rparis6k_subset_5x50").parent / "images"
    in_project = {r.abspath.name for r in window.project.catalog.images()}
    outside = next(p for p in sorted(source.glob("defense_*.jpg")) if p.name not in in_project)
    dropped = tmp_path / outside.name
    shutil.copy(outside, dropped)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    assert not window.grid.viewport().acceptDrops(), "drops on the grid must reach the window"
    where = window.grid.mapTo(window, window.grid.rect().center())
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(where, *args)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted(), "the window accepts image files"
    event = QDropEvent(QPointF(where), *args)
    QApplication.sendEvent(window, event)
    assert event.isAccepted()
    _wait_results(qtbot, window)
    assert "external file" in window.query_strip.title.text()
    hits = window.search_view.model.items
    assert len(hits) == K and hits[0].group == "defense", "a La Défense photo finds La Défense first"
    assert {item.relation for row in window.compare_view.rows for item in row.model.items} == {"unknown"}


def test_double_click_opens_viewer_with_zoom_and_metadata(explorer, qtbot) -> None:
    window = explorer
    index = window.catalog_model.index(0)
    rect = window.grid.visualRect(index)
    qtbot.mouseClick(window.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # as a real double click
    qtbot.mouseDClick(window.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: bool(window.viewers) and window.viewers[-1].loaded, timeout=20_000)
    viewer = window.viewers[-1]
    fields = dict(viewer.metadata)
    assert fields["class"] == window.catalog_model._group(0) and "path" in fields and "sha256" in fields
    before = viewer.view.zoom_level
    viewer.view.zoom(1.25)
    assert viewer.view.zoom_level == pytest.approx(before * 1.25)
    assert not viewer.view.item.pixmap().isNull()
    viewer.close()
