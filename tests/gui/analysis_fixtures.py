"""A project for the analysis panels' tests: a copy of the GUI workflow's project (real images,
real descriptors of ``efflite0-gem`` and ``colorhist``) with the example variation annotations.

Each test module gets its own copy (the tests change annotations), made in well under a second:
the descriptor stores are copied as files, the catalog with SQLite's backup API (the workflow's
window may still hold it open).
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
from pathlib import Path

import pytest

from heritage_explorer.core.annotations import VARIATIONS, AnnotationStore
from heritage_explorer.core.catalog import CATALOG_NAME
from heritage_explorer.pipeline import open_project

EXAMPLE_ANNOTATIONS = Path(__file__).resolve().parents[2] / "resources" / "examples" / "rparis6k_variations.csv"
TIMEOUT_MS = 60_000


def show_results_of_first_image(window, qtbot) -> list[int]:
    """Search with the project's first readable image, wait for its results and select the second
    one in the Results view (keyboard focus there); returns the readable images' ids."""
    ids = [row.id for row in window.project.catalog.images(status="ok")]
    view, model = window.search_view.view, window.search_view.model
    window.query_image(ids[0])
    qtbot.waitUntil(lambda: model.query_id == ids[0] and model.rowCount() > 2, timeout=TIMEOUT_MS)
    view.setFocus()
    view.setCurrentIndex(model.index(1))
    return ids


def copy_project(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(f"{CATALOG_NAME}*", "cache"))
    src, dst = sqlite3.connect(source / CATALOG_NAME), sqlite3.connect(target / CATALOG_NAME)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


def annotate_from_example(project_dir: Path) -> dict[str, dict[str, int]]:
    """Set the example scores of every class the project has (the subset lacks arc_de_triomphe), and
    the class's first image as its reference (the example's references are not all in the subset)."""
    catalog = open_project(project_dir).catalog
    store = AnnotationStore(catalog)
    classes = store.classes()
    first = {}
    for image in catalog.images(status="ok"):
        first.setdefault(image.group, image.id)
    scores = {}
    with EXAMPLE_ANNOTATIONS.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["class"] in classes:
                scores[row["class"]] = {v: int(row[v]) for v in VARIATIONS}
                store.set_scores(row["class"], scores[row["class"]])
                store.set_reference(row["class"], first[row["class"]])
    assert len(scores) == len(classes) >= 4, (scores, classes)
    return scores


@pytest.fixture(scope="module")
def analysis_project(workflow, tmp_path_factory) -> Path:
    project_dir = copy_project(workflow["project_dir"], tmp_path_factory.mktemp("analysis") / "P")
    annotate_from_example(project_dir)
    return project_dir


def open_panel(window, qtbot, project_dir: Path, action: str):
    """Open ``project_dir`` in ``window`` and show a panel from the Evaluation menu; wait for its numbers."""
    panels = window.analysis_panels
    assert window.open_project(project_dir)
    with qtbot.waitSignal(panels.updated, timeout=TIMEOUT_MS):
        panels.actions[action].trigger()
    return panels
