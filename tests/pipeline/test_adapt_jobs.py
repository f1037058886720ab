"""The app's adaptation job (``pipeline/adapt_jobs.py``, issue #19 part 5): the request file that
makes an interrupted adaptation resumable, and which bases can be adapted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.pipeline import adapt as A
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.adapt_jobs import (
    REQUEST_FILE,
    AdaptRequest,
    adaptable_bases,
    cannot_adapt,
    discard_request,
    interrupted_adaptations,
    run_adaptation,
    write_request,
)


def test_the_bases_that_adapt_accepts() -> None:
    specs = ["efflite0-gem", "efflite0-rmac+gray", "colorhist", "efflite0-gem+pcaw128", "efflite0-gem+adapt:x",
             "netvlad-efflite0", "xfeat-1000"]
    assert adaptable_bases(specs) == ["efflite0-gem", "efflite0-rmac+gray"]
    assert "cannot be adapted" in cannot_adapt("colorhist") and "not a method" in cannot_adapt("xfeat-1000")


def test_a_request_is_listed_until_discarded_and_bad_files_are_skipped(tmp_path: Path) -> None:
    project = open_project(tmp_path / "P", create=True)
    request = AdaptRequest("efflite0-gem", "museum", "labels", 7, 2.5)
    write_request(project, request)
    saved = json.loads((A.adaptation_dir(project, "museum") / REQUEST_FILE).read_text())
    assert saved["schema_version"] == 1 and saved["base"] == "efflite0-gem" and saved["started"]
    (A.adaptation_dir(project, "broken")).mkdir(parents=True)
    (A.adaptation_dir(project, "broken") / REQUEST_FILE).write_text("{not json")
    assert interrupted_adaptations(project) == [request]
    assert A.project_adaptations(project) == []  # nothing learned: not a method yet
    discard_request(project, "museum")
    assert interrupted_adaptations(project) == []
    dry = AdaptRequest("efflite0-gem", "museum", dry_run=True)  # an interrupted dry run resumes as a dry run
    write_request(project, dry)
    assert interrupted_adaptations(project) == [dry]
    tuned = AdaptRequest("efflite0-gem", "tuned", "judgments", 3, learn="lw+finetune")  # and a fine-tuning as one
    write_request(project, tuned)
    assert tuned in interrupted_adaptations(project)


@pytest.mark.parametrize("request_, message", [
    (AdaptRequest("colorhist", "x"), "cannot be adapted"),
    (AdaptRequest("efflite0-gem", "Bad Name"), "bad adaptation name"),
    (AdaptRequest("efflite0-gem", "x", "votes"), "supervision must be one of none, labels, judgments"),
    (AdaptRequest("efflite0-gem", "x", "labels", learn="finetune"), "trains on the mined pairs only"),
    (AdaptRequest("efflite0-gem", "x", learn="deep"), "--learn must be one of lw, finetune, lw\\+finetune"),
    (AdaptRequest("efflite0-gem", "x", minutes=0.0), "must be positive"),
])
def test_a_bad_request_is_refused_before_anything_is_written(project_root: Path, request_, message) -> None:
    with pytest.raises(HeritageError, match=message):
        run_adaptation(str(project_root), request_)
    assert interrupted_adaptations(open_project(project_root)) == []


def test_a_time_bound_leaves_the_request_and_running_it_again_resumes(project_root: Path) -> None:
    bounded = AdaptRequest("efflite0-gem", "syn", seed=1, minutes=1e-7)  # ends before the first verification
    with pytest.raises(HeritageError, match="mining stopped"):
        run_adaptation(str(project_root), bounded)
    project = open_project(project_root)
    assert interrupted_adaptations(project) == [bounded]
    assert not (A.adaptation_dir(project, "syn") / A.PROVENANCE_FILE).exists()
    result = run_adaptation(str(project_root), AdaptRequest("efflite0-gem", "syn", seed=1))
    assert result["spec"] == "efflite0-gem+adapt:syn" and result["mining"]["complete"]
    assert interrupted_adaptations(project) == []
    assert [info.spec for info in A.project_adaptations(project)] == ["efflite0-gem+adapt:syn"]
