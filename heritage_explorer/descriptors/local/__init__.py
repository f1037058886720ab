"""Local features (ORB, XFeat, DELF-style attentive features), their matching and on-disk store.

Importing this package imports neither torch nor OpenCV; the extractors load them on first use.
"""

from __future__ import annotations

from heritage_explorer.descriptors.local.features import LocalFeatures
from heritage_explorer.descriptors.local.matching import (
    MatchConfig,
    PairMatch,
    rerank_order,
    verify_candidates,
    verify_pair,
)
from heritage_explorer.descriptors.local.specs import (
    LocalSpec,
    create_local_extractor,
    create_matcher,
)
from heritage_explorer.descriptors.local.storage import LocalFeatureStore, StoredLocalFeatures

__all__ = [
    "LocalFeatureStore", "LocalFeatures", "LocalSpec", "MatchConfig", "PairMatch",
    "StoredLocalFeatures", "create_local_extractor", "create_matcher", "rerank_order", "verify_candidates", "verify_pair",
]
