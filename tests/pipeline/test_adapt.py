"""``adapt`` on a small synthetic collection (issue #19): mining finds the planted pairs, the adapted
method is a method like any other, labels are never read without ``--supervision labels``,
an interrupted mining resumes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.cli import main
from heritage_explorer.core.errors import HeritageError, UnknownMethodError
from heritage_explorer.descriptors.registry import parse_spec
from heritage_explorer.pipeline import adapt as A
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.methods import evaluate_all, search_any
from tests.pipeline.conftest import SCENES, assert_same_adaptation, labels_shuffled

ADAPT = ["--method", "efflite0-gem", "--k", "14"]  # every pair is a neighbour: all 105 are verified


def _planted(root: Path) -> set[tuple[int, int]]:
    rows = open_project(root).catalog.images()
    return {(a.id, b.id) for a in rows for b in rows if a.id < b.id and a.path.split("_")[0] == b.path.split("_")[0]}


def test_dry_run_writes_the_mined_pairs_and_finds_the_planted_ones(project_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "pairs.csv"
    assert main(["adapt", "--project", str(project_root), *ADAPT, "--name", "dry", "--dry-run", str(out),
                 "--json", str(tmp_path / "r.json")]) == 0
    result = json.loads((tmp_path / "r.json").read_text())
    assert result["dry_run"] and result["epochs"] == 0 and result["spec"] == "efflite0-gem+adapt:dry"
    with open(out, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 105 and result["mining"]["verified"] == 105
    positives = {(int(r["a"]), int(r["b"])) for r in rows if r["kind"] == "positive"}
    assert positives == _planted(project_root)
    assert all(int(r["inliers"]) >= A.DEFAULT_MIN_INLIERS for r in rows if r["kind"] == "positive")
    saved = json.loads((project_root / "adapt" / "dry" / "pairs.json").read_text())
    assert saved["sample"]["positives"] == 15 and len(saved["pairs"]) == 105
    assert not (project_root / "adapt" / "dry" / A.ADAPTATION_FILE).exists()  # nothing learned


def test_adapted_method_is_usable_by_search_and_evaluate(project_root: Path, tmp_path: Path, capsys) -> None:
    assert main(["adapt", "--project", str(project_root), *ADAPT, "--name", "syn", "--seed", "1",
                 "--json", str(tmp_path / "r.json")]) == 0
    result = json.loads((tmp_path / "r.json").read_text())
    assert result["pairs"] == 15 and result["spec"] == "efflite0-gem+adapt:syn"
    provenance = json.loads((project_root / "adapt" / "syn" / A.PROVENANCE_FILE).read_text())
    assert provenance["base"] == "efflite0-gem" and provenance["seed"] == 1 and provenance["positive_pairs"] == 15
    assert provenance["mining"]["min_inliers"] == A.DEFAULT_MIN_INLIERS and provenance["code_version"]
    project = open_project(project_root)
    hits = search_any(project, "efflite0-gem+adapt:syn", image_id=1, k=3)
    assert [h.image_id for h in hits][0] == 1 and {h.group for h in hits} == {hits[0].group}
    external = search_any(project, "efflite0-gem+adapt:syn", image_path=project.catalog.image(2).abspath, k=1)
    assert external[0].image_id == 2  # an outside file is described by the base network, then adapted
    results = evaluate_all(project, ["efflite0-gem", "efflite0-gem+adapt:syn"])
    assert results["efflite0-gem+adapt:syn"].global_map >= results["efflite0-gem"].global_map - 1e-9
    assert main(["evaluate", "--project", str(project_root), "--method", "efflite0-gem+adapt:syn",
                 "--method", "efflite0-gem", "--json", str(tmp_path / "e.json")]) == 0
    evaluation = json.loads((tmp_path / "e.json").read_text())
    assert evaluation["protocol"] == {"efflite0-gem+adapt:syn": "transductive-unsupervised",
                                      "efflite0-gem": "pretrained"}
    capsys.readouterr()
    assert main(["methods", "--project", str(project_root), "--json"]) == 0
    listed = {m["spec"]: m for m in json.loads(capsys.readouterr().out)["methods"]}
    adapted = [spec for spec, m in listed.items() if m["kind"] == "adapted"]
    assert adapted == ["efflite0-gem+adapt:syn"]  # the dry run learned nothing: not a method
    syn = listed["efflite0-gem+adapt:syn"]
    assert syn["available"] and syn["dim"] == listed["efflite0-gem"]["dim"]
    assert "efflite0-gem with learned whitening" in syn["description"] and "15 verified pairs" in syn["description"]
    assert syn["fitted_on_collection"] == ["learned whitening (done by adapt)"]
    assert listed["efflite0-gem"]["fitted_on_collection"] == [] and listed["orb-1000"]["fitted_on_collection"] == []
    assert listed["netvlad-efflite0"]["fitted_on_collection"] == ["k-means (64 centres)"]
    assert listed["delf-efflite0-1000"]["fitted_on_collection"] == ["PCA to 112 (local features)"]
    assert main(["methods", "--json"]) == 0 and "adapt:" not in capsys.readouterr().out  # no project: none


def test_shuffled_labels_leave_the_unsupervised_adaptation_bit_identical(
        project_root: Path, collection: Path, tmp_path: Path) -> None:
    project = open_project(project_root)
    A.adapt(project, "efflite0-gem", name="before", k=14)
    with labels_shuffled(project, collection):
        A.adapt(project, "efflite0-gem", name="after", k=14)
        assert_same_adaptation(project, "before", "after")


def test_labels_supervision_is_evaluated_on_class_disjoint_folds(project_root: Path) -> None:
    project = open_project(project_root)
    result = A.adapt(project, "efflite0-gem", name="labelled", k=14, supervision="labels", seed=2)
    assert result.label_pairs == 15  # 3 views per scene: 3 pairs per class
    provenance = A.read_provenance(project, "labelled")
    assert sorted(c for fold in provenance["folds"] for c in fold) == [f"scene{s}" for s in SCENES]
    assert A.evaluation_protocol(project, "efflite0-gem+adapt:labelled") == "class-disjoint-5-fold"
    rankings = A.fold_rankings(project, "efflite0-gem+adapt:labelled", [row.id for row in project.catalog.images()])
    assert rankings is not None and len(rankings) == 15
    assert A.fold_rankings(project, "efflite0-gem+adapt:syn", [1]) is None  # unsupervised: ranked as usual
    with pytest.raises(HeritageError, match="judgments: the project has 0 relevance judgment"):
        A.adapt(project, "efflite0-gem", name="judged", k=14, supervision="judgments")


def test_mining_resumes_after_an_interruption(project_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = open_project(project_root)
    from heritage_explorer.pipeline.methods import extract_any

    extract_any(project, ["orb-500"])
    from heritage_explorer.pipeline import adapt_mining

    monkeypatch.setattr(adapt_mining, "SAVE_EVERY", 8)
    calls = []

    def interrupt(progress) -> None:
        calls.append(progress.done)
        if len(calls) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        A.mine_pairs(project, "efflite0-gem", local="orb-500", k=14, progress=interrupt)
    assert A.mine_pairs(project, "efflite0-gem", local="orb-500", k=14, minutes=0).verified_now == 0
    resumed = A.mine_pairs(project, "efflite0-gem", local="orb-500", k=14)
    assert resumed.verified_now == 105 - 16 and resumed.complete
    (project_root / "adapt" / "_verified" / "orb-500.json").unlink()
    fresh = A.mine_pairs(project, "efflite0-gem", local="orb-500", k=14)
    assert fresh.verified_now == 105 and fresh.rows() == resumed.rows()


def test_bad_names_and_specs(project_root: Path, capsys) -> None:
    assert main(["adapt", "--project", str(project_root), "--method", "efflite0-gem", "--name", "Bad.Name"]) == 2
    assert "bad adaptation name 'Bad.Name'" in capsys.readouterr().err
    assert main(["adapt", "--project", str(project_root), "--method", "colorhist", "--name", "c"]) == 2
    assert "cannot be adapted" in capsys.readouterr().err
    assert parse_spec("EffLite0-GeM+gray+adapt:paris").spec == "efflite0-gem+gray+adapt:paris"
    for bad, message in (("efflite0-gem+adapt:-x", "bad adaptation name"), ("efflite0-gem+adapt:", "bad adaptation"),
                         ("efflite0-gem+adapt:a+gray", "must be the last"),
                         ("efflite0-gem+pcaw8+adapt:a", "without \\+pca"), ("colorhist+adapt:a", "no '\\+adapt'")):
        with pytest.raises(UnknownMethodError, match=message):
            parse_spec(bad)
    assert main(["extract", "--project", str(project_root), "--method", "efflite0-gem+adapt:nothere"]) == 2
    assert "no adaptation 'nothere'" in capsys.readouterr().err


def test_augmentation_positives_are_seeded_variations(project_root: Path) -> None:
    from heritage_explorer.descriptors.augment import augment

    rgb = np.random.default_rng(0).integers(0, 255, (60, 80, 3), dtype=np.uint8)
    first, names = augment(rgb, np.random.default_rng([1, 7, 0]))
    again, _ = augment(rgb, np.random.default_rng([1, 7, 0]))
    assert first.dtype == np.uint8 and first.ndim == 3 and "+" in names
    assert first.tobytes() == again.tobytes()
    project = open_project(project_root)
    result = A.adapt(project, "efflite0-gem", name="augmented", k=14, augment=1, seed=1)
    assert result.augmentation_pairs == 15 and result.to_json()["pairs"] == 15 + 15
    assert A.read_provenance(project, "augmented")["augmentation_pairs"] == 15
