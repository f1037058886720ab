"""search() with a query vector computed elsewhere (the GUI's describer process) answers as with the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.pipeline import describe_external, extract_methods, import_source, open_project, search

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"


@pytest.fixture(scope="module")
def colorhist_project(tmp_path_factory):
    base = tmp_path_factory.mktemp("query_vector")
    shutil.copytree(SAMPLE, base / "sample")
    project = open_project(base / "P", create=True)
    import_source(project, str(base / "sample" / "collection.csv"))
    extract_methods(project, ["colorhist"])
    return project


def test_query_vector_gives_the_hits_of_the_file(colorhist_project) -> None:
    project = colorhist_project
    external = SAMPLE / "images" / "coffee_crop.jpg"
    vector = describe_external(project, "colorhist", external)
    by_vector = search(project, "colorhist", query_vector=vector, k=8)
    by_path = search(project, "colorhist", image_path=external, k=8)
    assert len(by_vector) == 8
    assert [(h.image_id, h.score) for h in by_vector] == [(h.image_id, h.score) for h in by_path]
    assert by_vector[0].path.endswith("coffee_crop.jpg") and by_vector[0].score == pytest.approx(1.0, abs=1e-4)


def test_query_vector_of_another_dimension_is_a_clear_error(colorhist_project) -> None:
    vector = describe_external(colorhist_project, "colorhist", SAMPLE / "images" / "coffee_crop.jpg")
    with pytest.raises(HeritageError, match=r"colorhist: the query vector has shape \(10,\).*-dimensional"):
        search(colorhist_project, "colorhist", query_vector=vector[:10])
    with pytest.raises(ValueError, match="exactly one"):
        search(colorhist_project, "colorhist", image_id=1, query_vector=vector)

