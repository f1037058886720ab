"""Pooling layers as ``torch.nn.Module`` wrappers around :mod:`.functional`, plus their catalogue.

:data:`POOLINGS` describes each pooling without importing torch (the registry and the GUI list
them); :func:`create_pooling` builds the module, defining the classes on first use so that
importing this module does not import torch. Survey: Chen et al. §4.2.1, Fig. 5.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from heritage_explorer.core.errors import UnknownMethodError

if TYPE_CHECKING:
    import torch


@dataclass(frozen=True)
class PoolingInfo:
    """What a pooling is, for people: name, one line, the paper and the survey section."""

    name: str
    title: str
    reference: str
    description: str


POOLINGS: dict[str, PoolingInfo] = {
    info.name: info
    for info in (
        PoolingInfo("mac", "MAC", "Tolias et al. ICLR 2016; survey §4.2.1", "maximum activation per channel"),
        PoolingInfo(
            "spoc",
            "SPoC",
            "Babenko & Lempitsky ICCV 2015; survey §4.2.1",
            "sum pooling with a Gaussian centre prior",
        ),
        PoolingInfo(
            "gem",
            "GeM",
            "Radenović et al. TPAMI 2018; survey §4.2.1",
            "generalised mean pooling, p = 3 (or the checkpoint's learned p)",
        ),
        PoolingInfo(
            "rmac",
            "R-MAC",
            "Tolias et al. ICLR 2016; survey §4.2.1",
            "sum of normalised MACs over a rigid grid of regions (L = 3)",
        ),
        PoolingInfo(
            "crow",
            "CroW",
            "Kalantidis et al. ECCVW 2016; survey §4.2.1",
            "spatially and channel-weighted sum pooling (a = b = 2)",
        ),
    )
}


@functools.cache
def pooling_classes() -> SimpleNamespace:
    """The module classes ``MAC``, ``SPoC``, ``GeM``, ``RMAC``, ``CroW`` (built on first call)."""
    import torch
    from torch import nn

    from heritage_explorer.descriptors import functional as F

    class MAC(nn.Module):
        """MAC pooling, N×C×H×W → N×C."""

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return F.mac(x)

    class SPoC(nn.Module):
        """SPoC pooling with Babenko's centre prior, N×C×H×W → N×C."""

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return F.spoc(x)

    class GeM(nn.Module):
        """GeM pooling with a learnable exponent ``p`` (Radenović et al. TPAMI 2018 §3.2)."""

        def __init__(self, p: float = 3.0, eps: float = 1e-6) -> None:
            super().__init__()
            self.p = nn.Parameter(torch.ones(1) * p)
            self.eps = eps

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return F.gem(x, p=self.p, eps=self.eps)

        def extra_repr(self) -> str:
            return f"p={self.p.item():.4f}, eps={self.eps}"

    class RMAC(nn.Module):
        """R-MAC pooling over L levels of regions, N×C×H×W → N×C."""

        def __init__(self, L: int = 3, eps: float = 1e-6) -> None:  # noqa: N803 (paper's name)
            super().__init__()
            self.L = L
            self.eps = eps

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return F.rmac(x, L=self.L, eps=self.eps)

        def extra_repr(self) -> str:
            return f"L={self.L}"

    class CroW(nn.Module):
        """CroW pooling with spatial exponents a, b, N×C×H×W → N×C."""

        def __init__(self, a: float = 2.0, b: float = 2.0) -> None:
            super().__init__()
            self.a = a
            self.b = b

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return F.crow(x, a=self.a, b=self.b)

        def extra_repr(self) -> str:
            return f"a={self.a}, b={self.b}"

    return SimpleNamespace(
        MAC=MAC,
        SPoC=SPoC,
        GeM=GeM,
        RMAC=RMAC,
        CroW=CroW,
        by_name={"mac": MAC, "spoc": SPoC, "gem": GeM, "rmac": RMAC, "crow": CroW},
    )


def create_pooling(name: str, **options: Any) -> torch.nn.Module:
    """A pooling module by name (``mac``, ``spoc``, ``gem``, ``rmac``, ``crow``), in eval mode."""
    classes = pooling_classes().by_name
    if name not in classes:
        raise UnknownMethodError(f"unknown pooling {name!r}; valid poolings: {', '.join(POOLINGS)}")
    return classes[name](**options).eval()
