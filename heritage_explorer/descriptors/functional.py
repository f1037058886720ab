"""Pooling of convolutional feature maps into global descriptors (pure functions).

Every function takes a float tensor ``x`` of shape N×C×H×W (non-negative activations, as after
a ReLU) and returns N×C, not normalised unless stated; :func:`l2n` normalises. These are the
"single feedforward pass" aggregations of Chen et al., *Deep Learning for Instance Retrieval: A
Survey*, §4.2.1 "Matching with Global Features" and Fig. 5. Torch is imported inside the
functions so that importing this module stays cheap.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import torch

RMAC_OVERLAP = 0.4  # desired overlap of neighbouring R-MAC regions (Tolias et al.)
RMAC_STEPS = (2, 3, 4, 5, 6, 7)  # candidate region counts along the long side


def l2n(x: torch.Tensor, eps: float = 1e-6) -> torch.Tensor:
    """L2-normalise the rows of an N×C tensor (the ``eps`` keeps zero rows finite)."""
    return x / (x.norm(p=2, dim=1, keepdim=True) + eps)


def mac(x: torch.Tensor) -> torch.Tensor:
    """MAC: maximum activation of each channel (Tolias et al. 2016; survey §4.2.1, Fig. 5)."""
    return x.amax(dim=(-2, -1))


def spoc_weights(height: int, width: int) -> np.ndarray:
    """Babenko's Gaussian centre prior on an H×W grid (float32, centre weight 1).

    σ is one third of the distance from the centre to the closest border, i.e.
    ``min(H, W) / 6`` in cells; cells are addressed by their centres.
    """
    sigma = min(height, width) / 6.0
    ys = np.arange(height, dtype=np.float64) - (height - 1) / 2.0
    xs = np.arange(width, dtype=np.float64) - (width - 1) / 2.0
    d2 = ys[:, None] ** 2 + xs[None, :] ** 2
    return np.exp(-d2 / (2.0 * sigma * sigma)).astype(np.float32)


def spoc(x: torch.Tensor) -> torch.Tensor:
    """SPoC: sum pooling weighted by a Gaussian centre prior.

    Babenko & Lempitsky, "Aggregating local deep features for image retrieval", ICCV 2015;
    survey §4.2.1 and Fig. 5 ("SPoC with the Gaussian weighting scheme").
    """
    import torch

    weights = torch.from_numpy(spoc_weights(x.shape[-2], x.shape[-1])).to(x.dtype)
    return (x * weights).sum(dim=(-2, -1))


def gem(x: torch.Tensor, p: float | torch.Tensor = 3.0, eps: float = 1e-6) -> torch.Tensor:
    """GeM: generalised mean ``(mean x^p)^(1/p)``; p=1 is average pooling, p→∞ is MAC.

    Radenović, Tolias & Chum, "Fine-tuning CNN image retrieval with no human annotation",
    TPAMI 2018; survey §4.2.1, Fig. 5.
    """
    return x.clamp(min=eps).pow(p).mean(dim=(-2, -1)).pow(1.0 / p)


def rmac_regions(height: int, width: int, levels: int = 3) -> list[tuple[int, int, int]]:
    """Square R-MAC regions ``(top, left, side)`` on an H×W map, for scales l = 1..L.

    The rigid grid of Tolias, Sicre & Jégou (ICLR 2016) as coded in cnnimageretrieval-pytorch
    ``rmac``: at scale l the side is ``floor(2·min(H, W)/(l+1))``, with l regions along the
    short side and l + extra along the long one, extra chosen so that neighbours overlap by
    about 40 %. The arithmetic is done with the same float32 torch operations as that code,
    so that ties (e.g. an 11×47 map) are broken the same way.
    """
    import torch

    w = min(height, width)
    steps = torch.tensor(RMAC_STEPS, dtype=torch.float32)
    b = (max(height, width) - w) / (steps - 1)
    extra = int(torch.argmin(torch.abs(((w**2 - w * b) / w**2) - RMAC_OVERLAP)).item()) + 1
    extra_w = extra if height < width else 0
    extra_h = extra if height > width else 0

    regions: list[tuple[int, int, int]] = []
    for level in range(1, levels + 1):
        side = math.floor(2 * w / (level + 1))
        if side == 0:
            continue
        half = math.floor(side / 2 - 1)
        tops = _region_starts(height, side, half, level + extra_h)
        lefts = _region_starts(width, side, half, level + extra_w)
        regions.extend((top, left, side) for top in tops for left in lefts)
    return regions


def _region_starts(length: int, side: int, half: int, count: int) -> list[int]:
    import torch

    step = 0 if count == 1 else (length - side) / (count - 1)
    centres = torch.floor(half + torch.arange(count, dtype=torch.float32) * step)
    return [int(c) - half for c in centres.tolist()]


def rmac(x: torch.Tensor, L: int = 3, eps: float = 1e-6) -> torch.Tensor:  # noqa: N803 (paper's name)
    """R-MAC: sum of L2-normalised MAC vectors of the whole map and of the regions.

    Tolias, Sicre & Jégou, "Particular object retrieval with integral max-pooling of CNN
    activations", ICLR 2016; survey §4.2.1, Fig. 5. Like cnnimageretrieval-pytorch, the
    whole-map MAC is included next to the :func:`rmac_regions` (L levels).
    """
    total = l2n(mac(x), eps)
    for top, left, side in rmac_regions(x.shape[-2], x.shape[-1], L):
        total = total + l2n(mac(x[..., top : top + side, left : left + side]), eps)
    return total


def crow_spatial_weights(x: torch.Tensor, a: float = 2.0, b: float = 2.0, eps: float = 1e-12) -> torch.Tensor:
    """CroW spatial weights (N×H×W): channel-summed map, power-normalised.

    ``S = (S' / ||S'||_a)^(1/b)`` with ``S'`` the sum over channels (Kalantidis et al. §3.1).
    """
    summed = x.sum(dim=1)
    norm = summed.pow(a).sum(dim=(-2, -1), keepdim=True).pow(1.0 / a)
    return (summed / (norm + eps)).pow(1.0 / b)


def crow_channel_weights(x: torch.Tensor) -> torch.Tensor:
    """CroW channel weights (N×C): ``log(Σ_h Q_h / Q_k)``, Q_k = fraction of non-zero cells.

    Channels that are never active get weight 0, as in the authors' code (Kalantidis et al. §3.2).
    """
    import torch

    q = (x > 0).to(x.dtype).mean(dim=(-2, -1))
    total = q.sum(dim=1, keepdim=True)
    return torch.where(q > 0, torch.log(total / q.clamp(min=1e-12)), torch.zeros_like(q))


def crow(x: torch.Tensor, a: float = 2.0, b: float = 2.0) -> torch.Tensor:
    """CroW: cross-dimensional (spatial and channel) weighting and sum pooling.

    Kalantidis, Mellina & Osindero, "Cross-dimensional weighting for aggregated deep
    convolutional features", ECCV 2016 workshops; survey §4.2.1, Fig. 5 and §4.2.3.
    """
    spatial = crow_spatial_weights(x, a, b)
    return (x * spatial.unsqueeze(1)).sum(dim=(-2, -1)) * crow_channel_weights(x)


def power_mean(vectors: torch.Tensor, p: float = 1.0) -> torch.Tensor:
    """``(mean_i v_i^p)^(1/p)`` over the rows of an S×D tensor, then L2-normalised (1×D).

    The multi-scale aggregation of cnnimageretrieval-pytorch ``extract_ms`` (Radenović et al.
    TPAMI 2018 §5): p is GeM's p for GeM descriptors, 1 otherwise.
    """
    return l2n(vectors.pow(p).mean(dim=0, keepdim=True).pow(1.0 / p))
