"""Inference engines: every engine's descriptors agree with torch fp32 on real photos; names and fallback."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.descriptors import engines
from heritage_explorer.descriptors.engines import (
    EngineInfo,
    EngineUnavailableError,
    canonical_engine,
    resolve_engine,
)
from heritage_explorer.descriptors.registry import create_extractor
from tests.descriptors.conftest import load_photo

PHOTOS = ("defense_paris6k_paris_defense_000000.jpg", "eiffel_paris6k_paris_eiffel_000001.jpg",
          "louvre_paris6k_paris_louvre_000003.jpg")


@pytest.fixture(scope="module", autouse=True)
def engine_cache(tmp_path_factory: pytest.TempPathFactory):
    """ONNX exports go to a temporary cache, not the user's."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(engines.CACHE_ENV, str(tmp_path_factory.mktemp("engines")))
        yield


def _photos() -> list[np.ndarray]:
    from tests.descriptors.conftest import PARIS

    names = sorted(p.name for p in PARIS.glob("*.jpg"))[::60][:3] if PARIS.is_dir() else list(PHOTOS)
    return [load_photo(name) for name in names]


@pytest.mark.shared_data
@pytest.mark.parametrize("engine", ["onnxruntime", "openvino-fp32"])
def test_engine_descriptors_agree_with_torch_fp32_on_photos(engine: str) -> None:
    if not engines.ENGINES[engine].available:
        pytest.skip(f"{engine} is not installed ({engines.ENGINES[engine].pip})")
    photos = _photos()
    reference = create_extractor("efflite0-gem", precision="torch-fp32")
    other = create_extractor("efflite0-gem", precision=engine)
    for rgb in photos:  # each photo has its own aspect: the export takes any input shape
        a, b = reference.describe(rgb), other.describe(rgb)
        assert a.shape == b.shape == (1280,)
        assert float(a @ b) >= 0.999, (engine, rgb.shape, float(a @ b))


def test_the_onnx_export_is_cached_by_weights_and_rechecked(tmp_path: Path) -> None:
    if not engines.ENGINES["onnxruntime"].available:
        pytest.skip("onnxruntime is not installed")
    backbone = create_extractor("efflite0-gem", precision="onnxruntime").backbone()
    path = engines.ensure_onnx(backbone)
    assert backbone.weights_sha256[:16] in path.name and "dyn" in path.name
    mtime = path.stat().st_mtime_ns
    assert engines.ensure_onnx(backbone) == path and path.stat().st_mtime_ns == mtime  # reused, not re-exported
    path.write_bytes(path.read_bytes()[:1000])  # damaged: exported again
    assert engines.ensure_onnx(backbone) == path and path.stat().st_size > 1_000_000


def test_engine_names_and_torch_precisions() -> None:
    assert canonical_engine("bf16") == "torch-bf16" and canonical_engine("fp32") == "torch-fp32"
    assert canonical_engine("openvino") == "openvino"
    with pytest.raises(ValueError, match="choose from"):
        canonical_engine("tensorrt")


def test_the_default_engine_is_bf16_only_where_the_cpu_computes_bf16_natively() -> None:
    """oneDNN's bf16 convolutions need AVX-512 (BW, VL, DQ) or AMX; elsewhere autocast to bf16 runs
    torch's reference convolution, 10-40x slower than float32 (an AVX2 EPYC: README, Performance).
    The window decides from /proc/cpuinfo without importing torch; torch's own check must agree."""
    import torch

    native = bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    assert engines.native_bf16() == native
    if native:
        expected = "torch-bf16"
    else:
        expected = "onnxruntime" if engines.ENGINES["onnxruntime"].available else "torch-fp32"
    assert engines.default_engine() == expected and resolve_engine(None).name == expected
    assert create_extractor("efflite0-gem").precision == expected  # what a new store is made with
    assert create_extractor("netvlad-efflite0").precision == ("torch-bf16" if native else "torch-fp32")


def test_an_engine_named_but_not_installed_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    missing = EngineInfo("missing-engine", "heritage_explorer_no_such_package", "no-such-package==1.0", "absent")
    monkeypatch.setitem(engines.ENGINES, missing.name, missing)
    with pytest.raises(EngineUnavailableError, match="pip install no-such-package==1.0"):
        resolve_engine("missing-engine")  # asked for by name: an error, never a silent switch


def test_an_unwritable_engine_cache_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not engines.ENGINES["onnxruntime"].available:
        pytest.skip("onnxruntime is not installed")
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(engines.CACHE_ENV, str(blocker / "engines"))
    backbone = create_extractor("efflite0-gem", precision="onnxruntime").backbone()
    with pytest.raises(HeritageError, match="cannot write the ONNX export of efflite0.*HERITAGE_EXPLORER_ENGINE_CACHE"):
        engines.ensure_onnx(backbone)


def test_openvino_is_imported_without_its_telemetry() -> None:
    """``import openvino`` alone forks a child that reports the import to Google Analytics."""
    if not engines.ENGINES["openvino"].available:
        pytest.skip("openvino is not installed")
    import subprocess
    import sys

    code = (
        "import os, sys, time\n"
        "forks = []\n"
        "os.register_at_fork(before=lambda: forks.append(1))\n"
        "from heritage_explorer.descriptors import engines\n"
        "ov = engines._import_openvino()\n"
        "ov.Core()\n"
        "time.sleep(0.5)\n"  # the telemetry is sent from a thread
        "print(len(forks), sys.modules.get('openvino_telemetry') is None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split() == ["0", "True"], out.stdout + out.stderr
