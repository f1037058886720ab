"""Distributed extraction on a real local Dask cluster (2 worker processes) against one process."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.pipeline import extract_methods, import_source, open_project, search
from heritage_explorer.pipeline.store import DescriptorStore

pytest.importorskip("dask.distributed", reason="the 'distributed' extra (dask[distributed]) is not installed")

from heritage_explorer.pipeline.distributed import SHARDS_DIR, extract_distributed  # noqa: E402

SAMPLE_CSV = Path(__file__).resolve().parents[2] / "resources" / "sample" / "collection.csv"
SPECS = ["colorhist", "efflite0-gem"]


@pytest.mark.slow
def test_two_workers_give_the_vectors_of_one_process_and_a_working_index(tmp_path: Path) -> None:
    single = open_project(tmp_path / "single", create=True)
    import_source(single, str(SAMPLE_CSV))
    extract_methods(single, SPECS)

    project = open_project(tmp_path / "P", create=True)
    import_source(project, str(SAMPLE_CSV))
    summary = extract_distributed(project, SPECS, workers=2, shard_size=4)  # 8 shards over 2 workers
    assert summary.computed == {"colorhist": 31, "efflite0-gem": 31} and not summary.errors

    for spec in SPECS:
        expected = DescriptorStore(single.descriptor_dir(spec)).load(verify=True)
        store = DescriptorStore(project.descriptor_dir(spec))
        merged = store.load(verify=True)
        np.testing.assert_array_equal(merged.ids, expected.ids)  # one store, rows in catalog id order
        assert merged.ids.tolist() == sorted(merged.ids.tolist())
        np.testing.assert_array_equal(merged.hashes, expected.hashes)
        a, b = np.asarray(merged.vectors), np.asarray(expected.vectors)
        cosine = np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
        assert cosine.min() >= 0.999, (spec, cosine.min())
        assert not store.chunk_dir.exists() or not list(store.chunk_dir.iterdir())
        # the index was built from the merged store
        index_meta = json.loads((project.index_dir(spec) / "index.json").read_text())
        assert index_meta["count"] == 31 and index_meta["meta"]["spec"] == spec
        hits = search(project, spec, image_id=int(merged.ids[5]), k=3)
        assert hits[0].image_id == int(merged.ids[5]) and hits[0].score == pytest.approx(1.0, abs=1e-4)
    assert not (project.root / SHARDS_DIR).exists()

    again = extract_distributed(project, SPECS, workers=2)  # everything up to date: no shard to run
    assert again.computed == {} and again.reused == {"colorhist": 31, "efflite0-gem": 31}


def test_methods_needing_a_fit_or_matching_are_refused_before_any_cluster_starts(tmp_path: Path) -> None:
    project = open_project(tmp_path / "P", create=True)
    import_source(project, str(SAMPLE_CSV))
    with pytest.raises(HeritageError, match="netvlad-efflite0: distributed extraction covers"):
        extract_distributed(project, ["netvlad-efflite0"], workers=2)
    with pytest.raises(HeritageError, match="orb-1000 is a local method.*extract NetVLAD and local features on one machine"):
        extract_distributed(project, ["orb-1000"], workers=2)
    with pytest.raises(HeritageError, match="scheduler address or a number of local workers"):
        extract_distributed(project, ["colorhist"], workers=0)
