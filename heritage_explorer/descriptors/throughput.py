"""Bare-backbone throughput on pre-decoded tensors: the reference the extraction benchmark compares to."""

from __future__ import annotations

import copy
import time
from collections.abc import Sequence

import numpy as np

from heritage_explorer.descriptors.backbones import Backbone


def bare_backbone_rate(
    backbone: Backbone, images: Sequence[np.ndarray], *, precision: str, channels_last: bool, warmup: int = 2
) -> float:
    """Images/s of the trunk alone (batch 1) on already-prepared inputs, for one configuration."""
    import torch

    module = backbone.module
    if not channels_last:
        module = copy.deepcopy(module).to(memory_format=torch.contiguous_format)
    tensors = [backbone.prepare(rgb).unsqueeze(0) for rgb in images]
    fmt = torch.channels_last if channels_last else torch.contiguous_format
    tensors = [t.contiguous(memory_format=fmt) for t in tensors]
    forward = backbone._forward if channels_last else _forward_of(backbone, module)
    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
        for t in tensors[:warmup]:
            forward(t)
        start = time.perf_counter()
        for t in tensors:
            forward(t)
        elapsed = time.perf_counter() - start
    return len(tensors) / elapsed


def _forward_of(backbone: Backbone, module):
    """The backbone's forward function bound to another copy of its module."""
    if getattr(module, "forward_features", None) is not None:
        return module.forward_features
    return module


def descriptor_agreement(backbone: Backbone, images: Sequence[np.ndarray], pool) -> float:
    """Smallest cosine between bf16 and fp32 descriptors (``pool`` maps a feature map to a vector)."""
    worst = 1.0
    for rgb in images:
        x = backbone.prepare(rgb).unsqueeze(0)
        a = pool({1.0: backbone.feature_maps(x, precision="fp32")})
        b = pool({1.0: backbone.feature_maps(x, precision="bf16")})
        worst = min(worst, float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b))))
    return worst


def torch_threads() -> int:
    """``torch.get_num_threads()``: the intra-op threads the model runs with."""
    import torch

    return torch.get_num_threads()
