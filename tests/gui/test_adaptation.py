"""The app's "Adapt to this collection" job (issue #19 part 5) on a small real collection.

The project: 40 photos of rparis6k_subset_5x50 (5 landmarks, downscaled, plus 2 distractors and a
truncated file: ``conftest.paris_subset``), ``efflite0-gem`` and ``colorhist`` extracted by the
pipeline, the example variation annotations set (Table 1 needs them). Through the window: the
dialog offers the adaptable bases only; the job (in a child process) is cancelled, found
interrupted when the project is opened again, resumed to the end; the adapted method is then in the
search and compare menus and searches; the dashboard shows it beside its base (per-class mAP,
Table 1, protocol); with labels, the protocol is the class-disjoint folds; an adaptation whose
store is missing is extracted on demand and comes back in the menus.
"""

from __future__ import annotations

import shutil

import pytest

from heritage_explorer.pipeline import import_source, open_project
from heritage_explorer.pipeline.adapt_jobs import REQUEST_FILE, AdaptRequest, interrupted_adaptations
from heritage_explorer.pipeline.methods import extract_any
from tests.gui.analysis_fixtures import annotate_from_example, copy_project

pytestmark = pytest.mark.shared_data
JOB_TIMEOUT_MS = 600_000  # the job spawns a child, loads a network and extracts ORB: minutes on a loaded machine
ADAPTED = "efflite0-gem+adapt:paris"


@pytest.fixture(scope="module")
def base_project(paris_subset, tmp_path_factory):
    from heritage_explorer.descriptors.registry import list_methods

    if not next(m for m in list_methods() if m.spec == "efflite0-gem").available:
        pytest.skip("efflite0-gem weights absent (see 'heritage-explorer weights')")
    project = open_project(tmp_path_factory.mktemp("adapt_gui") / "P", create=True)
    import_source(project, str(paris_subset), allow_absolute=True)
    extract_any(project, ["efflite0-gem", "colorhist"])
    annotate_from_example(project.root)
    return project.root


@pytest.fixture
def project_dir(base_project, tmp_path):
    return copy_project(base_project, tmp_path / "P")


def _open(window, qtbot, root) -> None:
    assert window.open_project(root), window.message_bar.label.text()
    qtbot.waitUntil(lambda: not window.catalog_loading, timeout=20_000)


def _wait_job(controller, qtbot) -> None:
    qtbot.waitUntil(lambda: not controller.running, timeout=JOB_TIMEOUT_MS)


def _combo_items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def _wait_dashboard(window, qtbot, pair: tuple[str, str]) -> None:
    view = window.analysis_panels.dashboard.before_after
    qtbot.waitUntil(lambda: view.shown == pair and window.analysis_panels.job is None
                    and not window.analysis_panels.timer.isActive(), timeout=JOB_TIMEOUT_MS)


def test_adapt_cancel_resume_then_search_compare_and_dashboard(window, qtbot, project_dir) -> None:
    _open(window, qtbot, project_dir)
    controller = window.adaptation
    analyse = next(a.menu() for a in window.menuBar().actions() if a.menu()
                   and window.actions_by_name["cancel"] in a.menu().actions())
    assert controller.action.isEnabled() and controller.action in analyse.actions()
    assert controller.action is window.actions_by_name["adapt"]  # the one action table's entry
    dialog = controller.open_dialog()
    assert _combo_items(dialog.base) == ["efflite0-gem"]  # colorhist is extracted but cannot be adapted
    dialog.name.setText("paris")
    dialog.seed.setValue(1)
    dialog.ok_button.click()
    job = controller.job
    assert job is not None and controller.box.title.text() == f"<b>{ADAPTED}</b>"
    stages: list[str] = []
    job.signals.progress.connect(lambda p: (stages.append(p.stage), job.cancel()))
    _wait_job(controller, qtbot)
    assert stages, "the job reported no progress before it was cancelled"
    assert controller.box.rate.text().startswith("cancelled"), controller.box.rate.text()
    assert controller.last_result is None and ADAPTED not in _combo_items(window.query_strip.method_combo)
    request = AdaptRequest("efflite0-gem", "paris", "none", 1, None)
    assert interrupted_adaptations(open_project(project_dir)) == [request]

    _open(window, qtbot, project_dir)  # an interrupted adaptation is offered again when the project opens
    box = controller.box
    assert not box.resume_button.isHidden() and ADAPTED in box.interrupted.text()
    resume = controller.open_dialog()  # the dialog shows it too, and resumes it
    assert resume.ok_button.text() == "Resume" and resume.request() == request
    resume.reject()
    box.resume_button.click()
    assert controller.running
    reports: list = []
    controller.job.signals.progress.connect(reports.append)
    _wait_job(controller, qtbot)
    result = controller.last_result
    assert result is not None, window.message_bar.label.text()
    assert result["spec"] == ADAPTED and result["supervision"] == "none" and result["pairs"] >= 5
    assert any(p.stage == "verifying neighbours with orb-1000" for p in reports), {p.stage for p in reports}
    assert box.rate.text().startswith("done:") and box.resume_button.isHidden()
    assert not (project_dir / "adapt" / "paris" / REQUEST_FILE).exists()

    assert ADAPTED in _combo_items(window.query_strip.method_combo)
    assert ADAPTED in [a.text() for a in window.compare_view.menu.actions()]
    assert ADAPTED in [window.extraction.tree.topLevelItem(i).child(j).text(0)
                       for i in range(window.extraction.tree.topLevelItemCount())
                       for j in range(window.extraction.tree.topLevelItem(i).childCount())]

    panels = window.analysis_panels
    assert window.tabs.currentWidget() is panels.dashboard
    assert panels.dashboard.pages.currentWidget() is panels.dashboard.before_after
    _wait_dashboard(window, qtbot, ("efflite0-gem", ADAPTED))
    view = panels.dashboard.before_after
    classes = {view.classes.item(r, 0).text() for r in range(view.classes.rowCount())}
    assert classes == {"defense", "eiffel_tower", "invalides", "louvre", "moulinrouge"}
    data = view.data
    for r in range(view.classes.rowCount()):
        row = next(c for c in data.table.rows if c.name == view.classes.item(r, 0).text())
        assert view.classes.item(r, 2).text() == f"{row.maps['efflite0-gem']:.3f}"
        assert view.classes.item(r, 3).text() == f"{row.maps[ADAPTED]:.3f}"
    assert view.heatmap.columns == ("before", "after") and len(view.heatmap.rows) == 12
    assert view.heatmap.values["Overall difficulty"]["after"] == data.correlation.values["Overall difficulty"][ADAPTED]
    assert "transductive-unsupervised" in view.summary.text() and "pretrained" in view.summary.text()

    window.tabs.setCurrentWidget(window.search_view)
    window.query_strip.method_combo.setCurrentText(ADAPTED)  # searches with the adapted method
    first = window.project.catalog.images(status="ok")[0].id
    window.query_image(first)
    qtbot.waitUntil(lambda: window.search_view.spec == ADAPTED and window.search_view.model.rowCount() > 0,
                    timeout=60_000)


