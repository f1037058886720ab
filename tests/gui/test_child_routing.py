"""The app's extraction child routes every kind of spec (global, local, NetVLAD) through one entry point."""

from __future__ import annotations

from pathlib import Path

from heritage_explorer.gui.child import extract_project
from heritage_explorer.pipeline import import_source, open_project
from heritage_explorer.pipeline.local import current_local_features

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "collection.csv"


def test_child_extracts_global_and_local_specs(tmp_path: Path) -> None:
    project = open_project(tmp_path / "P", create=True)
    import_source(project, str(SAMPLE))
    summary = extract_project(str(project.root), ["colorhist", "orb-500"])
    n = len(project.catalog.images(status="ok"))
    assert summary.computed == {"colorhist": n, "orb-500": n}
    assert not summary.errors
    stored, rows = current_local_features(project, "orb-500")
    assert len(rows) == n and all(len(stored.at(r)) > 0 for r in rows.values())
