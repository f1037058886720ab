"""The extraction panel names each method from the start and says what the project already has
(issue #22, defect 11)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from heritage_explorer.gui.widgets.extraction_panel import EXTRACTED, EXTRACTED_COLUMN
from tests.gui.tiny_project import SPEC, tiny_project


def item_of(panel, spec):
    item = panel.method_item(spec)
    assert item is not None and item.text(0) == spec, f"{spec} is not listed"
    return item


def test_extracted_methods_are_shown_and_rows_are_named_from_the_start(window, tmp_path, qtbot) -> None:
    panel = window.extraction
    assert window.open_project(tiny_project(tmp_path, extract=False))
    assert "nothing yet" in panel.extracted_label.text() and item_of(panel, SPEC).text(EXTRACTED) == ""
    assert panel.tree.headerItem().text(EXTRACTED) == EXTRACTED_COLUMN
    panel.set_checked([SPEC])
    job = panel.start()
    assert job is not None
    row = panel.rows[SPEC]
    texts = [label.text() for label in row.findChildren(QLabel)]
    assert any(SPEC in text for text in texts) and not any(text == "waiting…" for text in texts), texts
    assert SPEC in row.rate.text()
    qtbot.waitUntil(lambda: not panel.running, timeout=60_000)
    assert SPEC in panel.extracted_label.text() and item_of(panel, SPEC).text(EXTRACTED) == "✓"
    assert SPEC in item_of(panel, SPEC).toolTip(EXTRACTED)
