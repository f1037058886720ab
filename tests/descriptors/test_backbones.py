"""Backbones: strict weight loading (packaged, torchvision, cnnimageretrieval), inputs, caching."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
import torch

from heritage_explorer.core.errors import CorruptArtefactError, WeightsUnavailableError
from heritage_explorer.descriptors import functional as F
from heritage_explorer.descriptors.backbones import (
    clear_backbone_cache,
    load_backbone,
    load_efficientnet_lite,
    positional_rename,
    prepare_scales,
)
from tests.descriptors.conftest import PARIS, load_photo, random_state, synthetic_photo


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("photo", "expected"),
    [
        ("invalides_paris6k_paris_invalides_000044.jpg", "dome"),
        ("louvre_paris6k_paris_louvre_000320.jpg", "greenhouse"),  # the glass pyramid
    ],
)
def test_efficientnet_lite0_weights_recognise_imagenet_classes(photo: str, expected: str) -> None:
    from timm.data import ImageNetInfo

    rgb = load_photo(photo, max_side=320)
    model = load_efficientnet_lite("efflite0", with_classifier=True)
    x = load_backbone("efflite0").prepare(rgb).unsqueeze(0)
    with torch.inference_mode():
        top5 = model(x).softmax(dim=1)[0].topk(5).indices.tolist()
    names = [ImageNetInfo().index_to_description(i) for i in top5]
    assert any(expected in name for name in names), names


def test_positional_rename_checks_count_and_shapes() -> None:
    target = {"a.weight": torch.empty(2, 3), "a.bias": torch.empty(2)}
    renamed = positional_rename({"x": torch.ones(2, 3), "y": torch.zeros(2)}, target, "f.pth")
    assert list(renamed) == ["a.weight", "a.bias"] and renamed["a.weight"].sum() == 6
    with pytest.raises(CorruptArtefactError, match="y has shape"):
        positional_rename({"x": torch.ones(2, 3), "y": torch.zeros(3)}, target, "f.pth")
    with pytest.raises(CorruptArtefactError, match="1 tensors, the architecture has 2"):
        positional_rename({"x": torch.ones(2, 3)}, target, "f.pth")


def test_prepare_normalises_with_the_trunk_statistics() -> None:
    backbone = load_backbone("efflite0")
    rgb = np.zeros((4, 6, 3), np.uint8)
    rgb[0, 0] = 255
    x = backbone.prepare(rgb)
    assert x.shape == (3, 4, 6) and x.dtype == torch.float32
    assert x[:, 0, 0].tolist() == [1.0, 1.0, 1.0] and x[:, 1, 1].tolist() == [-1.0, -1.0, -1.0]
    with pytest.raises(ValueError, match="uint8"):
        backbone.prepare(rgb.astype(np.float32))


def test_feature_maps_and_scales() -> None:
    backbone = load_backbone("efflite0")
    inputs = prepare_scales(backbone, synthetic_photo(384, 512), (1.0, 2**-0.5, 0.5))
    assert [tuple(t.shape) for t in inputs.values()] == [(1, 3, 384, 512), (1, 3, 271, 362), (1, 3, 192, 256)]
    maps = backbone.feature_maps(inputs[1.0], precision="fp32")
    assert maps.shape == (1, 1280, 12, 16) and maps.dtype == torch.float32
    assert (maps >= 0).all()  # ends with ReLU6
    with pytest.raises(ValueError, match="precision"):
        backbone.feature_maps(inputs[1.0], precision="fp16")


def test_bf16_descriptors_agree_with_fp32() -> None:
    rgb = load_photo("eiffel_tower_paris6k_paris_eiffel_000004.jpg") if PARIS.exists() else synthetic_photo()
    backbone = load_backbone("efflite0")
    x = backbone.prepare(rgb).unsqueeze(0)
    fp32, bf16 = backbone.feature_maps(x, "fp32"), backbone.feature_maps(x, "bf16")
    assert bf16.dtype == torch.float32
    for pool in (F.gem, F.mac, F.rmac):
        cosine = torch.nn.functional.cosine_similarity(pool(fp32), pool(bf16)).item()
        assert cosine >= 0.99, (pool.__name__, cosine)


@pytest.mark.shared_data
@pytest.mark.slow
def test_the_default_engine_keeps_the_fp32_map_on_paris(tmp_path: Path) -> None:
    """The default engine is numerically safe where it matters: retrieval quality.

    efflite0-gem on the 276 images of rparis6k_subset_5x50 at the default input size, through
    the real pipeline (decode, store, exact evaluation): global mAP within 0.01 of fp32. The
    default is bf16 autocast where the CPU computes bf16 natively, ONNX Runtime elsewhere.
    """
    from heritage_explorer.descriptors.engines import default_engine
    from heritage_explorer.pipeline import evaluate_all, extract_methods, import_source, open_project
    from tests.conftest import shared_collection

    default = default_engine()
    if default == "torch-fp32":
        pytest.skip("the default engine here is torch-fp32 itself (no native bf16, no ONNX Runtime)")
    csv = shared_collection("rparis6k_subset_5x50")
    global_map = {}
    for precision in ("torch-fp32", default):
        project = open_project(tmp_path / precision, create=True)
        import_source(project, str(csv))
        extract_methods(project, ["efflite0-gem"], precision=precision)
        result = evaluate_all(project, ["efflite0-gem"], extract_missing=False)["efflite0-gem"]
        global_map[precision] = result.global_map
    assert global_map["torch-fp32"] > 0.75, global_map  # both are working descriptors
    assert abs(global_map[default] - global_map["torch-fp32"]) <= 0.01, global_map


def test_one_backbone_per_key_across_threads(isolated_weights: dict[str, Path]) -> None:
    clear_backbone_cache()
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(load_backbone("efflite0"))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(got) == 4 and all(b is got[0] for b in got)
    assert got[0].weights_sha256.startswith("57934424") and got[0].out_channels == 1280
    assert "Apache-2.0" in got[0].weights_source


def test_torchvision_state_dict_from_an_explicit_path(
    isolated_weights: dict[str, Path], tmp_path: Path
) -> None:
    import torchvision

    with torch.device("meta"):
        net = torchvision.models.resnet50()
    state = random_state(net)
    path = tmp_path / "my-resnet50.pth"
    torch.save(state, path)
    backbone = load_backbone("resnet50", weights_path=path)
    assert backbone.retrieval_head is None and backbone.weights_source.startswith("my-resnet50.pth")
    trunk = backbone.module.state_dict()
    assert torch.equal(trunk["7.2.conv3.weight"], state["layer4.2.conv3.weight"])  # layer4 is child 7
    assert torch.equal(trunk["0.weight"], state["conv1.weight"]) and not any(
        k.startswith("fc") for k in trunk
    )
    maps = backbone.feature_maps(torch.zeros(1, 3, 64, 96), "fp32")
    assert maps.shape == (1, 2048, 2, 3)


def test_retrieval_checkpoint_trunk_and_whitening(
    isolated_weights: dict[str, Path], cirtorch_resnet101: tuple[Path, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, state = cirtorch_resnet101
    monkeypatch.setenv("HERITAGE_EXPLORER_WEIGHTS_DIR", str(path.parent))
    backbone = load_backbone("resnet101")
    assert backbone.weights_path == path and "MIT" in backbone.weights_source
    assert torch.equal(backbone.module.state_dict()["6.22.conv2.weight"], state["features.6.22.conv2.weight"])
    head = backbone.retrieval_head
    assert head is not None and head.pooling == "gem" and head.gem_p == pytest.approx(2.5)
    assert np.array_equal(head.whitening_weight, state["whiten.weight"].numpy())
    assert np.array_equal(head.whitening_bias, state["whiten.bias"].numpy())
    assert backbone.feature_maps(torch.zeros(1, 3, 64, 64), "fp32").shape == (1, 2048, 2, 2)


def test_checkpoints_that_do_not_fit_are_refused(isolated_weights: dict[str, Path], tmp_path: Path) -> None:
    wrong_arch = tmp_path / "wrong.pth"
    torch.save({"state_dict": {}, "meta": {"architecture": "resnet50", "pooling": "gem"}}, wrong_arch)
    with pytest.raises(CorruptArtefactError, match="a resnet50 checkpoint, not resnet101"):
        load_backbone("resnet101", weights_path=wrong_arch)
    regional = tmp_path / "regional.pth"
    torch.save({"state_dict": {}, "meta": {"architecture": "resnet101", "regional": True}}, regional)
    with pytest.raises(WeightsUnavailableError, match="regional"):
        load_backbone("resnet101", weights_path=regional)
    partial = tmp_path / "partial.pth"
    torch.save({"features.0.weight": torch.zeros(64, 3, 3, 3)}, partial)  # VGG-16's first conv only
    with pytest.raises(CorruptArtefactError, match="does not fit the architecture"):
        load_backbone("vgg16", weights_path=partial)
    not_a_dict = tmp_path / "tensor.pth"
    torch.save(torch.zeros(3), not_a_dict)
    with pytest.raises(CorruptArtefactError, match="expected a state dict"):
        load_backbone("vgg16", weights_path=not_a_dict)


def test_retrieval_checkpoint_in_the_torch_hub_cache(
    isolated_weights: dict[str, Path], cirtorch_resnet101: tuple[Path, dict]
) -> None:
    path, _ = cirtorch_resnet101
    hub = isolated_weights["hub"]
    hub.mkdir(parents=True)
    (hub / path.name).symlink_to(path)
    backbone = load_backbone("resnet101")
    assert backbone.weights_path == hub / path.name and "torch hub cache" in backbone.weights_source
    assert backbone.retrieval_head is not None and backbone.retrieval_head.gem_p == pytest.approx(2.5)
