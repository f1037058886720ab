"""What the main window offers in its current state: which actions can act, what the collection
area shows when there is nothing to show, what a dropped folder does, and whether every
thumbnail in view is shown."""

from __future__ import annotations

from pathlib import Path

from heritage_explorer.core.catalog import CATALOG_NAME
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.menus import update_actions
from heritage_explorer.gui.models.thumbnails import CatalogPage, Roles
from heritage_explorer.gui.widgets.empty_state import NO_IMAGES, NO_PROJECT
from heritage_explorer.gui.widgets.thumbnail_grid import ThumbnailGrid
from heritage_explorer.gui.window_host import WindowHost


def update_enabled(window: WindowHost) -> None:
    """Offer only what can act now: imports and paste with a project, judging and annotating with images."""
    actions = getattr(window, "actions_by_name", {})
    if not actions:
        return  # called while the window is being built
    has_project = window.project is not None
    has_images = has_project and window.catalog_model.total() > 0
    update_actions(window, actions)  # each action's enabled_when (menus.ACTIONS)
    window.tabs.setTabEnabled(window.tabs.indexOf(window.annotation_panel), has_images)
    window.query_strip.set_can_paste(actions["paste"].isEnabled())
    _show_empty_state(window, None if has_images or window.catalog_loading else
                      "no_project" if not has_project else "no_images")


def _show_empty_state(window: WindowHost, kind: str | None) -> None:
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


def drop_folder(window: WindowHost, folder: str) -> None:
    """A project folder is opened; a folder of images is imported into the open project."""
    if (Path(folder) / CATALOG_NAME).exists():
        window.open_project(folder)
    elif window.project is not None:
        window.import_source(folder)
    else:
        window.message_bar.show_message(
            translate("WindowState", "{folder} is not a project. Create a project first (File ▸ New "
                                     "project…), then drop the folder again to import its images.").format(
                folder=folder), "info",
            action=(translate("WindowState", "New project…"), window.actions_by_name["new_project"].trigger))


def forget_project(window: WindowHost) -> None:
    """Empty every view of the open project before another one is shown: its rows, its query and
    results (answers still on their way are dropped by the bumped serial), its pending thumbnails
    and its messages."""
    window.queries.forget()
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


def offer_new_project(window: WindowHost, path: str | Path) -> None:
    """``path`` holds no project: say so, and offer the app's own actions (never a command line)."""
    window.message_bar.show_message(
        translate("WindowState", "{path}: no project here. Create one with File ▸ New project… (Ctrl+N), "
                                 "then add images with File ▸ Import folder… (Ctrl+I).").format(
            path=path), "error",
        action=(translate("WindowState", "Create a project here"), lambda: window.open_project(path, create=True)))
    window.statusBar().showMessage(translate("WindowState", "{path}: no project here").format(
        path=path), 8000)


def thumbnail_views(window: WindowHost) -> list[ThumbnailGrid]:
    return ([window.grid, window.query_strip.view, window.search_view.view, window.annotation_panel.view]
            + [row.view for row in window.compare_view.rows])


def thumbnails_settled(window: WindowHost) -> bool:
    """Whether every visible cell of every visible view shows its thumbnail (or its failure)."""
    loader = window.loader
    if loader is None:
        return True
    if window.catalog_loading:
        return False
    for view in thumbnail_views(window):
        if not view.isVisible():
            continue
        model = view.model()
        for row in view.visible_rows():
            known_unreadable = model.index(row).data(Roles.Failure) is not None  # never requested
            if not known_unreadable and not loader.settled(model.image_id_at(row), model.thumbnail_size):
                return False
    return loader.is_idle()
