"""Empty and failure states of the window (issue #22, defects 7 and 8): never a blank grid, never
an action offered that cannot act, never a command line to type, and a failure said where it happened."""

from __future__ import annotations

import shutil

from heritage_explorer.pipeline import open_project
from tests.gui.tiny_project import SPEC, tiny_project


def _buttons(window) -> list[str]:
    return [button.text() for button in window.empty_state.buttons]


def test_no_project_says_what_to_do(window):
    assert window.grid_stack.currentWidget() is window.empty_state
    assert window.empty_state.heading.text() == "No project is open."
    assert "drag" in window.empty_state.guidance.text()
    assert _buttons(window) == ["New project…", "Open project…"]
    assert not window.actions_by_name["paste"].isEnabled()
    assert "Ctrl+V" not in window.query_strip.title.text()
    assert not window.actions_by_name["judge_next"].isEnabled()
    assert not window.actions_by_name["annotate_tab"].isEnabled()
    assert not window.tabs.isTabEnabled(window.tabs.indexOf(window.annotation_panel))


def test_an_empty_project_offers_import(window, qtbot, tmp_path):
    assert window.open_project(tmp_path / "P", create=True)
    qtbot.waitUntil(lambda: not window.catalog_loading, timeout=10_000)
    assert window.grid_stack.currentWidget() is window.empty_state
    assert window.empty_state.heading.text() == "This project has no images yet."
    assert _buttons(window) == ["Import folder…", "Import CSV listing…"]
    assert window.actions_by_name["paste"].isEnabled()
    assert "Ctrl+V" in window.query_strip.title.text()
    assert not window.actions_by_name["judge_next"].isEnabled()
    assert not window.actions_by_name["annotate_tab"].isEnabled()


def test_a_project_with_images_shows_the_grid_and_enables_judging(window, qtbot, tmp_path):
    root = tiny_project(tmp_path)
    assert window.open_project(root)
    qtbot.waitUntil(lambda: window.catalog_model.rowCount() > 0, timeout=10_000)
    assert window.grid_stack.currentWidget() is window.grid
    assert window.actions_by_name["judge_next"].isEnabled()
    assert window.actions_by_name["annotate_tab"].isEnabled()


def test_a_failed_search_says_why_in_the_results(window, qtbot, tmp_path):
    root = tiny_project(tmp_path)
    assert window.open_project(root)
    qtbot.waitUntil(lambda: window.catalog_model.rowCount() > 0, timeout=10_000)
    shutil.rmtree(open_project(root).descriptor_dir(SPEC))
    window.query_image(window.catalog_model.image_id_at(0))
    qtbot.waitUntil(lambda: window.search_view.caption.text().startswith("Search failed:"), timeout=10_000)
    assert window.search_view.model.rowCount() == 0
    assert window.message_bar.level == "error"


def test_opening_a_project_clears_the_previous_error(window, qtbot, tmp_path):
    root = tiny_project(tmp_path)
    assert window.open_project(root)
    window.show_message("something went wrong in the first project")
    assert window.statusBar().currentMessage()
    assert window.open_project(root)
    assert window.statusBar().currentMessage() == ""
    assert window.message_bar.text == ""


def test_a_folder_without_a_project_offers_the_apps_own_actions(window, qtbot, tmp_path):
    folder = tmp_path / "not_a_project"
    folder.mkdir()
    assert not window.open_project(folder)
    text = window.message_bar.text
    assert "heritage-explorer" not in text
    assert "New project" in text and "Import folder" in text
    assert window.message_bar.action_button.isVisibleTo(window)
    window.message_bar.action_button.click()
    assert window.project is not None and window.project.root == folder.resolve()
    qtbot.waitUntil(lambda: window.empty_state.heading.text() == "This project has no images yet.", timeout=10_000)


def test_dropping_a_project_folder_opens_it(window, qtbot, tmp_path):
    root = tiny_project(tmp_path, extract=False)
    window.drop_folder(str(root))
    assert window.project is not None and window.project.root == root.resolve()
    qtbot.waitUntil(lambda: window.catalog_model.rowCount() > 0, timeout=10_000)
    assert window.grid_stack.currentWidget() is window.grid
