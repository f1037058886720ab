"""The match view and the cancellable verification of the result grid (issue #18 part 2, #21 part 1).

On the real strecha_mvs collection with ORB features (OpenCV: no network in the window's
process) and a re-ranking over efflite0-gem: a local result's match view (M or "Show matches…")
draws exactly the pair's inliers, toggles the outliers and the keypoints, zooms and fits; a region
query's match view draws the region and where it was found; a long verification shows its
progress and its Cancel stops it; the describer child answers a match request like this process.
"""

from __future__ import annotations

import shutil
import threading

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from heritage_explorer.core.regions import Box
from heritage_explorer.gui.describer import ExternalDescriber, MatchTask
from heritage_explorer.gui.models.thumbnails import Roles
from heritage_explorer.gui.widgets.match_view import INLIER, SCENE_HEIGHT, MatchView
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.matches import pair_matches

K = 6
ORB = "orb-1000"
RERANK = "efflite0-gem>>orb-1000@100"
STRECHA_METHODS = [ORB, "efflite0-gem"]  # extracted by the strecha fixture (tests/gui/conftest.py)
QUERY = "images/herzjesu_0005.jpg"
PORTAL = Box(420, 130, 380, 410)  # the church's central portal (1024×683)
pytestmark = pytest.mark.shared_data


def _searched(window, root, qtbot, spec: str, *, region: Box | None = None) -> list:
    window.settings.search_method = spec
    window.query_strip.k_spin.setValue(K)
    assert window.open_project(root)
    qtbot.waitUntil(lambda: not window.catalog_loading, timeout=20_000)
    query = window.project.catalog.find_image(QUERY).id
    if region is None:
        window.query_image(query)
    else:
        window.query_region(query, region)
    qtbot.waitUntil(lambda: window.search_view.model.rowCount() == K and not window.runner.is_busy(),
                    timeout=120_000)
    return window.search_view.model.items


def _press_m_on(window, row: int, qtbot) -> MatchView | None:
    view = window.search_view.view
    view.setCurrentIndex(window.search_view.model.index(row))
    view.setFocus()
    before = len(window.matches.views)
    QTest.keyClick(view, Qt.Key.Key_M)
    if len(window.matches.views) == before:
        return None
    match_view = window.matches.views[-1]
    qtbot.waitUntil(lambda: match_view.loaded or "Cannot" in match_view.status.text(), timeout=30_000)
    assert match_view.loaded, match_view.status.text()
    return match_view


def _segments(item) -> int:
    return item.path().elementCount() // 2  # a moveTo and a lineTo per match


def _colour_near(widget, point: QPoint, colour: QColor, radius: int = 2) -> bool:
    grabbed = widget.grab().toImage()
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            c = QColor(grabbed.pixel(point.x() + dx, point.y() + dy))
            if max(abs(c.red() - colour.red()), abs(c.green() - colour.green()), abs(c.blue() - colour.blue())) < 60:
                return True
    return False


def test_the_match_view_of_a_local_result_draws_its_inliers_and_toggles_outliers_and_keypoints(
        window, strecha, qtbot) -> None:
    items = _searched(window, strecha, qtbot, ORB)
    row = next(i for i, item in enumerate(items) if item.score >= 15)
    match_view = _press_m_on(window, row, qtbot)
    assert match_view is not None and match_view.isVisible()
    pair = match_view.pictures.pair
    expected = pair_matches(window.project, ORB, window.project.catalog.find_image(QUERY).id, items[row].image_id)
    assert pair.inlier_count == expected.inlier_count == items[row].score, "the tile's score, drawn"
    assert _segments(match_view.inlier_item) == pair.inlier_count and match_view.inlier_item.isVisible()
    assert _segments(match_view.outlier_item) == len(pair.outliers) > 0
    assert f"{pair.inlier_count} inliers of {pair.tentative}" in match_view.status.text()
    # an inlier line is drawn in the inlier colour where it should be
    i, j = pair.inliers[0]
    start = pair.keypoints_a[i] * SCENE_HEIGHT / pair.size_a[1]
    end = pair.keypoints_b[j] * SCENE_HEIGHT / pair.size_b[1] + [match_view.item_b.pos().x(), 0]
    middle = match_view.view.mapFromScene(QPointF(*((start + end) / 2)))
    assert _colour_near(match_view.view.viewport(), middle, INLIER, 3)
    assert not match_view.outlier_item.isVisible() and not any(i.isVisible() for i in match_view.keypoint_items)
    match_view.outliers_box.click()
    assert match_view.outlier_item.isVisible()
    match_view.keypoints_box.click()
    assert [i.isVisible() for i in match_view.keypoint_items] == [True, True]
    assert [i.polygon.size() for i in match_view.keypoint_items] == [len(pair.keypoints_a), len(pair.keypoints_b)]
    QTest.keyClick(match_view, Qt.Key.Key_O)
    assert not match_view.outlier_item.isVisible()
    fitted = match_view.view.zoom_level
    viewport = match_view.view.viewport()
    wheel = QWheelEvent(QPointF(viewport.rect().center()), QPointF(viewport.mapToGlobal(viewport.rect().center())),
                        QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, wheel)
    assert match_view.view.zoom_level == pytest.approx(fitted * 1.25)
    match_view.fit_button.click()
    assert match_view.view.zoom_level == pytest.approx(fitted)
    match_view.close()
    qtbot.waitUntil(lambda: not window.matches.views and not window.findChildren(MatchView), timeout=5_000)


