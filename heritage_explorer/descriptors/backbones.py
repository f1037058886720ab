"""CNN trunks that turn an image into a convolutional feature map (survey §4.1, single pass).

A :class:`Backbone` is a pretrained network cut before its classifier, with the input
normalisation it was trained with and the provenance of its weights. Architectures are built
on torch's ``meta`` device and every tensor is then assigned from the weight file, so a
network with random weights can never come out of here. Loaded backbones are cached, one per
(key, weight file) in the process, and shared by every extractor that uses them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from heritage_explorer.core.errors import CorruptArtefactError, UnknownMethodError, WeightsUnavailableError
from heritage_explorer.descriptors.engines import torch_memory_format
from heritage_explorer.descriptors.weights import (
    WeightsLocation,
    load_checkpoint,
    require_weights,
    verified_sha256,
)

if TYPE_CHECKING:
    import os

    import torch

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
PRECISIONS = ("bf16", "fp32")


@dataclass(frozen=True)
class TrunkInfo:
    """Static facts about a trunk, known without loading it."""

    key: str
    title: str
    family: str  # key of _LOADERS: how the architecture is built and its weights mapped
    architecture: str  # timm or torchvision constructor name
    out_channels: int
    mean: tuple[float, float, float]
    std: tuple[float, float, float]


TRUNKS: dict[str, TrunkInfo] = {
    info.key: info
    for info in (
        TrunkInfo(
            "efflite0",
            "EfficientNet-Lite0",
            "efficientnet-lite",
            "tf_efficientnet_lite0",
            1280,
            (0.5, 0.5, 0.5),
            (0.5, 0.5, 0.5),
        ),
        TrunkInfo(
            "efflite2",
            "EfficientNet-Lite2",
            "efficientnet-lite",
            "tf_efficientnet_lite2",
            1280,
            (0.5, 0.5, 0.5),
            (0.5, 0.5, 0.5),
        ),
        TrunkInfo("resnet50", "ResNet-50", "resnet", "resnet50", 2048, IMAGENET_MEAN, IMAGENET_STD),
        TrunkInfo("resnet101", "ResNet-101", "resnet", "resnet101", 2048, IMAGENET_MEAN, IMAGENET_STD),
        TrunkInfo("vgg16", "VGG-16", "vgg", "vgg16", 512, IMAGENET_MEAN, IMAGENET_STD),
    )
}


@dataclass(frozen=True)
class RetrievalHead:
    """What a cnnimageretrieval-pytorch checkpoint adds on top of its trunk.

    ``pooling`` and ``gem_p`` come from ``meta['pooling']`` and ``pool.p``; the learned
    whitening ``whiten.weight`` (D×C) / ``whiten.bias`` (D) is applied after pooling and L2
    normalisation, as in ``ImageRetrievalNet.forward`` (Radenović et al. TPAMI 2018 §3.3).
    """

    pooling: str
    gem_p: float | None
    whitening_weight: np.ndarray | None
    whitening_bias: np.ndarray | None


@dataclass(frozen=True)
class _Loaded:
    module: Any  # torch.nn.Module
    forward: Callable[[Any], Any]
    mean: tuple[float, float, float]
    std: tuple[float, float, float]
    head: RetrievalHead | None = None


class Backbone:
    """A pretrained trunk: ``prepare`` an RGB image, then compute its ``feature_maps``."""

    def __init__(self, info: TrunkInfo, loaded: _Loaded, location: WeightsLocation, sha256: str) -> None:
        self.key = info.key
        self.info = info
        self.out_channels = info.out_channels
        self.mean = loaded.mean
        self.std = loaded.std
        self.retrieval_head = loaded.head
        self.weights_path = location.path
        self.weights_sha256 = sha256
        self.weights_source = location.describe()
        self._module = loaded.module
        self._forward = loaded.forward

    @property
    def module(self) -> torch.nn.Module:
        """The trunk network (shared by every user of this backbone: read it, do not modify it)."""
        return self._module

    def trunk_forward(self, x: torch.Tensor) -> torch.Tensor:
        """The trunk's forward pass as the loader defined it (no autocast, no checks: the engines' export)."""
        return self._forward(x)

    def __repr__(self) -> str:
        return f"Backbone({self.key!r}, {self.weights_path.name}, sha256={self.weights_sha256[:12]})"

    def prepare(self, rgb: np.ndarray) -> torch.Tensor:
        """H×W×3 uint8 RGB → 3×H×W float32, normalised with the trunk's mean and std."""
        import torch

        if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
            raise ValueError(f"expected an H×W×3 uint8 RGB array, got {rgb.shape} {rgb.dtype}")
        x = torch.tensor(rgb).permute(2, 0, 1).float().div_(255.0)  # a copy: rgb may be read-only
        mean = torch.tensor(self.mean, dtype=torch.float32).view(3, 1, 1)
        std = torch.tensor(self.std, dtype=torch.float32).view(3, 1, 1)
        return ((x - mean) / std).contiguous()

    def feature_maps(self, batch: torch.Tensor, precision: str | None = None) -> torch.Tensor:
        """N×3×H×W prepared images → N×C×h×w float32 maps (CPU, inference mode, channels_last).

        ``precision="bf16"`` runs under CPU autocast to bfloat16: about 2× faster on CPUs with
        native bf16 (None: ``engines.default_engine()``, bf16 only there; elsewhere 10–40× slower), descriptors within cosine 0.995 of fp32 (mean 0.999 on Paris photos).
        ``precision`` may also name an engine of ``descriptors/engines.py`` (``torch-bf16``,
        ``torch-fp32``, ``onnxruntime``, ``openvino``): the last two run an ONNX export of the trunk.
        """
        import torch

        from heritage_explorer.descriptors.engines import (
            canonical_engine,
            default_engine,
            engine_feature_maps,
        )

        if batch.ndim != 4 or batch.shape[1] != 3:
            raise ValueError(f"expected an N×3×H×W batch, got {tuple(batch.shape)}")
        engine = canonical_engine(precision or default_engine())
        if engine not in ("torch-bf16", "torch-fp32"):
            return engine_feature_maps(self, batch, engine)
        precision = engine.removeprefix("torch-")
        x = batch.float().contiguous(memory_format=torch_memory_format())
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
            maps = self._forward(x)
        return maps.float().contiguous()


