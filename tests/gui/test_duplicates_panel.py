"""The near-duplicate groups panel in the real window (issue #21 part 2).

strecha_mvs originals with seeded copies (``scripts/make_near_duplicate_set.py``), efflite0-gem
extracted by the pipeline: the panel finds the groups in the runner, shows each group's images with
the representative badged, and its confirm / split / merge / representative edits and the CSV
export are saved; a second run keeps the decisions on groups found again.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel

from heritage_explorer.gui.menus import open_near_duplicates
from heritage_explorer.gui.models.thumbnails import Roles
from heritage_explorer.pipeline import import_source, open_project
from heritage_explorer.pipeline.duplicate_review import load_review
from heritage_explorer.pipeline.methods import extract_any
from tests.conftest import strecha_copies

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("dup_gui") / "set"
    truth = strecha_copies(folder, originals=4, copies=5, seed=3)
    project = open_project(folder.parent / "P", create=True)
    import_source(project, str(folder / "groups.csv"))
    extract_any(project, ["efflite0-gem"])
    return project.root, truth


def _panel(window, root, qtbot):
    assert window.open_project(root)
    qtbot.waitUntil(lambda: not window.catalog_loading, timeout=20_000)
    dialog = open_near_duplicates(window)
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=20_000)
    return dialog


def _badges(dialog) -> list:
    model = dialog.model
    return [model.index(row).data(Roles.Badge) for row in range(model.rowCount())]


def test_the_panel_finds_reviews_and_exports_the_groups(window, copies, qtbot, tmp_path) -> None:
    root, truth = copies
    dialog = _panel(window, root, qtbot)
    assert "No groups yet" in dialog.status.text() and dialog.groups.count() == 0
    dialog.find()
    assert not dialog.find_button.isEnabled() and dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=300_000)
    found = load_review(open_project(root))
    assert found is not None and dialog.groups.count() == len(found.groups) >= 2
    truth_sets = [set(g) for g in truth["groups"]]
    assert sum(set(g.images) in truth_sets for g in found.groups) >= len(found.groups) - 1
    group = found.groups[0]
    assert dialog.model.rowCount() == len(group.images)
    assert _badges(dialog).count("representative") == 1
    shown = {dialog.model.index(r).data(Roles.ImageId) for r in range(dialog.model.rowCount())}
    assert shown == {dialog.ids[p] for p in group.images}

    dialog.toggle_confirmed()
    assert dialog.groups.item(0).text().startswith("✓") and load_review(open_project(root)).groups[0].confirmed
    other = next(r for r in range(dialog.model.rowCount())
                 if dialog.model.index(r).data(Roles.ImageId) != dialog.ids[group.representative])
    dialog.grid.setCurrentIndex(dialog.model.index(other))
    dialog.make_representative()
    chosen = load_review(open_project(root)).groups[0].representative
    assert chosen != group.representative and dialog.ids[chosen] == dialog.model.index(other).data(Roles.ImageId)

    n = dialog.groups.count()
    dialog.groups.setCurrentRow(0)
    dialog.groups.selectionModel().select(dialog.groups.model().index(1, 0), QItemSelectionModel.SelectionFlag.Select)
    assert dialog.buttons["merge"].isEnabled()
    dialog.merge_selected()
    merged = load_review(open_project(root))
    assert len(merged.groups) == n - 1 and len(merged.groups[0].images) == len(group.images) + len(found.groups[1].images)
    assert not merged.groups[0].confirmed and merged.groups[0].representative == chosen

    dialog.grid.selectionModel().select(dialog.model.index(dialog.model.rowCount() - 1),
                                        QItemSelectionModel.SelectionFlag.Select)
    dialog.grid.selectionModel().select(dialog.model.index(dialog.model.rowCount() - 2),
                                        QItemSelectionModel.SelectionFlag.Select)
    moved = dialog.selected_paths()
    dialog.split_selected()
    split = load_review(open_project(root))
    assert len(split.groups) == n and sorted(split.groups[1].images) == sorted(moved)

    out = tmp_path / "groups.csv"
    dialog.export_csv(out)
    with out.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == sum(len(g.images) for g in split.groups) and "Exported" in dialog.status.text()

    # a new run keeps the decisions on a group it finds again with the same images, and only there
    found.confirm(0)
    found.set_representative(0, found.groups[0].images[-1])
    from heritage_explorer.pipeline.duplicate_review import save_review

    save_review(open_project(root), found)
    dialog.find()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=300_000)
    again = {frozenset(g.images): g for g in load_review(open_project(root)).groups}
    kept = again[frozenset(found.groups[0].images)]
    assert kept.confirmed and kept.representative == found.groups[0].images[-1]
    assert sum(g.confirmed for g in again.values()) == 1
    dialog.close()


def test_cancel_stops_the_run_and_says_it_resumes(window, copies, qtbot) -> None:
    root, _ = copies
    (root / "near_duplicates.json").unlink(missing_ok=True)
    dialog = _panel(window, root, qtbot)
    dialog.find()
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=120_000)
    assert "Cancelled" in dialog.status.text() or dialog.groups.count() > 0  # a fast run may end first
    assert dialog.find_button.isEnabled() and not dialog.cancel_button.isEnabled()
    dialog.close()
