"""The index kept in memory for searches: reused while nothing changed, never stale after a change."""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.catalog import CATALOG_NAME
from heritage_explorer.descriptors.method import as_descriptor
from heritage_explorer.pipeline import extract_methods, import_source, open_project, search
from heritage_explorer.pipeline.store import DescriptorStore

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
    index = serving._serving_index(project, as_descriptor("colorhist"))[0]
    stored = serving.current_vectors(project, "colorhist")
    np.testing.assert_array_equal(index.vectors([3, 1]), np.asarray(stored.vectors)[[2, 0]])
    with pytest.raises(KeyError, match=r"ids not in the index: \[999\]"):
        index.vectors([1, 999])
    hits = search(project, "colorhist", image_id=3, k=1)
    assert hits[0].image_id == 3 and hits[0].score == pytest.approx(1.0, abs=1e-5)


def _index_matches_store(project, spec: str) -> None:
    """Every vector the search index holds is the one the store holds now (no row of an older state)."""
    stored = serving.current_vectors(project, spec)
    index = serving._serving_index(project, as_descriptor(spec))[0]
    assert sorted(index.ids().tolist()) == sorted(stored.ids.tolist())
    np.testing.assert_array_equal(index.vectors(stored.ids), np.asarray(stored.vectors, np.float32))


def test_extraction_finishing_during_an_index_update_is_seen_by_the_next_search(project, monkeypatch) -> None:
    store = DescriptorStore(project.descriptor_dir("colorhist"))
    full = store.load(mmap=False)
    store.clear_data()  # an extraction in progress: half of the images described so far
    store.append_chunk(full.ids[:15].tolist(), full.vectors[:15], full.hashes[:15].tolist())
    store.consolidate()
    real_update = serving._update_index

    def update_then_other_process_finishes(*args, **kwargs):
        result = real_update(*args, **kwargs)  # the index of the 15 images the store held when read
        store.append_chunk(full.ids[15:].tolist(), full.vectors[15:], full.hashes[15:].tolist())
        store.consolidate()  # meanwhile the extraction ends (no catalog change)
        return result

    monkeypatch.setattr(serving, "_update_index", update_then_other_process_finishes)
    assert len(search(project, "colorhist", image_id=1, k=31)) == 15
    monkeypatch.setattr(serving, "_update_index", real_update)
    assert len(search(project, "colorhist", image_id=1, k=31)) == 31  # not the 15-image index forever


def test_storage_conversion_rebuilds_the_index(project) -> None:
    _index_matches_store(project, "colorhist")
    extract_methods(project, ["colorhist"], storage="float16")  # every row rounded, same spec and weights
    _index_matches_store(project, "colorhist")
    assert json.loads((project.index_dir("colorhist") / "index.json").read_text())["meta"]["storage"] == "float16"
    extract_methods(project, ["colorhist"], storage="float32")  # recomputed at full precision
    _index_matches_store(project, "colorhist")


@pytest.mark.slow
def test_whitening_refitted_on_a_grown_collection_rebuilds_the_index(tmp_path: Path, monkeypatch) -> None:
    spec = "efflite0-gem+pcaw8"
    shutil.copytree(SAMPLE_CSV.parent, tmp_path / "sample")
    rows = (tmp_path / "sample" / "collection.csv").read_text().splitlines(keepends=True)
    first = tmp_path / "sample" / "first.csv"
    first.write_text("".join(rows[:17]))  # the header and 16 images
    project = open_project(tmp_path / "P", create=True)
    import_source(project, str(first))
    extract_methods(project, [spec])
    search(project, spec, image_id=1, k=3)
    import_source(project, str(tmp_path / "sample" / "collection.csv"))  # 15 more images
    whitened_dir = project.descriptor_dir(spec)
    readable_during_refit = []
    append_chunk = DescriptorStore.append_chunk

    def watching(store, ids, vectors, hashes):
        if store.dir == whitened_dir:  # a search at this moment still finds the previous fit's rows
            readable_during_refit.append(len(DescriptorStore(whitened_dir).load()))
        return append_chunk(store, ids, vectors, hashes)

    monkeypatch.setattr(DescriptorStore, "append_chunk", watching)
    extract_methods(project, [spec])  # the whitening is refitted: all 31 whitened rows change
    assert readable_during_refit == [16]
    assert len(DescriptorStore(whitened_dir).load()) == len(DescriptorStore(project.descriptor_dir("efflite0-gem")).load())
    _index_matches_store(project, spec)
