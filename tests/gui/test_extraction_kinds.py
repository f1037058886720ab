"""The extraction panel lists every method kind, grouped, and extracts a local method (issue #18 part 1).

On the real window: the list has one header per kind with the local methods of
``local_method_infos`` under "Local features", each row saying its kind, dimension, weights and
what it fits on the collection; a project's real adaptation gets a header of its own when the
project opens; on the bundled sample collection (``resources/sample``), ticking ``orb-1000`` and
pressing Extract computes its features in the extraction child, marks the row extracted, and
``searchable_specs`` (the search box) then offers it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from heritage_explorer.cli import main
from heritage_explorer.descriptors.local.specs import local_method_infos
from heritage_explorer.descriptors.registry import list_methods
from heritage_explorer.gui.widgets.extraction_panel import DIM, EXTRACTED, FITTED, KIND, WEIGHTS
from heritage_explorer.pipeline import import_source, open_project
from heritage_explorer.pipeline.searchable import searchable_specs
from tests.pipeline.test_local import write_scenes

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "collection.csv"
ORB = "orb-1000"


def _groups(panel) -> dict[str, list[str]]:
    tree = panel.tree
    return {tree.topLevelItem(i).text(0): [tree.topLevelItem(i).child(j).text(0)
                                           for j in range(tree.topLevelItem(i).childCount())]
            for i in range(tree.topLevelItemCount())}


def test_every_kind_is_listed_under_its_own_header_with_what_it_fits(window) -> None:
    panel = window.extraction
    groups = _groups(panel)
    titles = [title.rpartition(" (")[0] for title in groups]
    assert titles == ["Global CNN poolings", "NetVLAD", "Colour histogram", "Local features"], titles
    local = next(specs for title, specs in groups.items() if title.startswith("Local features"))
    assert local == [info.spec for info in local_method_infos()]
    assert {"orb-1000", "xfeat-1000", "delf-efflite0-1000", "delf-resnet101-1000"} <= set(local)
    for info in local_method_infos():
        item = panel.method_item(info.spec)
        assert item.text(KIND) == "local" and item.text(DIM) == str(info.dim)
        assert item.text(WEIGHTS) == ("present" if info.available else "missing")
        assert item.isDisabled() == (not info.available)
    assert panel.method_item(ORB).text(FITTED) == "none" and panel.method_item("colorhist").text(FITTED) == "none"
    assert panel.method_item("delf-efflite0-1000").text(FITTED).startswith("PCA to ")
    assert panel.method_item("netvlad-efflite0").text(KIND) == "NetVLAD"
    assert panel.method_item("netvlad-efflite0").text(FITTED) == "k-means (64 centres)"
    assert panel.method_item("efflite0-gem").text(KIND) == "global"
    assert panel.method_item("efflite0-gem").text(FITTED) == "none"
    panel.option_boxes["+pcaw512"].setChecked(True)  # the fitted column follows the options
    assert panel.method_item("efflite0-gem").text(FITTED) == "PCA-whitening to 512"
    assert panel.method_item("netvlad-efflite0").text(FITTED) == "k-means (64 centres) + PCA-whitening to 512"
    assert panel.method_item(ORB).text(FITTED) == "none"
    header = panel.tree.topLevelItem(0)
    assert not header.flags() & Qt.ItemFlag.ItemIsUserCheckable  # a header is not a method
    panel.option_boxes["+pcaw512"].setChecked(False)


def test_ticking_orb_and_extracting_marks_it_extracted_and_searchable(window, tmp_path, qtbot) -> None:
    project = open_project(tmp_path / "P", create=True)
    import_source(project, str(SAMPLE))
    n = len(project.catalog.images(status="ok"))
    assert window.open_project(project.root)
    panel = window.extraction
    assert panel.method_item(ORB).text(EXTRACTED) == "" and ORB not in searchable_specs(window.project)
    panel.set_checked([ORB])
    assert panel.planned_specs() == [ORB]
    ends: list[str] = []
    panel.extraction_ended.connect(ends.append)
    panel.start_button.click()
    assert panel.running and ORB in panel.rows
    qtbot.waitUntil(lambda: not panel.running, timeout=120_000)
    assert ends == ["finished"], ends
    assert panel.last_summary.computed == {ORB: n}
    assert panel.rows[ORB].rate.text() == f"done: {n} described, 0 already up to date"
    assert panel.rows[ORB].bar.value() == panel.rows[ORB].bar.maximum() == n  # the local stage's progress reached it
    item = panel.method_item(ORB)
    assert item.text(EXTRACTED) == "✓" and item.font(0).bold() and ORB in item.toolTip(EXTRACTED)
    assert ORB in panel.extracted_label.text()
    assert ORB in searchable_specs(window.project)
    combo = window.query_strip.method_combo
    assert ORB in [combo.itemText(i) for i in range(combo.count())]  # the search box follows the extraction


def test_the_projects_adaptations_are_listed_under_their_own_header(window, tmp_path, capsys) -> None:
    """A real adaptation (``adapt`` on 5 synthetic scenes × 3 views) joins the list when its project opens."""
    if not next(m for m in list_methods() if m.spec == "efflite0-gem").available:
        pytest.skip("efflite0-gem weights absent (see 'heritage-explorer weights')")
    project = open_project(tmp_path / "P", create=True)
    import_source(project, str(write_scenes(tmp_path / "scenes", range(5))))
    assert main(["adapt", "--project", str(project.root), "--method", "efflite0-gem", "--k", "14",
                 "--name", "syn"]) == 0
    capsys.readouterr()
    panel = window.extraction
    assert panel.method_item("efflite0-gem+adapt:syn") is None  # no project open: no adaptation
    assert window.open_project(project.root)
    groups = _groups(panel)
    assert [specs for title, specs in groups.items() if title.startswith("Adaptations of this project")] == \
        [["efflite0-gem+adapt:syn"]], groups
    item = panel.method_item("efflite0-gem+adapt:syn")
    assert item.text(KIND) == "adapted" and not item.isDisabled()
    assert item.text(FITTED) == "learned whitening (done by adapt)"
    assert item.text(EXTRACTED) == "✓"  # adapt wrote the adapted store: on its own row, not on the base's
    assert panel.method_item("efflite0-gem").text(EXTRACTED) == "✓"
    panel.set_checked(["efflite0-gem+adapt:syn"])
    assert panel.planned_specs() == ["efflite0-gem+adapt:syn"]
