"""DELF-style attentive local features: receptive-field keypoints, attention, PCA, matching a known warp."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.errors import WeightsUnavailableError
from heritage_explorer.descriptors.engines import native_precision
from heritage_explorer.descriptors.local.attentive import (
    AttentionHead,
    AttentiveExtractor,
    receptive_field_centre,
)
from heritage_explorer.descriptors.local.matching import MatchConfig, verify_pair
from heritage_explorer.descriptors.local.specs import create_local_extractor, parse_local_spec
from heritage_explorer.descriptors.whitening import PCAWhitening
from tests.descriptors.test_local_matching import KNOWN_H, textured_scene, warp


@pytest.fixture(scope="module")
def fitted() -> AttentiveExtractor:
    extractor = AttentiveExtractor(n_features=400, precision=native_precision())
    raws = [extractor.raw_features(textured_scene(seed)) for seed in range(3)]
    extractor.pca = PCAWhitening(n_components=extractor.dim).fit(np.concatenate([r.descriptors for r in raws]))
    return extractor


def test_receptive_field_centres_of_tf_same_padding() -> None:
    from heritage_explorer.descriptors.backbones import load_backbone

    # TensorFlow "same" padding pads bottom/right on even inputs: each stride-2 layer maps cell j to
    # input 2j + 1, so four of them give 16j + 8 + 4 + 2 + 1 = 16j + 15.
    assert receptive_field_centre("efflite0", load_backbone("efflite0").weights_sha256) == pytest.approx(15.0)


def test_raw_features_are_top_attention_locations_inside_the_image(fitted: AttentiveExtractor) -> None:
    image = textured_scene(4, 300, 500)
    raw = fitted.raw_features(image)
    assert raw.descriptors.shape == (400, 112)
    np.testing.assert_allclose(np.linalg.norm(raw.descriptors, axis=1), 1.0, atol=1e-4)
    assert np.all(np.diff(raw.scores) <= 0)  # sorted by attention (the L2 norm before normalisation)
    assert raw.keypoints[:, 0].min() >= 0 and raw.keypoints[:, 0].max() <= 499
    assert raw.keypoints[:, 1].min() >= 0 and raw.keypoints[:, 1].max() <= 299
    reduced = fitted.reduce(raw)
    assert reduced.descriptors.dtype == np.float16 and reduced.dim == fitted.dim == 112
    assert "L2 norm" in fitted.description and "HOW" in fitted.attention_kind


def test_a_warped_view_matches_far_better_than_another_scene(fitted: AttentiveExtractor) -> None:
    scene = textured_scene(0)
    a, same, other = (fitted.describe(x) for x in (scene, warp(scene, KNOWN_H), textured_scene(7)))
    config = MatchConfig(threshold_px=12.0)
    true_pair, false_pair = verify_pair(a, same, config), verify_pair(a, other, config)
    assert true_pair.inliers >= 40
    assert true_pair.inliers > 3 * false_pair.inliers


def test_trained_attention_head_is_loaded_and_applied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    conv1 = torch.zeros(512, 112, 1, 1)
    conv1[0, 3] = 2.0  # hidden unit 0 = 2·relu(channel 3)
    conv2 = torch.zeros(1, 512, 1, 1)
    conv2[0, 0] = 1.0
    state = {"conv1.weight": conv1, "conv1.bias": torch.zeros(512), "conv2.weight": conv2,
             "conv2.bias": torch.tensor([-1.0])}
    path = tmp_path / "delf-attention-efflite0.pth"
    torch.save(state, path)
    head = AttentionHead(path, 112)
    maps = torch.zeros(1, 112, 2, 2)
    maps[0, 3] = torch.tensor([[-1.0, 0.0], [0.5, 2.0]])
    expected = torch.nn.functional.softplus(2 * torch.relu(maps[0, 3]) - 1.0)
    torch.testing.assert_close(head(maps)[0], expected)

    monkeypatch.setenv("HERITAGE_EXPLORER_WEIGHTS_DIR", str(tmp_path))
    extractor = create_local_extractor(parse_local_spec("delf-efflite0-200+attn"))
    assert extractor.attention_path == path and extractor.spec == "delf-efflite0-200+attn"
    assert "trained" in extractor.description
    raw = extractor.raw_features(textured_scene(2))
    assert np.all(np.diff(raw.scores) <= 0) and raw.scores.min() >= 0  # softplus scores
    monkeypatch.setenv("HERITAGE_EXPLORER_WEIGHTS_DIR", str(tmp_path / "empty"))
    with pytest.raises(WeightsUnavailableError, match="attention head"):
        create_local_extractor(parse_local_spec("delf-efflite0-200+attn"))
