"""Fixtures for the descriptor tests: isolated weight folders and real photos."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import SHARED_DATA

PARIS = SHARED_DATA / "rparis6k_subset_5x50" / "images"


@pytest.fixture
def isolated_weights(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[dict[str, Path]]:
    """No user weights folder, and an empty torch hub cache under ``tmp_path`` (TORCH_HOME)."""
    from heritage_explorer.descriptors.backbones import clear_backbone_cache

    torch_home = tmp_path / "torch_home"
    monkeypatch.delenv("HERITAGE_EXPLORER_WEIGHTS_DIR", raising=False)
    monkeypatch.setenv("TORCH_HOME", str(torch_home))
    yield {"hub": torch_home / "hub" / "checkpoints", "user": tmp_path / "weights"}
    clear_backbone_cache()


def load_photo(name: str, max_side: int = 512) -> np.ndarray:
    """A Paris6k photo as H×W×3 uint8 (longest side ``max_side``), or skip saying what is missing."""
    from PIL import Image

    path = PARIS / name
    if not path.exists():
        pytest.skip(f"shared benchmark photo absent: {path} (set HERITAGE_SHARED_DATA to its folder)")
    with Image.open(path) as image:
        image = image.convert("RGB")
        image.thumbnail((max_side, max_side))
        return np.asarray(image).copy()


def synthetic_photo(height: int = 384, width: int = 512, seed: int = 0) -> np.ndarray:
    """A deterministic image with smooth gradients and blocks (not noise), for shape-level checks."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:height, 0:width]
    image = np.stack([xx / width, yy / height, (xx + yy) / (width + height)], axis=2) * 200
    for _ in range(12):
        top, left = rng.integers(0, height - 60), rng.integers(0, width - 60)
        image[top : top + rng.integers(20, 60), left : left + rng.integers(20, 60)] = rng.integers(0, 255, 3)
    return image.astype(np.uint8)


def random_state(module: object, seed: int = 0) -> dict:
    """Plausible random tensors for every entry of ``module.state_dict()`` (BN at identity).

    Used to write checkpoints in the published layouts: it tests the *loading* code only.
    """
    import torch

    generator = torch.Generator().manual_seed(seed)
    state = {}
    for key, ref in module.state_dict().items():
        if key.endswith("num_batches_tracked"):
            state[key] = torch.zeros((), dtype=torch.long)
        elif key.endswith("running_var") or (key.endswith("weight") and ref.ndim == 1):
            state[key] = torch.ones(ref.shape)
        elif key.endswith("running_mean") or key.endswith("bias"):
            state[key] = torch.zeros(ref.shape)
        else:
            fan_in = max(1, ref[0].numel())
            state[key] = torch.randn(ref.shape, generator=generator) * (2.0 / fan_in) ** 0.5
    return state


@pytest.fixture(scope="session")
def cirtorch_resnet101(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A checkpoint in cnnimageretrieval-pytorch's layout (``ImageRetrievalNet``: features =
    ResNet-101 children up to layer4, GeM ``pool.p``, learned ``whiten``), random values."""
    import torch
    import torchvision

    with torch.device("meta"):
        features = torch.nn.Sequential(*list(torchvision.models.resnet101().children())[:-2])
    state = {f"features.{k}": v for k, v in random_state(features).items()}
    generator = torch.Generator().manual_seed(1)
    state["pool.p"] = torch.tensor([2.5])
    state["whiten.weight"] = torch.randn(2048, 2048, generator=generator) / 45.0
    state["whiten.bias"] = torch.randn(2048, generator=generator) / 45.0
    checkpoint = {
        "state_dict": state,
        "meta": {
            "architecture": "resnet101",
            "pooling": "gem",
            "whitening": True,
            "local_whitening": False,
            "regional": False,
            "mean": [0.485, 0.456, 0.406],
            "std": [0.229, 0.224, 0.225],
            "outputdim": 2048,
        },
        "epoch": 1,
    }
    folder = tmp_path_factory.mktemp("cirtorch")
    path = folder / "rSfM120k-tl-resnet101-gem-w-a155e54.pth"
    torch.save(checkpoint, path)
    return path, state
