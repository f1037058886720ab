"""index_params: HNSW parameters grow with the collection; large ones get the compressed index."""

from __future__ import annotations

import pytest

from heritage_explorer.index.hnsw import DEFAULT_EF, DEFAULT_EF_CONSTRUCTION, DEFAULT_M
from heritage_explorer.index.params import (
    COMPRESSED_FROM_N,
    FAISS_IVFPQ,
    HNSWLIB,
    SERVING_BUDGET_BYTES,
    IndexParams,
    index_params,
    serving_bytes,
)

SIZES = (0, 1_000, 100_000, 100_001, 300_000, 500_000, 2_000_000, 50_000_000)


def test_small_collections_keep_the_measured_defaults() -> None:
    for n in (0, 1, 10_000, 100_000):
        assert index_params(n, 512) == IndexParams(HNSWLIB, M=DEFAULT_M, ef_construction=DEFAULT_EF_CONSTRUCTION,
                                                   ef=DEFAULT_EF)


@pytest.mark.parametrize("dim", [128, 512, 2048])
def test_hnsw_parameters_never_shrink_as_the_collection_grows(dim: int) -> None:
    chosen = [index_params(n, dim, backend=HNSWLIB) for n in SIZES]
    for smaller, larger in zip(chosen, chosen[1:], strict=False):
        assert (larger.M, larger.ef_construction, larger.ef) >= (smaller.M, smaller.ef_construction, smaller.ef)
    assert chosen[-1].M > chosen[0].M and chosen[-1].ef > chosen[0].ef  # they do grow
    assert index_params(300_000, 2048, backend=HNSWLIB).M > index_params(300_000, 512, backend=HNSWLIB).M


def test_a_million_vectors_get_the_compressed_index() -> None:
    params = index_params(1_000_000, 512)
    assert params.backend == FAISS_IVFPQ
    assert params.to_json() == {"backend": FAISS_IVFPQ, "nlist": 1024, "pq_m": 64, "nprobe": 128, "rerank": 200}
    assert index_params(COMPRESSED_FROM_N - 1, 512).backend == HNSWLIB


def test_a_graph_over_the_memory_budget_gets_the_compressed_index_below_the_size_threshold() -> None:
    n, dim = 300_000, 4096
    assert serving_bytes(n, dim, index_params(n, dim, backend=HNSWLIB)) > SERVING_BUDGET_BYTES
    assert index_params(n, dim).backend == FAISS_IVFPQ
    assert serving_bytes(n, dim, index_params(n, dim)) < serving_bytes(n, dim, index_params(n, dim, backend=HNSWLIB))


@pytest.mark.parametrize("dim", [8, 96, 128, 500, 512, 1280, 2048])
@pytest.mark.parametrize("n", [10_000, 1_000_000, 100_000_000])
def test_ivfpq_parameters_are_valid_for_faiss(n: int, dim: int) -> None:
    params = index_params(n, dim, backend=FAISS_IVFPQ)
    assert dim % params.pq_m == 0 and dim // params.pq_m >= 8 or dim < 16
    assert params.pq_m <= 128
    assert params.nlist & (params.nlist - 1) == 0 and 64 <= params.nlist <= 16384
    assert 16 <= params.nprobe <= params.nlist and params.rerank >= 10


def test_hnsw_parameters_serialise_without_the_other_backends_fields() -> None:
    assert index_params(10, 64).to_json() == {"backend": HNSWLIB, "M": 16, "ef_construction": 100, "ef": 128}


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="backend must be one of"):
        index_params(10, 64, backend="annoy")
    with pytest.raises(ValueError, match="n >= 0 and dim >= 1"):
        index_params(-1, 64)
    with pytest.raises(ValueError, match="n >= 0 and dim >= 1"):
        index_params(10, 0)
