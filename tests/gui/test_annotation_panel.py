"""The variation annotation panel driven by the keyboard in the real window, against a real catalog:
live scores, what the catalog holds (read by a fresh store), undo/redo, the reference and its suggestion."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from heritage_explorer.core.annotations import VARIATIONS, AnnotationStore
from heritage_explorer.core.catalog import Catalog
from heritage_explorer.evaluation.references import most_central
from heritage_explorer.gui.models.thumbnails import Roles
from heritage_explorer.pipeline import current_vectors

CLASS = "eiffel_tower"  # 8 images in the test subset
KEY = {"Scale": Qt.Key.Key_1, "Illumination": Qt.Key.Key_2, "Color": Qt.Key.Key_4, "Alterations": Qt.Key.Key_0,
       "Time changes": Qt.Key.Key_Minus}


@pytest.fixture
def panel(window, workflow, qtbot, tmp_path):
    """A window on a copy of the extracted test project (edits stay here), showing the panel on CLASS."""
    project_dir = tmp_path / "P"
    shutil.copytree(workflow["project_dir"], project_dir)
    window.settings.search_method = "efflite0-gem"
    assert window.open_project(project_dir)
    window.show_annotation_panel()
    panel = window.annotation_panel
    panel.class_combo.setCurrentIndex(panel.class_combo.findData(CLASS))
    qtbot.waitUntil(lambda: panel.suggestion is not None and not window.runner.is_busy(), timeout=30_000)
    panel.view.setFocus()
    return panel


def fresh_store(panel) -> AnnotationStore:
    """The catalog as another process would read it: a new connection, nothing shared with the window."""
    return AnnotationStore(Catalog(panel.project.root / "catalog.sqlite", create=False))


def keys(qtbot, panel, *sequence) -> None:
    for key in sequence:
        qtbot.keyClick(panel.view, key)


def test_annotate_a_class_by_keyboard_scores_follow_live_and_are_in_the_catalog(panel, qtbot) -> None:
    ids = [item.image_id for item in panel.model.items]
    assert len(ids) == 8 and panel.current_id == ids[0]
    keys(qtbot, panel, Qt.Key.Key_R)  # the first image is the reference
    keys(qtbot, panel, Qt.Key.Key_Right, KEY["Scale"], KEY["Illumination"])
    keys(qtbot, panel, Qt.Key.Key_J, KEY["Scale"])  # J: next image too
    keys(qtbot, panel, Qt.Key.Key_Right, KEY["Scale"], KEY["Time changes"], KEY["Alterations"], KEY["Alterations"])
    keys(qtbot, panel, Qt.Key.Key_Right, Qt.Key.Key_K)  # K: back to the fourth image
    assert panel.current_id == ids[3]
    assert panel.editor.boxes["Time changes"].isChecked() and not panel.editor.boxes["Alterations"].isChecked()
    # 3 of 8 images show Scale: 3 × 3 > 8, predominant; Illumination and Time changes once: anecdotal.
    expected = dict.fromkeys(VARIATIONS, 0) | {"Scale": 3, "Illumination": 1, "Time changes": 1}
    stored = fresh_store(panel).get(CLASS)
    assert stored.reference_image_id == ids[0]
    assert stored.flags == {ids[1]: {"Scale", "Illumination"}, ids[2]: {"Scale"}, ids[3]: {"Scale", "Time changes"}}
    assert stored.scores == expected and stored.overall == 5 and stored.explicit == {}
    for variation, score in expected.items():
        assert panel.editor.combos[variation].currentText().startswith(f"auto: {score}")
    assert panel.editor.counts["Scale"].text() == "3"
    assert "Overall difficulty: 5" in panel.editor.overall.text()
    assert panel.model.index(1).data(Roles.Badge) == "Sc Il" and panel.model.index(0).data(Roles.Badge) == "REF"

    clutter = panel.editor.combos["Clutter"]  # override one score by hand, then back to auto
    clutter.activated.emit(clutter.findData(2))
    assert fresh_store(panel).get(CLASS).scores["Clutter"] == 2
    assert "Overall difficulty: 7" in panel.editor.overall.text() and "1 score(s) set by hand" in panel.editor.overall.text()
    clutter.activated.emit(0)
    assert fresh_store(panel).get(CLASS).explicit == {}


def test_undo_and_redo_with_the_keyboard_follow_the_catalog(panel, qtbot) -> None:
    window = panel.window()
    ids = [item.image_id for item in panel.model.items]
    keys(qtbot, panel, Qt.Key.Key_R, Qt.Key.Key_Right, KEY["Color"], Qt.Key.Key_Right, KEY["Color"])
    assert fresh_store(panel).get(CLASS).flag_counts["Color"] == 2
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert fresh_store(panel).get(CLASS).flags == {ids[1]: {"Color"}}
    name = Path(panel.model.items[2].path).name
    assert window.statusBar().currentMessage() == f"Undone: flag Co. on {name}"  # a file name, not an id
    assert panel.editor.combos["Color"].currentText().startswith("auto: 1") and panel.current_id == ids[2]
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert fresh_store(panel).get(CLASS).reference_image_id is None and not window.edits.stack.canUndo()
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for _ in range(3):
        qtbot.keyClick(panel.view, Qt.Key.Key_Z, redo)
    stored = fresh_store(panel).get(CLASS)
    assert stored.reference_image_id == ids[0] and stored.flags == {ids[1]: {"Color"}, ids[2]: {"Color"}}
    assert panel.editor.combos["Color"].currentText().startswith("auto: 2")


def test_choosing_a_flagged_image_as_reference_clears_its_flags_until_undone(panel, qtbot) -> None:
    window = panel.window()
    ids = [item.image_id for item in panel.model.items]
    keys(qtbot, panel, Qt.Key.Key_R, Qt.Key.Key_Right, KEY["Scale"])
    rect = panel.view.visualRect(panel.model.index(1))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # as a real double click
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # double click: reference
    stored = fresh_store(panel).get(CLASS)
    assert stored.reference_image_id == ids[1] and stored.flags == {}
    assert panel.model.index(1).data(Roles.Highlight) and panel.model.index(1).data(Roles.Badge) == "REF"
    assert panel.reference_preview.image_id == ids[1]
    assert not panel.editor.boxes["Scale"].isEnabled(), "the reference has no variation to tick"
    keys(qtbot, panel, KEY["Scale"])
    assert fresh_store(panel).get(CLASS).flags == {}
    assert "reference cannot vary" in window.message_bar.label.text()
    window.edits.stack.undo()
    stored = fresh_store(panel).get(CLASS)
    assert stored.reference_image_id == ids[0] and stored.flags == {ids[1]: {"Scale"}}


def test_suggested_reference_is_the_most_central_image_by_the_chosen_descriptor(panel, qtbot) -> None:
    ids = [item.image_id for item in panel.model.items]
    assert panel.method_combo.currentText() == "efflite0-gem"
    stored = current_vectors(panel.project, "efflite0-gem")
    rows = stored.row_of()
    described = [i for i in ids if i in rows]
    expected = most_central(described, np.asarray(stored.vectors)[[rows[i] for i in described]])
    assert panel.suggestion.image_id == expected.image_id
    assert f"{expected.mean_similarity:.3f}" in panel.suggestion_label.text()
    assert "suggested" in panel.model.index(ids.index(expected.image_id)).data(Roles.Badge)
    keys(qtbot, panel, Qt.Key.Key_S)
    assert fresh_store(panel).get(CLASS).reference_image_id == expected.image_id
    panel.method_combo.setCurrentText("colorhist")  # another descriptor, another (or the same) medoid
    qtbot.waitUntil(lambda: panel.suggestion is not None, timeout=30_000)
    stored = current_vectors(panel.project, "colorhist")
    rows = stored.row_of()
    assert panel.suggestion.image_id == most_central(described, np.asarray(stored.vectors)[[rows[i] for i in described]]).image_id
