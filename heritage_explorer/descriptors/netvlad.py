"""NetVLAD: VLAD aggregation of convolutional features with soft assignment (Arandjelović et al.).

Arandjelović, Gronat, Torii, Pajdla & Sivic, "NetVLAD: CNN architecture for weakly supervised
place recognition", CVPR 2016 / TPAMI 2017, §3.1; Chen et al., survey §4.2.1 (VLAD, eq. 4–5)
and its "Discussion" (NetVLAD); Gominski et al. §3 and §4.1 ("64 clusters * 512 channels").
The last convolutional map is a set of D-dimensional local descriptors ``x_i`` (one per
location, L2-normalised); with K centres ``c_k`` and a soft assignment
``ā_k(x) = softmax_k(w_kᵀx + b_k)``, the VLAD matrix is ``V(k) = Σ_i ā_k(x_i)(x_i − c_k)``,
intra-normalised (each row L2-normalised), flattened and L2-normalised: K·D = 64·512 = 32,768-d.

Without trained NetVLAD weights the centres come from k-means on the collection's own local
descriptors and the assignment is initialised from them as in the paper (§3.2:
``w_k = 2α c_k``, ``b_k = −α‖c_k‖²``; α from the descriptors, as pytorch-NetVlad does). Trunks
other than VGG-16 (conv5, 512 channels) are brought to 512 channels by a PCA fitted on the
same descriptors. Trained weights load from a state dict (``centroids``, ``conv.weight``,
``conv.bias``; prefixes ``pool.`` / ``net_vlad.`` / ``module.`` are removed).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from heritage_explorer.core.atomic import atomic_write_npz
from heritage_explorer.core.errors import CorruptArtefactError, HeritageError, WeightsUnavailableError
from heritage_explorer.descriptors.engines import native_precision
from heritage_explorer.descriptors.extractors import CnnExtractor
from heritage_explorer.descriptors.whitening import PCAWhitening

if TYPE_CHECKING:
    import torch

NETVLAD_CLUSTERS = 64
NETVLAD_CHANNELS = 512
NETVLAD_DIM = NETVLAD_CLUSTERS * NETVLAD_CHANNELS
SCHEMA = "heritage-explorer/netvlad"
_SOFTMAX_TARGET = 0.01  # pytorch-NetVlad: the 2nd-nearest centre gets ~1% of the 1st's assignment


@dataclass
class NetVladParams:
    """Centres, soft-assignment weights and the optional input projection (PCA to 512 channels)."""

    centroids: np.ndarray  # K×D
    weight: np.ndarray  # K×D
    bias: np.ndarray  # K
    projection_mean: np.ndarray | None = None  # C (trunk channels), when C != D
    projection: np.ndarray | None = None  # C×D
    source: dict[str, Any] = field(default_factory=dict)

    @property
    def dim(self) -> int:
        return int(self.centroids.size)

    def local_descriptors(self, maps: np.ndarray) -> np.ndarray:
        """C×h×w map → (h·w)×D descriptors: projected (if a projection is set), L2-normalised."""
        x = maps.reshape(maps.shape[0], -1).T.astype(np.float32)
        if self.projection is not None:
            x = _l2n(x) @ self.projection - self.projection_mean @ self.projection
        return _l2n(x)

    def aggregate(self, descriptors: np.ndarray) -> np.ndarray:
        """VLAD of L2-normalised descriptors (T×D): intra-normalised, flattened, L2-normalised (§3.1)."""
        logits = descriptors @ self.weight.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        assignment = np.exp(logits)
        assignment /= assignment.sum(axis=1, keepdims=True)
        vlad = assignment.T @ descriptors - assignment.sum(axis=0)[:, None] * self.centroids
        vlad = _l2n(vlad)
        return (vlad.ravel() / (np.linalg.norm(vlad) + 1e-12)).astype(np.float32)

    def save(self, path: str | os.PathLike[str]) -> None:
        arrays = {"centroids": self.centroids, "weight": self.weight, "bias": self.bias,
                  "header": np.array(json.dumps({"schema": SCHEMA, "version": 1, "source": self.source}))}
        if self.projection is not None:
            arrays.update(projection=self.projection, projection_mean=self.projection_mean)
        atomic_write_npz(path, **arrays)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> NetVladParams:
        try:
            with np.load(path, allow_pickle=False) as data:
                header = json.loads(str(data["header"][()]))
                if header.get("schema") != SCHEMA:
                    raise CorruptArtefactError(f"{path}: not a NetVLAD parameter file")
                return cls(data["centroids"], data["weight"], data["bias"],
                           data["projection_mean"] if "projection" in data.files else None,
                           data["projection"] if "projection" in data.files else None, header.get("source", {}))
        except (OSError, KeyError, ValueError) as exc:
            raise CorruptArtefactError(f"{path}: unreadable NetVLAD parameters ({exc})") from exc


def _l2n(x: np.ndarray) -> np.ndarray:
    return (x / (np.linalg.norm(x, axis=-1, keepdims=True) + 1e-12)).astype(np.float32)


def kmeans(x: np.ndarray, k: int, *, iterations: int = 25, seed: int = 0) -> np.ndarray:
    """Lloyd's k-means with k-means++ seeding (deterministic for a seed); k×D centres."""
    if len(x) < k:
        raise ValueError(f"k-means with {k} centres needs at least {k} descriptors, got {len(x)}")
    rng = np.random.default_rng(seed)
    x = np.asarray(x, np.float32)
    sq = (x * x).sum(1)
    centres = [x[rng.integers(len(x))]]
    nearest = np.full(len(x), np.inf, np.float32)
    for _ in range(1, k):
        nearest = np.minimum(nearest, sq - 2 * x @ centres[-1] + centres[-1] @ centres[-1])
        probabilities = np.clip(nearest, 0, None) / np.clip(nearest, 0, None).sum()
        centres.append(x[rng.choice(len(x), p=probabilities)])
    c = np.stack(centres)
    for _ in range(iterations):
        labels = np.argmin((c * c).sum(1)[None] - 2 * x @ c.T, axis=1)
        counts = np.bincount(labels, minlength=k)
        sums = np.zeros_like(c)
        np.add.at(sums, labels, x)
        empty = counts == 0
        c = np.where(empty[:, None], c, sums / np.maximum(counts, 1)[:, None])
    return c.astype(np.float32)


