"""What the extraction panel lists, without Qt (issue #18 part 1): groups, fitting, extracted variants."""

from __future__ import annotations

from pathlib import Path

from heritage_explorer.descriptors.local.specs import local_method_infos
from heritage_explorer.descriptors.registry import list_methods
from heritage_explorer.pipeline import import_source, open_project
from heritage_explorer.pipeline.method_list import (
    GROUP_TITLES,
    available_methods,
    extracted_all,
    extracted_variants,
    fitting,
    method_group,
)
from heritage_explorer.pipeline.methods import extract_any

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "collection.csv"


def test_every_registry_and_local_method_is_listed_in_its_group() -> None:
    methods = available_methods()
    assert [m.spec for m in methods] == [m.spec for m in list_methods()] + [m.spec for m in local_method_infos()]
    groups = {m.spec: method_group(m) for m in methods}
    assert set(groups.values()) <= set(GROUP_TITLES)
    assert groups["efflite0-gem"] == "global" and groups["resnet101-rmac"] == "global"
    assert groups["netvlad-efflite0"] == "netvlad" and groups["colorhist"] == "colour"
    assert [s for s, g in groups.items() if g == "local"] == ["orb-1000", "xfeat-1000", "delf-efflite0-1000",
                                                               "delf-resnet101-1000"]


def test_fitting_says_what_is_learned_on_the_collection() -> None:
    assert fitting("efflite0-gem") == "none" and fitting("colorhist") == "none"
    assert fitting("orb-1000") == "none" and fitting("xfeat-1000") == "none"
    assert fitting("efflite0-gem+gray+pcaw512") == "PCA-whitening to 512"
    assert fitting("resnet101-gem+pca256") == "PCA to 256"
    assert fitting("netvlad-efflite0") == "k-means (64 centres)"
    assert fitting("netvlad-vgg16+pcaw256") == "k-means (64 centres) + PCA-whitening to 256"
    assert fitting("delf-resnet101-1000") == "PCA to 128 (local features)"
    assert fitting("delf-efflite0-1000") == "PCA to 112 (local features)"  # capped at the stage's 112 channels
    assert fitting("delf-resnet101-1000+pca64") == "PCA to 64 (local features)"
    assert fitting("efflite0-gem+adapt:museum") == "learned whitening (done by adapt)"


def test_extracted_specs_are_shown_on_the_row_they_vary() -> None:
    listed = ["efflite0-gem", "efflite0-gem+adapt:museum", "delf-efflite0-1000", "orb-1000", "colorhist"]
    found = extracted_variants(listed, ["efflite0-gem", "efflite0-gem+gray+pcaw512", "efflite0-gem+adapt:museum",
                                        "delf-efflite0-1000+pca64", "orb-1000", "orb-500", "not a method"])
    assert found == {"efflite0-gem": ["efflite0-gem", "efflite0-gem+gray+pcaw512"],
                     "efflite0-gem+adapt:museum": ["efflite0-gem+adapt:museum"],
                     "delf-efflite0-1000": ["delf-efflite0-1000+pca64"], "orb-1000": ["orb-1000"], "colorhist": []}


def test_extracted_all_lists_global_and_local_stores(tmp_path: Path) -> None:
    project = open_project(tmp_path / "P", create=True)
    import_source(project, str(SAMPLE))
    assert extracted_all(project) == []
    extract_any(project, ["colorhist", "orb-1000"])
    assert extracted_all(project) == ["colorhist", "orb-1000"]
