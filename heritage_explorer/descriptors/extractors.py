"""Extractors: what the registry builds from a spec string, and what the pipeline drives.

The pipeline shares work between extractors: all extractors with the same ``backbone_key``
(and precision) use one forward pass per image and scale, then each one ``pool``\\ s the maps.
``describe`` runs the whole path for one image (tests, the GUI's "query by example").
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from heritage_explorer.descriptors.backbones import Backbone, load_backbone, prepare_scales
from heritage_explorer.descriptors.colorhist import hsv_histogram
from heritage_explorer.descriptors.descriptor_spec import MethodSpec

if TYPE_CHECKING:
    import torch

DEFAULT_MAX_SIDE = 512  # longest image side fed to the networks
SINGLE_SCALE: tuple[float, ...] = (1.0,)
MULTI_SCALES: tuple[float, ...] = (1.0, 1.0 / math.sqrt(2.0), 0.5)  # Radenović et al. TPAMI 2018 §5
GEM_P = 3.0


def fit_max_side(rgb: np.ndarray, max_side: int) -> np.ndarray:
    """Downscale (area interpolation) so that the longest side is at most ``max_side``."""
    import cv2

    height, width = rgb.shape[:2]
    if max(height, width) <= max_side:
        return rgb
    scale = max_side / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)


def to_grayscale_rgb(rgb: np.ndarray) -> np.ndarray:
    """Luma (ITU-R BT.601, as PIL's ``convert('L')``) repeated on three channels."""
    import cv2

    gray = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY)
    return np.repeat(gray[:, :, None], 3, axis=2)


def _select_scales(maps: dict[float, Any], scales: tuple[float, ...], spec: str) -> dict[float, Any]:
    """``maps`` entries for ``scales``, matching keys to 1e-6 (``2**-0.5`` is ``1/sqrt(2)``)."""
    chosen = {}
    for scale in scales:
        key = next((k for k in maps if abs(k - scale) < 1e-6), None)
        if key is None:
            raise ValueError(
                f"{spec}: feature maps missing for scale {scale:.4f}; needs {scales}, got {list(maps)}"
            )
        chosen[scale] = maps[key]
    return chosen


@dataclass(frozen=True, eq=False)
class Extractor(ABC):
    """A configured descriptor method. ``dim`` is the final dimension (after ``+pcaw``).

    ``pool`` returns the descriptor *before* PCA-whitening: the pipeline fits
    :class:`~heritage_explorer.descriptors.whitening.PCAWhitening` to ``whitening_dim`` on the
    collection and applies it.
    """

    descriptor: MethodSpec  # the typed method this extractor computes (the registry's parse)
    kind: str  # "global" | "local" | "baseline"
    dim: int
    raw_dim: int  # dimension returned by pool/describe (before +pcaw)
    grayscale: bool = False
    max_side: int = DEFAULT_MAX_SIDE
    scales: tuple[float, ...] = SINGLE_SCALE
    whitening_dim: int | None = None
    whiten: bool = True  # False: ``+pca<D>`` (PCA without whitening)
    backbone_key: str | None = None
    weights_sha256: str | None = None
    weights_source: str = ""
    precision: str = "bf16"

    @property
    def spec(self) -> str:
        """The canonical spelling of what is stored (``efflite0-gem+pcaw256``)."""
        return self.descriptor.spec

    @property
    def base_spec(self) -> str:
        """The canonical spelling of the base store (before ``+pcaw``/``+pca``/``+adapt``)."""
        return self.descriptor.base_spec

    def backbone(self) -> Backbone | None:
        """The shared backbone (loaded on first call), or ``None`` for hand-crafted methods."""
        return None

    def pool(self, maps: dict[float, torch.Tensor]) -> np.ndarray:
        """Descriptor from ``maps[scale]`` (1×C×h×w): float32 (raw_dim,), L2-normalised."""
        raise NotImplementedError(f"{self.spec} has no feature maps; use describe()")

    @abstractmethod
    def describe(self, rgb: np.ndarray) -> np.ndarray:
        """Descriptor of one H×W×3 uint8 RGB image: float32 (raw_dim,), L2-normalised."""

    def prepare_image(self, rgb: np.ndarray) -> np.ndarray:
        """Apply this extractor's ``max_side`` and ``+gray`` to an image (what ``describe`` does)."""
        rgb = fit_max_side(rgb, self.max_side)
        return to_grayscale_rgb(rgb) if self.grayscale else rgb


