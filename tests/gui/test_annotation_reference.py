"""Variations are annotated relative to a reference (Gominski et al. 2019, §2.2; issue #22, defects 9
and 10): without one, nothing can be ticked or scored and the panel says why; its placeholder wraps
instead of being cut on both sides."""

from __future__ import annotations

from PySide6.QtCore import Qt

from heritage_explorer.core.annotations import AnnotationStore
from heritage_explorer.core.catalog import Catalog
from tests.gui.tiny_project import tiny_project


def open_panel(window, tmp_path, qtbot):
    root = tiny_project(tmp_path)
    assert window.open_project(root)
    window.show_annotation_panel()
    panel = window.annotation_panel
    panel.class_combo.setCurrentIndex(panel.class_combo.findData("a"))
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=30_000)
    panel.view.setFocus()
    return panel


def stored(panel):
    return AnnotationStore(Catalog(panel.project.root / "catalog.sqlite", create=False)).get("a")


def test_variations_need_a_reference_first(window, tmp_path, qtbot) -> None:
    panel = open_panel(window, tmp_path, qtbot)
    assert panel.annotation.reference_image_id is None
    qtbot.keyClick(panel.view, Qt.Key.Key_Right)  # not the first image either
    editor = panel.editor
    assert not any(box.isEnabled() for box in editor.boxes.values())
    assert not any(combo.isEnabled() for combo in editor.combos.values())
    assert "reference first" in editor.image_note.text()
    qtbot.keyClick(panel.view, Qt.Key.Key_1)  # the Scale key: refused, with the reason
    assert stored(panel).flags == {}
    assert "reference first" in window.message_bar.label.text()
    panel._score_chosen("Scale", 2)  # what choosing a score would do: refused too
    assert stored(panel).explicit == {}

    qtbot.keyClick(panel.view, Qt.Key.Key_Left)
    qtbot.keyClick(panel.view, Qt.Key.Key_R)  # the first image becomes the reference
    qtbot.keyClick(panel.view, Qt.Key.Key_Right)
    assert all(box.isEnabled() for box in editor.boxes.values())
    assert all(combo.isEnabled() for combo in editor.combos.values())
    qtbot.keyClick(panel.view, Qt.Key.Key_1)
    assert stored(panel).flags == {panel.current_id: frozenset({"Scale"})}


def test_reference_placeholder_wraps_in_a_narrow_column(window, tmp_path, qtbot) -> None:
    panel = open_panel(window, tmp_path, qtbot)
    panel.splitter.setSizes([600, 170, 380])
    qtbot.wait(50)
    picture = panel.reference_preview.picture
    text = picture.text()
    assert text.startswith("No reference chosen yet")
    box = picture.contentsRect()
    flags = int(Qt.AlignmentFlag.AlignCenter) | (int(Qt.TextFlag.TextWordWrap) if picture.wordWrap() else 0)
    needed = picture.fontMetrics().boundingRect(box, flags, text)
    assert box.contains(needed), f"'{text}' needs {needed.width()}×{needed.height()} in {box.width()}×{box.height()}"
