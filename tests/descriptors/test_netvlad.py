"""NetVLAD (Arandjelović et al. §3.1): hand-computed VLAD, shape and normalisation, fitting, trained weights."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.errors import HeritageError, UnknownMethodError, WeightsUnavailableError
from heritage_explorer.descriptors.netvlad import (
    NETVLAD_CHANNELS,
    NETVLAD_CLUSTERS,
    NetVladParams,
    assignment_from_centroids,
    fit_netvlad,
    kmeans,
    load_netvlad_state_dict,
)
from heritage_explorer.descriptors.registry import create_extractor


def test_hard_assignment_vlad_by_hand() -> None:
    centres = np.array([[1.0, 0.0], [0.0, 1.0]], np.float32)
    alpha = 1000.0  # a very sharp softmax: hard assignment to the nearest centre
    params = NetVladParams(centres, 2 * alpha * centres, np.full(2, -alpha, np.float32))
    x = np.array([[0.8, 0.6], [0.6, 0.8], [1.0, 0.0]], np.float32)
    # residuals: cluster 0 gets (0.8-1, 0.6) + (0, 0); cluster 1 gets (0.6, 0.8-1)
    v0, v1 = np.array([-0.2, 0.6]) / math.sqrt(0.4), np.array([0.6, -0.2]) / math.sqrt(0.4)
    expected = np.concatenate([v0, v1]) / math.sqrt(2.0)
    np.testing.assert_allclose(params.aggregate(x), expected, atol=1e-5)


def _random_maps(channels: int, n: int, seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [np.maximum(rng.normal(size=(150, channels)), 0).astype(np.float32) for _ in range(n)]


def test_fit_projects_to_512_and_output_is_intra_and_l2_normalised() -> None:
    params = fit_netvlad(_random_maps(640, 4, 0), per_image=150)
    assert params.centroids.shape == (NETVLAD_CLUSTERS, NETVLAD_CHANNELS)
    assert params.projection.shape == (640, NETVLAD_CHANNELS)
    fmap = np.maximum(np.random.default_rng(9).normal(size=(640, 12, 16)), 0).astype(np.float32)
    vector = params.aggregate(params.local_descriptors(fmap))
    assert vector.shape == (NETVLAD_CLUSTERS * NETVLAD_CHANNELS,) == (32768,) and vector.dtype == np.float32
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-5)
    blocks = np.linalg.norm(vector.reshape(NETVLAD_CLUSTERS, NETVLAD_CHANNELS), axis=1)
    np.testing.assert_allclose(blocks, 1 / math.sqrt(NETVLAD_CLUSTERS), atol=1e-5)  # intra-normalised


def test_kmeans_is_deterministic_and_finds_separated_clusters() -> None:
    rng = np.random.default_rng(0)
    truth = np.array([[0, 0], [10, 0], [0, 10]], np.float32)
    x = np.concatenate([c + rng.normal(scale=0.5, size=(100, 2)) for c in truth]).astype(np.float32)
    first, second = kmeans(x, 3, seed=4), kmeans(x, 3, seed=4)
    np.testing.assert_array_equal(first, second)
    assert np.abs(np.sort(first, axis=0) - np.sort(truth, axis=0)).max() < 0.3


def test_assignment_initialisation_makes_the_second_centre_weigh_about_one_percent() -> None:
    params = fit_netvlad(_random_maps(512, 4, 1), per_image=150)
    assert params.projection is None  # already 512 channels: no projection
    _, _, alpha = assignment_from_centroids(params.centroids, params.local_descriptors(
        _random_maps(512, 1, 1)[0].T.reshape(512, 10, 15)))
    assert alpha > 0 and params.source["kind"] == "k-means on the collection"


def test_trained_state_dict_matches_the_pytorch_netvlad_forward(tmp_path: Path) -> None:
    import torch
    import torch.nn.functional as F  # noqa: N812

    generator = torch.Generator().manual_seed(0)
    centroids = torch.rand(NETVLAD_CLUSTERS, NETVLAD_CHANNELS, generator=generator)
    conv_weight = torch.randn(NETVLAD_CLUSTERS, NETVLAD_CHANNELS, 1, 1, generator=generator) * 5
    conv_bias = torch.randn(NETVLAD_CLUSTERS, generator=generator)
    path = tmp_path / "netvlad.pth"
    torch.save({"pool.centroids": centroids, "pool.conv.weight": conv_weight, "pool.conv.bias": conv_bias}, path)
    params = load_netvlad_state_dict(path)
    assert params.source["kind"] == "trained state dict" and len(params.source["sha256"]) == 64

    x = torch.rand(1, NETVLAD_CHANNELS, 6, 7, generator=generator)
    # pytorch-NetVlad NetVLAD.forward (normalize_input=True), written out:
    xn = F.normalize(x, p=2, dim=1)
    soft = F.softmax(F.conv2d(xn, conv_weight, conv_bias).view(1, NETVLAD_CLUSTERS, -1), dim=1)
    flat = xn.view(1, NETVLAD_CHANNELS, -1)
    residual = flat.unsqueeze(1) - centroids[None, :, :, None]
    vlad = (residual * soft.unsqueeze(2)).sum(-1)
    reference = F.normalize(F.normalize(vlad, p=2, dim=2).view(1, -1), p=2, dim=1)[0].numpy()
    ours = params.aggregate(params.local_descriptors(x[0].numpy()))
    np.testing.assert_allclose(ours, reference, atol=2e-5)


def test_state_dict_without_centroids_is_refused(tmp_path: Path) -> None:
    import torch

    path = tmp_path / "bad.pth"
    torch.save({"conv.weight": torch.zeros(64, 512, 1, 1)}, path)
    with pytest.raises(WeightsUnavailableError, match="centroids"):
        load_netvlad_state_dict(path)


def test_params_save_and_load(tmp_path: Path) -> None:
    params = fit_netvlad(_random_maps(600, 4, 2), per_image=150)
    params.save(tmp_path / "p.npz")
    loaded = NetVladParams.load(tmp_path / "p.npz")
    for name in ("centroids", "weight", "bias", "projection", "projection_mean"):
        np.testing.assert_array_equal(getattr(loaded, name), getattr(params, name))
    assert loaded.source == params.source


def test_extractor_on_the_offline_backbone_gives_a_32768_d_unit_vector() -> None:
    from tests.descriptors.conftest import synthetic_photo

    extractor = create_extractor("netvlad-efflite0")
    assert extractor.dim == 32768 and extractor.base_spec == "netvlad-efflite0"
    with pytest.raises(HeritageError, match="fitted on the collection"):
        extractor.describe(synthetic_photo())
    backbone = extractor.backbone()
    maps = [extractor.maps_to_descriptors({1.0: backbone.feature_maps(backbone.prepare(synthetic_photo(seed=s))[None])})
            for s in range(3)]
    assert maps[0].shape[1] == backbone.out_channels == 1280
    fitted = dataclasses.replace(extractor, params=fit_netvlad(maps, per_image=200))
    vector = fitted.describe(synthetic_photo(seed=5))
    assert vector.shape == (32768,) and np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-5)
    assert create_extractor("netvlad-efflite0+pcaw256").whitening_dim == 256
    with pytest.raises(UnknownMethodError):
        create_extractor("netvlad-nosuchnet")
