"""FAISS's Hamming k-NN kernel of binary verification gives OpenCV's answers, ties included."""

from __future__ import annotations

import faiss
import numpy as np
import pytest

from heritage_explorer.descriptors.local import matching
from heritage_explorer.descriptors.local.matching import nearest_neighbour_matches, opencv_hamming_knn
from heritage_explorer.index.hamming import hamming_knn


@pytest.mark.parametrize("ties", [False, True], ids=["random", "tie-heavy"])
def test_same_distances_and_indices_as_opencv(ties: bool) -> None:
    rng = np.random.default_rng(3)
    if ties:  # bytes of 0 or 255 only: many equal distances
        a, b = ((rng.integers(0, 2, (n, 32)) * 255).astype(np.uint8) for n in (700, 900))
    else:
        a, b = (rng.integers(0, 256, (n, 32), dtype=np.uint8) for n in (700, 900))
    for k in (1, 2):
        distances, indices = hamming_knn(a, b, k)
        expected_d, expected_i = opencv_hamming_knn(a, b, k)
        assert distances.shape == indices.shape == (700, k)
        np.testing.assert_array_equal(distances, expected_d)
        np.testing.assert_array_equal(indices, expected_i)


def test_the_pipeline_installs_it_and_matches_are_unchanged() -> None:
    import heritage_explorer.pipeline  # noqa: F401 - installs the kernel

    assert matching._KERNEL["hamming"] is hamming_knn
    rng = np.random.default_rng(5)
    a = rng.integers(0, 256, (500, 32), dtype=np.uint8)
    flips = rng.integers(0, 2, (500, 32), dtype=np.uint8) << rng.integers(0, 8, (500, 32)).astype(np.uint8)
    b = np.concatenate([a[::-1] ^ flips, rng.integers(0, 256, (200, 32), dtype=np.uint8)])
    with_faiss = nearest_neighbour_matches(a, b, binary=True)
    matching.use_hamming_knn(opencv_hamming_knn)
    try:
        with_opencv = nearest_neighbour_matches(a, b, binary=True)
    finally:
        matching.use_hamming_knn(hamming_knn)
    assert len(with_faiss) > 300
    np.testing.assert_array_equal(with_faiss, with_opencv)


def test_one_thread_inside_and_the_caller_s_setting_restored() -> None:
    before = faiss.omp_get_max_threads()
    hamming_knn(np.zeros((3, 32), np.uint8), np.zeros((4, 32), np.uint8), 2)
    assert faiss.omp_get_max_threads() == before


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="different shapes"):
        hamming_knn(np.zeros((3, 32), np.uint8), np.zeros((4, 16), np.uint8), 1)
    with pytest.raises(ValueError, match="k must be between 1 and 4"):
        hamming_knn(np.zeros((3, 32), np.uint8), np.zeros((4, 32), np.uint8), 5)
