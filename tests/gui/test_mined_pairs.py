"""The mined pairs of an adaptation in the app (issue #19 part 1), on strecha_mvs (76 real photos).

The project: strecha_mvs imported, ``efflite0-gem+adapt:strecha`` learned by ``adapt`` (which writes
``P/adapt/strecha/pairs.json``). Through the window: the Adaptation box's *Mined pairs…* opens a
dialog whose rows are the file's pairs with their inlier counts, sorted by inliers, filtered by
kind, with thumbnails; a double-click opens the match view on the pair, which finds the file's
inlier count again; the dashboard's before/after page opens the same pairs; a dry run started from
the adaptation dialog mines the pairs only and shows them.
"""

from __future__ import annotations

import json

import pytest
import shiboken6
from PySide6.QtCore import SIGNAL, Qt

from heritage_explorer.gui.models.mined_pairs import Column
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.adapt_jobs import REQUEST_FILE
from tests.gui.analysis_fixtures import copy_project

pytestmark = pytest.mark.shared_data
ADAPTED = "efflite0-gem+adapt:strecha"
JOB_TIMEOUT_MS = 600_000  # a child process that loads the network: minutes on a loaded machine


@pytest.fixture(scope="module")
def base_project(strecha):
    """strecha_mvs imported (nothing extracted: ``STRECHA_METHODS`` unset), then adapted."""
    from heritage_explorer.pipeline.adapt import adapt

    adapt(open_project(strecha), "efflite0-gem", name="strecha", seed=1)
    return strecha


@pytest.fixture
def project_dir(base_project, tmp_path):
    return copy_project(base_project, tmp_path / "P")


def _file_pairs(root, name: str) -> dict[tuple[int, int], tuple[int, str]]:
    data = json.loads((root / "adapt" / name / "pairs.json").read_text(encoding="utf-8"))
    return {(p["a"], p["b"]): (p["inliers"], p["kind"]) for p in data["pairs"]}


def _open(window, qtbot, root) -> None:
    assert window.open_project(root), window.message_bar.label.text()
    qtbot.waitUntil(lambda: not window.catalog_loading, timeout=20_000)


def _shown(dialog) -> list[tuple[tuple[int, int], tuple[int, str]]]:
    pairs = [dialog.pair_at(row) for row in range(dialog.proxy.rowCount())]
    return [((p.a, p.b), (p.inliers, p.kind)) for p in pairs]


def test_the_pairs_view_lists_the_file_and_opens_the_match_view(window, qtbot, project_dir) -> None:
    expected = _file_pairs(project_dir, "strecha")
    assert len(expected) > 100  # 76 images × 10 neighbours, verified
    _open(window, qtbot, project_dir)
    box = window.adaptation.box
    assert box.pairs_button.isEnabled()
    listeners = window.loader.receivers(SIGNAL("loaded(int)"))
    box.pairs_button.click()
    dialog = window.adaptation.pairs_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=20_000)
    assert dialog.error is None, dialog.error
    shown = _shown(dialog)
    assert len(shown) == len(expected) and dict(shown) == expected  # every pair, with its inliers and kind
    inliers = [count for _pair, (count, _kind) in shown]
    assert inliers == sorted(inliers, reverse=True)  # sorted by inliers, most first
    counts = {kind: sum(1 for k in expected.values() if k[1] == kind) for kind in ("positive", "negative")}
    assert counts["positive"] > 0 and counts["negative"] > 0
    assert f"{counts['positive']} verified positives" in dialog.summary.text()

    first = dialog.proxy.index(0, Column.IMAGE_A)  # thumbnails load for the rows on screen
    qtbot.waitUntil(lambda: first.data(Qt.ItemDataRole.DecorationRole) is not None, timeout=20_000)
    assert first.data() == window.project.catalog.image(dialog.pair_at(0).a).abspath.name

    dialog.set_kind("negative")
    assert dialog.proxy.rowCount() == counts["negative"]
    assert {kind for _pair, (_count, kind) in _shown(dialog)} == {"negative"}
    dialog.set_kind("positive")
    assert dialog.proxy.rowCount() == counts["positive"]
    dialog.table.sortByColumn(Column.INLIERS, Qt.SortOrder.AscendingOrder)  # ascending: the weakest positive first
    weakest = dialog.pair_at(0)
    assert weakest.inliers == min(c for c, k in expected.values() if k == "positive")

    views_before = len(window.matches.views)
    rect = dialog.table.visualRect(dialog.proxy.index(0, Column.INLIERS))
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.matches_button.isEnabled()  # a pair is selected
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(window.matches.views) == views_before + 1
    view = window.matches.views[-1]
    assert view.parent() is dialog
    qtbot.waitUntil(lambda: view.loaded, timeout=60_000)
    assert view.pictures.pair.spec == "orb-1000"  # the local method that verified the pairs
    assert view.pictures.pair.inlier_count == weakest.inliers  # the match view finds the file's count again
    names = (window.project.catalog.image(weakest.a).abspath.name, window.project.catalog.image(weakest.b).abspath.name)
    assert view.windowTitle().endswith(f"{names[0]} ↔ {names[1]}")
    view.close()
    dialog.close()
    qtbot.waitUntil(lambda: window.adaptation.pairs_dialog is None, timeout=5_000)
    assert window.loader.receivers(SIGNAL("loaded(int)")) == listeners  # the window's loader let go
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=5_000)  # deleted, not kept by the window


