"""Per-method cost estimates of the extraction panel, without Qt (issue #18 part 1).

The figures are the benchmark's (README "Performance", "Local extraction") until the project has
extracted a method itself: then its own measured rate, from the run log that ``extract_any`` keeps.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from heritage_explorer.descriptors.registry import MethodInfo
from heritage_explorer.pipeline import import_source, open_project
from heritage_explorer.pipeline.cost_estimate import (
    BENCH_RATES,
    estimate_cost,
    format_cost,
    images_to_extract,
    measured_rates,
    project_costs,
)
from heritage_explorer.pipeline.methods import extract_any

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "collection.csv"


def test_benchmark_figures_give_time_and_size_for_every_kind() -> None:
    gem = estimate_cost("efflite0-gem", 1280, 1000)
    assert gem.seconds == pytest.approx(1000 / 31.6) and gem.bytes == 1000 * 1280 * 4 and gem.source == "benchmark"
    assert format_cost(gem) == "~32 s, 5.1 MB"
    assert estimate_cost("efflite0-gem+pcaw512", 1280, 1000).bytes == 1000 * 512 * 4  # the whitened dimension
    multiscale = estimate_cost("efflite0-gem+ms", 1280, 1000)
    assert multiscale.seconds == pytest.approx(gem.seconds * 1.75)
    xfeat = estimate_cost("xfeat-1000", 64, 10_000)
    assert xfeat.bytes / 10_000 / 1024 == pytest.approx(137, abs=1)  # README: XFeat 137 KiB per image
    assert format_cost(xfeat) == "~24 min, 1.4 GB"
    orb = estimate_cost("orb-1000", 32, 10_000)
    assert orb.bytes / 10_000 / 1024 == pytest.approx(43, abs=1)  # README: ORB 43 KiB per image
    assert orb.seconds == pytest.approx(10_000 / BENCH_RATES["orb"])
    resnet = estimate_cost("resnet101-gem", 2048, 1000)
    assert resnet.seconds > 10 * gem.seconds and "multiply-adds" in resnet.source
    assert estimate_cost("efflite0-gem>>xfeat-1000@100", 1280, 1000).bytes == 0  # uses its parts' stores
    assert format_cost(estimate_cost("colorhist", 128, 3)) == "~1 s, 1.5 kB"


def test_the_projects_own_extractions_replace_the_benchmark_figures(tmp_path) -> None:
    project = open_project(tmp_path / "P", create=True)
    import_source(project, str(SAMPLE))
    images = images_to_extract(project)
    assert images == len(project.catalog.images(status="ok")) > 20
    listed = [MethodInfo("colorhist", "baseline", 128, "", "", True), MethodInfo("orb-1000", "local", 32, "", "", True)]
    before = project_costs(project, listed)
    assert before["colorhist"].source.startswith("benchmark") and before["colorhist"].images == images
    summary = extract_any(project, ["colorhist"])
    assert measured_rates(project)["colorhist"] == pytest.approx(images / summary.seconds, rel=0.01)
    after = project_costs(project, listed)
    assert after["colorhist"].source == "measured in this project"
    assert after["colorhist"].seconds == pytest.approx(summary.seconds, rel=0.01)
    assert after["colorhist"].bytes == images * 128 * 4
    assert after["orb-1000"].source == "benchmark"  # not extracted here: still the benchmark's
