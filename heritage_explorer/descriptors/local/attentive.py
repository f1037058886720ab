"""DELF-style attentive local features: dense CNN features, attention-selected, PCA-reduced.

Noh et al., "Large-Scale Image Retrieval with Attentive Deep Local Features" (DELF, ICCV 2017),
as used in the Alegoria benchmark (Gominski et al. §3: "DELF [...] uses an attention mechanism
to select the most relevant local descriptors"; §4.1, matched by inlier count). Chen et al.,
survey §4.2.2 (*describe-then-detect*: "keypoints on the convolutional feature maps can be
selected based on attention scores") and §4.2.3 (attention). The recipe:

1. the image at several scales through a pretrained trunk, cut at an intermediate stage of
   stride 16 (ResNet conv4 as in DELF; for the offline EfficientNet-Lite trunks, block 5 of 7,
   the last stride-16 stage);
2. each location of each map is a local feature whose keypoint is the centre of its receptive
   field (measured on the network itself, see :func:`receptive_field_centre`);
3. an attention score per location: a trained DELF attention head when one is given
   (``+attn``), otherwise the L2 norm of the feature, as HOW does (Tolias et al., "Learning and
   aggregating deep local descriptors for instance-level recognition", ECCV 2020, §3: "the
   L2 norm of the local descriptor [...] as the attention");
4. the top-N locations over all scales are kept, their features L2-normalised, reduced by a
   PCA(-whitening) fitted on the collection and L2-normalised again.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from heritage_explorer.core.errors import UnknownMethodError, WeightsUnavailableError
from heritage_explorer.descriptors.engines import torch_memory_format
from heritage_explorer.descriptors.local.features import LocalFeatures, make_features

if TYPE_CHECKING:
    import torch

    from heritage_explorer.descriptors.whitening import PCAWhitening

#: DELF's scales are 1/4 … 2 in √2 steps; four of them keep a CPU extraction under a second.
ATTENTIVE_SCALES: tuple[float, ...] = (0.5, 0.7071, 1.0, 1.4142)
ATTENTIVE_MAX_SIDE = 640
ATTENTION_FILE = "delf-attention-{backbone}.pth"  # looked for in $HERITAGE_EXPLORER_WEIGHTS_DIR


@dataclass(frozen=True)
class StageInfo:
    """Where a trunk is cut for local features: a stride-16 stage."""

    title: str
    channels: int
    stride: int = 16


STAGES: dict[str, StageInfo] = {
    "efflite0": StageInfo("EfficientNet-Lite0 block 5 (stride 16)", 112),
    "efflite2": StageInfo("EfficientNet-Lite2 block 5 (stride 16)", 120),
    "resnet50": StageInfo("ResNet-50 conv4", 1024),
    "resnet101": StageInfo("ResNet-101 conv4", 1024),
}


def stage_info(backbone_key: str) -> StageInfo:
    if backbone_key not in STAGES:
        raise UnknownMethodError(f"no intermediate stage defined for {backbone_key!r}; "
                                 f"attentive local features take {', '.join(STAGES)}")
    return STAGES[backbone_key]


def stage_module(backbone: Any) -> torch.nn.Module:
    """The backbone's trunk up to its stride-16 stage (shares the loaded weights)."""
    import torch

    module = backbone.module
    if backbone.key.startswith("efflite"):
        return torch.nn.Sequential(module.conv_stem, module.bn1, *module.blocks[:5]).eval()
    if backbone.key.startswith("resnet"):
        return torch.nn.Sequential(*list(module.children())[:7]).eval()  # conv1 … layer3 (conv4_x)
    raise UnknownMethodError(f"no intermediate stage defined for {backbone.key!r}")


