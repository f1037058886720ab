"""What the annotation, judging and analysis panels show when the user is quicker than a worker, or
switches tab or project: each test is a defect that was seen, on a tiny real project (no shared data)."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import Qt

from heritage_explorer.core.annotations import AnnotationStore
from heritage_explorer.core.catalog import Catalog
from heritage_explorer.gui.widgets.image_preview import PreviewCache
from heritage_explorer.gui.widgets.judging import JudgmentRole
from heritage_explorer.gui.workers import JobRunner
from tests.gui.analysis_fixtures import TIMEOUT_MS, open_panel, show_results_of_first_image
from tests.gui.tiny_project import SPEC, tiny_project


def fresh_store(root) -> AnnotationStore:
    """The catalog as another process reads it (a new connection)."""
    return AnnotationStore(Catalog(root / "catalog.sqlite", create=False))


def settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.runner.is_busy() and not window.catalog_loading, timeout=TIMEOUT_MS)


def test_annotation_keys_act_after_choosing_the_tab_with_the_mouse(window, qtbot, tmp_path) -> None:
    root = tiny_project(tmp_path, extract=False)
    store = fresh_store(root)
    class_a = [row.id for row in store.catalog.images(status="ok") if row.group == "a"]
    store.set_reference("a", class_a[1])  # variations are ticked relative to a reference (issue #22)
    assert window.open_project(root)
    settle(qtbot, window)
    panel = window.annotation_panel
    window.grid.setFocus()  # e.g. after browsing the collection
    tab_bar = window.tabs.tabBar()
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton,
                     pos=tab_bar.tabRect(window.tabs.indexOf(panel)).center())
    assert window.tabs.currentWidget() is panel
    focus = window.focusWidget()
    assert focus is not None and panel.isAncestorOf(focus), f"the keys go to {focus!r}, not to the panel"
    first = panel.current_id
    qtbot.keyClick(focus, Qt.Key.Key_2)  # 2: Illumination, on the current image
    assert fresh_store(root).get(panel.class_name).flags == {first: frozenset({"Illumination"})}


def test_a_judgment_goes_to_the_query_whose_results_are_shown(window, qtbot, tmp_path) -> None:
    root = tiny_project(tmp_path)
    window.settings.search_method = SPEC
    assert window.open_project(root)
    settle(qtbot, window)
    ids = show_results_of_first_image(window, qtbot)
    view, model = window.search_view.view, window.search_view.model
    shown = model.items[1].image_id
    window.query_image(ids[-1])  # another query: its results are still being computed
    qtbot.keyClick(view, Qt.Key.Key_G)  # judges the result on screen, a result of the first query
    assert fresh_store(root).judgments() == {ids[0]: {shown: "easy"}}
    assert model.index(1).data(JudgmentRole) == "easy"
    qtbot.waitUntil(lambda: model.query_id == ids[-1], timeout=TIMEOUT_MS)
    settle(qtbot, window)
    assert all(model.index(r).data(JudgmentRole) in (None, "query") for r in range(model.rowCount()))


def test_switching_project_drops_the_previous_projects_numbers(window, qtbot, tmp_path) -> None:
    first = tiny_project(tmp_path / "A", (("a", 4), ("b", 3)))
    second = tiny_project(tmp_path / "B", (("c", 3), ("d", 3)), seed=1)
    ids = [row.id for row in fresh_store(first).catalog.images()]
    fresh_store(first).save_judgments({ids[0]: {ids[1]: "easy"}})
    window.settings.search_method = SPEC
    panels = open_panel(window, qtbot, first, "beats")
    settle(qtbot, window)
    label = window.search_view.judging_label
    assert panels.dashboard.class_model.rowCount() == 2 and panels.beats.comparison is not None
    assert "1 judged query" in label.text()
    assert window.open_project(second)
    # before anything is recomputed: none of the first project's numbers, nor its query ids to click
    assert panels.dashboard.class_model.rowCount() == 0 and panels.beats.comparison is None
    assert panels.beats.listed_queries() == [] and "judged query" not in label.text()
    qtbot.waitUntil(lambda: panels.beats.comparison is not None, timeout=TIMEOUT_MS)
    settle(qtbot, window)
    classes = {panels.dashboard.class_model.item(r, 0).text() for r in range(panels.dashboard.class_model.rowCount())}
    assert classes == {"c", "d"} and "no judged query yet" in label.text()


def test_a_preview_decoded_for_the_previous_project_is_dropped(qtbot, tmp_path) -> None:
    path = tmp_path / "x.png"
    Image.new("RGB", (50, 40), "red").save(path)
    runner = JobRunner()
    try:
        cache = PreviewCache(runner)
        shown: list = []
        cache.load(1, str(path), lambda image_id, _image: shown.append(image_id), lambda _i, text: shown.append(text))
        qtbot.waitUntil(lambda: not runner.is_busy(), timeout=TIMEOUT_MS)
        assert shown == [1] and cache.get(1) is not None
        cache.clear()
        cache.load(1, str(path), lambda image_id, _image: shown.append(image_id), lambda _i, text: shown.append(text))
        cache.clear()  # another project opened meanwhile: its image #1 is another file
        qtbot.waitUntil(lambda: not runner.is_busy(), timeout=TIMEOUT_MS)
        assert shown == [1] and cache.get(1) is None
    finally:
        runner.shutdown()


def test_flipping_through_classes_runs_one_reference_suggestion_at_a_time(window, qtbot, tmp_path) -> None:
    """Each suggestion loads every vector of the method (seconds on 100,000 images): flipping through
    classes must not queue one per class in front of the previews; the last class shown gets its own."""
    root = tiny_project(tmp_path, (("a", 3), ("b", 3), ("c", 3), ("d", 3)))
    window.settings.search_method = SPEC
    assert window.open_project(root)
    window.show_annotation_panel()
    settle(qtbot, window)
    panel = window.annotation_panel
    for name in ("b", "c", "d", "a", "c"):
        panel.class_combo.setCurrentIndex(panel.class_combo.findData(name))
    assert sum(job.name == "suggest reference" for job in window.runner.jobs) == 1
    qtbot.waitUntil(lambda: panel.suggestion is not None and not window.runner.is_busy(), timeout=TIMEOUT_MS)
    members = {item.image_id for item in panel.model.items}
    assert panel.class_name == "c" and panel.suggestion.image_id in members
    assert set(panel.suggestion.mean_similarities) == members
