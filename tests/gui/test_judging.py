"""Relevance judging with one key in the real window, against a real catalog: labels on the thumbnails,
the catalog's judgments table, the revisited E/M/H mAP line, undo, and "judge next unjudged query"."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from heritage_explorer.core.annotations import AnnotationStore
from heritage_explorer.core.catalog import Catalog
from heritage_explorer.evaluation.metrics import revisited_evaluation
from heritage_explorer.gui.delegates.thumbnail import PAD
from heritage_explorer.gui.widgets.judging import LABEL_COLORS, JudgmentRole
from heritage_explorer.pipeline import rank_many
from heritage_explorer.pipeline.ground_truth import next_unjudged_query

SPEC = "efflite0-gem"
K = 8


@pytest.fixture
def judging(window, workflow, qtbot, tmp_path):
    """A window on a copy of the extracted test project (judgments stay here), searching with SPEC."""
    project_dir = tmp_path / "P"
    shutil.copytree(workflow["project_dir"], project_dir)
    window.settings.search_method = SPEC
    window.settings.compare_methods = [SPEC]
    window.query_strip.k_spin.setValue(K)
    assert window.open_project(project_dir)
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=30_000)
    return window


def stored_judgments(window) -> dict[int, dict[int, str]]:
    return AnnotationStore(Catalog(window.project.root / "catalog.sqlite", create=False)).judgments()


def expected_map(window, judgments) -> dict[str, float]:
    """E/M/H mAP computed here, independently of the window: full rankings + revisited_evaluation."""
    rankings = {q: r.ids for q, r in rank_many(window.project, SPEC, sorted(judgments)).items()}
    return revisited_evaluation(rankings, judgments).map


def shown_map(window) -> str:
    return window.search_view.judging_label.text()


def settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.runner.is_busy() and window.search_view.model.rowCount() == K,
                    timeout=30_000)


def first_query_of(window, group: str) -> int:
    return next(row.id for row in window.project.catalog.images(status="ok") if row.group == group and row.is_query)


def test_judging_results_with_keys_updates_labels_catalog_and_emh_map(judging, qtbot) -> None:
    window = judging
    query = first_query_of(window, "louvre")
    window.query_image(query)
    settle(qtbot, window)
    view, model = window.search_view.view, window.search_view.model
    ids = [item.image_id for item in model.items]
    assert query not in ids and "no judged query yet" in shown_map(window)  # the query is left out
    view.setFocus()
    view.setCurrentIndex(model.index(0))
    for key in (Qt.Key.Key_G, Qt.Key.Key_W, Qt.Key.Key_G, Qt.Key.Key_O, Qt.Key.Key_J):
        qtbot.keyClick(view, key)  # each key judges the selected result and selects the next one
    expected = {ids[0]: "easy", ids[1]: "wrong", ids[2]: "easy", ids[3]: "hard", ids[4]: "junk"}
    assert stored_judgments(window) == {query: expected}
    assert view.currentIndex().row() == 5
    assert [model.index(r).data(JudgmentRole) for r in range(6)] == ["easy", "wrong", "easy", "hard", "junk", None]
    qtbot.waitUntil(lambda: not window.runner.is_busy() and "1 judged query (5 judgments)" in shown_map(window),
                    timeout=30_000)
    first = expected_map(window, {query: expected})
    assert first["easy"] < 1.0 and first["hard"] < 1.0  # a wrong result ranks above a positive
    for setup, name in (("easy", "Easy"), ("medium", "Medium"), ("hard", "Hard")):
        assert f"{name} <b>{first[setup]:.3f}</b>" in shown_map(window)

    view.setCurrentIndex(model.index(1))
    qtbot.keyClick(view, Qt.Key.Key_G)  # the wrong one was right after all
    expected[ids[1]] = "easy"
    assert stored_judgments(window) == {query: expected}
    second = expected_map(window, {query: expected})
    assert second["easy"] == pytest.approx(1.0) and second["easy"] != pytest.approx(first["easy"])
    qtbot.waitUntil(lambda: not window.runner.is_busy() and f"Easy <b>{second['easy']:.3f}</b>" in shown_map(window),
                    timeout=30_000)

    view.setCurrentIndex(model.index(1))
    qtbot.keyClick(view, Qt.Key.Key_X)  # clear: back to unjudged, i.e. a negative again
    del expected[ids[1]]
    assert stored_judgments(window) == {query: expected}
    third = expected_map(window, {query: expected})
    qtbot.waitUntil(lambda: not window.runner.is_busy() and "(4 judgments)" in shown_map(window), timeout=30_000)
    assert f"Easy <b>{third['easy']:.3f}</b>" in shown_map(window) and third["easy"] == pytest.approx(first["easy"])

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the clear
    assert stored_judgments(window)[query][ids[1]] == "easy"

    view.viewport().update()  # the label is painted as a coloured band across the foot of the image
    qtbot.waitUntil(lambda: window.loader.settled(ids[3], model.thumbnail_size), timeout=20_000)
    grabbed = view.viewport().grab().toImage()
    cell = view.visualRect(model.index(3))
    size = view.thumbnail_delegate.size
    image = model.index(3).data(Qt.ItemDataRole.DecorationRole)
    image_bottom = cell.y() + PAD + (size - min(image.height(), size)) // 2 + min(image.height(), size)
    pixel = QColor(grabbed.pixel(QPoint(cell.x() + PAD + size // 2, image_bottom - 3)))
    wanted = LABEL_COLORS["hard"]
    assert abs(pixel.red() - wanted.red()) < 30 and abs(pixel.green() - wanted.green()) < 30, pixel.name()


def test_query_itself_and_compare_rows(judging, qtbot) -> None:
    window = judging
    query = first_query_of(window, "defense")
    window.query_image(query)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.compare_view.rows) == 1, timeout=30_000)
    assert query not in [item.image_id for item in window.search_view.model.items]  # left out, as in Compare
    assert query not in [item.image_id for item in window.compare_view.rows[0].model.items]

    window.tabs.setCurrentWidget(window.compare_view)
    row = window.compare_view.rows[0]
    row.view.setFocus()
    row.view.setCurrentIndex(row.model.index(2))
    qtbot.keyClick(row.view, Qt.Key.Key_W)
    third = row.model.items[2].image_id
    assert stored_judgments(window) == {query: {third: "wrong"}}
    assert row.model.index(2).data(JudgmentRole) == "wrong"
    rows_in_results = window.search_view.model.rows_of(third)
    assert all(window.search_view.model.index(r).data(JudgmentRole) == "wrong" for r in rows_in_results)


def test_judge_next_unjudged_query_moves_on_in_catalog_order(judging, qtbot) -> None:
    window = judging
    first = window.judging.judge_next_unjudged()
    settle(qtbot, window)
    assert first == next_unjudged_query(window.project) and window.query == {"image_id": first}
    assert window.tabs.currentWidget() is window.search_view
    view, model = window.search_view.view, window.search_view.model
    assert model.image_id_at(view.currentIndex().row()) != first, "the first result that is not the query"
    qtbot.keyClick(view, Qt.Key.Key_G)
    qtbot.keyClick(view, Qt.Key.Key_O)
    assert set(stored_judgments(window)) == {first}

    window.actions_by_name["judge_next"].trigger()  # Ctrl+J
    settle(qtbot, window)
    second = window.query["image_id"]
    queries = [row.id for row in window.project.catalog.images(status="ok") if row.is_query]
    assert second == next(q for q in queries if q > first) and second not in stored_judgments(window)
    assert window.actions_by_name["judge_next"].shortcut().toString() == "Ctrl+J"
    qtbot.keyClick(view, Qt.Key.Key_J)
    window.actions_by_name["judge_next"].trigger()
    settle(qtbot, window)
    third = window.query["image_id"]
    assert third not in (first, second) and third not in stored_judgments(window)
