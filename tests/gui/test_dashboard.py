"""The evaluation dashboard in the real window, against the headless ``results`` / ``analyze`` commands:
Table 3 cells and their top-3 greens, sorting, the heatmap → scatter → class clicks, recomputation
when annotations change, and Table 2 once a grayscale variant is extracted."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from heritage_explorer.cli import main
from heritage_explorer.core.annotations import ABBREVIATIONS, OVERALL, VARIATIONS, AnnotationStore
from heritage_explorer.descriptors.method import as_global
from heritage_explorer.evaluation.tables import RANK_COLOURS, RANK_TEXT_COLOURS
from heritage_explorer.evaluation.variations import format_value, pearson
from heritage_explorer.gui.widgets.dashboard import CLASS_ROLE, SORT_ROLE
from heritage_explorer.pipeline import (
    evaluate_all,
    extract_any,
    import_source,
    open_project,
)
from tests.gui.analysis_fixtures import TIMEOUT_MS, analysis_project, open_panel  # noqa: F401 (a fixture)
from tests.gui.conftest import METHODS


@pytest.fixture(scope="module")
def headless(analysis_project, tmp_path_factory) -> dict:  # noqa: F811 (the fixture above)
    """What the command line says about the same project: Table 3 and Table 1 as JSON, global mAP."""
    out = tmp_path_factory.mktemp("headless")
    specs = [arg for spec in METHODS for arg in ("--method", spec)]
    assert main(["results", "--project", str(analysis_project), *specs, "--format", "json",
                 "--out", str(out / "results.json")]) == 0
    assert main(["analyze", "--project", str(analysis_project), *specs, "--json", str(out / "analyze.json")]) == 0
    results = evaluate_all(open_project(analysis_project), METHODS, extract_missing=False)
    return {"table": json.loads((out / "results.json").read_text()),
            "correlation": json.loads((out / "analyze.json").read_text())["correlation"],
            "global_map": {s: r.global_map for s, r in results.items()}}



@pytest.fixture
def dashboard(window, analysis_project, qtbot):  # noqa: F811 (the fixture above)
    panels = open_panel(window, qtbot, analysis_project, "dashboard")
    assert window.tabs.currentWidget() is panels.dashboard
    return panels


def _model_rows(view) -> dict[str, dict[str, object]]:
    """Class -> {column header: (text, sort value, background, foreground)} from the view's model."""
    model = view.class_model
    headers = [model.horizontalHeaderItem(c).text() for c in range(model.columnCount())]
    rows = {}
    for r in range(model.rowCount()):
        cells = {}
        for c, header in enumerate(headers):
            item = model.item(r, c)
            background = item.background().color().name() if item.background().style() != Qt.BrushStyle.NoBrush else None
            foreground = item.foreground().color().name() if item.foreground().style() != Qt.BrushStyle.NoBrush else None
            cells[header] = (item.text(), item.data(SORT_ROLE), background, foreground)
        rows[model.item(r, 0).data(CLASS_ROLE)] = cells
    return rows


def test_table_matches_the_results_command_with_top_methods_in_green(dashboard, headless) -> None:
    view = dashboard.dashboard
    assert sorted(view.checked_methods()) == sorted(METHODS)
    rows = _model_rows(view)
    expected = headless["table"]["classes"]
    assert sorted(rows) == sorted(c["class"] for c in expected) and len(rows) >= 4
    coloured = 0
    for cls in expected:
        cells = rows[cls["class"]]
        assert cells["#"][0] == str(cls["count"])
        for spec in METHODS:
            text, value, background, foreground = cells[spec]
            assert text == format_value(cls["map"][spec]) and value == pytest.approx(cls["map"][spec], abs=1e-12)
            if spec in cls["top"]:
                rank = cls["top"].index(spec)
                assert (background, foreground) == (RANK_COLOURS[rank], RANK_TEXT_COLOURS[rank]), (cls["class"], spec)
                coloured += 1
            else:
                assert background is None
        assert cells["Avg"][0] == format_value(cls["average"])
        for variation in VARIATIONS:
            assert cells[ABBREVIATIONS[variation]][0] == str(cls["scores"][variation])
        assert cells["Overall"][0] == str(cls["overall_difficulty"])
    assert coloured == len(expected) * len(METHODS), "with two methods both cells of a class are ranked"
    for row, spec in enumerate(view.checked_methods()):
        assert view.global_table.item(row, 0).text() == spec
        assert view.global_table.item(row, 1).text() == format_value(headless["global_map"][spec])
    assert not view.gray_table.isVisible(), "no grayscale variant extracted yet"
    assert view.heatmap.columns == tuple(view.checked_methods()) and view.heatmap.rows == (*VARIATIONS, OVERALL)
    for variation, by_method in headless["correlation"].items():
        for spec, r in by_method.items():
            shown = view.heatmap.values[variation][spec]
            assert (r is None and math.isnan(shown)) or shown == pytest.approx(r, abs=1e-6)


