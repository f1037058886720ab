"""'Where A beats B' in the real window: one point per query at (AP under A, AP under B), the summary
and the largest differences of ``evaluation.comparison``, and clicks that open a query in the
side-by-side comparison with those two methods."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from heritage_explorer.evaluation.comparison import compare_per_query
from heritage_explorer.gui.widgets.beats_view import DEFAULT_TOP, TIE, WIN_A, WIN_B
from heritage_explorer.pipeline import evaluate_all, open_project
from tests.gui.analysis_fixtures import TIMEOUT_MS, analysis_project, open_panel  # noqa: F401 (a fixture)
from tests.gui.conftest import METHODS

A, B = METHODS


@pytest.fixture(scope="module")
def reference(analysis_project):  # noqa: F811 (the fixture above)
    return evaluate_all(open_project(analysis_project), METHODS, extract_missing=False)



@pytest.fixture
def beats(window, analysis_project, qtbot):  # noqa: F811 (the fixture above)
    panels = open_panel(window, qtbot, analysis_project, "beats")
    if panels.beats.pair() != (A, B):
        with qtbot.waitSignal(panels.updated, timeout=TIMEOUT_MS):
            panels.beats.set_pair(A, B)
    qtbot.waitUntil(lambda: not window.catalog_loading, timeout=TIMEOUT_MS)
    return panels


def test_points_are_the_queries_at_their_two_aps(beats, reference) -> None:
    view = beats.beats
    assert view.pair() == (A, B)
    points = {p.key: p for p in view.scatter.points}
    assert set(points) == set(reference[A].per_query) == set(reference[B].per_query)
    assert len(points) > 30
    for query, point in points.items():
        assert (point.x, point.y) == pytest.approx((reference[A].per_query[query], reference[B].per_query[query]),
                                                   abs=1e-12)
        difference = point.x - point.y
        assert point.colour == (WIN_A if difference > 1e-6 else WIN_B if difference < -1e-6 else TIE)
    comparison = compare_per_query(reference[A], reference[B], names=(A, B))
    text = view.summary.text()
    assert f"better on <b>{comparison.wins_a}</b>" in text and f"better on <b>{comparison.wins_b}</b>" in text
    assert f"{comparison.ties} ties" in text and f"sign test p = {comparison.sign_test_p:.3g}" in text
    assert f"<b>{A}</b> {reference[A].global_map:.4f}" in text
    assert view.listed_queries() == [q.query_id for q in comparison.largest_differences(DEFAULT_TOP)]
    assert view.differences.item(0, 4).text() == f"{comparison.largest_differences(1)[0].difference:+.3f}"


def _assert_compared(window, qtbot, query: int, a: str, b: str, reference) -> None:
    qtbot.waitUntil(lambda: window.compare_view.comparison is not None
                    and window.compare_view.comparison.query_id == query and not window.runner.is_busy(),
                    timeout=TIMEOUT_MS)
    assert window.tabs.currentWidget() is window.compare_view
    assert window.compare_view.selected() == [a, b]
    rows = window.compare_view.rows
    assert [row.spec for row in rows] == [a, b]
    for row in rows:
        assert row.method_row.ap == pytest.approx(reference[row.spec].per_query[query], abs=1e-9)


def test_clicking_a_point_compares_that_query_with_both_methods(beats, reference, qtbot) -> None:
    window, view = beats.window, beats.beats
    scatter = view.scatter
    query = next(q for q in view.listed_queries() if scatter.point_at(scatter.point_position(q)) == q)
    with qtbot.waitSignal(view.query_opened, timeout=5_000) as opened:
        qtbot.mouseClick(scatter, Qt.MouseButton.LeftButton, pos=scatter.point_position(query).toPoint())
    assert opened.args == [query, A, B] and scatter.highlighted == query
    _assert_compared(window, qtbot, query, A, B, reference)
    assert window.settings.compare_methods == [A, B]


def test_a_row_of_largest_differences_opens_its_query_and_swap_exchanges_the_axes(beats, reference, qtbot) -> None:
    window, view = beats.window, beats.beats
    with qtbot.waitSignal(beats.updated, timeout=TIMEOUT_MS):
        view.swap_button.click()
    assert view.pair() == (B, A)
    first = view.comparison.queries[0]
    assert (first.ap_a, first.ap_b) == pytest.approx((reference[B].per_query[first.query_id],
                                                       reference[A].per_query[first.query_id]))
    row = 2
    query = view.listed_queries()[row]
    rect = view.differences.visualItemRect(view.differences.item(row, 1))
    qtbot.mouseClick(view.differences.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    _assert_compared(window, qtbot, query, B, A, reference)


def test_without_labelled_queries_the_view_says_why_instead_of_nan(qtbot) -> None:
    from heritage_explorer.evaluation.comparison import compare_per_query
    from heritage_explorer.evaluation.metrics import EvaluationResult
    from heritage_explorer.gui.widgets.beats_view import BeatsView, _per_class_text

    view = BeatsView()
    qtbot.addWidget(view)
    empty = EvaluationResult(per_query={}, query_class={}, per_class={}, global_map=float("nan"), precision_at={})
    view.set_comparison(compare_per_query(empty, empty, names=("x", "y")), float("nan"), float("nan"))
    assert "needs labelled images" in view.summary.text() and "nan" not in view.summary.text()
    assert view.comparison is None and view.differences.rowCount() == 0
    many = {f"c{i}": (1, 0, 0) for i in range(35)}
    assert _per_class_text(many).endswith("c29 1/0/0 … and 5 more classes")
