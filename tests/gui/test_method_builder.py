"""The extraction panel's method builder and cost estimates on a real window (issue #18 part 1).

On strecha_mvs with efflite0-gem and xfeat-1000 extracted by the pipeline: the builder composes
``efflite0-gem>>xfeat-1000@100`` and its query-expanded variant from its combo and spin boxes,
shows the canonical spec (``str`` of the typed method it built), puts the method in the Method
box and the Compare tab, keeps it in the settings for the next window, and a search with the
built variant gives the ranking of ``methods.search_any``. A part the project lacks (orb-1000) is
named and ticked for extraction on request. The panel's cost column gives an estimate for each
method, from this project's own extraction where there was one.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from heritage_explorer.descriptors.method import RerankMethod, parse_method
from heritage_explorer.gui.main_window import MainWindow
from heritage_explorer.gui.widgets.extraction_panel import COST
from heritage_explorer.pipeline.comparison import without_query
from heritage_explorer.pipeline.methods import search_any

GEM, XFEAT, ORB = "efflite0-gem", "xfeat-1000", "orb-1000"
RERANK = "efflite0-gem>>xfeat-1000@100"
RERANK_QE = "efflite0-gem+aqe5>>xfeat-1000@100"
STRECHA_METHODS = [XFEAT, GEM]  # extracted by the strecha fixture (tests/gui/conftest.py), ~20 s
K = 6
QUERY = "images/herzjesu_0005.jpg"
pytestmark = pytest.mark.shared_data


def _offered(window) -> list[str]:
    combo = window.query_strip.method_combo
    return [combo.itemText(i) for i in range(combo.count())]


def _opened(window, root, qtbot):
    assert window.open_project(root)
    qtbot.waitUntil(lambda: not window.catalog_loading, timeout=20_000)
    return window.method_builder.builder


def test_the_builder_composes_re_rankings_and_query_expansion_into_the_method_box(window, strecha, qtbot) -> None:
    builder = _opened(window, strecha, qtbot)
    globals_ = [builder.global_combo.itemText(i) for i in range(builder.global_combo.count())]
    locals_ = [builder.local_combo.itemText(i) for i in range(1, builder.local_combo.count())]
    assert globals_[0] == GEM and "colorhist" in globals_ and "efflite2-gem" in globals_, globals_
    assert locals_[0] == XFEAT and ORB in locals_, locals_  # the extracted store first, then the registry's

    builder.choose(GEM, XFEAT, 100)
    method = builder.method()
    assert isinstance(method, RerankMethod) and str(method) == RERANK and parse_method(RERANK) == method
    assert builder.spec_label.text() == f"<b>{RERANK}</b>"
    assert builder.missing_parts() == [] and builder.tick_button.isHidden()
    qtbot.mouseClick(builder.search_button, Qt.MouseButton.LeftButton)
    assert window.query_strip.method == RERANK and window.settings.built_methods == [RERANK]

    builder.qe_spin.setValue(5)  # the +qe variant: query expansion on the global stage
    assert builder.spec_label.text() == f"<b>{RERANK_QE}</b>" and str(builder.method()) == RERANK_QE
    assert RERANK_QE not in _offered(window)  # not before it is built: no automatic re-ranking has it
    qtbot.mouseClick(builder.search_button, Qt.MouseButton.LeftButton)
    assert RERANK_QE in _offered(window) and window.query_strip.method == RERANK_QE
    qtbot.mouseClick(builder.compare_button, Qt.MouseButton.LeftButton)
    assert RERANK_QE in window.compare_view.selected()

    builder.choose(GEM, None, qe=3, qe_alpha=3.0, dba=5)  # query expansion and DBA without re-ranking
    assert str(builder.method()) == "efflite0-gem+dba5+aqe3a3" and not builder.k_spin.isEnabled()
    qtbot.mouseClick(builder.search_button, Qt.MouseButton.LeftButton)
    assert window.query_strip.method == "efflite0-gem+dba5+aqe3a3"
    assert window.settings.built_methods == [RERANK, RERANK_QE, "efflite0-gem+dba5+aqe3a3"]

    window.query_strip.method_combo.setCurrentText(RERANK_QE)  # the built method searches like any other
    window.query_strip.k_spin.setValue(K)
    row = window.project.catalog.find_image(QUERY)
    window.query_image(row.id)
    qtbot.waitUntil(lambda: window.search_view.model.rowCount() == K and not window.runner.is_busy(),
                    timeout=120_000)
    expected = without_query(search_any(window.project, RERANK_QE, image_id=row.id, k=K + 1), row.id, K)
    assert [item.image_id for item in window.search_view.model.items] == [hit.image_id for hit in expected]
    assert [item.score for item in window.search_view.model.items] == [hit.score for hit in expected]

    again = MainWindow(window.settings)  # the next session offers the built methods again
    qtbot.addWidget(again)
    try:
        assert again.open_project(strecha)
        assert {RERANK_QE, "efflite0-gem+dba5+aqe3a3"} <= set(_offered(again))
        assert RERANK_QE in again.compare_view.selected()
    finally:
        again.runner.shutdown()
        if again.loader is not None:
            again.loader.shutdown()


def test_the_verification_options_make_the_local_modifiers(window, strecha, qtbot) -> None:
    builder = _opened(window, strecha, qtbot)
    builder.choose(GEM, None)
    assert not builder.verification_button.isEnabled()  # no local method: nothing to verify
    builder.choose(GEM, XFEAT, 50)
    assert builder.verification.isHidden()  # folded until asked for
    builder.verification_button.click()
    assert builder.verification.isVisibleTo(builder) and builder.lighterglue_check.isEnabled()
    builder.geometry_combo.setCurrentIndex(builder.geometry_combo.findData("fundamental"))
    builder.lighterglue_check.setChecked(True)
    builder.min_inliers_spin.setValue(20)
    spec = "efflite0-gem>>xfeat-1000+fundamental+lg+min20@50"
    assert str(builder.method()) == spec and parse_method(spec) == builder.method()
    assert builder.spec_label.text() == f"<b>{spec}</b>"
    assert builder.missing_parts() == []  # the modifiers read the features of xfeat-1000
    builder.choose(GEM, ORB, geometry="affine", lighterglue=True)
    assert not builder.lighterglue_check.isEnabled()  # LighterGlue matches XFeat only
    assert str(builder.method()) == "efflite0-gem>>orb-1000+affine@100"
    builder.verification_button.click()
    assert builder.verification.isHidden()


def test_a_part_not_extracted_is_named_and_ticked_on_request(window, strecha, qtbot) -> None:
    builder = _opened(window, strecha, qtbot)
    panel = window.extraction
    panel.set_checked([])
    builder.choose(GEM, ORB, 50)
    assert str(builder.method()) == "efflite0-gem>>orb-1000@50" and builder.missing_parts() == [ORB]
    assert ORB in builder.parts_label.text() and "Not extracted" in builder.parts_label.text()
    assert builder.tick_button.isVisible() and builder.tick_button.isEnabled()
    qtbot.mouseClick(builder.tick_button, Qt.MouseButton.LeftButton)
    assert panel.checked_methods() == [ORB] and ORB in panel.plan_label.text()
    qtbot.mouseClick(builder.search_button, Qt.MouseButton.LeftButton)  # kept, offered once orb-1000 is extracted
    assert "efflite0-gem>>orb-1000@50" not in _offered(window)
    assert "efflite0-gem>>orb-1000@50" in window.settings.built_methods
    assert window.message_bar.label.text() == ("efflite0-gem>>orb-1000@50 is kept: it will be offered once "
                                               "orb-1000 is extracted.")


def test_every_method_row_shows_a_cost_estimate(window, strecha, qtbot) -> None:
    _opened(window, strecha, qtbot)
    panel = window.extraction
    shape = re.compile(r"^~\d+(\.\d)? (s|min|h), \d+(\.\d)? (B|kB|MB|GB)$")
    for spec in (GEM, XFEAT, ORB, "colorhist", "netvlad-efflite0"):
        assert shape.match(panel.method_item(spec).text(COST)), (spec, panel.method_item(spec).text(COST))
    assert "76 images" in panel.method_item(GEM).toolTip(COST)
    assert "measured in this project" in panel.method_item(GEM).toolTip(COST)  # the fixture's extraction
    assert "benchmark" in panel.method_item(ORB).toolTip(COST)
    assert panel.method_item(GEM).text(COST).endswith(", 389 kB")  # 76 × 1280 × 4 bytes
    panel.option_boxes["+pcaw512"].setChecked(True)  # the store of the option's spec: 512 dimensions
    assert panel.method_item(GEM).text(COST).endswith(", 156 kB")
    panel.set_checked([GEM, ORB])  # the plan says what the ticked methods will cost
    gem, orb = panel.method_item(GEM).text(COST), panel.method_item(ORB).text(COST)
    assert panel.plan_label.text() == f"Will compute: efflite0-gem+pcaw512 ({gem}), orb-1000 ({orb})" \
                                      "  —  options not applicable to orb-1000"