def prepare_scales(
    backbone: Backbone, rgb: np.ndarray, scales: tuple[float, ...]
) -> dict[float, torch.Tensor]:
    """``{scale: 1×3×H×W}`` inputs for multi-scale description.

    Scale 1 is the prepared image; other scales resize the normalised tensor bilinearly, as
    cnnimageretrieval-pytorch ``extract_ms`` does (``interpolate(scale_factor=s)``).
    """
    import torch.nn.functional as F  # noqa: N812

    base = backbone.prepare(rgb).unsqueeze(0)
    return {
        scale: base
        if scale == 1.0
        else F.interpolate(base, scale_factor=scale, mode="bilinear", align_corners=False)
        for scale in scales
    }


def positional_rename(source: Mapping[str, Any], target: Mapping[str, Any], path: object) -> dict[str, Any]:
    """Give ``source``'s tensors ``target``'s names, pairing them in order, shapes checked one by one."""
    if len(source) != len(target):
        raise CorruptArtefactError(f"{path}: {len(source)} tensors, the architecture has {len(target)}")
    renamed = {}
    for (src_key, tensor), (dst_key, expected) in zip(source.items(), target.items(), strict=True):
        if tuple(tensor.shape) != tuple(expected.shape):
            raise CorruptArtefactError(
                f"{path}: {src_key} has shape {tuple(tensor.shape)}, but "
                f"{dst_key} needs {tuple(expected.shape)}"
            )
        renamed[dst_key] = tensor
    return renamed