def test_clicking_a_header_sorts_by_that_column(dashboard, qtbot) -> None:
    view = dashboard.dashboard.class_view
    column = dashboard.dashboard.class_model.method_column(METHODS[0])
    header = view.horizontalHeader()
    where = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)
    orders = []
    for _ in range(2):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
        values = [view.model().index(r, column).data(SORT_ROLE) for r in range(view.model().rowCount())]
        orders.append(values)
    assert sorted(orders[0]) in (orders[0], orders[0][::-1]) and orders[1] == orders[0][::-1]
    assert orders[0] != orders[1], "the classes do not all have the same mAP"


def test_heatmap_cell_opens_the_scatter_and_a_point_opens_the_class(dashboard, headless, qtbot) -> None:
    window, view = dashboard.window, dashboard.dashboard
    qtbot.waitUntil(lambda: not window.catalog_loading, timeout=TIMEOUT_MS)
    heatmap, scatter = view.heatmap, view.scatter
    for variation, spec in (("Scale", METHODS[0]), (OVERALL, METHODS[1])):
        cell = heatmap.cell_rect(heatmap.rows.index(variation), heatmap.columns.index(spec))
        qtbot.mouseClick(heatmap, Qt.MouseButton.LeftButton, pos=cell.center().toPoint())
        assert view.scatter_cell == (variation, spec) and heatmap.selected == (variation, spec)
        expected = {c["class"]: (c["overall_difficulty"] if variation == OVERALL else c["scores"][variation],
                                 c["map"][spec]) for c in headless["table"]["classes"]}
        shown = {p.key: (p.x, p.y) for p in scatter.points}
        assert sorted(shown) == sorted(expected) and len(scatter.points) == len(expected), "one point per class"
        assert all(shown[c] == pytest.approx(expected[c], abs=1e-12) for c in expected)
        r = headless["correlation"][variation][spec]
        assert f"r = {r:+.2f}" in scatter.title
        assert r == pytest.approx(pearson(*zip(*expected.values(), strict=True)), abs=1e-6)

    target = "louvre"
    where = scatter.point_position(target)
    assert scatter.point_at(where) == target, "points of tied scores are fanned out, none hidden"
    with qtbot.waitSignal(view.class_opened, timeout=5_000) as opened:
        qtbot.mouseClick(scatter, Qt.MouseButton.LeftButton, pos=where.toPoint())
    assert opened.args == [target] and scatter.highlighted == target
    assert view.selected_classes() == [target]
    assert window.filter_bar.class_combo.currentText() == target
    model = window.catalog_model
    assert 0 < model.rowCount() < model.total()
    assert {model.group_of(model.image_id_at(r)) for r in range(model.rowCount())} == {target}


def test_recomputes_after_an_annotation_changes_without_evaluating_again(dashboard, headless, qtbot) -> None:
    window, view = dashboard.window, dashboard.dashboard
    catalog = window.project.catalog
    runs_before = catalog.query("SELECT COUNT(*) AS n FROM runs WHERE kind = 'evaluate'")[0]["n"]
    store = AnnotationStore(catalog)
    original = store.get("eiffel_tower").scores["Scale"]
    try:
        store.set_scores("eiffel_tower", {"Scale": 0})
        with qtbot.waitSignal(dashboard.updated, timeout=TIMEOUT_MS):
            window.analysis_data_changed.emit()
        rows = _model_rows(view)
        assert rows["eiffel_tower"]["Sc."][0] == "0"
        scores = {c["class"]: c["scores"]["Scale"] for c in headless["table"]["classes"]} | {"eiffel_tower": 0}
        maps = {c["class"]: c["map"][METHODS[0]] for c in headless["table"]["classes"]}
        expected = pearson([scores[c] for c in sorted(scores)], [maps[c] for c in sorted(scores)])
        assert view.heatmap.values["Scale"][METHODS[0]] == pytest.approx(expected, abs=1e-9)
        assert expected != pytest.approx(headless["correlation"]["Scale"][METHODS[0]], abs=1e-3)
        runs_after = catalog.query("SELECT COUNT(*) AS n FROM runs WHERE kind = 'evaluate'")[0]["n"]
        assert runs_after == runs_before, "annotations alone do not change AP: the cached results are reused"
    finally:
        store.set_scores("eiffel_tower", {"Scale": original})


def test_judgments_add_the_revisited_map_of_the_revisited_command(dashboard, analysis_project, qtbot,  # noqa: F811
                                                                   tmp_path) -> None:
    window, view = dashboard.window, dashboard.dashboard
    store = AnnotationStore(window.project.catalog)
    members: dict[str, list[int]] = {}
    for image in window.project.catalog.images(status="ok"):
        members.setdefault(image.group, []).append(image.id)
    judgments = {}
    for cls in ("defense", "louvre"):
        query, *others = members[cls]
        judgments[query] = {others[0]: "easy", others[1]: "easy", others[2]: "hard", others[3]: "hard",
                            others[4]: "junk", members["eiffel_tower"][0]: "wrong"}
    try:
        store.save_judgments(judgments, replace=True)
        with qtbot.waitSignal(dashboard.updated, timeout=TIMEOUT_MS):
            window.analysis_data_changed.emit()
        table = view.global_table
        headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        assert headers[-3:] == ["Easy mAP", "Medium mAP", "Hard mAP"]
        specs = view.checked_methods()
        out = tmp_path / "revisited.json"
        assert main(["revisited", "--project", str(analysis_project), *(a for s in specs for a in ("--method", s)),
                     "--json", str(out)]) == 0
        expected = json.loads(out.read_text())["methods"]
        for row, spec in enumerate(specs):
            shown = [table.item(row, c).text() for c in range(len(headers) - 3, len(headers))]
            assert shown == [format_value(expected[spec][s]["map"]) for s in ("easy", "medium", "hard")]
        assert "2 judged queries" in view.status.text()
    finally:
        store.save_judgments({}, replace=True)