def assignment_from_centroids(centroids: np.ndarray, descriptors: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Soft-assignment (weight, bias, α) initialised from the centres (NetVLAD §3.2, pytorch-NetVlad).

    α makes the second-nearest normalised centre receive about 1% of the nearest one's weight on
    average over ``descriptors``; with normalised centres ĉ, ``w_k = 2αĉ_k`` and ``b_k = −α‖ĉ_k‖² = −α``.
    """
    unit = _l2n(centroids)
    dots = np.sort(descriptors @ unit.T, axis=1)[:, ::-1]
    alpha = float(-np.log(_SOFTMAX_TARGET) / max(np.mean(dots[:, 0] - dots[:, 1]), 1e-6))
    return (2.0 * alpha * unit).astype(np.float32), np.full(len(unit), -alpha, np.float32), alpha


def fit_netvlad(descriptors_per_image: list[np.ndarray], *, channels: int = NETVLAD_CHANNELS,
                clusters: int = NETVLAD_CLUSTERS, per_image: int = 200, seed: int = 0) -> NetVladParams:
    """Fit the projection (if the trunk is not 512-d), the k-means centres and the assignment.

    ``descriptors_per_image`` are raw trunk descriptors (T_i×C); at most ``per_image`` are drawn
    from each image (seeded), so every image weighs about the same.
    """
    rng = np.random.default_rng(seed)
    sample = np.concatenate([d[rng.choice(len(d), min(per_image, len(d)), replace=False)]
                             for d in descriptors_per_image if len(d)])
    sample = _l2n(sample)
    mean = projection = None
    if sample.shape[1] != channels:  # the one PCA, without whitening; its C×D axes project
        pca = PCAWhitening(n_components=channels, whiten=False).fit(sample)
        mean, projection = pca.mean_, np.ascontiguousarray(pca.projection_.T)
        sample = _l2n(sample @ projection - mean @ projection)
    centroids = kmeans(sample, clusters, seed=seed)
    weight, bias, alpha = assignment_from_centroids(centroids, sample)
    return NetVladParams(centroids, weight, bias, mean, projection,
                         {"kind": "k-means on the collection", "descriptors": int(len(sample)),
                          "images": len(descriptors_per_image), "alpha": alpha, "seed": seed})


def load_netvlad_state_dict(path: str | os.PathLike[str]) -> NetVladParams:
    """Trained NetVLAD layer parameters from a plain state dict (loaded without executing code)."""
    from heritage_explorer.descriptors.weights import file_sha256, load_checkpoint

    state = load_checkpoint(path)
    if isinstance(state, dict) and "state_dict" in state:
        state = state["state_dict"]
    if not isinstance(state, dict):
        raise WeightsUnavailableError(f"{path}: not a state dict")
    plain = {}
    for key, value in state.items():
        for prefix in ("module.", "pool.", "net_vlad.", "netvlad."):
            key = key.removeprefix(prefix)
        plain[key] = value
    if "centroids" not in plain:
        raise WeightsUnavailableError(f"{path}: no NetVLAD 'centroids' tensor")
    centroids = plain["centroids"].float().numpy()
    if centroids.shape[1] != NETVLAD_CHANNELS:
        raise WeightsUnavailableError(f"{path}: centres of dimension {centroids.shape[1]}, expected {NETVLAD_CHANNELS}")
    if "conv.weight" in plain:
        weight = plain["conv.weight"].float().numpy().reshape(len(centroids), -1)
        bias = plain["conv.bias"].float().numpy() if "conv.bias" in plain else np.zeros(len(centroids), np.float32)
    else:
        raise WeightsUnavailableError(f"{path}: no soft-assignment 'conv.weight' tensor")
    return NetVladParams(centroids, weight, bias, source={"kind": "trained state dict", "file": str(path),
                                                          "sha256": file_sha256(path)})


@dataclass(frozen=True, eq=False)
class NetVladExtractor(CnnExtractor):
    """NetVLAD on a backbone's last map; ``params`` must be fitted (or loaded) before ``pool``.

    The pipeline fits them on the collection (``pipeline.netvlad.extract_netvlad``) and records
    them next to the descriptors; ``+pcaw<D>`` (e.g. 4,096) whitens the 32,768-d vectors after.
    """

    params: NetVladParams | None = None

    def maps_to_descriptors(self, maps: dict[float, torch.Tensor]) -> np.ndarray:
        """The raw (h·w)×C local descriptors of the scale-1 map (what the fit samples)."""
        fmap = maps[1.0]
        return fmap[0].reshape(fmap.shape[1], -1).T.float().numpy()

    def pool(self, maps: dict[float, torch.Tensor]) -> np.ndarray:
        if self.params is None:
            raise HeritageError(f"{self.spec}: NetVLAD is fitted on the collection first; extract it with "
                                "pipeline.methods.extract_any (what 'heritage-explorer extract' calls)")
        fmap = maps[1.0][0].float().numpy()
        return self.params.aggregate(self.params.local_descriptors(fmap))


def create_netvlad_extractor(backbone: str, parsed: Any, *, precision: str | None = None,
                             weights_path: str | os.PathLike[str] | None = None) -> NetVladExtractor:
    """The extractor of ``netvlad-<backbone>[+pcaw<D>]`` (``parsed``, a registry
    :class:`~.registry.MethodSpec`), parameters not yet fitted."""
    from heritage_explorer.descriptors.extractors import DEFAULT_MAX_SIDE, SINGLE_SCALE
    from heritage_explorer.descriptors.weights import require_weights, verified_sha256

    location = require_weights(backbone, weights_path)
    whitening = parsed.whitening_dim
    return NetVladExtractor(
        descriptor=parsed, kind="global",
        dim=whitening or NETVLAD_DIM, raw_dim=NETVLAD_DIM, max_side=DEFAULT_MAX_SIDE, scales=SINGLE_SCALE,
        whitening_dim=whitening, backbone_key=backbone, weights_sha256=verified_sha256(location),
        weights_source=location.describe(), precision=precision or f"torch-{native_precision()}", pooling="netvlad",
        weights_path=location.path)


def netvlad_description(backbone: str) -> str:
    """What ``netvlad-<backbone>`` computes, for the method list."""
    projection = "" if backbone == "vgg16" else ", projected to 512 channels by a PCA fitted on the collection"
    return (f"NetVLAD (Arandjelović et al. §3.1): K=64 soft-assigned VLAD of the last conv map{projection}, "
            "intra- and L2-normalised (32,768-d); centres by k-means on the collection; +pcaw<D> whitens")
