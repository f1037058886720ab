"""Menus, tool bar and keyboard shortcuts of the main window (one table, so the About box and
the README can list the same shortcuts)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog

from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.models.thumbnails import Roles
from heritage_explorer.gui.widgets.about import AboutDialog
from heritage_explorer.gui.widgets.collection_map import CollectionMapDialog
from heritage_explorer.gui.widgets.duplicates_panel import NearDuplicatesDialog
from heritage_explorer.gui.widgets.settings_dialog import SettingsDialog
from heritage_explorer.gui.window_host import WindowHost
from heritage_explorer.pipeline.comparison import default_method
from heritage_explorer.pipeline.searchable import extracted_global_specs

FILE = QT_TRANSLATE_NOOP("Menus", "&File")
EDIT = QT_TRANSLATE_NOOP("Menus", "&Edit")
ANALYSE = QT_TRANSLATE_NOOP("Menus", "&Analyse")
VIEW = QT_TRANSLATE_NOOP("Menus", "&View")
HELP = QT_TRANSLATE_NOOP("Menus", "&Help")

#: name -> (menu, label, shortcut, tool bar?); menu and label are translated where shown
ACTIONS: dict[str, tuple[str, str, str, bool]] = {
    "new_project": (FILE, QT_TRANSLATE_NOOP("Menus", "&New project…"), "Ctrl+N", True),
    "open_project": (FILE, QT_TRANSLATE_NOOP("Menus", "&Open project…"), "Ctrl+O", True),
    "import_folder": (FILE, QT_TRANSLATE_NOOP("Menus", "Import &folder…"), "Ctrl+I", True),
    "import_csv": (FILE, QT_TRANSLATE_NOOP("Menus", "Import &CSV listing…"), "Ctrl+Shift+I", True),
    "import_iiif_file": (FILE, QT_TRANSLATE_NOOP("Menus", "Import IIIF manifest (&file)…"), "Ctrl+Alt+I", False),
    "import_iiif_url": (FILE, QT_TRANSLATE_NOOP("Menus", "Import IIIF manifest (&URL)…"), "Ctrl+U", False),
    "allow_absolute": (FILE, QT_TRANSLATE_NOOP("Menus", "Allow CSV paths outside the CSV's folder"), "", False),
    "settings": (FILE, QT_TRANSLATE_NOOP("Menus", "&Settings…"), "Ctrl+,", False),
    "quit": (FILE, QT_TRANSLATE_NOOP("Menus", "&Quit"), "Ctrl+Q", False),
    "undo": (EDIT, QT_TRANSLATE_NOOP("Menus", "&Undo"), "Ctrl+Z", False),
    "redo": (EDIT, QT_TRANSLATE_NOOP("Menus", "&Redo"), "Ctrl+Shift+Z", False),
    "extract": (ANALYSE, QT_TRANSLATE_NOOP("Menus", "&Extract ticked methods"), "Ctrl+E", True),
    "cancel": (ANALYSE, QT_TRANSLATE_NOOP("Menus", "&Cancel running jobs"), "Esc", True),
    "paste": (ANALYSE, QT_TRANSLATE_NOOP("Menus", "Search with &pasted image"), "Ctrl+V", False),
    "search_selected": (ANALYSE, QT_TRANSLATE_NOOP("Menus", "&Search with selected image"), "Return", False),
    "view_selected": (ANALYSE, QT_TRANSLATE_NOOP("Menus", "&Open selected image"), "Space", False),
    "judge_next": (ANALYSE, QT_TRANSLATE_NOOP("Menus", "&Judge next unjudged query"), "Ctrl+J", True),
    "filter": (VIEW, QT_TRANSLATE_NOOP("Menus", "&Filter…"), "Ctrl+F", False),
    "results_tab": (VIEW, QT_TRANSLATE_NOOP("Menus", "&Results"), "Ctrl+1", False),
    "compare_tab": (VIEW, QT_TRANSLATE_NOOP("Menus", "&Compare methods"), "Ctrl+2", False),
    "annotate_tab": (VIEW, QT_TRANSLATE_NOOP("Menus", "&Annotate variations"), "Ctrl+3", True),
    "bigger": (VIEW, QT_TRANSLATE_NOOP("Menus", "&Larger thumbnails"), "Ctrl++", False),
    "smaller": (VIEW, QT_TRANSLATE_NOOP("Menus", "&Smaller thumbnails"), "Ctrl+-", False),
    "toggle_extraction": (VIEW, QT_TRANSLATE_NOOP("Menus", "E&xtraction panel"), "Ctrl+Shift+E", False),
    "collection_map": (VIEW, QT_TRANSLATE_NOOP("Menus", "Collection &map…"), "Ctrl+M", False),
    "near_duplicates": (VIEW, QT_TRANSLATE_NOOP("Menus", "&Near-duplicate groups…"), "Ctrl+D", False),
    "about": (HELP, QT_TRANSLATE_NOOP("Menus", "&About Heritage Explorer"), "F1", False),
}


GRID_ONLY = {"search_selected", "view_selected"}


def install_actions(window: WindowHost) -> dict[str, QAction]:
    """Create the actions, menus and tool bar of ``window``; returns the actions by name."""
    slots: dict[str, Callable[[], object]] = {
        "new_project": lambda: _choose_project(window, create=True),
        "open_project": lambda: _choose_project(window, create=False),
        "import_folder": lambda: _import(window, QFileDialog.getExistingDirectory(
            window, translate("Menus", "Import a folder of images"))),
        "import_csv": lambda: _import(window, QFileDialog.getOpenFileName(
            window, translate("Menus", "Import a CSV listing"), "", translate("Menus", "CSV listings (*.csv)"))[0]),
        "import_iiif_file": lambda: _import(window, QFileDialog.getOpenFileName(
            window, translate("Menus", "Import a IIIF manifest"), "",
            translate("Menus", "IIIF manifests (*.json)"))[0]),
        "import_iiif_url": lambda: _import_url(window),
        "allow_absolute": lambda: None,
        "settings": lambda: open_settings(window),
        "quit": window.close,
        "undo": lambda: _step(window, undo=True),
        "redo": lambda: _step(window, undo=False),
        "extract": lambda: window.extraction.start(),
        "cancel": lambda: (window.extraction.cancel(), window.cancel_import()),
        "paste": window.paste_query,
        "search_selected": lambda: _with_current(window, window.query_image),
        "view_selected": lambda: _with_current(window, window.open_viewer),
        "judge_next": window.judging.judge_next_unjudged,
        "filter": lambda: window.filter_bar.text_edit.setFocus(),
        "results_tab": lambda: window.tabs.setCurrentIndex(0),
        "compare_tab": lambda: window.tabs.setCurrentIndex(1),
        "annotate_tab": window.show_annotation_panel,
        "bigger": lambda: window.filter_bar.step_size(+1),
        "smaller": lambda: window.filter_bar.step_size(-1),
        "toggle_extraction": lambda: window.extraction_dock.setVisible(not window.extraction_dock.isVisible()),
        "collection_map": lambda: open_collection_map(window),
        "near_duplicates": lambda: open_near_duplicates(window),
        "about": lambda: AboutDialog(window).exec(),
    }
    actions: dict[str, QAction] = {}
    menus: dict[str, object] = {}
    toolbar = window.addToolBar(translate("Menus", "Main"))
    toolbar.setObjectName("MainToolBar")
    for name, (menu_title, label, shortcut, on_toolbar) in ACTIONS.items():
        label = translate("Menus", label)
        action = QAction(label, window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"{label.replace('&', '').rstrip('…')} ({shortcut})")
        action.triggered.connect(lambda _checked=False, slot=slots[name]: slot())
        if name == "allow_absolute":
            action.setCheckable(True)
        if name in GRID_ONLY:  # Return and Space keep their meaning in text fields
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            window.grid.addAction(action)
        if menu_title not in menus:
            menus[menu_title] = window.menuBar().addMenu(translate("Menus", menu_title))
        menus[menu_title].addAction(action)
        if on_toolbar:
            toolbar.addAction(action)
        actions[name] = action
    _follow_undo_stack(window, actions["undo"], actions["redo"])
    return actions


def _step(window: WindowHost, *, undo: bool) -> None:
    """Undo or redo the last annotation or judgment edit, saying which (it may be in a hidden panel)."""
    stack = window.edits.stack
    text = stack.undoText() if undo else stack.redoText()
    if not (stack.canUndo() if undo else stack.canRedo()):
        return
    if undo:
        stack.undo()
    else:
        stack.redo()
    done = translate("Menus", "Undone: {edit}") if undo else translate("Menus", "Redone: {edit}")
    window.statusBar().showMessage(done.format(edit=text), 5000)


def _follow_undo_stack(window: WindowHost, undo: QAction, redo: QAction) -> None:
    """Undo/Redo say what they would undo or redo (annotations and judgments) and are off when nothing is."""
    stack = window.edits.stack
    undo.setEnabled(False)
    redo.setEnabled(False)
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    stack.undoTextChanged.connect(lambda text: undo.setText(
        translate("Menus", "&Undo {edit}").format(edit=text) if text else translate("Menus", "&Undo")))
    stack.redoTextChanged.connect(lambda text: redo.setText(
        translate("Menus", "&Redo {edit}").format(edit=text) if text else translate("Menus", "&Redo")))


def open_settings(window: WindowHost) -> SettingsDialog:
    """Show the Settings dialog (modal); on OK write the settings and apply those that apply at once."""
    dialog = SettingsDialog(window.settings, extracted_global_specs(window.project) if window.project else [], window)
    dialog.accepted.connect(lambda: apply_settings(window, dialog))
    dialog.open()
    return dialog


def apply_settings(window: WindowHost, dialog: SettingsDialog) -> None:
    before = window.query_strip.method
    dialog.apply()
    size_index = window.filter_bar.size_combo.findData(window.settings.thumbnail_size)
    window.filter_bar.size_combo.setCurrentIndex(size_index)  # resizes every grid through size_changed
    window.refresh_methods()
    if window.query_strip.method != before:  # the shown query's results and E/M/H line follow the new method
        window.queries.run()
        window.judging.recompute()


def _choose_project(window: WindowHost, *, create: bool) -> None:
    title = (translate("Menus", "Choose a folder for the new project") if create else
             translate("Menus", "Open a project folder"))
    path = QFileDialog.getExistingDirectory(window, title)
    if path:
        window.open_project(path, create=create)


def _import(window: WindowHost, source: str) -> None:
    if source:
        window.import_source(source, allow_absolute=window.actions_by_name["allow_absolute"].isChecked())


def _import_url(window: WindowHost) -> None:
    url, ok = QInputDialog.getText(window, translate("Menus", "Import a IIIF manifest"),
                                   translate("Menus", "Manifest URL (http or https):"))
    if ok and url.strip():
        window.import_source(url.strip())


def open_collection_map(window: WindowHost) -> CollectionMapDialog | None:
    """The map of the open project by the search method, laid out in the window's runner; clicking
    an image searches with it. Closed when another project is opened (its thumbnail loader goes)."""
    if window.project is None or not window.query_strip.method:
        window.show_message(translate("Menus", "No map yet: open a project and extract a global method first."),
                            "info")
        return None
    dialog = CollectionMapDialog(window.runner, window.project, window.query_strip.method, window.loader,
                                 window.catalog_model.source_of, window.query_image, window, edits=window.edits)
    window.project_changed.connect(dialog.close)
    dialog.show()
    return dialog


def open_near_duplicates(window: WindowHost) -> NearDuplicatesDialog | None:
    """The near-duplicate groups of the open project (found with the default global method);
    double-clicking an image opens it. Closed when another project is opened."""
    specs = extracted_global_specs(window.project) if window.project is not None else []
    method = default_method(specs)
    if method is None:
        window.show_message(translate(
            "Menus", "No near-duplicates yet: open a project and extract a global method first."), "info")
        return None
    dialog = NearDuplicatesDialog(window.runner, window.project, method, window.loader,
                                  window.catalog_model.source_of, window.open_viewer, window)
    window.project_changed.connect(dialog.close)
    dialog.show()
    return dialog


def _with_current(window: WindowHost, slot: Callable[[int], object]) -> None:
    index = window.grid.currentIndex()
    if index.isValid():
        slot(int(index.data(Roles.ImageId)))