@lru_cache(maxsize=8)
def receptive_field_centre(backbone_key: str, weights_sha256: str, probe_size: int = 384) -> float:
    """Offset ``o`` such that map cell ``j`` is centred on input pixel ``stride·j + o``.

    Measured, not assumed: the gradient of one interior output cell with respect to the input
    is non-zero exactly on the cell's receptive field; its bounding box's centre is DELF's
    keypoint (Noh et al. §3.1 "receptive field centre"). TensorFlow-style "same" padding
    (EfficientNet-Lite) gives ``16j + 15``, symmetric padding (ResNet) ``16j``.
    """
    import torch

    from heritage_explorer.descriptors.backbones import load_backbone

    backbone = load_backbone(backbone_key)
    trunk = stage_module(backbone)
    x = torch.zeros(1, 3, probe_size, probe_size, requires_grad=True)
    with torch.enable_grad():
        y = trunk(x)
        j = y.shape[-1] // 2
        y[0, :, j, j].sum().backward()
    support = (x.grad[0].abs().sum(0) > 0).nonzero()
    centre = (support.min(0).values + support.max(0).values).float().mean().item() / 2.0
    return float(centre - stage_info(backbone_key).stride * j)


class AttentionHead:
    """DELF's attention network: 1×1 conv (C→512), ReLU, 1×1 conv (512→1), softplus (Noh et al. §4).

    Loaded from a plain state dict with ``conv1.weight``, ``conv1.bias``, ``conv2.weight``,
    ``conv2.bias`` (tensors only; loaded with ``weights_only=True``).
    """

    def __init__(self, path: Path, channels: int) -> None:
        from heritage_explorer.descriptors.weights import file_sha256, load_checkpoint

        state = load_checkpoint(path)
        needed = ("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias")
        if not isinstance(state, dict) or any(k not in state for k in needed):
            raise WeightsUnavailableError(f"{path}: an attention head needs the tensors {', '.join(needed)}")
        if state["conv1.weight"].shape[1] != channels or state["conv2.weight"].shape[0] != 1:
            raise WeightsUnavailableError(f"{path}: attention head for {state['conv1.weight'].shape[1]} channels, "
                                          f"the features have {channels}")
        self.state = {k: state[k].float() for k in needed}
        self.sha256 = file_sha256(path)

    def __call__(self, maps: torch.Tensor) -> torch.Tensor:
        import torch.nn.functional as F  # noqa: N812

        hidden = F.relu(F.conv2d(maps, self.state["conv1.weight"], self.state["conv1.bias"]))
        return F.softplus(F.conv2d(hidden, self.state["conv2.weight"], self.state["conv2.bias"]))[:, 0]


def find_attention_head(backbone_key: str) -> Path:
    """The trained attention head for ``backbone_key`` in ``$HERITAGE_EXPLORER_WEIGHTS_DIR``."""
    from heritage_explorer.descriptors.weights import WEIGHTS_DIR_ENV, weights_dir

    folder = weights_dir()
    path = folder / ATTENTION_FILE.format(backbone=backbone_key) if folder else None
    if path is None or not path.is_file():
        raise WeightsUnavailableError(
            f"+attn needs a trained DELF attention head: put {ATTENTION_FILE.format(backbone=backbone_key)} "
            f"(state dict conv1/conv2) in the folder named by ${WEIGHTS_DIR_ENV}; without +attn the L2 norm "
            "of each feature is the attention (HOW)")
    return path


