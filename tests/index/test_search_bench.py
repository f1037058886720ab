"""The search benchmark's helpers and result shape, on a tiny configuration (the real run is `bench`)."""

from __future__ import annotations

import json

import numpy as np

from heritage_explorer.benchmarks.search import (
    EF_SWEEP,
    clustered_unit_vectors,
    format_search_table,
    recall_at_k,
    run_search_bench,
)
from heritage_explorer.core.jobs import Progress


def test_clustered_vectors_are_unit_norm_and_clustered() -> None:
    vectors = clustered_unit_vectors(2000, 64, clusters=10, seed=1)
    assert vectors.shape == (2000, 64) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    nearest = np.sort(vectors @ vectors.T, axis=1)[:, -2]
    assert nearest.mean() > 0.5  # a cluster-mate, not a random direction (cosine ≈ 0 in 64-d)
    np.testing.assert_array_equal(vectors, clustered_unit_vectors(2000, 64, clusters=10, seed=1))


def test_recall_at_k_by_hand() -> None:
    truth = np.array([[1, 2, 3, 4], [5, 6, 7, 8]])
    found = np.array([[4, 3, 9, 9], [5, 6, 7, 8]])
    assert recall_at_k(found, truth) == (2 + 4) / 8


def test_tiny_run_returns_a_json_able_result_and_a_table() -> None:
    reports: list[Progress] = []
    result = run_search_bench(configs=[(2000, 16)], progress=reports.append)
    json.dumps(result)
    search = result["search"]
    (config,) = search["configs"]
    assert (config["n"], config["dim"]) == (2000, 16)
    assert [row["ef"] for row in config["hnsw"]] == list(EF_SWEEP)
    assert all(0.9 <= row["recall_at_10"] <= 1.0 for row in config["hnsw"])
    assert all(0 <= row["cpu_p50_ms"] <= row["cpu_p95_ms"] for row in config["hnsw"])
    assert config["index_bytes"] > 2000 * 16 * 4
    assert config["load_s"] > 0 and config["load_first_s"] > 0
    assert search["targets_at_100k_2048"] is None
    assert reports and reports[-1].message == "done"
    table = format_search_table(result)
    assert "2000" in table and "recall@10" in table and "Targets at 100k × 2048: not run" in table


def test_serving_memory_through_the_pipeline_on_a_tiny_project() -> None:
    from heritage_explorer.benchmarks.memory import LAYOUTS, format_memory_table, run_serving_memory

    serving = run_serving_memory(1500, 64)
    json.dumps(serving)
    assert list(serving["layouts"]) == list(LAYOUTS) and not serving["at_target_size"]
    layouts = serving["layouts"]
    for row in layouts.values():
        assert row["peak_rss_bytes"] >= row["rss_serving_bytes"] > row["rss_baseline_bytes"] > 0
        assert row["first_search_s"] > 0 and 0 < row["search_p50_ms"] <= row["search_p95_ms"]
    assert layouts["float16_mmap"]["store_bytes"] < 0.6 * layouts["float32_mmap"]["store_bytes"]
    assert layouts["float32_in_memory"]["held_in_memory_bytes"] == 1500 * 64 * 4
    table = format_memory_table({"serving": serving, "float16_map": {"method": "m", "collections": {}}})
    assert "float16_mmap" in table and "not measured at 100k × 2048" in table