def test_a_re_ranking_result_opens_its_match_view_and_a_global_one_does_not(window, strecha, qtbot) -> None:
    items = _searched(window, strecha, qtbot, RERANK)
    match_view = _press_m_on(window, 1, qtbot)
    assert match_view is not None and match_view.pictures.pair.inlier_count == items[1].score
    match_view.close()
    _searched(window, strecha, qtbot, "efflite0-gem")
    assert not window.search_view.has_matches()
    assert _press_m_on(window, 1, qtbot) is None and window.matches.open(items[1].image_id) is None


def test_a_region_querys_match_view_draws_the_region_and_where_it_was_found(window, strecha, qtbot) -> None:
    items = _searched(window, strecha, qtbot, ORB, region=PORTAL)
    row = next(i for i, item in enumerate(items) if item.box is not None and i > 0)
    match_view = _press_m_on(window, row, qtbot)
    pair = match_view.pictures.pair
    assert pair.region == PORTAL and pair.found == items[row].box == window.search_view.model.index(row).data(
        Roles.RegionBox)
    scale_b = SCENE_HEIGHT / pair.size_b[1]
    found = match_view.found_item.rect()
    offset = match_view.item_b.pos().x()
    assert found.x() == pytest.approx(offset + pair.found.x * scale_b)
    assert found.width() == pytest.approx(pair.found.w * scale_b)
    assert match_view.region_item.rect().width() == pytest.approx(PORTAL.w * SCENE_HEIGHT / pair.size_a[1])
    assert "found at" in match_view.status.text()
    match_view.close()


def test_a_match_view_closed_before_its_pair_arrives_is_deleted_and_its_job_cancelled(window, strecha,
                                                                                      qtbot) -> None:
    items = _searched(window, strecha, qtbot, ORB)
    match_view = window.matches.open(items[1].image_id)
    job = match_view.job
    match_view.close()  # at once: the answer must not reach the deleted dialog
    assert job.cancel_token.cancelled
    qtbot.waitUntil(lambda: not window.runner.is_busy() and not window.findChildren(MatchView), timeout=10_000)
    QTest.qWait(20)
    assert window.matches.views == []


def test_a_long_verification_shows_its_progress_and_cancel_stops_it(window, strecha, qtbot) -> None:
    _searched(window, strecha, qtbot, ORB)
    window.query_strip.method_combo.setCurrentText(RERANK)  # searches again: 100 candidates to verify
    job = window.search_view.progress.job
    assert job is not None and job in window.runner.jobs, "the search job is tracked"
    release, reports = threading.Event(), []

    def hold(progress) -> None:  # in the worker: wait at the first report until Cancel was pressed
        reports.append(progress)
        if len(reports) == 1:
            release.wait(30)

    job.signals.progress.connect(hold, Qt.ConnectionType.DirectConnection)
    progress = window.search_view.progress
    try:
        qtbot.waitUntil(progress.isVisible, timeout=30_000)  # the event loop runs while the worker verifies
        total = reports[0].total  # the global top 100, or the whole collection when smaller (76 images)
        assert "Verifying candidates" in progress.label.text() and progress.bar.maximum() == total >= 50
        progress.cancel_button.click()
        assert job.cancel_token.cancelled
    finally:
        release.set()
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=30_000)
    assert reports[-1].done < reports[-1].total, f"stopped before the last pair ({reports[-1]})"
    assert not progress.isVisible() and window.search_view.model.rowCount() == 0
    assert "Search cancelled" in window.search_view.caption.text()
    window.query_image(window.project.catalog.find_image(QUERY).id)  # and searching again works
    qtbot.waitUntil(lambda: window.search_view.model.rowCount() == K and not window.runner.is_busy(),
                    timeout=60_000)


def test_the_describer_child_answers_a_match_request_like_this_process(strecha, tmp_path) -> None:
    project = open_project(strecha)
    outside = tmp_path / "outside.jpg"
    shutil.copyfile(project.catalog.find_image(QUERY).abspath, outside)
    other = project.catalog.find_image("images/herzjesu_0006.jpg").id
    describer = ExternalDescriber()
    try:
        pair = describer.match(strecha, MatchTask(ORB, other), outside)
    finally:
        describer.shutdown()
    here = pair_matches(project, ORB, outside, other)
    assert pair.inlier_count == here.inlier_count >= 30 and (pair.inliers == here.inliers).all()


def test_a_search_cancelled_in_the_describer_child_stops_there_and_the_next_is_answered(strecha) -> None:
    """The child's task reads the cancel Event between pairs: it answers "cancelled" without
    verifying the rest, and clears the Event for the next request."""
    from heritage_explorer.core.errors import CancelledError
    from heritage_explorer.core.jobs import CancelToken
    from heritage_explorer.gui.describer import SearchTask
    from heritage_explorer.pipeline.methods import search_any
    from heritage_explorer.pipeline.ranker import to_hits

    project = open_project(strecha)
    query = project.catalog.find_image(QUERY)
    task, token, reports = SearchTask(RERANK, K, query.id), CancelToken(), []

    def cancel_at_first(progress) -> None:
        reports.append(progress)
        token.cancel()

    describer = ExternalDescriber()
    try:
        with pytest.raises(CancelledError):
            describer.rank(strecha, task, query.abspath, cancel=token, progress=cancel_at_first)
        late = []
        while not late or late[-1][0] == "progress":
            late.append(describer._replies.get(timeout=60))  # what the child said after the cancel
        hits = to_hits(project, describer.rank(strecha, task, query.abspath))
    finally:
        describer.shutdown()
    assert len(reports) == 1 and late[-1][0] == "cancelled", late[-1]
    verified = [reports[0].done] + [payload.done for kind, _, payload in late if kind == "progress"]
    assert verified[-1] < reports[0].total, f"the child stopped after {verified[-1]} of {reports[0].total} pairs"
    expected = search_any(project, RERANK, image_id=query.id, k=K)
    assert [(h.image_id, h.score) for h in hits] == [(h.image_id, h.score) for h in expected]
