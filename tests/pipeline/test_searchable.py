"""What the app may search a project with, and of what kind each spec is (pipeline/searchable.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from heritage_explorer.pipeline import import_source, open_project
from heritage_explorer.pipeline.methods import extract_any
from heritage_explorer.pipeline.searchable import (
    GLOBAL,
    LOCAL,
    RERANK,
    composed_ready,
    method_kind,
    rerank_ready,
    scores_are_inliers,
    searchable_specs,
)

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"


@pytest.mark.parametrize("spec, kind", [
    ("efflite0-gem", GLOBAL), ("colorhist", GLOBAL), ("netvlad-efflite0", GLOBAL), ("efflite0-gem+aqe5", GLOBAL),
    ("xfeat-1000", LOCAL), ("orb-1000+affine", LOCAL), ("efflite0-gem>>xfeat-1000@100", RERANK),
    ("colorhist>>orb-1000", RERANK),
])
def test_each_spec_has_one_kind(spec: str, kind: str) -> None:
    assert method_kind(spec) == kind
    assert scores_are_inliers(spec) == (kind != GLOBAL)


def test_a_re_ranking_is_ready_once_both_parts_are_extracted() -> None:
    assert rerank_ready("colorhist>>orb-1000@50", ["colorhist"], ["orb-1000"])
    assert rerank_ready("colorhist+aqe3>>orb-1000+affine@50", ["colorhist"], ["orb-1000"]), "modifiers need no store"
    assert not rerank_ready("colorhist>>orb-1000@50", ["colorhist"], [])
    assert not rerank_ready("efflite0-gem>>orb-1000@50", ["colorhist"], ["orb-1000"])
    assert not rerank_ready("colorhist>>nonsense-3@50", ["colorhist"], ["orb-1000"]), "a spec that does not parse"


def test_a_method_builders_method_is_ready_once_its_stores_are_extracted() -> None:
    assert composed_ready("colorhist+dba5+aqe3a3", ["colorhist"], []), "query expansion on an extracted store"
    assert not composed_ready("colorhist", ["colorhist"], []), "a store itself is not composed"
    assert not composed_ready("efflite0-gem+aqe5", ["colorhist"], []), "its descriptor is not extracted"
    assert composed_ready("orb-1000+affine+min20", [], ["orb-1000"]) and not composed_ready("orb-1000", [], ["orb-1000"])
    assert composed_ready("colorhist+aqe3>>orb-1000@50", ["colorhist"], ["orb-1000"])
    assert not composed_ready("colorhist+aqe3>>orb-1000@50", ["colorhist"], [])
    assert not composed_ready("nonsense-3+aqe5", ["colorhist"], []), "a spec that does not parse"


def test_searchable_specs_lists_global_and_local_stores_and_ready_re_rankings(tmp_path) -> None:
    shutil.copytree(SAMPLE, tmp_path / "sample")
    project = open_project(tmp_path / "P", create=True)
    import_source(project, str(tmp_path / "sample" / "collection.csv"))
    assert searchable_specs(project, ["colorhist>>orb-1000@50"], rerank_base="colorhist") == []
    extract_any(project, ["colorhist", "orb-1000"])
    wanted = ["colorhist>>orb-1000@50", "efflite0-gem>>orb-1000@50", "xfeat-1000", None]
    assert searchable_specs(project, wanted) == ["colorhist", "orb-1000", "colorhist>>orb-1000@50"]
    assert searchable_specs(project, ["colorhist+aqe5", "efflite0-gem+aqe5", "orb-1000+affine"]) == [
        "colorhist", "orb-1000", "colorhist+aqe5", "orb-1000+affine"], "the method builder's kinds"
    assert searchable_specs(project, wanted, rerank_base="colorhist") == [
        "colorhist", "orb-1000", "colorhist>>orb-1000@50", "colorhist>>orb-1000@100"]
    assert searchable_specs(project, rerank_base="efflite0-gem") == ["colorhist", "orb-1000"], "base not extracted"