def _assign_all(module: Any, state: Mapping[str, Any], path: object) -> None:
    """Strictly load ``state`` into a meta-device ``module`` and check nothing is left unset."""
    import itertools

    state = {k: (v.float() if v.is_floating_point() else v).contiguous() for k, v in state.items()}
    try:
        module.load_state_dict(state, strict=True, assign=True)
    except RuntimeError as exc:
        raise CorruptArtefactError(f"{path}: does not fit the architecture: {str(exc)[:600]}") from exc
    if any(t.is_meta for t in itertools.chain(module.parameters(), module.buffers())):
        raise CorruptArtefactError(f"{path}: some tensors of the architecture were not in the file")
    module.eval().requires_grad_(False)


def load_efficientnet_lite(
    key: str, path: str | os.PathLike[str] | None = None, *, with_classifier: bool = False
) -> torch.nn.Module:
    """A timm ``tf_efficientnet_lite*`` with the packaged weights, renamed by position (strict).

    With ``with_classifier`` the ImageNet head is kept (used to check the weights).
    """
    import timm
    import torch

    info = TRUNKS[key]
    location = require_weights(key, path)
    state = load_checkpoint(location.path)
    if not isinstance(state, Mapping):
        raise CorruptArtefactError(f"{location.path}: expected a state dict, got {type(state).__name__}")
    with torch.device("meta"):
        model = timm.create_model(info.architecture, pretrained=False)
    _assign_all(model, positional_rename(state, model.state_dict(), location.path), location.path)
    if not with_classifier:
        model.reset_classifier(0)
    return model


def _load_efficientnet_lite(info: TrunkInfo, location: WeightsLocation) -> _Loaded:

    model = load_efficientnet_lite(info.key, location.path).to(memory_format=torch_memory_format())
    return _Loaded(model, model.forward_features, info.mean, info.std)


def _split_retrieval_checkpoint(
    info: TrunkInfo, checkpoint: Mapping[str, Any], path: object
) -> tuple[dict[str, Any], RetrievalHead, Mapping[str, Any]]:
    """cnnimageretrieval-pytorch ``{'state_dict', 'meta'}`` → (trunk state, head, meta)."""
    meta = checkpoint.get("meta") or {}
    architecture = meta.get("architecture", info.architecture)
    if architecture != info.architecture:
        raise CorruptArtefactError(f"{path}: a {architecture} checkpoint, not {info.architecture}")
    if meta.get("local_whitening") or meta.get("regional"):
        raise WeightsUnavailableError(
            f"{path}: checkpoints with local whitening or regional pooling are not "
            "supported; use a plain GeM one such as rSfM120k-tl-resnet101-gem-w"
        )
    state = dict(checkpoint["state_dict"])
    p = state.pop("pool.p", None)
    weight, bias = state.pop("whiten.weight", None), state.pop("whiten.bias", None)
    if p is not None and p.numel() != 1:
        raise WeightsUnavailableError(f"{path}: GeM with one p per channel is not supported")
    if weight is not None and tuple(weight.shape) != (info.out_channels, info.out_channels):
        raise WeightsUnavailableError(
            f"{path}: whitening of shape {tuple(weight.shape)} is not supported "
            f"(only {info.out_channels}×{info.out_channels})"
        )
    head = RetrievalHead(
        pooling=str(meta.get("pooling", "gem")),
        gem_p=float(p.item()) if p is not None else None,
        whitening_weight=weight.float().numpy() if weight is not None else None,
        whitening_bias=(bias.float().numpy() if bias is not None else np.zeros(info.out_channels, np.float32))
        if weight is not None
        else None,
    )
    return state, head, meta


