"""The inference engine is part of a store's provenance: recorded, reported, never mixed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.cli import main
from heritage_explorer.descriptors import engines
from heritage_explorer.pipeline import describe_external, extract_methods, import_source, open_project
from heritage_explorer.pipeline.engines import describe_stores
from heritage_explorer.pipeline.store import DescriptorStore, EngineMismatchError

SPEC = "efflite0-gem"
SAMPLE_CSV = Path(__file__).resolve().parents[2] / "resources" / "sample" / "collection.csv"


@pytest.fixture
def project(tmp_path: Path):
    project = open_project(tmp_path / "P", create=True)
    with open(SAMPLE_CSV) as fh:
        rows = fh.read().splitlines()[:5]  # 4 images: enough to see rows added and kept
    subset = tmp_path / "subset.csv"
    subset.write_text("\n".join(row.replace("images/", str(SAMPLE_CSV.parent / "images") + "/", 1)
                                if i else row for i, row in enumerate(rows)) + "\n")
    import_source(project, str(subset), allow_absolute=True)
    return project


def test_engine_is_recorded_reported_and_never_mixed(project, capsys: pytest.CaptureFixture) -> None:
    store = DescriptorStore(project.descriptor_dir(SPEC))
    first = extract_methods(project, [SPEC], precision="torch-fp32")
    assert first.engines == {SPEC: "torch-fp32"} and store.meta()["engine"] == "torch-fp32"
    assert describe_stores(project) == [{"spec": SPEC, "count": 4, "dim": 1280, "engine": "torch-fp32",
                                         "storage": "float32"}]
    vectors = np.array(store.load().vectors)
    with pytest.raises(EngineMismatchError, match="made with the torch-fp32 engine, not torch-bf16") as info:
        extract_methods(project, [SPEC], precision="bf16")
    assert "--engine torch-fp32" in str(info.value)
    np.testing.assert_array_equal(store.load().vectors, vectors)  # nothing changed
    again = extract_methods(project, [SPEC])  # no engine named: the store keeps its own
    assert again.engines == {SPEC: "torch-fp32"} and again.reused[SPEC] == 4 and not again.computed
    assert main(["status", "--project", str(project.root)]) == 0
    assert f"descriptors {SPEC}: 4 vectors of 1280 dimensions (float32, engine torch-fp32)" in capsys.readouterr().out


def test_cli_refuses_to_mix_engines_with_a_clear_message(project, capsys: pytest.CaptureFixture) -> None:
    # torch-fp32 first: torch-bf16 is 10-40x slower where the CPU has no native bf16 (refused before any work)
    assert main(["extract", "--project", str(project.root), "--method", SPEC, "--engine", "torch-fp32"]) == 0
    assert "(engine torch-fp32)" in capsys.readouterr().err
    code = main(["extract", "--project", str(project.root), "--method", SPEC, "--engine", "torch-bf16"])
    err = capsys.readouterr().err
    assert code != 0 and "never mixes engines" in err and "--engine torch-fp32" in err, err


def test_store_made_before_engines_were_recorded_is_torch_bf16(project) -> None:
    # the vectors' engine does not matter here, only what a store without a record counts as
    extract_methods(project, [SPEC], precision="fp32")
    store = DescriptorStore(project.descriptor_dir(SPEC))
    meta = store.meta()
    del meta["engine"]
    store.meta_path.write_text(json.dumps(meta))
    assert store.engine == "torch-bf16"
    assert extract_methods(project, [SPEC], precision="torch-bf16").reused[SPEC] == 4
    with pytest.raises(EngineMismatchError):
        extract_methods(project, [SPEC], precision="torch-fp32")


def test_onnxruntime_extraction_is_recorded(project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not engines.ENGINES["onnxruntime"].available:
        pytest.skip("onnxruntime is not installed")
    monkeypatch.setenv(engines.CACHE_ENV, str(tmp_path / "engine_cache"))
    summary = extract_methods(project, [SPEC], precision="onnxruntime")
    store = DescriptorStore(project.descriptor_dir(SPEC))
    assert summary.computed[SPEC] == 4 and store.engine == "onnxruntime"
    # An image searched from outside the catalog is described by the store's engine: the same
    # vector to float rounding (torch bf16 would be ~1e-3 away).
    row = project.catalog.images()[0]
    stored = store.load()
    vector = describe_external(project, SPEC, row.abspath)
    assert float(vector @ stored.vectors[list(stored.ids).index(row.id)]) > 0.99999
