"""The window on a read-only project (issue #22, defect 4): it opens, shows the collection and
searches; it says the project is read-only, disables what would write, refuses a judgment with that
reason, and writes nothing into the project (its thumbnails are cached elsewhere).

As in ``tests/reliability/test_read_only.py``, the check that nothing is written is a snapshot of
the project's files, which holds whoever runs the test (root is not stopped by ``chmod``)."""

from __future__ import annotations

import shutil
import subprocess

from PySide6.QtCore import Qt

from heritage_explorer.gui.main_window import READ_ONLY_NOTE
from tests.gui.analysis_fixtures import TIMEOUT_MS, show_results_of_first_image
from tests.gui.tiny_project import SPEC, tiny_project
from tests.reliability.test_read_only import snapshot


def test_read_only_project_opens_searches_and_refuses_edits(window, qtbot, tmp_path) -> None:
    source = tiny_project(tmp_path / "src")
    root = tmp_path / "shelf" / "P"
    shutil.copytree(source, root)
    subprocess.run(["chmod", "-R", "a-w", str(tmp_path / "shelf")], check=True)
    try:
        before = snapshot(root)
        window.settings.search_method = SPEC
        assert window.open_project(root)
        assert window.project.read_only
        assert window.message_bar.isVisible() and window.message_bar.label.text() == READ_ONLY_NOTE
        assert window.windowTitle().endswith("(read-only)")
        for name in ("import_folder", "import_csv", "extract", "judge_next"):
            assert not window.actions_by_name[name].isEnabled(), name
        assert not window.extraction.start_button.isEnabled()
        qtbot.waitUntil(lambda: not window.catalog_loading and window.thumbnails_settled(), timeout=TIMEOUT_MS)
        assert window.catalog_model.rowCount() == 7
        show_results_of_first_image(window, qtbot)
        qtbot.keyClick(window.search_view.view, Qt.Key.Key_G)  # judge: refused, with the reason
        assert "read-only" in window.message_bar.label.text()
        assert "annotating and judging needs write access" in window.message_bar.label.text()
        assert window.project.catalog.query("SELECT COUNT(*) AS n FROM judgments")[0]["n"] == 0
        qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=TIMEOUT_MS)
        assert snapshot(root) == before
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(tmp_path / "shelf")], check=True)
