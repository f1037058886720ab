"""Menus, tool bar and keyboard shortcuts of the main window (one table, so the About box and
the README can list the same shortcuts)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu

from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.models.thumbnails import Roles
from heritage_explorer.gui.widgets.about import AboutDialog
from heritage_explorer.gui.widgets.adaptation_box import ADAPT_LABEL
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

EVALUATION = QT_TRANSLATE_NOOP("Menus", "&Evaluation")


def _has_project(window: WindowHost) -> bool:
    return window.project is not None


def _can_write(window: WindowHost) -> bool:
    return window.project is not None and not window.project.read_only


def _has_images(window: WindowHost) -> bool:
    return window.project is not None and window.catalog_model.total() > 0


def _panel(window: WindowHost, name: str) -> None:
    panels = window.analysis_panels
    panels.show_panel(getattr(panels, name))


@dataclass(frozen=True)
class ActionSpec:
    """One action of the window: where it is, what it says, its key, what it does, when it can act."""

    name: str
    menu: str  # translated where shown (context Menus), like ``text``
    text: str
    shortcut: str
    handler: Callable[[WindowHost], object]
    enabled_when: Callable[[WindowHost], bool] | None = None  # None: always, or kept by its owner (adapt)
    toolbar: bool = False
    checkable: bool = False
    grid_only: bool = False  # Return and Space keep their meaning in text fields
    separator: bool = False  # a separator above it in its menu
    context: str = "Menus"  # the translation context of ``text``


def _spec(name, menu, text, shortcut, handler, enabled_when=None, **flags) -> ActionSpec:
    return ActionSpec(name, menu, text, shortcut, handler, enabled_when, **flags)


#: The one action table: menus (in this order), tool bar, shortcuts, enabled states, the monkey test.
ACTIONS: tuple[ActionSpec, ...] = (
    _spec("new_project", FILE, QT_TRANSLATE_NOOP("Menus", "&New project…"), "Ctrl+N",
          lambda w: _choose_project(w, create=True), toolbar=True),
    _spec("open_project", FILE, QT_TRANSLATE_NOOP("Menus", "&Open project…"), "Ctrl+O",
          lambda w: _choose_project(w, create=False), toolbar=True),
    _spec("import_folder", FILE, QT_TRANSLATE_NOOP("Menus", "Import &folder…"), "Ctrl+I",
          lambda w: _import(w, QFileDialog.getExistingDirectory(w, translate("Menus", "Import a folder of images"))),
          _can_write, toolbar=True),
    _spec("import_csv", FILE, QT_TRANSLATE_NOOP("Menus", "Import &CSV listing…"), "Ctrl+Shift+I",
          lambda w: _import(w, QFileDialog.getOpenFileName(w, translate("Menus", "Import a CSV listing"), "",
                                                           translate("Menus", "CSV listings (*.csv)"))[0]),
          _can_write, toolbar=True),
    _spec("import_iiif_file", FILE, QT_TRANSLATE_NOOP("Menus", "Import IIIF manifest (&file)…"), "Ctrl+Alt+I",
          lambda w: _import(w, QFileDialog.getOpenFileName(w, translate("Menus", "Import a IIIF manifest"), "",
                                                           translate("Menus", "IIIF manifests (*.json)"))[0]),
          _can_write),
    _spec("import_iiif_url", FILE, QT_TRANSLATE_NOOP("Menus", "Import IIIF manifest (&URL)…"), "Ctrl+U",
          lambda w: _import_url(w), _can_write),
    _spec("allow_absolute", FILE, QT_TRANSLATE_NOOP("Menus", "Allow CSV paths outside the CSV's folder"), "",
          lambda w: None, checkable=True),
    _spec("settings", FILE, QT_TRANSLATE_NOOP("Menus", "&Settings…"), "Ctrl+,", lambda w: open_settings(w)),
    _spec("quit", FILE, QT_TRANSLATE_NOOP("Menus", "&Quit"), "Ctrl+Q", lambda w: w.close()),
    _spec("undo", EDIT, QT_TRANSLATE_NOOP("Menus", "&Undo"), "Ctrl+Z", lambda w: _step(w, undo=True),
          lambda w: w.edits.stack.canUndo()),
    _spec("redo", EDIT, QT_TRANSLATE_NOOP("Menus", "&Redo"), "Ctrl+Shift+Z", lambda w: _step(w, undo=False),
          lambda w: w.edits.stack.canRedo()),
    _spec("extract", ANALYSE, QT_TRANSLATE_NOOP("Menus", "&Extract ticked methods"), "Ctrl+E",
          lambda w: w.extraction.start(), _can_write, toolbar=True),
    _spec("adapt", ANALYSE, ADAPT_LABEL, "", lambda w: w.adaptation.open_dialog(),  # enabled by its controller
          context="AdaptationBox"),
    _spec("mined_pairs", ANALYSE, QT_TRANSLATE_NOOP("Menus", "&Mined pairs of an adaptation…"), "",
          lambda w: w.adaptation.show_pairs(), _has_project),
    _spec("cancel", ANALYSE, QT_TRANSLATE_NOOP("Menus", "&Cancel running jobs"), "Esc",
          lambda w: (w.extraction.cancel(), w.cancel_import(), w.adaptation.cancel()), toolbar=True),
    _spec("paste", ANALYSE, QT_TRANSLATE_NOOP("Menus", "Search with &pasted image"), "Ctrl+V",
          lambda w: w.paste_query(), _has_project),
    _spec("search_selected", ANALYSE, QT_TRANSLATE_NOOP("Menus", "&Search with selected image"), "Return",
          lambda w: _with_current(w, w.query_image), grid_only=True),
    _spec("view_selected", ANALYSE, QT_TRANSLATE_NOOP("Menus", "&Open selected image"), "Space",
          lambda w: _with_current(w, w.open_viewer), grid_only=True),
    _spec("judge_next", ANALYSE, QT_TRANSLATE_NOOP("Menus", "&Judge next unjudged query"), "Ctrl+J",
          lambda w: w.judging.judge_next_unjudged(),
          lambda w: _can_write(w) and _has_images(w) and bool(w.session.method), toolbar=True),
    _spec("filter", VIEW, QT_TRANSLATE_NOOP("Menus", "&Filter…"), "Ctrl+F", lambda w: w.filter_bar.text_edit.setFocus()),
    _spec("results_tab", VIEW, QT_TRANSLATE_NOOP("Menus", "&Results"), "Ctrl+1", lambda w: w.tabs.setCurrentIndex(0)),
    _spec("compare_tab", VIEW, QT_TRANSLATE_NOOP("Menus", "&Compare methods"), "Ctrl+2",
          lambda w: w.tabs.setCurrentIndex(1)),
    _spec("annotate_tab", VIEW, QT_TRANSLATE_NOOP("Menus", "&Annotate variations"), "Ctrl+3",
          lambda w: w.show_annotation_panel(), _has_images, toolbar=True),
    _spec("bigger", VIEW, QT_TRANSLATE_NOOP("Menus", "&Larger thumbnails"), "Ctrl++", lambda w: w.filter_bar.step_size(+1)),
    _spec("smaller", VIEW, QT_TRANSLATE_NOOP("Menus", "&Smaller thumbnails"), "Ctrl+-",
          lambda w: w.filter_bar.step_size(-1)),
    _spec("toggle_extraction", VIEW, QT_TRANSLATE_NOOP("Menus", "E&xtraction panel"), "Ctrl+Shift+E",
          lambda w: w.extraction_dock.setVisible(not w.extraction_dock.isVisible())),
    _spec("collection_map", VIEW, QT_TRANSLATE_NOOP("Menus", "Collection &map…"), "Ctrl+M",
          lambda w: open_collection_map(w)),
    _spec("near_duplicates", VIEW, QT_TRANSLATE_NOOP("Menus", "&Near-duplicate groups…"), "Ctrl+D",
          lambda w: open_near_duplicates(w)),
    _spec("dashboard", EVALUATION, QT_TRANSLATE_NOOP("Menus", "Evaluation &dashboard"), "Ctrl+4",
          lambda w: _panel(w, "dashboard")),
    _spec("beats", EVALUATION, QT_TRANSLATE_NOOP("Menus", "Where &A beats B"), "Ctrl+5", lambda w: _panel(w, "beats")),
    _spec("recompute", EVALUATION, QT_TRANSLATE_NOOP("Menus", "&Recompute the analysis"), "F5",
          lambda w: w.analysis_panels.recompute(), _has_project),
    _spec("export_report", EVALUATION, QT_TRANSLATE_NOOP("Menus", "&Export analysis report…"), "Ctrl+Shift+R",
          lambda w: w.analysis_panels.exporter.choose_folder(), _has_project, separator=True),
    _spec("about", HELP, QT_TRANSLATE_NOOP("Menus", "&About Heritage Explorer"), "F1", lambda w: AboutDialog(w).exec()),
)
ACTIONS_BY_NAME = {spec.name: spec for spec in ACTIONS}


def install_actions(window: WindowHost) -> dict[str, QAction]:
    """Create every action of :data:`ACTIONS` with its menu and tool bar entry; returns them by name.
    Each handler is called with the window when its action triggers."""
    actions: dict[str, QAction] = {}
    menus: dict[str, QMenu] = {}
    toolbar = window.addToolBar(translate("Menus", "Main"))
    toolbar.setObjectName("MainToolBar")
    for spec in ACTIONS:
        label = translate(spec.context, spec.text)
        action = QAction(label, window)
        if spec.shortcut:
            action.setShortcut(QKeySequence(spec.shortcut))
            action.setToolTip(f"{label.replace('&', '').rstrip('…')} ({spec.shortcut})")
        action.triggered.connect(lambda _checked=False, handler=spec.handler: handler(window))
        action.setCheckable(spec.checkable)
        if spec.grid_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            window.grid.addAction(action)
        if spec.menu not in menus:
            menus[spec.menu] = window.menuBar().addMenu(translate("Menus", spec.menu))
        if spec.separator:
            menus[spec.menu].addSeparator()
        menus[spec.menu].addAction(action)
        if spec.toolbar:
            toolbar.addAction(action)
        actions[spec.name] = action
    _follow_undo_stack(window, actions["undo"], actions["redo"])
    return actions


def update_actions(window: WindowHost, actions: dict[str, QAction]) -> None:
    """Enable each action whose ``enabled_when`` says it can act now."""
    for spec in ACTIONS:
        if spec.enabled_when is not None:
            actions[spec.name].setEnabled(bool(spec.enabled_when(window)))


def _step(window: WindowHost, *, undo: bool) -> None:
    """Undo or redo the last edit (annotation, judgment, label, near-duplicate group), saying which
    (it may be in a hidden panel or another window)."""
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
    """Undo/Redo say what they would undo or redo (every kind of edit) and are off when nothing is."""
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
                                  window.catalog_model.source_of, window.open_viewer, window, edits=window.edits)
    window.project_changed.connect(dialog.close)
    dialog.show()
    return dialog


def _with_current(window: WindowHost, slot: Callable[[int], object]) -> None:
    index = window.grid.currentIndex()
    if index.isValid():
        slot(int(index.data(Roles.ImageId)))
