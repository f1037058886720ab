"""`heritage-explorer bench` writes JSON with a machine section and prints a table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from heritage_explorer.cli import main


def test_bench_decode_section_writes_json_and_table(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bench.json"
    assert main(["bench", "decode", "--quick", "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert {"machine", "decode"} <= set(result)
    for size in ("512px", "1024px"):
        figures = result["decode"][size]
        assert abs(figures["speedup"] - figures["plain_ms"] / figures["draft_ms"]) < 0.05
        assert figures["draft_ms"] > 0
    printed = capsys.readouterr().out
    assert "[decode]" in printed and "512px.speedup" in printed


def test_unknown_bench_section_is_an_error(tmp_path: Path, capsys) -> None:
    assert main(["bench", "nothing", "--out", str(tmp_path / "b.json")]) == 2
    assert "unknown bench section" in capsys.readouterr().err


def test_bench_scale_writes_the_catalog_and_index_halves_with_stable_keys(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bench.json"
    assert main(["bench", "scale", "--size", "10000", "--out", str(out)]) == 0
    scale = json.loads(out.read_text())["scale"]
    catalog = scale["catalog"]
    assert {"rows", "import_rows_per_s", "filter_ms", "grid_first_screen_s", "count_ms"} <= set(catalog)
    assert catalog["rows"] == 10_000 and catalog["grid_first_screen_measures"] == "window"
    scroll = catalog["grid_scroll"]  # dragged to the end each frame: the model fetched page after page
    assert scroll["scroll_rows_loaded"] > 1000 and {"worst_ms", "p99_ms"} <= set(scroll["scroll_lag_ms"])
    assert catalog["filters"]["img_0004242|-"]["matches"] == 1
    assert catalog["filters"]["vendome|-"]["matches"] == 1000  # one row in ten
    assert catalog["filters"]["-|class0042"]["matches"] == 10
    index = scale["index"]
    assert [c["backend"] for c in index["configs"]] == ["hnswlib", "faiss-ivfpq"]
    for config in index["configs"]:
        assert {"n", "dim", "recall_at_10", "p95_ms", "rss_bytes", "params", "build_s", "add_10k_s", "load_s",
                "backend"} <= set(config)
        assert (config["n"], config["dim"]) == (10_000, 512)
        assert config["recall_at_10"] >= 0.9 and 0 < config["p95_ms"] and config["rss_bytes"] > 0
        assert config["params"]["backend"] == config["backend"]
    assert index["chosen_by_index_params"] == {"10000": "hnswlib"}
    assert len(index["machine"]["load_average_before_after"]) == 2
    printed = capsys.readouterr().out
    assert "[scale]" in printed and "catalog.import_rows_per_s" in printed
    assert "faiss-ivfpq" in printed and "index_params chooses" in printed


def test_bench_scale_too_large_for_the_disk_is_refused_before_any_work(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bench.json"
    assert main(["bench", "extraction", "scale", "--size", str(10**13), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "GiB free" in err and "choose a smaller --size" in err and "bench: extraction" not in err
    assert not out.exists()


def test_bench_scale_refuses_a_size_beyond_memory_before_any_work(tmp_path: Path, capsys) -> None:
    import shutil
    import tempfile

    from heritage_explorer.benchmarks.scale_catalog import BYTES_PER_ROW
    from heritage_explorer.benchmarks.scale_index import available_memory_bytes

    # a size whose two float32 copies of the vectors alone exceed this machine's memory
    size = available_memory_bytes() // (2 * 512 * 4) + 1
    if size * BYTES_PER_ROW >= shutil.disk_usage(tempfile.gettempdir()).free:
        pytest.skip(f"{size:,} rows do not fit the catalog's disk check here, so the memory check is not reached")
    out = tmp_path / "bench.json"
    assert main(["bench", "scale", "--size", str(size), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{size} × 512 needs about" in err and "GiB of memory" in err and "choose a smaller --size" in err
    assert "generating" not in err and not out.exists()


def test_bench_size_without_the_scale_section_is_an_error(tmp_path: Path, capsys) -> None:
    assert main(["bench", "decode", "--size", "5", "--out", str(tmp_path / "b.json")]) == 2
    assert "--size applies to the scale section only" in capsys.readouterr().err
    assert main(["bench", "scale", "--size", "50", "--out", str(tmp_path / "b.json")]) == 2
    assert "--size must be at least 10000" in capsys.readouterr().err


def test_bench_near_duplicates_compares_with_the_sequential_path(tmp_path: Path, capsys) -> None:
    """`bench near-duplicates --quick` (#21): both paths timed in one run, the same groups, a projection."""
    from heritage_explorer.descriptors.registry import list_methods

    if not next(m for m in list_methods() if m.spec == "efflite0-gem").available:
        pytest.skip("efflite0-gem weights absent (see 'heritage-explorer weights')")
    out = tmp_path / "bench.json"
    assert main(["bench", "near-duplicates", "--quick", "--out", str(out)]) == 0
    values = json.loads(out.read_text())["near_duplicates"]
    assert values["same_groups"] is True and values["groups"] >= 1
    assert values["image_count"] == 48 and values["candidate_pairs"] >= values["image_count"]
    for name in ("reference", "parallel", "rerun"):
        figures = values[name]
        assert figures["total_s"] > 0 and figures["projected_10k_min"] > 0
        assert abs(figures["images_per_s"] - values["image_count"] / figures["total_s"]) < 0.05
    assert abs(values["speedup"] - values["reference"]["total_s"] / values["parallel"]["total_s"]) < 0.05
    assert values["rerun"]["seconds"]["features"] < values["parallel"]["seconds"]["features"]  # SIFT from the cache
    assert len(values["load_average_before_after"]) == 2
    printed = capsys.readouterr().out
    assert "[near_duplicates]" in printed and "10k min" in printed and "same groups: True" in printed


def test_bench_map_times_every_frame_against_the_10k_reference(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    out = tmp_path / "bench.json"
    assert main(["bench", "map", "--quick", "--out", str(out)]) == 0
    figures = json.loads(out.read_text())["map"]
    assert figures["reference"]["n_points"] == 10_000 and figures["target"]["n_points"] == 20_000
    measures = ("full_view", "zoom_steps", "pan_dots", "open_thumbnails", "pan_thumbnails", "lasso", "recolour")
    for size in ("reference", "target"):
        run = figures[size]
        frames = sum(run[m]["frames"] for m in measures)
        assert run["paints"] >= frames * 0.9, "each measured frame painted the view"
        assert all(0 < run[m]["p50_ms"] <= run[m]["p95_ms"] for m in measures)
        assert run["pan_thumbnails"]["thumbnail_items"] > 0, "close in, thumbnails were drawn"
        assert 0.05 * run["n_points"] < run["lasso"]["points_selected"] < 0.2 * run["n_points"]
    assert "[map]" in capsys.readouterr().out
