"""File ▸ Settings (issue #22, defect 12): default method, thumbnail size, thumbnail cache location and
threads, written to the application's settings store and applied by the window."""

from __future__ import annotations

import pytest

from heritage_explorer.gui.settings import AppSettings
from heritage_explorer.gui.widgets.settings_dialog import AUTOMATIC, SettingsDialog
from tests.gui.tiny_project import two_methods_project

BEST, BASELINE = "efflite0-gem", "colorhist"


@pytest.fixture(scope="module")
def project_root(tmp_path_factory):
    return two_methods_project(tmp_path_factory.mktemp("settings_project"))


def idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.runner.is_busy() and not window.catalog_loading, timeout=30_000)


def open_dialog(window) -> SettingsDialog:
    window.actions_by_name["settings"].trigger()
    dialogs = [d for d in window.findChildren(SettingsDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_settings_are_saved_and_applied(window, project_root, tmp_path, qtbot) -> None:
    assert window.open_project(project_root)
    idle(qtbot, window)
    assert window.query_strip.method == BEST  # automatic: the best extracted
    assert window.actions_by_name["settings"].shortcut().toString() == "Ctrl+,"

    dialog = open_dialog(window)
    assert dialog.method_combo.itemText(0).startswith(AUTOMATIC) and BEST in dialog.method_combo.itemText(0)
    assert [dialog.method_combo.itemData(i) for i in range(dialog.method_combo.count())] == [None, BASELINE, BEST]
    dialog.method_combo.setCurrentIndex(dialog.method_combo.findData(BASELINE))
    dialog.size_combo.setCurrentIndex(dialog.size_combo.findData(96))
    cache = tmp_path / "thumbnail caches"
    dialog.cache_edit.setText(str(cache))
    dialog.threads_spin.setValue(3)
    dialog.accept()

    stored = AppSettings.from_file(window.settings.store.fileName())  # read back as the next start would
    assert (stored.default_method, stored.thumbnail_size, stored.cache_location, stored.threads) == (
        BASELINE, 96, str(cache), 3)
    assert window.query_strip.method == BASELINE
    assert window.grid.thumbnail_delegate.size == 96 and window.filter_bar.size_combo.currentData() == 96

    assert window.open_project(project_root)  # the cache folder and the threads apply from here
    idle(qtbot, window)
    assert window.loader.threads == 3 and window.loader.pool.maxThreadCount() == 3
    assert window.loader.disk.directory.is_relative_to(cache)
    qtbot.waitUntil(window.thumbnails_settled, timeout=30_000)
    assert any(p.is_file() for p in cache.rglob("*")), "thumbnails cached there"
    assert window.query_strip.method == BASELINE

    dialog = open_dialog(window)
    assert dialog.method_combo.currentData() == BASELINE
    dialog.method_combo.setCurrentIndex(0)  # back to automatic
    dialog.cache_edit.setText("")
    dialog.accept()
    stored = AppSettings.from_file(window.settings.store.fileName())
    assert stored.default_method is None and stored.cache_location is None
    assert window.query_strip.method == BEST


def test_cancel_changes_nothing(window, project_root, qtbot) -> None:
    assert window.open_project(project_root)
    idle(qtbot, window)
    dialog = open_dialog(window)
    dialog.threads_spin.setValue(7)
    dialog.size_combo.setCurrentIndex(dialog.size_combo.findData(256))
    dialog.reject()
    stored = AppSettings.from_file(window.settings.store.fileName())
    assert stored.threads == 2 and stored.thumbnail_size == 128
    assert window.grid.thumbnail_delegate.size == 128
