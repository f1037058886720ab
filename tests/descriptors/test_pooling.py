"""Pooling modules wrap the functional maths; GeM's p is learnable."""

from __future__ import annotations

import pytest
import torch

from heritage_explorer.core.errors import UnknownMethodError
from heritage_explorer.descriptors import functional as F
from heritage_explorer.descriptors.pooling import POOLINGS, create_pooling, pooling_classes


@pytest.mark.parametrize("name", list(POOLINGS))
def test_modules_match_the_functions(name: str) -> None:
    x = torch.rand(2, 6, 5, 7, generator=torch.Generator().manual_seed(1))
    module = create_pooling(name)
    assert not module.training
    assert torch.allclose(module(x), getattr(F, name)(x))


def test_gem_p_is_a_learnable_parameter() -> None:
    gem = create_pooling("gem", p=2.0).train()
    assert [n for n, _ in gem.named_parameters()] == ["p"] and gem.p.requires_grad
    x = torch.rand(1, 4, 3, 3, generator=torch.Generator().manual_seed(2)) + 0.1
    gem(x).sum().backward()
    assert gem.p.grad is not None and gem.p.grad.abs().item() > 0
    assert "p=2.0000" in repr(gem)


def test_rmac_and_crow_options_are_kept() -> None:
    classes = pooling_classes()
    assert classes.RMAC(L=2).L == 2 and "L=2" in repr(classes.RMAC(L=2))
    x = torch.rand(1, 3, 6, 6, generator=torch.Generator().manual_seed(3))
    assert torch.allclose(classes.CroW(a=1.0, b=1.0)(x), F.crow(x, a=1.0, b=1.0))
    assert not torch.allclose(F.crow(x, a=1.0, b=1.0), F.crow(x))


def test_unknown_pooling_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownMethodError, match="mac, spoc, gem, rmac, crow"):
        create_pooling("sum")
