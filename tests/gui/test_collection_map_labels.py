"""The collection map's lasso → label (one undoable edit, "Colour by: label") and → near-duplicate
group (the project's review, new group or existing one, one undoable edit the open near-duplicate
panel shows at once) (issue #21 part 3)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from heritage_explorer.core.labels import image_labels
from heritage_explorer.gui.menus import open_near_duplicates
from heritage_explorer.gui.models.thumbnails import Roles
from heritage_explorer.gui.widgets.collection_map import CollectionMapDialog
from heritage_explorer.gui.widgets.map_colouring import NO_VALUE
from heritage_explorer.pipeline.duplicate_review import DuplicateReview, load_review, review_path, save_review
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


def _panel_ids(panel) -> list[int]:
    model = panel.model
    return [model.index(row).data(Roles.ImageId) for row in range(model.rowCount())]


def test_a_lasso_add_shows_in_the_open_panel_and_ctrl_z_takes_it_back(window, colorhist_project, qtbot) -> None:
    dialog = _open_map(window, colorhist_project, qtbot)
    review_path(window.project).unlink(missing_ok=True)
    panel = open_near_duplicates(window)
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=20_000)
    assert panel.groups.count() == 0 and "No groups yet" in panel.status.text()
    selected = _lasso_left_half(dialog)
    first = dialog.selected_ids()
    assert dialog.add_selection_to_group(None) == 0 and "Ctrl+Z" in dialog.status.text()
    assert panel.groups.count() == 1 and _panel_ids(panel) == first, "the open panel shows the new group"
    assert window.edits.stack.undoText().startswith(f"new near-duplicate group of {len(first)} images")

    more = np.zeros(len(selected), bool)
    more[np.flatnonzero(~selected)[:2]] = True
    dialog._lassoed(more)
    added = dialog.selected_ids()
    saved = review_path(window.project).read_bytes()
    assert dialog.add_selection_to_group(0) == 0
    assert _panel_ids(panel) == first + added and panel.groups.item(0).text().startswith("1. ")
    undo = next(a for a in dialog.actions() if a.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo))
    undo.trigger()  # Ctrl+Z in the map's own window
    assert review_path(window.project).read_bytes() == saved, "the file exactly as before the add"
    assert _panel_ids(panel) == first, "and the added images gone from the panel"
    window.actions_by_name["undo"].trigger()  # Ctrl+Z in the main window: the new group goes too
    assert not review_path(window.project).exists() and panel.groups.count() == 0 and panel.model.rowCount() == 0
    window.edits.stack.redo()
    assert load_review(window.project).groups[0].images == [p.path for p in window.project.catalog.images(ids=first)]
    assert _panel_ids(panel) == first

    panel.toggle_confirmed()  # the panel's own edits are steps of the same stack
    assert panel.groups.item(0).text().startswith("✓") and load_review(window.project).groups[0].confirmed
    window.edits.stack.undo()
    assert not load_review(window.project).groups[0].confirmed and not panel.groups.item(0).text().startswith("✓")
    panel.close()
    window.edits.stack.redo()  # the closed panel observes nothing any more
    assert load_review(window.project).groups[0].confirmed

    found_again = DuplicateReview("colorhist")
    save_review(window.project, found_again)  # as Find groups would: the history must not undo over it
    edits_before = window.edits.stack.count()
    with window.edits.refusals() as refused:
        window.edits.stack.undo()
    assert load_review(window.project) == found_again and "changed since" in refused[-1]
    assert window.edits.stack.count() == edits_before - 1, "the refused edit leaves the history"
