"""Learned whitening (Lw) from matching pairs, with shrinkage for small collections (numpy only).

Radenović, Tolias & Chum, "Fine-tuning CNN image retrieval with no human annotation" (TPAMI
2019), §"Learning whitening": the whitening is learned from pairs known to match instead of
from the raw descriptor cloud (PCA-whitening). With ``f`` the descriptors and ``μ`` their mean:

1. the intra-class covariance of the matching pairs, ``C_S = Σ_{(i,j) match} (f_i - f_j)(f_i - f_j)ᵀ / n``;
   its inverse square root ``C_S^{-1/2}`` is the whitening part;
2. the inter-class scatter ``C_D`` (of non-matching pairs, or — as cnnimageretrieval-pytorch's
   ``whitenlearn`` does — of all centred descriptors, which are overwhelmingly non-matching),
   taken in the whitened space; its eigenvectors, by decreasing eigenvalue, are the rotation
   ``R``;
3. ``P = Rᵀ C_S^{-1/2}``, applied as ``P (f - μ)`` then L2-normalised.

A few hundred pairs in 1280 dimensions give a rank-deficient ``C_S``: its inverse square root
blows up the directions no pair constrains (the collapse PCA-whitening shows on 300 images).
``C_S`` is therefore shrunk toward a multiple of the identity, ``(1 - α) C_S + α (tr C_S / d) I``,
with ``α`` estimated by Ledoit & Wolf (2004) from the pair differences (or OAS, Chen et al.
2010, or given). With ``n_components`` None the output keeps every dimension, and the rotation
then leaves inner products unchanged: the learned part is the shrunk whitening and the centring.

scikit-learn's estimator shape: ``fit`` sets the attributes ending in ``_``, ``transform``
applies them; stored as ``.npz`` with a JSON header, read with ``allow_pickle=False``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from heritage_explorer.core.atomic import atomic_write_npz
from heritage_explorer.core.errors import CorruptArtefactError, HeritageError
from heritage_explorer.descriptors.whitening import project_rows

SCHEMA = "heritage-explorer/learned-whitening"
SCHEMA_VERSION = 1
SHRINKAGE_ESTIMATORS = ("ledoit-wolf", "oas")


class LearnedWhiteningError(HeritageError):
    """Lw cannot be fitted from what was given (no pairs, pairs out of range)."""


def _pairs(pairs: Any, n: int, what: str) -> np.ndarray:
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    if len(pairs) and (pairs.min() < 0 or pairs.max() >= n):
        raise LearnedWhiteningError(f"{what} pairs index rows outside the {n} descriptors")
    return pairs


def ledoit_wolf_shrinkage(diffs: np.ndarray) -> float:
    """Ledoit & Wolf (2004) shrinkage intensity of the second-moment matrix of ``diffs`` (n×d)
    toward ``(tr S / d) I``: ``min(β̄², δ²) / δ²`` with ``δ² = ‖S - μI‖²_F`` and
    ``β̄² = Σ_k ‖x_k x_kᵀ - S‖²_F / n²`` (Frobenius norms divided by d, as in the paper)."""
    n, d = diffs.shape
    if n == 0:
        return 1.0
    S = diffs.T @ diffs / n
    mu = np.trace(S) / d
    delta2 = (np.sum(S * S) - 2 * mu * np.trace(S) + mu * mu * d) / d
    if delta2 <= 0:
        return 1.0  # already a multiple of the identity
    norms2 = np.sum(diffs * diffs, axis=1)
    quad = np.sum((diffs @ S) * diffs, axis=1)  # x_kᵀ S x_k
    beta_bar2 = np.sum(norms2 * norms2 - 2 * quad + np.sum(S * S)) / (n * n * d)
    return float(min(beta_bar2, delta2) / delta2)


def oas_shrinkage(diffs: np.ndarray) -> float:
    """Oracle Approximating Shrinkage (Chen, Wiesel, Eldar & Hero 2010) of the same matrix."""
    n, d = diffs.shape
    if n == 0:
        return 1.0
    S = diffs.T @ diffs / n
    tr, tr2 = np.trace(S), np.sum(S * S)
    denominator = (n + 1 - 2 / d) * (tr2 - tr * tr / d)
    if denominator <= 0:
        return 1.0
    return float(min(1.0, ((1 - 2 / d) * tr2 + tr * tr) / denominator))


@dataclass
class LearnedWhitening:
    """Lw from positive pairs; ``shrinkage`` is an estimator name or a fixed ``α`` in [0, 1]."""

    shrinkage: str | float = "ledoit-wolf"
    n_components: int | None = None
    eps: float = 1e-9
    metadata: dict[str, Any] = field(default_factory=dict)
    mean_: np.ndarray | None = field(default=None, repr=False)
    projection_: np.ndarray | None = field(default=None, repr=False)  # n_components × dim_in
    eigenvalues_: np.ndarray | None = field(default=None, repr=False)  # of the inter-class scatter, whitened
    shrinkage_: float = 0.0  # the α used
    n_positive_pairs_: int = 0
    n_negative_pairs_: int = 0  # 0: the inter-class scatter is that of all centred descriptors
    n_samples_seen_: int = 0

    def fit(self, X: np.ndarray, positive_pairs: Any, negative_pairs: Any = None, *,  # noqa: N803
            positive_differences: np.ndarray | None = None) -> LearnedWhitening:
        """Learn from the rows of ``X`` (N×D), row-index pairs that match, and optionally pairs that do not.

        ``positive_differences`` (M×D) adds matching pairs whose second member is not a row of
        ``X`` (an image and a synthetic variation of it): their descriptor differences.
        """
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2:
            raise ValueError(f"expected an N×D array, got shape {X.shape}")
        n, dim = X.shape
        positives = _pairs(positive_pairs, n, "positive")
        extra = np.zeros((0, dim)) if positive_differences is None else np.asarray(positive_differences, np.float64)
        if extra.ndim != 2 or extra.shape[1] != dim:
            raise LearnedWhiteningError(f"positive differences of shape {extra.shape}, descriptors of {dim} dimensions")
        if len(positives) + len(extra) == 0:
            raise LearnedWhiteningError("learned whitening needs at least one matching pair, got none")
        if self.n_components is not None and not 1 <= self.n_components <= dim:
            raise LearnedWhiteningError(f"n_components must be in 1..{dim}, got {self.n_components}")
        mean = X.mean(axis=0)
        diffs = np.concatenate([X[positives[:, 0]] - X[positives[:, 1]], extra])
        scatter = diffs.T @ diffs / len(diffs)
        alpha = self._alpha(diffs)
        target = np.trace(scatter) / dim
        shrunk = (1 - alpha) * scatter + alpha * target * np.eye(dim)
        values, vectors = np.linalg.eigh(shrunk)
        whitening = (vectors / np.sqrt(np.clip(values, 0.0, None) + self.eps)) @ vectors.T  # C_S^{-1/2}, symmetric
        if negative_pairs is not None and len(negatives := _pairs(negative_pairs, n, "negative")):
            between = (X[negatives[:, 0]] - X[negatives[:, 1]]) @ whitening.T
        else:
            negatives = np.zeros((0, 2), np.int64)
            between = (X - mean) @ whitening.T
        eigenvalues, rotation = np.linalg.eigh(between.T @ between / max(len(between), 1))
        order = np.argsort(eigenvalues)[::-1][: self.n_components or dim]
        self.mean_ = mean.astype(np.float32)
        self.projection_ = (rotation[:, order].T @ whitening).astype(np.float32)
        self.eigenvalues_ = eigenvalues[order].astype(np.float32)
        self.shrinkage_ = float(alpha)
        self.n_positive_pairs_ = int(len(diffs))
        self.n_negative_pairs_ = int(len(negatives))
        self.n_samples_seen_ = int(n)
        return self

    def _alpha(self, diffs: np.ndarray) -> float:
        if isinstance(self.shrinkage, str):
            if self.shrinkage == "ledoit-wolf":
                return ledoit_wolf_shrinkage(diffs)
            if self.shrinkage == "oas":
                return oas_shrinkage(diffs)
            raise ValueError(f"shrinkage must be one of {SHRINKAGE_ESTIMATORS} or a number, not {self.shrinkage!r}")
        alpha = float(self.shrinkage)
        if not 0.0 <= alpha <= 1.0:
            raise ValueError(f"shrinkage must be in [0, 1], got {alpha}")
        return alpha

    @property
    def fitted(self) -> bool:
        return self.projection_ is not None

    def transform(self, X: np.ndarray) -> np.ndarray:  # noqa: N803
        """``P (x - μ)``, L2-normalised, float32 (N×n_components); a 1-D input gives 1-D."""
        if self.mean_ is None or self.projection_ is None:
            raise RuntimeError("LearnedWhitening.transform called before fit (or load)")
        return project_rows(X, self.mean_, self.projection_, "learned")

    def fit_transform(self, X: np.ndarray, positive_pairs: Any, negative_pairs: Any = None) -> np.ndarray:  # noqa: N803
        return self.fit(X, positive_pairs, negative_pairs).transform(X)

    # -- storage ----------------------------------------------------------------------------------
    def to_arrays(self) -> dict[str, np.ndarray]:
        if self.mean_ is None or self.projection_ is None or self.eigenvalues_ is None:
            raise RuntimeError("LearnedWhitening is not fitted")
        header = {
            "schema": SCHEMA, "schema_version": SCHEMA_VERSION, "shrinkage": self.shrinkage,
            "n_components": self.n_components, "eps": self.eps, "shrinkage_used": self.shrinkage_,
            "n_positive_pairs": self.n_positive_pairs_, "n_negative_pairs": self.n_negative_pairs_,
            "n_samples_seen": self.n_samples_seen_, "dim_in": int(self.mean_.shape[0]), "metadata": self.metadata,
        }
        return {"mean": self.mean_, "projection": self.projection_, "eigenvalues": self.eigenvalues_,
                "header": np.array(json.dumps(header, sort_keys=True))}

    @classmethod
    def from_arrays(cls, arrays: Any, source: str = "<arrays>") -> LearnedWhitening:
        try:
            header = json.loads(str(arrays["header"][()]))
            mean, projection = np.asarray(arrays["mean"]), np.asarray(arrays["projection"])
            eigenvalues = np.asarray(arrays["eigenvalues"])
        except (KeyError, ValueError) as exc:
            raise CorruptArtefactError(f"{source}: not a learned-whitening file ({exc})") from exc
        if header.get("schema") != SCHEMA or header.get("schema_version", 0) > SCHEMA_VERSION:
            raise CorruptArtefactError(f"{source}: unknown schema {header.get('schema')!r} "
                                       f"version {header.get('schema_version')!r}")
        dim = int(header["dim_in"])
        if mean.shape != (dim,) or projection.ndim != 2 or projection.shape[1] != dim \
                or eigenvalues.shape != (projection.shape[0],):
            raise CorruptArtefactError(f"{source}: shapes {mean.shape}, {projection.shape}, {eigenvalues.shape} "
                                       f"do not describe a whitening of {dim} dimensions")
        return cls(shrinkage=header["shrinkage"], n_components=header["n_components"], eps=float(header["eps"]),
                   metadata=dict(header.get("metadata", {})), mean_=mean.astype(np.float32),
                   projection_=projection.astype(np.float32), eigenvalues_=eigenvalues.astype(np.float32),
                   shrinkage_=float(header["shrinkage_used"]), n_positive_pairs_=int(header["n_positive_pairs"]),
                   n_negative_pairs_=int(header["n_negative_pairs"]), n_samples_seen_=int(header["n_samples_seen"]))

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write atomically as ``.npz`` (no pickles)."""
        atomic_write_npz(path, **self.to_arrays())

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> LearnedWhitening:
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls.from_arrays({key: data[key] for key in data.files}, str(path))
        except (OSError, ValueError) as exc:
            raise CorruptArtefactError(f"{path}: cannot read the learned whitening ({exc})") from exc
