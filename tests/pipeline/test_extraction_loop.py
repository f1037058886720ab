"""The one extraction loop (issue #17 part 4): a global and a local extraction, cancelled after their
first batch, resume from it through the same code and record the same unreadable image."""

from __future__ import annotations

import pytest

from heritage_explorer.core.errors import CancelledError
from heritage_explorer.core.jobs import CancelToken
from heritage_explorer.pipeline import extraction_loop
from heritage_explorer.pipeline.extract import interrupted_extractions
from heritage_explorer.pipeline.extraction_loop import DEFAULT_BATCH, seeded_sample
from heritage_explorer.pipeline.methods import extract_any
from tests.pipeline.test_local import scene_project

SPECS = ("colorhist", "orb-300")  # a global method and a local one, no network needed


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    project = scene_project(tmp_path_factory, range(8))  # 24 images: two batches
    broken = project.catalog.images()[5]
    broken.abspath.write_bytes(b"not an image any more")
    return project, broken


@pytest.mark.parametrize("spec", SPECS)
def test_a_cancelled_extraction_resumes_after_its_first_batch(project, spec: str, monkeypatch) -> None:
    project, broken = project
    calls = []
    run_extraction = extraction_loop.run_extraction

    def counting(*args, **kwargs):  # the one loop, whichever kind of method
        calls.append(kwargs["stage"])
        return run_extraction(*args, **kwargs)

    for module in ("extract", "extraction_loop"):
        monkeypatch.setattr(f"heritage_explorer.pipeline.{module}.run_extraction", counting)
    token = CancelToken()
    with pytest.raises(CancelledError):
        extract_any(project, [spec], progress=lambda p: token.cancel(), cancel=token)
    assert calls == [f"extracting {spec}"]
    assert interrupted_extractions(project) == {spec: 1}  # what the extraction panel offers to resume
    total = len(project.catalog.images())
    again = extract_any(project, [spec])
    readable = total - 1
    assert DEFAULT_BATCH <= again.reused[spec] < readable  # the first batch was kept, the rest described
    assert again.reused[spec] + again.computed[spec] == readable
    assert [path for path, _ in again.errors] == [broken.path]  # skipped and said so, by both kinds
    assert len(calls) == 2
    assert interrupted_extractions(project) == {}


def test_a_fit_sample_is_seeded_and_keeps_the_collection_order(project) -> None:
    rows = project[0].catalog.images()
    sample = seeded_sample(rows, 10)
    assert sample == seeded_sample(rows, 10) and len(sample) == 10
    assert [row.id for row in sample] == sorted(row.id for row in sample)
    assert seeded_sample(rows, 100) == rows
