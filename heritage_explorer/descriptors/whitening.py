"""PCA-whitening of global descriptors, fitted on the collection (numpy only).

Survey §4.2 (Chen et al.): CNN global descriptors are usually post-processed by PCA and
whitening (Jégou & Chum, ECCV 2012; Babenko & Lempitsky §3 for SPoC; Tolias et al. for
R-MAC), then L2-normalised again. The estimator follows scikit-learn's shape: ``fit`` sets
attributes ending in ``_``, ``transform`` applies them. It is stored as ``.npz`` with a JSON
metadata entry and read back with ``allow_pickle=False``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from heritage_explorer.core.atomic import atomic_write_npz
from heritage_explorer.core.errors import CorruptArtefactError, HeritageError

SCHEMA = "heritage-explorer/pca-whitening"
SCHEMA_VERSION = 1
_CHUNK = 4096  # rows per block when accumulating the covariance
MAX_COVARIANCE_DIM = 4096  # longer vectors (32,768-d NetVLAD) are fitted through the N×N Gram matrix
MAX_GRAM_SAMPLES = 8192  # rows (a seeded sample) the Gram matrix is built from


class WhiteningFitError(HeritageError):
    """PCA-whitening cannot be fitted as asked (e.g. fewer images than output dimensions)."""


@dataclass
class PCAWhitening:
    """Centre, project on the top ``n_components`` principal axes, scale each by 1/√variance.

    With ``whiten=False`` the axes are not rescaled (plain PCA, scikit-learn's ``whiten``
    flag): on a few hundred images the whitened low-variance axes are mostly noise, and
    plain PCA is the better reduction (measured in the README). ``eps`` is added to the variances before the square root so that near-zero directions
    are not blown up. ``n_components`` must not exceed ``min(n_samples - 1, dim)`` (the rank
    of the centred data): asking for more raises :class:`WhiteningFitError` rather than
    silently giving fewer dimensions than the spec string promises.

    The one PCA of the project: global ``+pcaw``/``+pca`` stores, the DELF-style local features,
    NetVLAD's input projection and its ``+pcaw``. Vectors longer than ``MAX_COVARIANCE_DIM`` are
    fitted through the N×N Gram matrix (the D×D scatter matrix of 32,768-d NetVLAD would take
    8 GiB): the principal axes are ``Xcᵀu_i / √λ_i`` for the eigenpairs ``(λ_i, u_i)`` of ``Xc·Xcᵀ``,
    the same subspace and variances, from at most ``MAX_GRAM_SAMPLES`` rows (a seeded sample).
    """

    n_components: int
    eps: float = 1e-9
    whiten: bool = True
    metadata: dict[str, Any] = field(default_factory=dict)
    mean_: np.ndarray | None = field(default=None, repr=False)
    projection_: np.ndarray | None = field(default=None, repr=False)  # n_components × dim_in, rows scaled
    explained_variance_: np.ndarray | None = field(default=None, repr=False)
    n_samples_seen_: int = 0

    def fit(self, X: np.ndarray) -> PCAWhitening:  # noqa: N803 (scikit-learn's name)
        """Estimate mean, principal axes and variances from the rows of ``X`` (N×D)."""
        X = np.asarray(X)
        if X.ndim != 2:
            raise ValueError(f"expected an N×D array, got shape {X.shape}")
        n_samples, dim = X.shape
        limit = min(n_samples - 1, dim)
        if not 1 <= self.n_components <= limit:
            raise WhiteningFitError(
                f"PCA-whitening to {self.n_components} dimensions needs at least {self.n_components + 1} "
                f"descriptors of dimension ≥ {self.n_components}; got {n_samples} of dimension {dim}. "
                f"Use +pcaw{max(limit, 1)} or fewer, or add images."
            )
        if dim > MAX_COVARIANCE_DIM:
            mean, axes, variance, n_samples = _principal_axes_gram(X, self.n_components)
        else:
            mean, axes, variance = _principal_axes_covariance(X, self.n_components)
        self.mean_ = mean.astype(np.float32)
        scale = np.sqrt(variance + self.eps) if self.whiten else np.ones_like(variance)
        self.projection_ = (axes / scale).T.astype(np.float32)
        self.explained_variance_ = variance.astype(np.float32)
        self.n_samples_seen_ = n_samples
        return self

    @property
    def fitted(self) -> bool:
        return self.projection_ is not None

    def transform(self, X: np.ndarray) -> np.ndarray:  # noqa: N803
        """Whitened, L2-normalised float32 rows (N×n_components); a 1-D input gives 1-D."""
        if self.mean_ is None or self.projection_ is None:
            raise RuntimeError("PCAWhitening.transform called before fit (or load)")
        return project_rows(X, self.mean_, self.projection_, "fitted")

    def fit_transform(self, X: np.ndarray) -> np.ndarray:  # noqa: N803
        return self.fit(X).transform(X)

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Fitted state as plain arrays (metadata as a JSON string array), for ``np.savez``."""
        if self.mean_ is None or self.projection_ is None or self.explained_variance_ is None:
            raise RuntimeError("PCAWhitening is not fitted")
        header = {
            "schema": SCHEMA,
            "schema_version": SCHEMA_VERSION,
            "n_components": self.n_components,
            "eps": self.eps,
            "whiten": self.whiten,
            "n_samples_seen": self.n_samples_seen_,
            "dim_in": int(self.mean_.shape[0]),
            "metadata": self.metadata,
        }
        return {
            "mean": self.mean_,
            "projection": self.projection_,
            "explained_variance": self.explained_variance_,
            "header": np.array(json.dumps(header)),
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray] | Any, source: str = "<arrays>") -> PCAWhitening:
        """Inverse of :meth:`to_arrays`; checks the schema and the shapes."""
        try:
            header = json.loads(str(arrays["header"][()]))
            mean, projection = np.asarray(arrays["mean"]), np.asarray(arrays["projection"])
            variance = np.asarray(arrays["explained_variance"])
        except (KeyError, ValueError) as exc:
            raise CorruptArtefactError(f"{source}: not a PCA-whitening file ({exc})") from exc
        if header.get("schema") != SCHEMA or header.get("schema_version", 0) > SCHEMA_VERSION:
            raise CorruptArtefactError(
                f"{source}: unknown schema {header.get('schema')!r} version {header.get('schema_version')!r}"
            )
        n, dim = int(header["n_components"]), int(header["dim_in"])
        if mean.shape != (dim,) or projection.shape != (n, dim) or variance.shape != (n,):
            raise CorruptArtefactError(
                f"{source}: shapes {mean.shape}, {projection.shape}, {variance.shape} "
                f"do not match {dim} → {n}"
            )
        return cls(
            n_components=n,
            eps=float(header["eps"]),
            whiten=bool(header.get("whiten", True)),
            metadata=dict(header.get("metadata", {})),
            mean_=mean.astype(np.float32),
            projection_=projection.astype(np.float32),
            explained_variance_=variance.astype(np.float32),
            n_samples_seen_=int(header.get("n_samples_seen", 0)),
        )

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write atomically as ``.npz`` (no pickles)."""
        atomic_write_npz(path, **self.to_arrays())

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> PCAWhitening:
        """Read a file written by :meth:`save` (``allow_pickle=False``)."""
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls.from_arrays({key: data[key] for key in data.files}, str(path))
        except (OSError, ValueError) as exc:
            raise CorruptArtefactError(f"{path}: cannot read PCA-whitening ({exc})") from exc


def _principal_axes_covariance(x: np.ndarray, n_components: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mean, D×n axes, variances) of the top principal directions, from the D×D scatter matrix."""
    n_samples, dim = x.shape
    mean = x.mean(axis=0, dtype=np.float64)
    scatter = np.zeros((dim, dim))
    for start in range(0, n_samples, _CHUNK):
        centred = x[start : start + _CHUNK].astype(np.float64) - mean
        scatter += centred.T @ centred
    # Symmetric positive semi-definite: its SVD is its eigendecomposition, values sorted in decreasing
    # order (and LAPACK's SVD proved far less sensitive to thread contention than eigh).
    axes, eigenvalues, _ = np.linalg.svd(scatter / (n_samples - 1))
    return mean, axes[:, :n_components], np.clip(eigenvalues[:n_components], 0.0, None)


