"""The index kept in memory for searches: reused while nothing changed, never stale after a change."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.catalog import CATALOG_NAME
from heritage_explorer.pipeline import extract_methods, import_source, open_project, search

SAMPLE_CSV = Path(__file__).resolve().parents[2] / "resources" / "sample" / "collection.csv"
serving = sys.modules["heritage_explorer.pipeline.search"]


@pytest.fixture
def project(tmp_path: Path):
    project = open_project(tmp_path / "P", create=True)
    import_source(project, str(SAMPLE_CSV))
    extract_methods(project, ["colorhist"])
    return project


def _other_process_writes(project, sql: str, params: tuple = ()) -> None:
    """A commit through another connection, as another process (the GUI, an import) would make."""
    with sqlite3.connect(project.root / CATALOG_NAME) as db:
        db.execute(sql, params)


def test_index_is_reused_until_the_catalog_changes_an_image(project) -> None:
    first = search(project, "colorhist", image_id=1, k=31)
    index = serving._SERVING[project.index_dir("colorhist")].index
    assert search(project, "colorhist", image_id=1, k=31) == first
    assert serving._SERVING[project.index_dir("colorhist")].index is index  # no reload

    # A commit that touches no image (a run record): the content hashes are re-read, the index kept.
    _other_process_writes(project, "INSERT INTO runs (kind, started_at) VALUES ('test', 0)")
    assert search(project, "colorhist", image_id=1, k=31) == first
    assert serving._SERVING[project.index_dir("colorhist")].index is index

    # Another process records new content for image 2: its old vector must not be served.
    _other_process_writes(project, "UPDATE images SET sha256 = ? WHERE id = 2", ("0" * 64,))
    hits = search(project, "colorhist", image_id=1, k=31)
    assert 2 in {h.image_id for h in first} and 2 not in {h.image_id for h in hits}
    assert len(hits) == len(first) - 1
    assert serving._SERVING[project.index_dir("colorhist")].index is not index


def test_query_vector_comes_from_the_index(project) -> None:
    index = serving._serving_index(project, "colorhist")[0]
    stored = serving.current_vectors(project, "colorhist")
    np.testing.assert_array_equal(index.vectors([3, 1]), np.asarray(stored.vectors)[[2, 0]])
    with pytest.raises(KeyError, match=r"ids not in the index: \[999\]"):
        index.vectors([1, 999])
    hits = search(project, "colorhist", image_id=3, k=1)
    assert hits[0].image_id == 3 and hits[0].score == pytest.approx(1.0, abs=1e-5)