def _to_sequential_keys(state: Mapping[str, Any], child_names: list[str]) -> dict[str, Any]:
    """torchvision / cnnimageretrieval / bare-features keys → keys of ``nn.Sequential(children)``.

    ``features.`` and ``module.`` prefixes are removed, named children become their index
    (``layer1`` → ``4``) and the classifier (``fc``, ``classifier``) is dropped.
    """
    index = {name: str(i) for i, name in enumerate(child_names)}
    out = {}
    for key, tensor in state.items():
        key = key.removeprefix("module.").removeprefix("features.")
        head, _, rest = key.partition(".")
        if head in ("fc", "classifier"):
            continue
        out[f"{index.get(head, head)}.{rest}"] = tensor
    return out


def _load_torchvision(info: TrunkInfo, location: WeightsLocation) -> _Loaded:
    """ResNet (children up to ``layer4``) or VGG (``features`` without the last max-pool).

    These end with a ReLU, as cnnimageretrieval-pytorch's ``init_network`` cuts them.
    """
    import torch
    import torchvision
    from torch import nn

    checkpoint = load_checkpoint(location.path)
    if not isinstance(checkpoint, Mapping):
        raise CorruptArtefactError(f"{location.path}: expected a state dict, got {type(checkpoint).__name__}")
    head, mean, std = None, info.mean, info.std
    if "state_dict" in checkpoint:
        checkpoint, head, meta = _split_retrieval_checkpoint(info, checkpoint, location.path)
        mean, std = tuple(meta.get("mean", mean)), tuple(meta.get("std", std))
    with torch.device("meta"):
        net = getattr(torchvision.models, info.architecture)()
    if info.family == "vgg":
        children = list(net.features.children())[:-1]
        names = [str(i) for i in range(len(children))]
    else:
        named = list(net.named_children())[:-2]
        children, names = [m for _, m in named], [n for n, _ in named]
    trunk = nn.Sequential(*children)
    _assign_all(trunk, _to_sequential_keys(checkpoint, names), location.path)
    trunk = trunk.to(memory_format=torch_memory_format())
    return _Loaded(trunk, trunk, mean, std, head)  # type: ignore[arg-type]


_LOADERS: dict[str, Callable[[TrunkInfo, WeightsLocation], _Loaded]] = {
    "efficientnet-lite": _load_efficientnet_lite,
    "resnet": _load_torchvision,
    "vgg": _load_torchvision,
}

_CACHE: dict[tuple[str, str], Backbone] = {}
_CACHE_LOCK = threading.Lock()
_LOAD_LOCKS: dict[tuple[str, str], threading.Lock] = {}


def trunk_info(key: str) -> TrunkInfo:
    """Static facts about trunk ``key``; :class:`UnknownMethodError` lists the valid keys."""
    if key not in TRUNKS:
        raise UnknownMethodError(f"unknown backbone {key!r}; valid backbones: {', '.join(TRUNKS)}")
    return TRUNKS[key]


def load_backbone(key: str, *, weights_path: str | os.PathLike[str] | None = None) -> Backbone:
    """The pretrained backbone ``key``, loaded once per weight file and process (thread-safe).

    Raises :class:`WeightsUnavailableError` (saying which file to put where),
    :class:`UnsafeCheckpointError` or :class:`CorruptArtefactError`.
    """
    info = trunk_info(key)
    location = require_weights(key, weights_path)
    cache_key = (key, str(location.path.resolve()))
    with _CACHE_LOCK:
        if cache_key in _CACHE:
            return _CACHE[cache_key]
        lock = _LOAD_LOCKS.setdefault(cache_key, threading.Lock())
    with lock:
        with _CACHE_LOCK:
            if cache_key in _CACHE:
                return _CACHE[cache_key]
        sha256 = verified_sha256(location)
        backbone = Backbone(info, _LOADERS[info.family](info, location), location, sha256)
        with _CACHE_LOCK:
            _CACHE[cache_key] = backbone
    return backbone


def clear_backbone_cache() -> None:
    """Forget loaded backbones (frees their memory once no extractor holds them)."""
    with _CACHE_LOCK:
        _CACHE.clear()
        _LOAD_LOCKS.clear()