@dataclass
class AttentiveExtractor:
    """Attentive local features of ``backbone_key`` (see the module docstring).

    ``raw_features`` gives the selected, L2-normalised features before PCA (used to fit it);
    ``describe`` needs the fitted ``pca`` (a :class:`~heritage_explorer.descriptors.whitening.PCAWhitening`).
    """

    backbone_key: str = "efflite0"
    n_features: int = 1000
    pca_dim: int = 128
    attention_path: Path | None = None
    max_side: int = ATTENTIVE_MAX_SIDE
    scales: tuple[float, ...] = ATTENTIVE_SCALES
    precision: str = "fp32"
    pca: PCAWhitening | None = None
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    binary = False

    @property
    def dim(self) -> int:
        """Descriptor dimension after PCA: ``pca_dim``, at most the stage's channels."""
        return min(self.pca_dim, stage_info(self.backbone_key).channels)

    @property
    def spec(self) -> str:
        pca = "" if self.pca_dim == 128 else f"+pca{self.pca_dim}"
        return f"delf-{self.backbone_key}-{self.n_features}{pca}{'+attn' if self.attention_path else ''}"

    @property
    def attention_kind(self) -> str:
        return ("trained DELF attention head" if self.attention_path is not None
                else "L2 norm of the feature (HOW, Tolias et al. 2020)")

    @property
    def description(self) -> str:
        info = stage_info(self.backbone_key)
        return (f"DELF-style attentive local features: {info.title}, {info.channels}-d, scales "
                f"{', '.join(f'{s:g}' for s in self.scales)}; attention: {self.attention_kind}; top {self.n_features}, "
                f"PCA-whitened to {self.dim}-d on the collection; similarity = RANSAC inliers")

    def _backbone(self) -> Any:
        if "backbone" not in self._cache:
            from heritage_explorer.descriptors.backbones import load_backbone

            backbone = load_backbone(self.backbone_key)
            self._cache["backbone"] = backbone
            self._cache["trunk"] = stage_module(backbone)
            self._cache["offset"] = receptive_field_centre(self.backbone_key, backbone.weights_sha256)
            self._cache["attention"] = (AttentionHead(self.attention_path, stage_info(self.backbone_key).channels)
                                        if self.attention_path is not None else None)
        return self._cache["backbone"]

    @property
    def weights_sha256(self) -> str:
        """The trunk's weights hash (and the attention head's, when one is used)."""
        self._backbone()
        head = self._cache["attention"]
        return self._cache["backbone"].weights_sha256 + (f"+{head.sha256}" if head is not None else "")

    def raw_features(self, rgb: np.ndarray) -> LocalFeatures:
        """Top-``n_features`` locations over all scales, L2-normalised C-d float32 features."""
        import torch

        from heritage_explorer.descriptors.backbones import prepare_scales

        backbone = self._backbone()
        trunk, offset, head = self._cache["trunk"], self._cache["offset"], self._cache["attention"]
        stride = stage_info(self.backbone_key).stride
        height, width = rgb.shape[:2]
        points, features, scores = [], [], []
        with torch.inference_mode(), self._lock, torch.autocast(
                "cpu", dtype=torch.bfloat16, enabled=self.precision == "bf16"):
            for scale, x in prepare_scales(backbone, rgb, self.scales).items():
                maps = trunk(x.contiguous(memory_format=torch_memory_format())).float()
                attention = head(maps)[0] if head is not None else maps[0].norm(dim=0)
                h, w = attention.shape
                jy, jx = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
                # interpolate(scale_factor=s) maps output pixel c to input (c + 0.5) / s - 0.5
                xy = np.stack([stride * jx + offset, stride * jy + offset], -1)
                xy = (xy + 0.5) / scale - 0.5
                points.append(xy.reshape(-1, 2))
                features.append(maps[0].permute(1, 2, 0).reshape(-1, maps.shape[1]).numpy())
                scores.append(attention.reshape(-1).float().numpy())
        xy, feats, score = np.concatenate(points), np.concatenate(features), np.concatenate(scores)
        inside = (xy[:, 0] >= 0) & (xy[:, 0] <= width - 1) & (xy[:, 1] >= 0) & (xy[:, 1] <= height - 1)
        xy, feats, score = xy[inside], feats[inside], score[inside]
        top = np.argsort(-score, kind="stable")[: self.n_features]
        feats = feats[top] / (np.linalg.norm(feats[top], axis=1, keepdims=True) + 1e-12)
        return LocalFeatures(xy[top].astype(np.float32), feats.astype(np.float32), score[top].astype(np.float32),
                             (width, height))

    def reduce(self, raw: LocalFeatures) -> LocalFeatures:
        """Apply the fitted PCA(-whitening) to raw features (L2-normalised again), float16."""
        if self.pca is None:
            raise RuntimeError(f"{self.spec}: the PCA is not fitted yet (fit it on the collection first)")
        reduced = (self.pca.transform(raw.descriptors.astype(np.float32)) if len(raw)
                   else np.zeros((0, self.dim), np.float32))
        return make_features(raw.keypoints, reduced, raw.scores, raw.image_size, dim=self.dim, binary=False)

    def describe(self, rgb: np.ndarray) -> LocalFeatures:
        return self.reduce(self.raw_features(rgb))