def _principal_axes_gram(x: np.ndarray, n_components: int, seed: int = 0
                         ) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(mean, D×n axes, variances, rows used) through the N×N Gram matrix of a seeded sample of rows."""
    x = np.asarray(x, np.float32)
    if len(x) > MAX_GRAM_SAMPLES:
        x = x[np.sort(np.random.default_rng(seed).choice(len(x), MAX_GRAM_SAMPLES, replace=False))]
    n = len(x)
    mean = x.mean(axis=0, dtype=np.float64).astype(np.float32)
    centred = x - mean
    u, eigenvalues, _ = np.linalg.svd((centred @ centred.T).astype(np.float64))
    top = eigenvalues[:n_components]
    axes = (centred.T @ u[:, :n_components].astype(np.float32)) / np.sqrt(np.maximum(top, 1e-30)).astype(np.float32)
    return mean, axes, top / (n - 1), n


def project_rows(X: np.ndarray, mean: np.ndarray, projection: np.ndarray, learned: str = "fitted") -> np.ndarray:  # noqa: N803
    """``P (x - μ)``, L2-normalised, float32 (N×n_components); a 1-D input gives 1-D. The transform of
    every linear whitening: PCA (:class:`PCAWhitening`) and learned (``learned_whitening``)."""
    X = np.asarray(X, dtype=np.float32)
    single = X.ndim == 1
    rows = X[None, :] if single else X
    if rows.shape[1] != mean.shape[0]:
        raise ValueError(f"descriptors of dimension {rows.shape[1]}, whitening {learned} on {mean.shape[0]}")
    out = (rows - mean) @ projection.T
    out /= np.linalg.norm(out, axis=1, keepdims=True) + 1e-12
    out = out.astype(np.float32, copy=False)
    return out[0] if single else out
