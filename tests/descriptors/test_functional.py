"""Pooling maths on tiny tensors with hand-computed expectations (survey §4.2.1, Fig. 5)."""

from __future__ import annotations

import math

import pytest
import torch

from heritage_explorer.descriptors import functional as F


def test_mac_takes_the_maximum_of_each_channel() -> None:
    x = torch.tensor([[[[1.0, 5.0], [2.0, 0.0]], [[0.5, 0.25], [0.75, 0.0]]]])
    assert F.mac(x).tolist() == [[5.0, 0.75]]


def test_spoc_centre_prior_on_a_3x3_grid() -> None:
    # sigma = min(3, 3) / 6 = 0.5: edge cells are 1 cell away (exp(-1/(2*0.25)) = exp(-2)),
    # corners sqrt(2) away (exp(-4)), the centre weighs 1.
    w = F.spoc_weights(3, 3)
    assert w[1, 1] == pytest.approx(1.0)
    assert w[0, 1] == pytest.approx(math.exp(-2)) and w[1, 0] == pytest.approx(math.exp(-2))
    assert w[0, 0] == pytest.approx(math.exp(-4)) and w[2, 2] == pytest.approx(math.exp(-4))
    x = torch.arange(9, dtype=torch.float32).view(1, 1, 3, 3)
    expected = 4 * 1 + (1 + 3 + 5 + 7) * math.exp(-2) + (0 + 2 + 6 + 8) * math.exp(-4)
    assert F.spoc(x).item() == pytest.approx(expected, rel=1e-6)


def test_spoc_sigma_uses_the_closest_border() -> None:
    # 2×6 map: sigma = 2/6, 2σ² = 2/9; the centre is at (0.5, 2.5) in cell coordinates, so
    # cell (0, 2) is at squared distance 0.5 and cell (0, 1) at 0.25 + 2.25.
    w = F.spoc_weights(2, 6)
    assert w[0, 2] == pytest.approx(math.exp(-0.5 * 4.5))
    assert w[0, 1] == pytest.approx(math.exp(-2.5 * 4.5))
    assert w.shape == (2, 6)


def test_gem_hand_computed_and_limits() -> None:
    x = torch.tensor([[[[1.0, 2.0], [3.0, 4.0]]]])
    assert F.gem(x, p=3).item() == pytest.approx(25 ** (1 / 3), rel=1e-6)  # ((1+8+27+64)/4)^(1/3)
    y = torch.rand(2, 5, 4, 4, generator=torch.Generator().manual_seed(0), dtype=torch.float64) * 0.9 + 0.1
    assert torch.allclose(F.gem(y, p=1), y.mean(dim=(-2, -1)))
    # p -> infinity tends to MAC: (mean x^p)^(1/p) >= max * 16^(-1/p)
    assert torch.allclose(F.gem(y, p=500), F.mac(y), rtol=0.01)
    assert (F.gem(y, p=500) <= F.mac(y) + 1e-12).all()


def test_gem_clamps_zeros_and_accepts_a_tensor_p() -> None:
    x = torch.zeros(1, 2, 3, 3)
    assert torch.isfinite(F.gem(x)).all()
    assert F.gem(torch.full((1, 1, 2, 2), 2.0), p=torch.tensor([2.0])).item() == pytest.approx(2.0)


def test_rmac_regions_square_map() -> None:
    # 7×7: level 1 one 7×7 region, level 2 four 4×4 at offsets 0/3, level 3 nine 3×3 at 0/2/4.
    regions = F.rmac_regions(7, 7)
    assert regions[0] == (0, 0, 7)
    assert regions[1:5] == [(0, 0, 4), (0, 3, 4), (3, 0, 4), (3, 3, 4)]
    assert regions[5:] == [(t, left, 3) for t in (0, 2, 4) for left in (0, 2, 4)]


def test_rmac_regions_landscape_and_portrait_maps() -> None:
    # 12×16 (a 384×512 image at stride 32): one extra region along the long side per level.
    regions = F.rmac_regions(12, 16)
    assert len(regions) == 2 + 6 + 12
    assert regions[:2] == [(0, 0, 12), (0, 4, 12)]
    assert [r for r in regions if r[2] == 6] == [(t, left, 6) for t in (0, 3, 6) for left in (0, 3, 6, 10)]
    portrait = F.rmac_regions(16, 12)
    assert sorted(portrait) == sorted((left, top, side) for top, left, side in regions)
    for top, left, side in regions:
        assert top + side <= 12 and left + side <= 16


def test_rmac_sums_normalised_region_vectors() -> None:
    # 3×3 map: whole map + 1 (l=1) + 4 (l=2, 2×2) + 9 (l=3, 1×1) = 15 vectors.
    assert len(F.rmac_regions(3, 3)) == 14
    assert F.rmac(torch.ones(1, 1, 3, 3)).item() == pytest.approx(15.0, rel=1e-5)
    # Channel A lit everywhere, channel B only at the centre cell: the 7 vectors whose region
    # holds the centre are (1, 1)/√2, the 8 others (1, 0).
    x = torch.zeros(1, 2, 3, 3)
    x[0, 0] = 1.0
    x[0, 1, 1, 1] = 1.0
    expected = [8 + 7 / math.sqrt(2), 7 / math.sqrt(2)]
    assert F.rmac(x)[0].tolist() == pytest.approx(expected, rel=1e-5)


def test_crow_weights_hand_computed() -> None:
    # channel 0 = [1, 3], channel 1 = [0, 2] on a 1×2 map.
    x = torch.tensor([[[[1.0, 3.0]], [[0.0, 2.0]]]])
    s = F.crow_spatial_weights(x)[0, 0]
    norm = math.sqrt(1 + 25)
    assert s.tolist() == pytest.approx([math.sqrt(1 / norm), math.sqrt(5 / norm)], rel=1e-6)
    # Q = (1, 0.5), sum 1.5 -> channel weights log(1.5), log(3)
    assert F.crow_channel_weights(x)[0].tolist() == pytest.approx([math.log(1.5), math.log(3.0)], rel=1e-6)
    s0, s1 = math.sqrt(1 / norm), math.sqrt(5 / norm)
    expected = [math.log(1.5) * (1 * s0 + 3 * s1), math.log(3.0) * (2 * s1)]
    assert F.crow(x)[0].tolist() == pytest.approx(expected, rel=1e-6)


def test_crow_gives_dead_channels_zero_weight() -> None:
    x = torch.zeros(1, 3, 2, 2)
    x[0, 0] = 1.0
    x[0, 1, 0, 0] = 2.0
    weights = F.crow_channel_weights(x)[0]
    assert weights[2].item() == 0.0 and torch.isfinite(weights).all()
    assert weights[1] > weights[0]  # the sparser channel is up-weighted


def test_l2n_and_power_mean() -> None:
    x = torch.tensor([[3.0, 4.0], [0.0, 0.0]])
    assert F.l2n(x)[0].tolist() == pytest.approx([0.6, 0.8], rel=1e-5)
    assert torch.isfinite(F.l2n(x)).all()
    v = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    assert F.power_mean(v, 1.0)[0].tolist() == pytest.approx([math.sqrt(0.5)] * 2, rel=1e-5)
    cubed = F.power_mean(torch.tensor([[1.0, 1.0], [2.0, 0.0]]), 3.0)[0]
    raw = [((1 + 8) / 2) ** (1 / 3), (1 / 2) ** (1 / 3)]
    assert cubed.tolist() == pytest.approx([r / math.hypot(*raw) for r in raw], rel=1e-5)
