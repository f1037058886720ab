"""`heritage-explorer bench` writes JSON with a machine section and prints a table."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_bench_scale_catalog_section_has_the_stable_keys(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    assert main(["bench", "scale", "--size", "3000", "--out", str(out)]) == 0
    catalog = json.loads(out.read_text())["scale"]["catalog"]
    assert {"rows", "import_rows_per_s", "filter_ms", "grid_first_screen_s", "count_ms"} <= set(catalog)
    assert catalog["rows"] == 3000 and catalog["grid_first_screen_measures"] == "window"
    assert catalog["filters"]["img_0004242|-"]["matches"] == 0  # beyond 3,000 rows
    assert catalog["filters"]["vendome|-"]["matches"] == 300  # one row in ten
    assert catalog["filters"]["-|class0042"]["matches"] == 3


def test_bench_scale_too_large_for_the_disk_is_refused_before_any_work(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bench.json"
    assert main(["bench", "extraction", "scale", "--size", str(10**13), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "GiB free" in err and "choose a smaller --size" in err and "bench: extraction" not in err
    assert not out.exists()
