"""The registry: spec grammar, method listing, extractors and their pooling path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from heritage_explorer.core.errors import UnknownMethodError, WeightsUnavailableError
from heritage_explorer.descriptors import functional as F
from heritage_explorer.descriptors.extractors import MULTI_SCALES, to_grayscale_rgb
from heritage_explorer.descriptors.registry import create_extractor, list_methods, parse_spec
from tests.descriptors.conftest import synthetic_photo

BACKBONES = ["efflite0", "efflite2", "resnet50", "resnet101", "vgg16"]
POOLINGS = ["mac", "spoc", "gem", "rmac", "crow"]


def test_importing_the_registry_and_listing_methods_does_not_import_torch() -> None:
    code = (
        "import sys; import heritage_explorer.descriptors.registry as r;"
        "import heritage_explorer.descriptors.whitening, heritage_explorer.descriptors.pooling;"
        "r.list_methods(); r.parse_spec('resnet101-gem+ms+pcaw256');"
        "bad = [m for m in ('torch', 'torchvision', 'timm') if m in sys.modules];"
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"imported: {result.stdout} {result.stderr}"


def test_list_methods_offers_every_backbone_pooling_pair_and_the_baseline(
    isolated_weights: dict[str, Path],
) -> None:
    methods = {m.spec: m for m in list_methods()}
    netvlad = {f"netvlad-{b}" for b in BACKBONES}  # issue #5: NetVLAD on each trunk
    assert set(methods) == {f"{b}-{p}" for b in BACKBONES for p in POOLINGS} | {"colorhist"} | netvlad
    assert methods["efflite2-gem"].available and "Apache-2.0" in methods["efflite2-gem"].weights
    assert methods["efflite0-rmac"].dim == 1280 and methods["vgg16-gem"].dim == 512
    assert methods["resnet101-gem"].dim == 2048 and methods["resnet101-gem"].kind == "global"
    missing = methods["resnet101-gem"]
    assert not missing.available and "resnet101-63fe2227.pth" in missing.weights
    assert methods["colorhist"].kind == "baseline" and methods["colorhist"].available
    assert "GeM" in methods["vgg16-gem"].description and "§4.2.1" in methods["vgg16-gem"].description


def test_parse_spec_canonicalises_modifiers() -> None:
    parsed = parse_spec(" EffLite0-GeM+pcaw256+gray+ms ")
    assert parsed.spec == "efflite0-gem+ms+gray+pcaw256" and parsed.base_spec == "efflite0-gem+ms+gray"
    assert (parsed.multiscale, parsed.grayscale, parsed.whitening_dim) == (True, True, 256)
    assert parse_spec("colorhist").spec == "colorhist" and parse_spec("colorhist").kind == "baseline"
    plain = parse_spec("efflite0-gem+pca128+gray")
    assert plain.spec == "efflite0-gem+gray+pca128" and (plain.whitening_dim, plain.whiten) == (128, False)
    assert parse_spec("efflite0-gem+pcaw128").whiten


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("resnet18-gem", "unknown method 'resnet18-gem'"),
        ("efflite0-sum", "unknown method"),
        ("efflite0-gem+msx", "unknown modifier '\\+msx'"),
        ("efflite0-gem+pcaw0", "unknown modifier"),
        ("efflite0-gem+ms+ms", "given twice"),
        ("efflite0-gem+pcaw2048", "exceeds the 1280 dimensions"),
        ("efflite0-gem+pca2048", r"\+pca2048 exceeds the 1280 dimensions"),
        ("efflite0-gem+pca64+pcaw64", "give one of"),
        ("colorhist+gray", "colorhist takes no"),
    ],
)
def test_parse_errors_list_the_valid_choices(spec: str, message: str) -> None:
    with pytest.raises(UnknownMethodError, match=message) as info:
        parse_spec(spec)
    assert "resnet101-gem" in str(info.value) and "+pcaw<D>" in str(info.value)


def test_extractor_fields(isolated_weights: dict[str, Path]) -> None:
    extractor = create_extractor("efflite0-gem+ms+gray+pcaw256", precision="fp32")
    assert (extractor.spec, extractor.base_spec) == ("efflite0-gem+ms+gray+pcaw256", "efflite0-gem+ms+gray")
    assert (extractor.kind, extractor.dim, extractor.raw_dim, extractor.whitening_dim) == (
        "global",
        256,
        1280,
        256,
    )
    assert extractor.grayscale and extractor.scales == MULTI_SCALES and extractor.max_side == 512
    assert extractor.backbone_key == "efflite0" and extractor.weights_sha256.startswith("57934424")
    assert extractor.precision == "fp32"
    baseline = create_extractor("colorhist")
    assert baseline.backbone_key is None and baseline.backbone() is None and baseline.weights_sha256 is None
    with pytest.raises(NotImplementedError, match="describe"):
        baseline.pool({})
    assert baseline.describe(synthetic_photo()).shape == (128,)
    with pytest.raises(WeightsUnavailableError, match="resnet101-63fe2227.pth"):
        create_extractor("resnet101-gem")
    with pytest.raises(ValueError, match="precision"):
        create_extractor("efflite0-gem", precision="int8")


def test_multiscale_pool_is_the_power_mean_of_normalised_scales() -> None:
    extractor = create_extractor("efflite0-gem+ms", precision="fp32")
    generator = torch.Generator().manual_seed(0)
    maps = {s: torch.rand(1, 1280, 1 + int(8 * s), 2 + int(8 * s), generator=generator) for s in MULTI_SCALES}
    got = extractor.pool(maps)
    per_scale = torch.cat([F.l2n(F.gem(maps[s], p=3.0)) for s in MULTI_SCALES])
    expected = F.l2n(per_scale.pow(3).mean(dim=0, keepdim=True).pow(1 / 3))[0].numpy()
    assert got.dtype == np.float32 and np.allclose(got, expected, atol=1e-6)
    rounded = {float(f"{s:.9f}"): m for s, m in maps.items()}  # 0.707106781, not 1/sqrt(2)
    assert np.array_equal(extractor.pool(rounded), got)
    assert not np.allclose(got, F.l2n(per_scale.mean(dim=0, keepdim=True))[0].numpy(), atol=1e-6)
    with pytest.raises(ValueError, match="missing for scale 0.7071"):
        extractor.pool({1.0: maps[1.0]})
    with pytest.raises(ValueError, match="1×1280×h×w"):
        create_extractor("efflite0-mac").pool({1.0: torch.rand(1, 64, 4, 4)})


@pytest.mark.parametrize("pooling", POOLINGS)
def test_describe_gives_a_unit_float32_vector(pooling: str) -> None:
    extractor = create_extractor(f"efflite0-{pooling}")
    rgb = synthetic_photo(160, 224)
    vector = extractor.describe(rgb)
    assert vector.shape == (1280,) and vector.dtype == np.float32
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-5)
    assert np.array_equal(vector, extractor.describe(rgb))


def test_describe_applies_max_side_and_gray() -> None:
    gray_extractor = create_extractor("efflite0-gem+gray", precision="fp32")
    large = synthetic_photo(600, 800)
    prepared = gray_extractor.prepare_image(large)
    assert prepared.shape == (384, 512, 3) and np.array_equal(prepared[..., 0], prepared[..., 2])
    rgb = synthetic_photo(160, 224)
    gray = gray_extractor.describe(rgb)
    plain = create_extractor("efflite0-gem", precision="fp32")
    assert np.allclose(gray, plain.describe(to_grayscale_rgb(rgb)), atol=1e-6)
    assert not np.allclose(gray, plain.describe(rgb), atol=1e-3)


def test_retrieval_checkpoint_head_is_used_for_its_own_pooling(
    isolated_weights: dict[str, Path], cirtorch_resnet101: tuple[Path, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, state = cirtorch_resnet101
    monkeypatch.setenv("HERITAGE_EXPLORER_WEIGHTS_DIR", str(path.parent))
    assert {m.spec: m for m in list_methods()}["resnet101-gem"].available
    gem = create_extractor("resnet101-gem+ms", precision="fp32")
    assert gem.weights_source.startswith(path.name) and gem.dim == 2048
    generator = torch.Generator().manual_seed(0)
    maps = {s: torch.rand(1, 2048, 3, 4, generator=generator) for s in MULTI_SCALES}
    weight, bias = state["whiten.weight"], state["whiten.bias"]
    per_scale = torch.cat([F.l2n(F.l2n(F.gem(maps[s], p=2.5)) @ weight.T + bias) for s in MULTI_SCALES])
    expected = F.l2n(per_scale.mean(dim=0, keepdim=True))[0].numpy()  # p = 1 with learned whitening
    assert np.allclose(gem.pool(maps), expected, atol=1e-5)
    mac = create_extractor("resnet101-mac")  # the head was learned for GeM: plain MAC here
    assert np.allclose(mac.pool({1.0: maps[1.0]}), F.l2n(F.mac(maps[1.0]))[0].numpy(), atol=1e-6)
    assert mac.backbone() is gem.backbone()