def test_ticked_methods_drive_the_tables_and_survive_a_reimport(dashboard, paris_subset, qtbot) -> None:
    window, view = dashboard.window, dashboard.dashboard
    item = view.methods_list.findItems("colorhist", Qt.MatchFlag.MatchExactly)[0]
    with qtbot.waitSignal(dashboard.updated, timeout=TIMEOUT_MS):
        item.setCheckState(Qt.CheckState.Unchecked)
    assert view.checked_methods() == ["efflite0-gem"]
    assert view.class_model.methods == ("efflite0-gem",) and view.heatmap.columns == ("efflite0-gem",)
    assert view.global_table.rowCount() == 1
    with qtbot.waitSignal(dashboard.updated, timeout=TIMEOUT_MS):  # the window re-reads the catalog after it
        window.import_source(str(paris_subset), allow_absolute=True)
    assert view.checked_methods() == ["efflite0-gem"] and view.class_model.methods == ("efflite0-gem",)


@pytest.fixture(scope="module")
def small_project(paris_subset, tmp_path_factory) -> Path:
    """Three images of each of two classes, nothing extracted yet: quick to describe."""
    with paris_subset.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    chosen = [r for g in ("defense", "louvre") for r in [r for r in rows if r["group"] == g][:3]]
    listing = tmp_path_factory.mktemp("small") / "small.csv"
    with listing.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(chosen)
    project = open_project(listing.parent / "P", create=True)
    import_source(project, str(listing), allow_absolute=True)
    return project.root


def test_extracting_a_grayscale_variant_fills_table_2(window, small_project, qtbot) -> None:
    panels = open_panel(window, qtbot, small_project, "dashboard")
    view = panels.dashboard
    assert "No method has descriptors yet" in view.status.text() and not view.gray_table.isVisible()
    gray = str(as_global(METHODS[0]).grayscale)
    with qtbot.waitSignal(panels.updated, timeout=3 * TIMEOUT_MS,
                          check_params_cb=lambda: view.gray_table.rowCount() == 1):
        assert window.extraction.start([METHODS[0], gray]) is not None  # in a child process, as from the panel
    assert gray in panels.available and view.checked_methods() == [METHODS[0]], "+gray variants go in Table 2"
    project = open_project(small_project)
    gray_map = evaluate_all(project, [METHODS[0]], grayscale=True, extract_missing=False)[METHODS[0]].global_map
    colour_map = evaluate_all(project, [METHODS[0]], extract_missing=False)[METHODS[0]].global_map
    assert view.gray_table.isVisible()
    assert [view.gray_table.item(0, c).text() for c in range(4)] == [
        METHODS[0], format_value(colour_map), format_value(gray_map), format_value(gray_map - colour_map, signed=True)]


def test_a_local_method_is_listed_unticked_and_evaluated_once_ticked(window, small_project, qtbot) -> None:
    """Standalone local retrieval in the dashboard (issue #17 part 6): the same mAP as evaluate_all."""
    project = open_project(small_project)
    extract_any(project, [METHODS[0], "orb-1000"])
    panels = open_panel(window, qtbot, small_project, "dashboard")
    view = panels.dashboard
    assert "orb-1000" in panels.available and "orb-1000" not in view.checked_methods()
    item = view.methods_list.findItems("orb-1000", Qt.MatchFlag.MatchExactly)[0]
    with qtbot.waitSignal(panels.updated, timeout=3 * TIMEOUT_MS,
                          check_params_cb=lambda: "orb-1000" in view.class_model.methods):
        item.setCheckState(Qt.CheckState.Checked)
    expected = evaluate_all(project, ["orb-1000"], extract_missing=False)["orb-1000"].global_map
    rows = {view.global_table.item(r, 0).text(): view.global_table.item(r, 1).text()
            for r in range(view.global_table.rowCount())}
    assert rows["orb-1000"] == format_value(expected) and METHODS[0] in rows


def test_evaluation_menu_shortcuts_are_unique_in_the_window(window) -> None:
    from PySide6.QtGui import QAction

    panels = window.analysis_panels
    menus = [a.text() for a in window.menuBar().actions()]
    assert "&Evaluation" in menus and menus[-1].replace("&", "") == "Help"
    shortcuts = [a.shortcut().toString() for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), sorted(s for s in shortcuts if shortcuts.count(s) > 1)
    panels.actions["beats"].trigger()
    assert window.tabs.currentWidget() is panels.beats
    assert window.splitter.sizes()[-1] >= 0.7 * sum(window.splitter.sizes()) - 2
