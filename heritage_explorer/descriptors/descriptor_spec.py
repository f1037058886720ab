"""The parsed global descriptor of the registry (:func:`~.registry.parse_spec`): what one store holds.

Its own module so that the extractors (built by the registry) can carry it without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MethodSpec:
    """A parsed spec string."""

    method: str  # registered name, e.g. "resnet101-gem" or "colorhist"
    kind: str
    multiscale: bool = False
    grayscale: bool = False
    whitening_dim: int | None = None
    whiten: bool = True  # False for ``+pca<D>``
    adapt: str | None = None  # ``+adapt:NAME``: an adaptation learned on the project (pipeline/adapt.py)

    def __str__(self) -> str:
        return self.spec

    @property
    def pooling(self) -> str:
        """The pooling of a CNN method (``gem`` of ``efflite0-gem``; ``netvlad``, ``colorhist`` for the others)."""
        return "netvlad" if self.netvlad else self.method.rpartition("-")[2]

    @property
    def netvlad(self) -> bool:
        """NetVLAD: fitted on the collection (``pipeline.netvlad``), extracted on torch."""
        return self.method.startswith("netvlad-")

    @property
    def base(self) -> MethodSpec:
        """The descriptor before any fitted projection (``+pcaw``/``+pca``/``+adapt``): what the base store holds."""
        return MethodSpec(self.method, self.kind, self.multiscale, self.grayscale)

    @property
    def base_spec(self) -> str:
        """The canonical spec without ``+pcaw<D>`` / ``+pca<D>``."""
        return self.method + "+ms" * self.multiscale + "+gray" * self.grayscale

    @property
    def spec(self) -> str:
        """The canonical spec string."""
        if self.adapt:
            return self.base_spec + f"+adapt:{self.adapt}"
        if not self.whitening_dim:
            return self.base_spec
        return self.base_spec + f"+{'pcaw' if self.whiten else 'pca'}{self.whitening_dim}"