def test_the_before_after_page_opens_the_pairs_of_its_adaptation(window, qtbot, project_dir) -> None:
    _open(window, qtbot, project_dir)
    panels = window.analysis_panels
    panels.dashboard.show_before_after(ADAPTED)
    panels.show_panel(panels.dashboard)
    page = panels.dashboard.before_after
    qtbot.waitUntil(lambda: page.shown == ("efflite0-gem", ADAPTED), timeout=JOB_TIMEOUT_MS)
    assert page.pairs_button.isEnabled()
    page.pairs_button.click()
    dialog = window.adaptation.pairs_dialog
    assert dialog is not None and dialog.names.currentText() == "strecha"
    qtbot.waitUntil(lambda: dialog.loaded, timeout=20_000)
    assert dialog.proxy.rowCount() == len(_file_pairs(project_dir, "strecha"))
    dialog.close()


def test_the_analyse_menu_opens_the_pairs_of_the_last_adaptation(window, qtbot, project_dir) -> None:
    action = window.actions_by_name["mined_pairs"]
    assert not action.isEnabled()  # no project yet
    _open(window, qtbot, project_dir)
    assert action.isEnabled()
    action.trigger()
    dialog = window.adaptation.pairs_dialog
    assert dialog is not None and dialog.isVisible() and dialog.names.currentText() == "strecha"
    qtbot.waitUntil(lambda: dialog.loaded, timeout=20_000)
    assert dialog.proxy.rowCount() == len(_file_pairs(project_dir, "strecha"))
    dialog.close()


def test_a_dry_run_from_the_app_mines_the_pairs_and_shows_them(window, qtbot, project_dir) -> None:
    _open(window, qtbot, project_dir)
    controller = window.adaptation
    dialog = controller.open_dialog()
    dialog.name.setText("dry")
    dialog.dry_run.setChecked(True)
    assert dialog.ok_button.text() == "Mine pairs" and "learns nothing" in dialog.note.text()
    assert dialog.request().dry_run
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not controller.running, timeout=JOB_TIMEOUT_MS)
    result = controller.last_result
    assert result is not None and result["dry_run"], window.message_bar.label.text()
    assert controller.box.rate.text().startswith("dry run:")
    assert not (project_dir / "adapt" / "dry" / REQUEST_FILE).exists()
    assert not (project_dir / "adapt" / "dry" / "adaptation.json").exists()  # nothing learned
    combo = window.query_strip.method_combo
    assert "efflite0-gem+adapt:dry" not in [combo.itemText(i) for i in range(combo.count())]
    pairs = controller.pairs_dialog
    assert pairs is not None and pairs.names.currentText() == "dry"
    assert [pairs.names.itemText(i) for i in range(pairs.names.count())] == ["dry", "strecha"]
    qtbot.waitUntil(lambda: pairs.loaded, timeout=20_000)
    expected = _file_pairs(project_dir, "dry")
    assert dict(_shown(pairs)) == expected == _file_pairs(project_dir, "strecha")  # same mining, cached
    pairs.names.setCurrentText("strecha")  # the other adaptation's pairs, in the same dialog
    qtbot.waitUntil(lambda: pairs.loaded and pairs.sample is not None and pairs.sample.name == "strecha",
                    timeout=20_000)
    pairs.close()


def test_the_box_says_when_a_job_is_a_dry_run(qtbot) -> None:
    from heritage_explorer.core.jobs import Progress
    from heritage_explorer.gui.widgets.adaptation_box import AdaptationBox
    from heritage_explorer.pipeline.adapt_jobs import AdaptRequest

    box = AdaptationBox()
    qtbot.addWidget(box)
    box.set_interrupted([AdaptRequest("efflite0-gem", "dry", seed=2, minutes=5.0, dry_run=True)], can_write=True)
    assert "(supervision none, seed 2, 5 min, dry run)" in box.interrupted.text()
    box.set_interrupted([AdaptRequest("efflite0-gem", "full")], can_write=True)
    assert "dry run" not in box.interrupted.text()
    done = Progress("verifying neighbours with orb-1000", 40, 40)
    box.set_running("efflite0-gem+adapt:dry", dry_run=True)
    box.show_progress(done)
    assert box.rate.text() == "dry run: writing the mined pairs…"
    box.finish("dry run: 40 neighbour pairs verified")
    box.set_running("efflite0-gem+adapt:full")
    box.show_progress(done)
    assert box.rate.text().startswith("learning the whitening")