@dataclass(frozen=True, eq=False)
class CnnExtractor(Extractor):
    """CNN feature map → pooling → L2n (→ learned whitening → L2n) per scale → scale mean → L2n.

    With a cnnimageretrieval checkpoint whose ``meta['pooling']`` is this pooling, its learned
    GeM ``p`` and its whitening are used, as ``ImageRetrievalNet.forward`` does. Scales are
    combined as in ``extract_ms``: power mean with GeM's p for GeM without learned whitening,
    p = 1 otherwise (survey §4.2.1; Radenović et al. TPAMI 2018 §5).
    """

    pooling: str = "gem"
    weights_path: Path | None = None
    _cache: dict[str, Any] = field(default_factory=dict, init=False, repr=False)

    def backbone(self) -> Backbone:
        if "backbone" not in self._cache:
            assert self.backbone_key is not None
            self._cache["backbone"] = load_backbone(self.backbone_key, weights_path=self.weights_path)
        return self._cache["backbone"]

    def _head(self) -> tuple[Any, Any, Any, float]:
        """(pooling module, whitening weight, bias, multi-scale p), built once."""
        if "head" not in self._cache:
            import torch

            from heritage_explorer.descriptors.pooling import create_pooling

            head = self.backbone().retrieval_head
            applies = head is not None and head.pooling == self.pooling
            options: dict[str, Any] = {}
            if self.pooling == "gem":
                options["p"] = head.gem_p if applies and head.gem_p is not None else GEM_P
            module = create_pooling(self.pooling, **options)
            weight = bias = None
            if applies and head.whitening_weight is not None:
                weight = torch.from_numpy(head.whitening_weight)
                bias = torch.from_numpy(head.whitening_bias)
            ms_p = float(options["p"]) if self.pooling == "gem" and weight is None else 1.0
            self._cache["head"] = (module, weight, bias, ms_p)
        return self._cache["head"]

    def pool(self, maps: dict[float, torch.Tensor]) -> np.ndarray:
        import torch

        from heritage_explorer.descriptors import functional as F

        chosen = _select_scales(maps, self.scales, self.spec)
        module, weight, bias, ms_p = self._head()
        vectors = []
        with torch.inference_mode():
            for scale, fmap in chosen.items():
                if fmap.ndim != 4 or fmap.shape[0] != 1 or fmap.shape[1] != self.raw_dim:
                    raise ValueError(
                        f"{self.spec}: expected a 1×{self.raw_dim}×h×w map at scale {scale}, "
                        f"got {tuple(fmap.shape)}"
                    )
                vector = F.l2n(module(fmap.float()))
                if weight is not None:
                    vector = F.l2n(vector @ weight.T + bias)
                vectors.append(vector)
            out = vectors[0] if len(vectors) == 1 else F.power_mean(torch.cat(vectors), ms_p)
        return out[0].numpy().astype(np.float32)

    def describe(self, rgb: np.ndarray) -> np.ndarray:
        backbone = self.backbone()
        inputs = prepare_scales(backbone, self.prepare_image(rgb), self.scales)
        return self.pool({scale: backbone.feature_maps(x, self.precision) for scale, x in inputs.items()})


@dataclass(frozen=True, eq=False)
class ColorHistExtractor(Extractor):
    """The HSV colour histogram baseline (no network, no feature maps)."""

    def describe(self, rgb: np.ndarray) -> np.ndarray:
        return hsv_histogram(self.prepare_image(rgb))
