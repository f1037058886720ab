"""`bench local-index` on a tiny collection: the figures are there, consistent, and printed."""

from __future__ import annotations

from heritage_explorer.benchmarks.local_index import format_local_index_table, run_local_index_bench


def test_local_index_bench_measures_build_size_and_query() -> None:
    result = run_local_index_bench(n_images=120, methods=("orb-1000",))
    figures = result["methods"]["orb-1000"]
    assert figures["index"] == "binary IVF" and figures["images"] == 120
    assert figures["descriptors"] > 100 * 500
    assert figures["disk_bytes"] > figures["descriptors"] * 32  # 32-byte codes + 8-byte labels
    assert 0 < figures["vote_p50_s"] <= figures["query_p50_s"] <= figures["query_p95_s"]
    assert figures["top1_is_a_replica_of_the_query"] == 1.0
    table = format_local_index_table(result)
    assert "orb-1000" in table and "query p95 s" in table
