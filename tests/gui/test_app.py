"""Start-up, settings, shortcuts, About box, errors, filters and the extraction panel's method list."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from heritage_explorer.descriptors.registry import MethodInfo
from heritage_explorer.gui.menus import ACTIONS
from heritage_explorer.gui.models.thumbnails import ALL_CLASSES
from heritage_explorer.gui.settings import AppSettings
from heritage_explorer.gui.widgets.about import about_html, versions
from heritage_explorer.gui.widgets.extraction_panel import ExtractionPanel, compose_spec


def test_window_opens_without_importing_torch(tmp_path) -> None:
    """How fast it opens is measured by ``bench gui`` (a timed assertion here failed at load 8)."""
    code = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from heritage_explorer.gui.compat import configure_interpreter
        configure_interpreter()
        from heritage_explorer.gui.main_window import MainWindow
        from heritage_explorer.gui.settings import AppSettings
        window = MainWindow(AppSettings.from_file({str(tmp_path / 's.ini')!r}))
        window.show()
        app.processEvents()
        print("torch" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=".")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False"], "torch must be imported only when a method first needs it"


def test_settings_persist_across_windows(qtbot, tmp_path) -> None:
    from heritage_explorer.gui.main_window import MainWindow

    path = str(tmp_path / "settings.ini")
    first = MainWindow(AppSettings.from_file(path))
    qtbot.addWidget(first)
    first.resize(790, 540)  # within the offscreen screen (800×600), which restoreGeometry respects
    first.show()
    size = first.size()
    first.extraction.set_checked(["colorhist"])
    first.filter_bar.step_size(+1)
    first.query_strip.k_spin.setValue(7)
    assert first.open_project(tmp_path / "P", create=True)
    first.close()
    settings = AppSettings.from_file(path)
    assert settings.selected_methods == ["colorhist"]
    assert settings.thumbnail_size == 160 and settings.k == 7
    assert settings.last_project == str((tmp_path / "P").resolve())
    assert settings.geometry is not None and settings.window_state is not None
    second = MainWindow(settings)
    qtbot.addWidget(second)
    assert second.extraction.checked_methods() == ["colorhist"]
    assert second.query_strip.k == 7 and second.grid.thumbnail_delegate.size == 160
    assert second.size() == size


def test_main_actions_have_keyboard_shortcuts(window) -> None:
    shortcuts = {spec.name: window.actions_by_name[spec.name].shortcut().toString() for spec in ACTIONS}
    for name in ("new_project", "open_project", "import_folder", "import_csv", "extract", "cancel", "paste", "about"):
        assert shortcuts[name], f"{name} has no shortcut"
    assert len(set(filter(None, shortcuts.values()))) == len(list(filter(None, shortcuts.values())))
    assert {spec.shortcut for spec in ACTIONS} - {""} == set(filter(None, shortcuts.values()))  # the table's keys


def test_one_action_table_drives_menus_tool_bar_and_enabled_states(window, tmp_path) -> None:
    from heritage_explorer.gui.menus import ACTIONS_BY_NAME
    from tests.gui.tiny_project import tiny_project

    in_menus = {a for m in window.menuBar().actions() if m.menu() for a in m.menu().actions() if not a.isSeparator()}
    assert set(window.actions_by_name.values()) == in_menus  # every action of the table, nothing else
    assert [spec.name for spec in ACTIONS] == list(window.actions_by_name)
    toolbar = window.findChild(QToolBar, "MainToolBar")
    assert [a for a in toolbar.actions()] == [window.actions_by_name[s.name] for s in ACTIONS if s.toolbar]
    gated = [spec.name for spec in ACTIONS if spec.enabled_when is not None]
    assert {"import_folder", "extract", "judge_next", "recompute", "export_report"} <= set(gated)
    assert not any(window.actions_by_name[name].isEnabled() for name in gated)  # no project: nothing to act on
    assert window.open_project(tiny_project(tmp_path))
    for name in gated:
        assert window.actions_by_name[name].isEnabled() == bool(ACTIONS_BY_NAME[name].enabled_when(window)), name
    assert window.actions_by_name["extract"].isEnabled() and window.actions_by_name["recompute"].isEnabled()


def test_about_lists_versions_and_weight_provenance() -> None:
    names = [name for name, _ in versions()]
    assert names[:4] == ["Heritage Explorer", "Qt", "PySide6", "Python"]
    assert ("PyTorch" in names) == ("torch" in sys.modules)
    methods = [MethodInfo("net-gem", "global", 8, "d", "net.pth: ImageNet, BSD licence", True),
               MethodInfo("net-mac", "global", 8, "d", "net.pth: ImageNet, BSD licence", True),
               MethodInfo("colorhist", "baseline", 4, "d", "none needed", True)]
    text = about_html(methods)
    assert "net.pth: ImageNet, BSD licence" in text and text.count("net.pth") == 1 and "none needed" in text


def test_errors_are_shown_in_the_message_bar_not_raised(window, tmp_path) -> None:
    assert not window.open_project(tmp_path / "nowhere")
    assert window.message_bar.isVisible() and "no project here" in window.message_bar.label.text()
    assert window.project is None
    assert window.open_project(tmp_path / "P", create=True)
    window.import_source(str(tmp_path / "missing.csv"))
    from tests.gui.helpers import wait_until

    wait_until(lambda: window.import_job is None, 30, "the failing import")
    assert "no such file or folder" in window.message_bar.label.text()


def test_extraction_panel_disables_unavailable_methods_with_reason(qtbot) -> None:
    from heritage_explorer.gui.workers import JobRunner

    runner = JobRunner()
    methods = [MethodInfo("efflite0-gem", "global", 1280, "GeM pooling", "lite0.pth (Apache-2.0)", True),
               MethodInfo("resnet50-gem", "global", 2048, "GeM pooling", "No pretrained weights found", False),
               MethodInfo("colorhist", "baseline", 128, "HSV histogram", "none needed", True)]
    panel = ExtractionPanel(runner, methods=methods)
    qtbot.addWidget(panel)
    item = panel.method_item("resnet50-gem")
    assert item.isDisabled() and "No pretrained weights found" in item.toolTip(0)
    assert "GeM pooling" in panel.method_item("efflite0-gem").toolTip(0)
    panel.set_checked(["efflite0-gem", "resnet50-gem", "colorhist"])
    assert panel.checked_methods() == ["efflite0-gem", "colorhist"]
    panel.option_boxes["+gray"].setChecked(True)
    panel.option_boxes["+pcaw512"].setChecked(True)
    assert panel.planned_specs() == ["efflite0-gem+gray+pcaw512", "colorhist"]
    assert "not applicable to colorhist" in panel.plan_label.text()
    assert compose_spec("efflite0-gem", ["+pcaw512", "+ms", "+gray"])[0] == "efflite0-gem+ms+gray+pcaw512"


def test_grid_filters_by_class_and_text(window, workflow, qtbot) -> None:
    assert window.open_project(workflow["project_dir"])
    qtbot.waitUntil(lambda: not window.catalog_loading, timeout=10_000)
    model = window.catalog_model
    assert model.rowCount() == 43
    window.filter_bar.class_combo.setCurrentText("louvre")
    assert model.rowCount() == 8 and {model._group(r) for r in range(8)} == {"louvre"}
    window.filter_bar.class_combo.setCurrentText(ALL_CLASSES)
    window.filter_bar.text_edit.setText("damaged")  # the truncated file's metadata note
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=3000)
    assert window.filter_bar.count_label.text() == "1 of 43 images"
    window.filter_bar.text_edit.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 43, timeout=3000)
    assert window.catalog_model.index(0).data(Qt.ItemDataRole.ToolTipRole)
