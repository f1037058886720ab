"""The window reports the same unreadable images as import and extraction (issue #22, defect 5):
the grid's "unreadable" tiles, the extraction panel's list (with the whole reason as a tooltip)
and the count in the message at the end of an extraction are the catalog's three problems."""

from __future__ import annotations

from heritage_explorer.gui.models.thumbnails import Roles
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.importing import import_source
from tests.gui.analysis_fixtures import TIMEOUT_MS
from tests.reliability.test_unreadable_counts import BAD, GOOD, broken_folder


def test_grid_panel_and_extraction_message_show_the_catalogs_problems(window, qtbot, tmp_path) -> None:
    project = open_project(tmp_path / "P", create=True)
    summary = import_source(project, str(broken_folder(tmp_path / "images")))
    from_import = dict(summary.errors)
    assert sorted(from_import) == sorted(BAD)
    project.catalog.close()

    assert window.open_project(tmp_path / "P")
    qtbot.waitUntil(lambda: not window.catalog_loading and window.thumbnails_settled(), timeout=TIMEOUT_MS)
    model = window.catalog_model
    tiles = {model.index(r).data(Roles.AbsPath).rsplit("/", 1)[-1]: model.index(r).data(Roles.Failure)
             for r in range(model.rowCount())}
    assert {name: reason for name, reason in tiles.items() if reason} == from_import
    assert sorted(name for name, reason in tiles.items() if not reason) == sorted(GOOD)
    for r in range(model.rowCount()):
        name = model.index(r).data(Roles.AbsPath).rsplit("/", 1)[-1]
        if name in BAD:
            assert f"unreadable: {from_import[name]}" in model.index(r).data(0x0003)  # ToolTipRole

    def listed() -> dict[str, str]:
        problems = window.extraction.problems
        items = [problems.topLevelItem(i) for i in range(problems.topLevelItemCount())]
        assert all(item.toolTip(1) == item.text(1) for item in items)  # the whole reason on hover
        return {item.text(0): item.text(1) for item in items}

    assert listed() == {name: f"error: {reason}" for name, reason in from_import.items()}

    window.extraction.set_checked(["colorhist"])
    assert window.extraction.start() is not None
    qtbot.waitUntil(lambda: not window.extraction.running, timeout=TIMEOUT_MS)
    assert dict(window.extraction.last_summary.errors) == from_import
    assert f"; {len(BAD)} unreadable image(s) skipped" in window.message_bar.label.text()
    assert listed() == {name: f"error: {reason}" for name, reason in from_import.items()}
