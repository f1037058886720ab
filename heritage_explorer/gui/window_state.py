"""What the main window offers in its current state: which actions can act, what the collection
area shows when there is nothing to show, and what a dropped folder does."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from heritage_explorer.core.catalog import CATALOG_NAME
from heritage_explorer.gui.models.thumbnails import CatalogPage
from heritage_explorer.gui.widgets.empty_state import NO_IMAGES, NO_PROJECT

if TYPE_CHECKING:
    from heritage_explorer.gui.main_window import MainWindow

READABLE = frozenset({"paste"})  # the rest of NEEDS_PROJECT writes to the project
NEEDS_PROJECT = ("import_folder", "import_csv", "import_iiif_file", "import_iiif_url", "extract", "paste")


def update_enabled(window: MainWindow) -> None:
    """Offer only what can act now: imports and paste with a project, judging and annotating with images."""
    actions = getattr(window, "actions_by_name", {})
    if not actions:
        return  # called while the window is being built
    has_project = window.project is not None
    has_images = has_project and window.catalog_model.total() > 0
    can_write = has_project and not window.project.read_only
    for name in NEEDS_PROJECT:
        actions[name].setEnabled(has_project if name in READABLE else can_write)
    actions["judge_next"].setEnabled(can_write and has_images and bool(window.query_strip.method))
    actions["annotate_tab"].setEnabled(has_images)
    window.tabs.setTabEnabled(window.tabs.indexOf(window.annotation_panel), has_images)
    window.query_strip.set_can_paste(actions["paste"].isEnabled())
    _show_empty_state(window, None if has_images or window.catalog_loading else
                      "no_project" if not has_project else "no_images")


def _show_empty_state(window: MainWindow, kind: str | None) -> None:
    if kind == window.empty_kind:
        return
    window.empty_kind = kind
    if kind is None:
        window.grid_stack.setCurrentWidget(window.grid)
        return
    names = ["new_project", "open_project"] if kind == "no_project" else ["import_folder", "import_csv"]
    window.empty_state.show_state(NO_PROJECT if kind == "no_project" else NO_IMAGES,
                                  [window.actions_by_name[name] for name in names])
    window.grid_stack.setCurrentWidget(window.empty_state)


def drop_folder(window: MainWindow, folder: str) -> None:
    """A project folder is opened; a folder of images is imported into the open project."""
    if (Path(folder) / CATALOG_NAME).exists():
        window.open_project(folder)
    elif window.project is not None:
        window.import_source(folder)
    else:
        window.message_bar.show_message(
            f"{folder} is not a project. Create a project first (File ▸ New project…), then drop the folder "
            "again to import its images.", "info",
            action=("New project…", window.actions_by_name["new_project"].trigger))


def forget_project(window: MainWindow) -> None:
    """Empty every view of the open project before another one is shown: its rows, its query and
    results (answers still on their way are dropped by the bumped serial), its pending thumbnails
    and its messages."""
    window._serial += 1
    window.query = None
    window.catalog_loading = False
    if window.loader is not None:
        window.loader.shutdown(0)
    window.catalog_model.set_page(None, CatalogPage.empty())
    window.filter_bar.set_classes([])
    window.filter_bar.set_counts(0, 0)
    window.query_strip.clear()
    window.search_view.clear()
    window.compare_view.clear()
    window.message_bar.dismiss()
    window.statusBar().clearMessage()


def offer_new_project(window: MainWindow, path: str | Path) -> None:
    """``path`` holds no project: say so, and offer the app's own actions (never a command line)."""
    window.message_bar.show_message(
        f"{path}: no project here. Create one with File ▸ New project… (Ctrl+N), then add images "
        "with File ▸ Import folder… (Ctrl+I).", "error",
        action=("Create a project here", lambda: window.open_project(path, create=True)))
    window.statusBar().showMessage(f"{path}: no project here", 8000)
