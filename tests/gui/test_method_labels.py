"""What names a method in the window (issue #22, defects 2, 3 and 6), on a real project with two methods:
the judging line names the method of the results shown, the default method is the best extracted
global descriptor (not the first alphabetically), and Results and Compare rank without the query."""

from __future__ import annotations

import os
import shutil

import pytest

from heritage_explorer.core.annotations import AnnotationStore
from heritage_explorer.gui.widgets.search_view import NOTHING_EXTRACTED
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.comparison import default_method
from tests.gui.tiny_project import tiny_project, two_methods_project

BEST = "efflite0-gem"
BASELINE = "colorhist"
K = 5


@pytest.fixture(scope="module")
def two_methods(tmp_path_factory):
    """A tiny labelled project with the baseline and a CNN global descriptor extracted (~4 s)."""
    return two_methods_project(tmp_path_factory.mktemp("two_methods"))


@pytest.fixture
def project_copy(two_methods, tmp_path):
    target = tmp_path / "P"
    shutil.copytree(two_methods, target)
    return target


def idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=30_000)


def first_query(window) -> int:
    return next(row.id for row in window.project.catalog.images(status="ok") if row.is_query)


def test_default_method_prefers_the_best_global_descriptor() -> None:
    assert default_method([BASELINE, "efflite2-mac", BEST + "+pcaw512", BEST]) == BEST
    assert default_method([BASELINE, "resnet50-mac", "resnet50-rmac", "efflite2-gem"]) == "efflite2-gem"
    assert default_method([BASELINE, "resnet50-mac", "resnet50-rmac"]) == "resnet50-rmac"
    assert default_method(["colorhist", "vgg16-spoc"]) == "vgg16-spoc"
    assert default_method([BASELINE]) == BASELINE
    assert default_method([]) is None


def test_fresh_settings_search_and_suggest_with_the_best_method(window, project_copy, qtbot) -> None:
    assert window.settings.search_method is None
    assert window.open_project(project_copy)
    idle(qtbot, window)
    specs = [window.query_strip.method_combo.itemText(i) for i in range(window.query_strip.method_combo.count())]
    assert specs == [BASELINE, BEST]  # alphabetical: the baseline comes first, but is not chosen
    assert window.query_strip.method == BEST
    panel = window.annotation_panel
    assert panel.method_combo.currentText() == BEST
    qtbot.waitUntil(lambda: f"by {BEST}" in panel.suggestion_label.text(), timeout=30_000)


def test_nothing_extracted_is_said_in_the_method_box(window, tmp_path, qtbot) -> None:
    root = tiny_project(tmp_path, extract=False)
    assert window.open_project(root)
    idle(qtbot, window)
    combo = window.query_strip.method_combo
    assert combo.count() == 0 and combo.currentIndex() == -1
    assert combo.placeholderText() == NOTHING_EXTRACTED and "Extract" in combo.toolTip()


def test_judging_line_names_the_method_of_the_results_shown(window, project_copy, qtbot, tmp_path) -> None:
    """The Method box refilled after an extraction changes without a signal: the line must follow the results."""
    project = open_project(project_copy)
    ids = [row.id for row in project.catalog.images(status="ok")]
    AnnotationStore(project.catalog).save_judgments({ids[0]: {ids[1]: "easy", ids[5]: "wrong"}})
    aside = tmp_path / "aside"
    shutil.move(project.descriptor_dir(BEST), aside)  # as if BEST were not extracted yet
    window.settings.search_method = BEST  # chosen in an earlier session
    assert window.open_project(project_copy)
    idle(qtbot, window)
    assert window.query_strip.method == BASELINE
    qtbot.waitUntil(lambda: f"<b>{BASELINE}</b>" in window.search_view.judging_label.text(), timeout=30_000)

    shutil.move(aside, project.descriptor_dir(BEST))  # the extraction of BEST ends
    window.refresh_methods()
    assert window.query_strip.method == BEST
    window.query_image(ids[0])
    qtbot.waitUntil(lambda: window.search_view.model.rowCount() > 0 and not window.runner.is_busy(),
                    timeout=30_000)
    assert f"with {BEST}" in window.search_view.caption.text()
    line = window.search_view.judging_label.text()
    assert f"<b>{BEST}</b>" in line and BASELINE not in line, line


def test_results_and_compare_leave_the_query_out_and_agree(window, project_copy, qtbot) -> None:
    window.settings.search_method = BEST
    window.settings.compare_methods = [BEST, BASELINE]
    window.query_strip.k_spin.setValue(K)
    assert window.open_project(project_copy)
    idle(qtbot, window)
    query = first_query(window)
    window.query_image(query)
    qtbot.waitUntil(lambda: window.search_view.model.rowCount() > 0 and len(window.compare_view.rows) == 2
                    and not window.runner.is_busy(), timeout=30_000)
    results = window.search_view.model.items
    assert len(results) == K and query not in [item.image_id for item in results]
    assert [item.rank for item in results] == list(range(1, K + 1))
    row = next(r for r in window.compare_view.rows if r.spec == BEST)
    assert [item.image_id for item in row.model.items] == [item.image_id for item in results]
    assert [item.rank for item in row.model.items] == [item.rank for item in results]
    # Compare rows name their images
    assert row.view.thumbnail_delegate.caption_lines >= 1
    first = row.model.index(0)
    assert first.data() == os.path.basename(results[0].path)
    window.compare_view.highlight(results[0].image_id)
    assert window.compare_view.hover_label.text().startswith(os.path.basename(results[0].path))
