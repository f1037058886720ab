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
