"""Pipeline jobs on the bundled sample collection (always present): resume, stale data, whitening, search."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from heritage_explorer.core.errors import CancelledError
from heritage_explorer.core.jobs import CancelToken
from heritage_explorer.pipeline import (
    build_index,
    current_vectors,
    evaluate_all,
    extract_methods,
    import_source,
    open_project,
    search,
)

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"


@pytest.fixture()
def sample_copy(tmp_path: Path) -> Path:
    target = tmp_path / "sample"
    shutil.copytree(SAMPLE, target)
    return target / "collection.csv"


@pytest.fixture()
def project(tmp_path: Path, sample_copy: Path):
    project = open_project(tmp_path / "P", create=True)
    summary = import_source(project, str(sample_copy))
    assert summary.errors == [] and summary.ok == 31
    return project


def test_cancel_then_resume_gives_identical_vectors(project, tmp_path: Path) -> None:
    token = CancelToken()
    seen = []

    def progress(p):
        seen.append(p.done)
        if p.done >= 8:
            token.cancel()

    with pytest.raises(CancelledError):
        extract_methods(project, ["efflite0-gem", "colorhist"], batch_size=4, progress=progress, cancel=token)
    resumed = extract_methods(project, ["efflite0-gem", "colorhist"], batch_size=4)
    assert 0 < resumed.reused["efflite0-gem"] < 31  # the first run's batches were kept
    assert resumed.reused["efflite0-gem"] + resumed.computed["efflite0-gem"] == 31
    fresh = open_project(tmp_path / "Fresh", create=True)
    import_source(fresh, str(SAMPLE / "collection.csv"))
    extract_methods(fresh, ["efflite0-gem"])
    a, b = current_vectors(project, "efflite0-gem"), current_vectors(fresh, "efflite0-gem")
    assert len(a) == len(b) == 31
    np.testing.assert_allclose(np.asarray(a.vectors), np.asarray(b.vectors), atol=1e-6)
    assert np.allclose(np.linalg.norm(np.asarray(a.vectors), axis=1), 1.0, atol=1e-4)


def test_changed_image_is_recomputed_and_never_served_stale(project, sample_copy: Path) -> None:
    extract_methods(project, ["colorhist"])
    before = current_vectors(project, "colorhist")
    target = project.catalog.images()[0]
    Image.open(target.abspath).convert("L").convert("RGB").save(target.abspath)  # content changes
    import_source(project, str(sample_copy))
    assert len(current_vectors(project, "colorhist")) == 30  # the stale row is hidden at once
    again = extract_methods(project, ["colorhist"])
    assert again.computed == {"colorhist": 1}
    after = current_vectors(project, "colorhist")
    row = int(np.flatnonzero(after.ids == target.id)[0])
    assert not np.allclose(after.vectors[row], before.vectors[row])


def test_unreadable_image_is_reported_and_the_rest_extracted(project) -> None:
    victim = project.catalog.images()[3]
    victim.abspath.write_bytes(b"not a jpeg any more")
    summary = extract_methods(project, ["colorhist"])
    assert [p for p, _ in summary.errors] == [victim.path]
    assert project.catalog.image(victim.id).status == "error"
    assert len(current_vectors(project, "colorhist")) == 30


def test_whitened_method_and_search(project, sample_copy: Path) -> None:
    summary = extract_methods(project, ["efflite0-gem+pcaw16"])
    assert summary.computed["efflite0-gem"] == 31
    whitened = current_vectors(project, "efflite0-gem+pcaw16")
    assert whitened.vectors.shape == (31, 16)
    query = next(r for r in project.catalog.images() if r.path.endswith("astronaut_original.jpg"))
    hits = search(project, "efflite0-gem+pcaw16", image_id=query.id, k=4)
    assert hits[0].image_id == query.id and hits[0].score == pytest.approx(1.0, abs=1e-4)
    external = search(project, "efflite0-gem+pcaw16", image_path=query.abspath, k=4)
    assert [h.image_id for h in external] == [h.image_id for h in hits]


def test_search_with_an_external_image_finds_its_class(project, tmp_path: Path) -> None:
    extract_methods(project, ["efflite0-gem"])
    source = next(r for r in project.catalog.images() if r.path.endswith("chelsea_original.jpg"))
    external = tmp_path / "dropped.png"
    Image.open(source.abspath).crop((20, 20, 400, 300)).save(external)
    hits = search(project, "efflite0-gem", image_path=external, k=4)
    assert [h.rank for h in hits] == [1, 2, 3, 4]
    assert sum(h.group == "chelsea" for h in hits) >= 3


def test_index_grows_incrementally(project, sample_copy: Path, tmp_path: Path) -> None:
    extract_methods(project, ["colorhist"])
    assert len(build_index(project, "colorhist")) == 31
    extra = sample_copy.parent / "images" / "extra_astronaut.jpg"
    Image.open(sample_copy.parent / "images" / "astronaut_original.jpg").rotate(5).save(extra)
    with open(sample_copy, "a") as fh:
        fh.write("images/extra_astronaut.jpg,astronaut,1,,,,\n")
    import_source(project, str(sample_copy))
    extract_methods(project, ["colorhist"])
    index = build_index(project, "colorhist")
    assert len(index) == 32
    assert (project.index_dir("colorhist") / "index.bin").exists()


def test_evaluate_on_the_sample(project) -> None:
    results = evaluate_all(project, ["efflite0-gem", "colorhist"])
    assert set(results["efflite0-gem"].per_class) == {
        "astronaut", "camera", "chelsea", "coffee", "hubble", "horse", "rocket"}
    assert results["efflite0-gem"].global_map > results["colorhist"].global_map
    gray = evaluate_all(project, ["efflite0-gem"], grayscale=True)
    assert set(gray["efflite0-gem"].per_class) == set(results["efflite0-gem"].per_class)
    colour, grey = current_vectors(project, "efflite0-gem"), current_vectors(project, "efflite0-gem+gray")
    assert not np.allclose(np.asarray(colour.vectors), np.asarray(grey.vectors), atol=1e-3)
