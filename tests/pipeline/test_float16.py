"""float16 descriptor storage: the retrieval quality it keeps, search through it, and resume."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.cli import main
from heritage_explorer.core.errors import CancelledError
from heritage_explorer.core.jobs import CancelToken
from heritage_explorer.pipeline import (
    build_index,
    evaluate_all,
    extract_methods,
    import_source,
    open_project,
    search,
)
from heritage_explorer.pipeline.store import DescriptorStore
from tests.conftest import shared_collection

SPEC = "efflite0-gem"
SAMPLE_CSV = Path(__file__).resolve().parents[2] / "resources" / "sample" / "collection.csv"


@pytest.fixture(scope="module")
def paris_float16(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """rparis6k_subset_5x50 described in float32, evaluated, converted to float16, evaluated again."""
    csv = shared_collection("rparis6k_subset_5x50")
    project = open_project(tmp_path_factory.mktemp("paris16") / "P", create=True)
    import_source(project, str(csv))
    extract_methods(project, [SPEC])
    store = DescriptorStore(project.descriptor_dir(SPEC))
    float32 = np.array(store.load().vectors)
    map32 = evaluate_all(project, [SPEC], extract_missing=False)[SPEC].global_map
    conversion = extract_methods(project, [SPEC], storage="float16")
    map16 = evaluate_all(project, [SPEC], extract_missing=False)[SPEC].global_map
    return {"project": project, "store": store, "float32": float32, "map32": map32, "map16": map16,
            "conversion": conversion}


@pytest.mark.shared_data
def test_float16_storage_keeps_the_map_on_paris(paris_float16: dict) -> None:
    conversion, store = paris_float16["conversion"], paris_float16["store"]
    assert conversion.computed.get(SPEC, 0) == 0 and conversion.reused[SPEC] == 276  # rounded, not recomputed
    assert store.storage == "float16" and store.load().vectors.dtype == np.float16
    assert (store.dir / "vectors.npy").stat().st_size < 0.51 * paris_float16["float32"].nbytes
    np.testing.assert_array_equal(store.load(mmap=False).vectors,
                                  paris_float16["float32"].astype(np.float16).astype(np.float32))
    # Measured 2026-11-23: 0.8819 in both (difference < 0.0001); the bound leaves room for other weights.
    assert paris_float16["map32"] > 0.75
    assert abs(paris_float16["map16"] - paris_float16["map32"]) <= 0.002, paris_float16


@pytest.mark.shared_data
def test_search_through_a_float16_store(paris_float16: dict) -> None:
    project, float32 = paris_float16["project"], paris_float16["float32"]
    index = build_index(project, SPEC)
    assert len(index) == 276
    ids = DescriptorStore(project.descriptor_dir(SPEC)).load().ids
    overlap = []
    for row in range(0, 276, 23):
        hits = search(project, SPEC, image_id=int(ids[row]), k=10)
        assert hits[0].image_id == int(ids[row]) and hits[0].score == pytest.approx(1.0, abs=1e-3)
        exact = ids[np.argsort(-(float32 @ float32[row]), kind="stable")[:10]]
        overlap.append(len({h.image_id for h in hits} & set(exact.tolist())) / 10)
    assert np.mean(overlap) >= 0.95  # the float16 index finds the float32 exact top 10


def test_float16_extraction_resumes_after_a_cancel(tmp_path: Path) -> None:
    reference = open_project(tmp_path / "ref", create=True)
    import_source(reference, str(SAMPLE_CSV))
    extract_methods(reference, ["colorhist"], storage="float16")
    expected = DescriptorStore(reference.descriptor_dir("colorhist")).load()

    project = open_project(tmp_path / "P", create=True)
    import_source(project, str(SAMPLE_CSV))
    token = CancelToken()
    with pytest.raises(CancelledError):
        extract_methods(project, ["colorhist"], storage="float16", batch_size=4,
                        progress=lambda p: token.cancel() if p.done >= 8 else None, cancel=token)
    store = DescriptorStore(project.descriptor_dir("colorhist"))
    assert store.storage == "float16" and len(store.load(include_chunks=True)) >= 8
    resumed = extract_methods(project, ["colorhist"])  # no --storage: the store keeps float16
    assert resumed.reused["colorhist"] >= 8 and resumed.computed["colorhist"] <= len(expected) - 8
    got = store.load(verify=True)
    assert got.vectors.dtype == np.float16
    np.testing.assert_array_equal(got.ids, expected.ids)
    np.testing.assert_array_equal(np.asarray(got.vectors), np.asarray(expected.vectors))


def test_storage_option_of_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    project = tmp_path / "P"
    assert main(["import", "--project", str(project), str(SAMPLE_CSV)]) == 0
    assert main(["extract", "--project", str(project), "--method", "colorhist", "--storage", "float16"]) == 0
    meta = json.loads((project / "descriptors" / "colorhist" / "meta.json").read_text())
    assert meta["storage"] == "float16" and meta["files"]["vectors.npy"]["dtype"] == "float16"
    capsys.readouterr()
    assert main(["search", "--project", str(project), "--method", "colorhist", "--image", "#1", "-k", "3",
                 "--json"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert results[0]["image_id"] == 1 and results[0]["score"] == pytest.approx(1.0, abs=1e-3)
    assert main(["extract", "--project", str(project), "--method", "colorhist", "--storage", "float32"]) == 0
    assert "stored descriptors discarded and recomputed" in capsys.readouterr().err  # rounding is not undone
    meta = json.loads((project / "descriptors" / "colorhist" / "meta.json").read_text())
    assert meta["storage"] == "float32" and meta["files"]["vectors.npy"]["dtype"] == "float32"
