"""The collection map's lasso → label (one undoable edit, "Colour by: label") and → near-duplicate
group (the project's review, new group or existing one) (issue #21 part 3)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from heritage_explorer.core.labels import image_labels
from heritage_explorer.gui.widgets.collection_map import CollectionMapDialog
from heritage_explorer.gui.widgets.map_colouring import NO_VALUE
from heritage_explorer.pipeline.duplicate_review import load_review
from tests.gui import test_describer
from tests.gui.test_collection_map_view import _dot_colours, _open_map

pytest.importorskip("openTSNE", reason="the map's default layout needs openTSNE (requirements.txt)")
colorhist_project = test_describer.colorhist_project  # the sample project with colour histograms (a fixture)


def _lasso_left_half(dialog: CollectionMapDialog) -> np.ndarray:
    """Shift+drag a rectangle around the left half of the layout; returns the selection."""
    view = dialog.view
    view.fit()
    low, high = view.xy.min(axis=0), view.xy.max(axis=0)
    middle = (low + high) / 2
    corners = [(low[0] - 20, low[1] - 20), (middle[0], low[1] - 20), (middle[0], high[1] + 20),
               (low[0] - 20, high[1] + 20)]
    on_screen = [view.mapFromScene(QPointF(x, y)) for x, y in corners]
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, on_screen[0])
    for where in on_screen[1:]:
        QTest.mouseMove(view.viewport(), where)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, on_screen[-1])
    return view.selected.copy()


def test_a_lasso_labels_the_images_undoably_and_the_map_colours_by_label(window, colorhist_project, qtbot) -> None:
    dialog = _open_map(window, colorhist_project, qtbot)
    selected = _lasso_left_half(dialog)
    assert 0 < selected.sum() < len(selected)
    assert dialog.label_button.isEnabled() and dialog.group_button.isEnabled()
    ids = dialog.selected_ids()
    catalog = window.project.catalog

    dialog.colour_by("label")
    assert set(_dot_colours(dialog).values()) == {NO_VALUE.name()}, "no labels yet: all grey"
    assert dialog.label_selection(" portal ") == len(ids)
    assert image_labels(catalog) == dict.fromkeys(ids, "portal")
    assert "portal given to" in dialog.status.text()
    colours = _dot_colours(dialog)  # recoloured at once: the map shows the labels
    assert {colours[i] for i in ids} != {NO_VALUE.name()} and len({colours[i] for i in ids}) == 1
    assert all(c == NO_VALUE.name() for i, c in colours.items() if i not in ids)
    assert "portal" in dialog.legend.text()

    window.edits.stack.undo()  # the whole selection in one edit
    assert image_labels(catalog) == {}
    assert set(_dot_colours(dialog).values()) == {NO_VALUE.name()}
    window.edits.stack.redo()
    assert image_labels(catalog) == dict.fromkeys(ids, "portal")
    assert dialog.label_selection("portal") == 0, "already so labelled: no edit"
    assert window.edits.stack.count() == 1

    assert dialog.label_selection("   ") == 0 and "Not labelled" in dialog.status.text()
    assert image_labels(catalog) == dict.fromkeys(ids, "portal")


def test_a_lasso_makes_a_near_duplicate_group_then_grows_it(window, colorhist_project, qtbot) -> None:
    dialog = _open_map(window, colorhist_project, qtbot)
    selected = _lasso_left_half(dialog)
    paths = {row.id: row.path for row in window.project.catalog.images()}
    first = [paths[i] for i in dialog.selected_ids()]
    assert dialog.add_selection_to_group(None) == 0
    review = load_review(window.project)
    assert [(g.images, g.representative, g.confirmed) for g in review.groups] == [(first, first[0], False)]

    others = np.flatnonzero(~selected)[:2]
    more = np.zeros(len(selected), bool)
    more[others] = True
    dialog._lassoed(more)
    added = [paths[i] for i in dialog.selected_ids()]
    assert dialog.add_selection_to_group(0) == 0
    assert load_review(window.project).groups[0].images == first + added
    assert dialog.add_selection_to_group(0) is None and "already in group 1" in dialog.status.text()
