"""Learned whitening (Radenović et al. TPAMI 2019) on toy sets whose answers can be checked by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.errors import CorruptArtefactError
from heritage_explorer.descriptors.learned_whitening import (
    LearnedWhitening,
    LearnedWhiteningError,
    ledoit_wolf_shrinkage,
    oas_shrinkage,
)


def _toy() -> tuple[np.ndarray, np.ndarray]:
    """Four points whose two matching pairs differ by (2, 0) and (0, 1): C_S = diag(2, 0.5)."""
    X = np.array([[0.0, 0.0], [2.0, 0.0], [5.0, 5.0], [5.0, 6.0]])
    return X, np.array([[0, 1], [1, 0], [2, 3], [3, 2]])


def test_whitening_part_is_the_inverse_square_root_of_the_pair_covariance() -> None:
    X, pairs = _toy()
    lw = LearnedWhitening(shrinkage=0.0).fit(X, pairs)
    # P = R C_S^{-1/2} with R orthogonal, so PᵀP = C_S^{-1} = diag(1/2, 2) whatever the rotation.
    np.testing.assert_allclose(lw.projection_.T @ lw.projection_, np.diag([0.5, 2.0]), atol=1e-5)
    np.testing.assert_allclose(lw.mean_, [3.0, 2.75])
    assert lw.shrinkage_ == 0.0 and lw.n_positive_pairs_ == 4 and lw.n_negative_pairs_ == 0


def test_full_shrinkage_gives_a_scaled_identity() -> None:
    X, pairs = _toy()
    lw = LearnedWhitening(shrinkage=1.0).fit(X, pairs)
    # (tr C_S / d) I = 1.25 I: PᵀP = I / 1.25, i.e. the base descriptors centred and rotated.
    np.testing.assert_allclose(lw.projection_.T @ lw.projection_, np.eye(2) / 1.25, atol=1e-5)
    Y = lw.transform(X)
    centred = (X - X.mean(0)) / np.linalg.norm(X - X.mean(0), axis=1, keepdims=True)
    np.testing.assert_allclose(Y @ Y.T, centred @ centred.T, atol=1e-5)


def test_rotation_sorts_the_inter_class_scatter_in_the_whitened_space() -> None:
    X, pairs = _toy()
    lw = LearnedWhitening(shrinkage=0.0).fit(X, pairs)
    assert np.all(np.diff(lw.eigenvalues_) <= 0)
    whitened = (X - lw.mean_) @ lw.projection_.T
    np.testing.assert_allclose(np.diag(whitened.T @ whitened) / len(X), lw.eigenvalues_, rtol=1e-4)
    one = LearnedWhitening(shrinkage=0.0, n_components=1).fit(X, pairs)
    assert one.transform(X).shape == (4, 1)
    np.testing.assert_allclose(np.abs(one.projection_[0]), np.abs(lw.projection_[0]), rtol=1e-5)


def test_shrinkage_estimates() -> None:
    rng = np.random.default_rng(0)
    many = rng.normal(size=(5000, 4)) * np.array([1.0, 2.0, 3.0, 4.0])  # anisotropic, many samples: barely shrunk
    assert ledoit_wolf_shrinkage(many) < 0.02
    assert ledoit_wolf_shrinkage(rng.normal(size=(5000, 4))) > 0.5  # isotropic: the target is right, shrink
    few = rng.normal(size=(10, 200)) * np.linspace(1, 2, 200)  # 10 samples in 200-d: shrink hard
    assert ledoit_wolf_shrinkage(few) > 0.5 and oas_shrinkage(few) > 0.5
    assert ledoit_wolf_shrinkage(np.eye(3)) == 1.0  # already a multiple of the identity


def test_learns_to_ignore_a_nuisance_direction_and_does_not_collapse_on_few_pairs() -> None:
    """40 classes in 64-d, views differing mostly along 8 nuisance axes; 20 pairs (rank-deficient C_S)."""
    rng = np.random.default_rng(1)
    centres = rng.normal(size=(40, 64))
    nuisance = np.zeros(64)
    nuisance[:8] = 6.0
    views = centres[:, None, :] + rng.normal(size=(40, 2, 64)) * (0.2 + nuisance)
    X = views.reshape(80, 64)
    labels = np.repeat(np.arange(40), 2)
    pairs = np.array([[2 * c, 2 * c + 1] for c in range(20)])  # half the classes give pairs

    def nn_accuracy(Y: np.ndarray) -> float:
        Y = Y / np.linalg.norm(Y, axis=1, keepdims=True)
        sims = Y @ Y.T
        np.fill_diagonal(sims, -np.inf)
        return float(np.mean(labels[sims.argmax(1)] == labels))

    lw = LearnedWhitening().fit(X, pairs)
    assert 0.0 < lw.shrinkage_ < 1.0
    adapted = lw.transform(X)
    assert np.isfinite(adapted).all()
    assert nn_accuracy(adapted) > nn_accuracy(X) + 0.2


def test_save_load_round_trip_and_damaged_file(tmp_path: Path) -> None:
    X, pairs = _toy()
    lw = LearnedWhitening(metadata={"spec": "x"}).fit(X, pairs)
    lw.save(tmp_path / "lw.npz")
    back = LearnedWhitening.load(tmp_path / "lw.npz")
    np.testing.assert_array_equal(back.transform(X), lw.transform(X))
    assert back.metadata == {"spec": "x"} and back.shrinkage_ == lw.shrinkage_
    (tmp_path / "bad.npz").write_bytes(b"not an npz")
    with pytest.raises(CorruptArtefactError, match="bad.npz"):
        LearnedWhitening.load(tmp_path / "bad.npz")


def test_errors() -> None:
    X, _ = _toy()
    with pytest.raises(LearnedWhiteningError, match="at least one matching pair"):
        LearnedWhitening().fit(X, [])
    with pytest.raises(LearnedWhiteningError, match="outside"):
        LearnedWhitening().fit(X, [[0, 9]])
    with pytest.raises(RuntimeError, match="before fit"):
        LearnedWhitening().transform(X)
    with pytest.raises(ValueError, match="shrinkage"):
        LearnedWhitening(shrinkage=1.5).fit(X, [[0, 1]])
