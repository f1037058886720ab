"""PCA-whitening: whitened covariance is the identity, files round-trip without pickles."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.errors import CorruptArtefactError
from heritage_explorer.descriptors.whitening import PCAWhitening, WhiteningFitError


def _anisotropic(n: int = 3000, dim: int = 24, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    scales = np.geomspace(10.0, 0.1, dim)
    rotation, _ = np.linalg.qr(rng.normal(size=(dim, dim)))
    return ((rng.normal(size=(n, dim)) * scales) @ rotation + 5.0).astype(np.float32)


def test_whitened_covariance_is_identity() -> None:
    X = _anisotropic()  # noqa: N806
    whitening = PCAWhitening(n_components=12).fit(X)
    assert whitening.projection_.shape == (12, 24) and whitening.mean_.shape == (24,)
    projected = (X - whitening.mean_) @ whitening.projection_.T
    assert np.allclose(np.cov(projected, rowvar=False), np.eye(12), atol=1e-3)
    eigenvalues = np.sort(np.linalg.eigvalsh(np.cov(X.astype(np.float64), rowvar=False)))[::-1]
    assert np.allclose(whitening.explained_variance_, eigenvalues[:12], rtol=1e-4)
    assert np.all(np.diff(whitening.explained_variance_) <= 0)


def test_without_whitening_the_axes_keep_their_variance(tmp_path: Path) -> None:
    X = _anisotropic()  # noqa: N806
    pca = PCAWhitening(n_components=12, whiten=False).fit(X)
    projected = (X - pca.mean_) @ pca.projection_.T
    assert np.allclose(np.cov(projected, rowvar=False), np.diag(pca.explained_variance_), rtol=1e-3, atol=1e-3)
    assert np.allclose(pca.projection_ @ pca.projection_.T, np.eye(12), atol=1e-5)  # orthonormal axes
    pca.save(tmp_path / "pca.npz")
    loaded = PCAWhitening.load(tmp_path / "pca.npz")
    assert not loaded.whiten and np.array_equal(loaded.transform(X), pca.transform(X))


def test_transform_gives_unit_float32_rows_and_keeps_a_vector_a_vector() -> None:
    X = _anisotropic(500, 16)  # noqa: N806
    whitening = PCAWhitening(n_components=8)
    out = whitening.fit_transform(X)
    assert out.shape == (500, 8) and out.dtype == np.float32
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    assert whitening.transform(X[3]).shape == (8,)
    assert np.allclose(whitening.transform(X[3]), out[3], atol=1e-6)
    with pytest.raises(ValueError, match="dimension 15"):
        whitening.transform(X[:, :15])


def test_asking_for_more_dimensions_than_the_data_has_is_an_error() -> None:
    X = _anisotropic(10, 24)  # noqa: N806
    with pytest.raises(WhiteningFitError, match=r"\+pcaw9 or fewer"):
        PCAWhitening(n_components=16).fit(X)
    assert PCAWhitening(n_components=9).fit(X).projection_.shape == (9, 24)
    with pytest.raises(RuntimeError, match="before fit"):
        PCAWhitening(n_components=2).transform(X)


def test_save_load_round_trip_with_metadata(tmp_path: Path) -> None:
    X = _anisotropic(400, 16)  # noqa: N806
    whitening = PCAWhitening(
        n_components=6, metadata={"spec": "efflite0-gem+pcaw6", "images_sha256": "ab" * 32}
    )
    whitening.fit(X)
    path = tmp_path / "whitening.npz"
    whitening.save(path)
    with np.load(path, allow_pickle=False) as data:
        assert set(data.files) == {"mean", "projection", "explained_variance", "header"}
    loaded = PCAWhitening.load(path)
    assert loaded.metadata == whitening.metadata and loaded.n_components == 6
    assert loaded.n_samples_seen_ == 400
    assert np.array_equal(loaded.transform(X), whitening.transform(X))


def test_damaged_files_are_reported(tmp_path: Path) -> None:
    X = _anisotropic(100, 8)  # noqa: N806
    arrays = PCAWhitening(n_components=4).fit(X).to_arrays()
    arrays["projection"] = arrays["projection"][:3]
    with pytest.raises(CorruptArtefactError, match="do not match"):
        PCAWhitening.from_arrays(arrays)
    garbage = tmp_path / "garbage.npz"
    garbage.write_bytes(b"not a zip")
    with pytest.raises(CorruptArtefactError):
        PCAWhitening.load(garbage)
    other = tmp_path / "other.npz"
    np.savez(other, mean=np.zeros(3))
    with pytest.raises(CorruptArtefactError, match="not a PCA-whitening file"):
        PCAWhitening.load(other)


def test_long_vectors_are_fitted_through_the_gram_matrix_with_the_same_result(monkeypatch) -> None:
    """Vectors longer than MAX_COVARIANCE_DIM (32,768-d NetVLAD) go through the N×N Gram matrix: the
    same variances and, up to each axis' sign, the same whitened vectors as the D×D scatter matrix."""
    from heritage_explorer.descriptors import whitening

    x = np.random.default_rng(3).normal(size=(30, 40)).astype(np.float32) * np.linspace(3, 0.1, 40, dtype=np.float32)
    primal = PCAWhitening(n_components=10).fit(x)
    monkeypatch.setattr(whitening, "MAX_COVARIANCE_DIM", 39)
    dual = PCAWhitening(n_components=10).fit(x)
    np.testing.assert_allclose(dual.explained_variance_, primal.explained_variance_, rtol=1e-4)
    a, b = dual.transform(x), primal.transform(x)
    np.testing.assert_allclose(np.abs(a), np.abs(b), atol=1e-4)
    np.testing.assert_allclose(a @ a.T, b @ b.T, atol=1e-4)
    plain = PCAWhitening(n_components=10, whiten=False).fit(x)  # +pca<D> too, not only +pcaw<D>
    np.testing.assert_allclose(np.linalg.norm(plain.projection_, axis=1), 1.0, atol=1e-4)