def test_labels_are_evaluated_on_class_disjoint_folds_and_a_missing_store_is_extracted(window, qtbot,
                                                                                       project_dir) -> None:
    _open(window, qtbot, project_dir)
    controller = window.adaptation
    dialog = controller.open_dialog()
    dialog.supervision.setCurrentText("labels")
    dialog.minutes.setValue(30)
    dialog.name.setText("paris-labels")
    assert "labels" in dialog.note.text()
    dialog.ok_button.click()
    _wait_job(controller, qtbot)
    spec = "efflite0-gem+adapt:paris-labels"
    assert controller.last_result is not None and controller.last_result["label_pairs"] > 0, \
        window.message_bar.label.text()
    _wait_dashboard(window, qtbot, ("efflite0-gem", spec))
    assert "class-disjoint-5-fold" in window.analysis_panels.dashboard.before_after.summary.text()

    shutil.rmtree(window.project.descriptor_dir(spec))  # the adaptation stays, its store goes
    assert controller.missing_stores() == [spec]
    _open(window, qtbot, project_dir)
    assert window.extraction.running and set(window.extraction.rows) == {spec}  # extracted on demand
    qtbot.waitUntil(lambda: not window.extraction.running, timeout=JOB_TIMEOUT_MS)
    assert controller.missing_stores() == []
    assert spec in _combo_items(window.query_strip.method_combo)
    assert spec in [a.text() for a in window.compare_view.menu.actions()]


def test_the_dialog_offers_every_supervision_and_learning_and_refuses_what_adapt_refuses(qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    from heritage_explorer.gui.widgets.adapt_dialog import AdaptDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = AdaptDialog(["efflite0-gem"], "paris", [], parent)
    assert _combo_items(dialog.supervision) == ["none", "labels", "judgments"]
    assert [dialog.learn.itemData(i) for i in range(dialog.learn.count())] == ["lw", "finetune", "lw+finetune"]
    dialog.learn.setCurrentIndex(dialog.learn.findData("lw+finetune"))
    dialog.supervision.setCurrentText("judgments")
    assert dialog.ok_button.isEnabled()
    assert dialog.request() == AdaptRequest("efflite0-gem", "paris", "judgments", 0, None, False, "lw+finetune")
    dialog.learn.setCurrentIndex(dialog.learn.findData("finetune"))  # adapt refuses finetune with supervision
    assert not dialog.ok_button.isEnabled() and "mined pairs only" in dialog.note.text()
    dialog.supervision.setCurrentText("none")
    assert dialog.ok_button.isEnabled() and dialog.request().learn == "finetune"
    dialog.dry_run.setChecked(True)  # a dry run learns nothing
    assert not dialog.learn.isEnabled()
    resumed = AdaptDialog(["efflite0-gem"], "x", [], parent,
                          interrupted=AdaptRequest("efflite0-gem", "tuned", "labels", 4, learn="lw+finetune"))
    assert resumed.request() == AdaptRequest("efflite0-gem", "tuned", "labels", 4, learn="lw+finetune")
