"""File ▸ Settings (issue #22, defect 12): default method, thumbnail size, thumbnail cache location,
threads and allowed hosts (issue #21 part 5), written to the application's settings store and applied
by the window."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from PIL import Image

from heritage_explorer.gui.settings import AppSettings
from heritage_explorer.gui.widgets.settings_dialog import AUTOMATIC, SettingsDialog
from tests.gui.helpers import wait_until
from tests.gui.tiny_project import two_methods_project
from tests.http_server import LocalServer, Reply, server_fixture

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


def _iiif_route(path: str, server: LocalServer) -> Reply:
    """A manifest of one canvas on the local server (127.0.0.1: refused unless allowed)."""
    if path == "/manifest.json":
        canvas = {"@id": f"{server.base}/canvas/1", "@type": "sc:Canvas", "label": "one",
                  "images": [{"@type": "oa:Annotation", "motivation": "sc:painting",
                              "resource": {"@id": f"{server.base}/one.jpg", "@type": "dctypes:Image"}}]}
        manifest = {"@context": "http://iiif.io/api/presentation/2/context.json", "@id": f"{server.base}/manifest.json",
                    "@type": "sc:Manifest", "label": "Local", "sequences": [{"canvases": [canvas]}]}
        return Reply(body=json.dumps(manifest).encode(), kind="application/json")
    if path == "/one.jpg":
        buffer = io.BytesIO()
        Image.fromarray(np.full((30, 40, 3), 120, np.uint8)).save(buffer, "JPEG")
        return Reply(body=buffer.getvalue(), kind="image/jpeg")
    return Reply(404, b"not found", "text/plain")


iiif_server = server_fixture(_iiif_route)


def test_allowed_hosts_setting_lets_an_import_reach_the_local_server(window, iiif_server, tmp_path, qtbot) -> None:
    """Issue #21 part 5: refused by default with the reason in the message bar; allowed in Settings (checked,
    stored like the other settings), the same import downloads the image."""
    assert window.open_project(tmp_path / "P", create=True)
    url = f"{iiif_server.base}/manifest.json"
    window.import_source(url)
    wait_until(lambda: window.import_job is None, 30, "the refused import")
    assert "refused: 127.0.0.1 is a loopback address; allow it with --allow-host 127.0.0.1" in (
        window.message_bar.label.text())
    assert not iiif_server.hits and window.project.catalog.count_images() == {}

    dialog = open_dialog(window)
    assert dialog.hosts_edit.text() == "" and not dialog.hosts_error.isVisible()
    dialog.hosts_edit.setText("127.0.0.1, http://nope")
    dialog.accept()  # refused: the dialog stays open and names the bad entry
    assert dialog.isVisible() and dialog.hosts_error.isVisible()
    assert "'http://nope' is not a host name, an IP address or a network" in dialog.hosts_error.text()
    assert AppSettings.from_file(window.settings.store.fileName()).allowed_hosts == []
    dialog.hosts_edit.setText("127.0.0.1,  iiif.example.org 10.1.0.0/16")
    dialog.accept()
    assert not dialog.isVisible()
    assert AppSettings.from_file(window.settings.store.fileName()).allowed_hosts == [
        "127.0.0.1", "iiif.example.org", "10.1.0.0/16"]
    assert open_dialog(window).hosts_edit.text() == "127.0.0.1, iiif.example.org, 10.1.0.0/16"

    window.import_source(url)
    wait_until(lambda: window.import_job is None, 30, "the allowed import")
    assert iiif_server.hits["/one.jpg"] == 1
    assert window.project.catalog.count_images() == {"ok": 1}, window.message_bar.label.text()
