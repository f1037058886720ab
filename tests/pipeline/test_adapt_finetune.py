"""``adapt --learn finetune`` and ``--supervision judgments`` on a small synthetic collection (issue #19):
fine-tuning is deterministic for a seed, resumes after an interruption to the same weights, never
reads the labels; the archivist's judgments become supervised pairs evaluated on class-disjoint folds."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.cli import main
from heritage_explorer.core.annotations import AnnotationStore
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.descriptors.finetune import FineTuneConfig
from heritage_explorer.pipeline import adapt as A
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.methods import search_any
from heritage_explorer.pipeline.search import current_vectors
from tests.pipeline.conftest import assert_same_adaptation, labels_shuffled

TINY = FineTuneConfig(epochs=2, tuples=8, batch=4, negatives=2, lr=1e-4)


def _weights(root: Path, name: str) -> dict:
    import torch

    data = torch.load(root / "adapt" / name / A.FINETUNE_FILE, map_location="cpu", weights_only=True)
    return {k: v.numpy().tobytes() for k, v in data["state"].items()}


def _finetune(project, name: str, **options):
    return A.adapt(project, "efflite0-gem", name=name, k=14, learn="finetune", finetune_config=TINY, **options)


def test_finetuning_is_deterministic_for_a_seed_and_a_method_like_any_other(project_root: Path, capsys) -> None:
    project = open_project(project_root)
    first = _finetune(project, "ft-a", seed=3)
    again = _finetune(project, "ft-b", seed=3)
    other = _finetune(project, "ft-c", seed=4)
    assert again.finetune["loss"] == first.finetune["loss"] and other.finetune["loss"] != first.finetune["loss"]
    tuned = first.finetune
    assert tuned["epochs"] == 2 and tuned["complete"] and len(tuned["loss"]) == 2 and tuned["resumed_from_epoch"] == 0
    assert tuned["allowed_negatives_per_image"] > 0  # far-ranked images outside the verified components
    assert first.to_json()["epochs"] == 2 and first.to_json()["loss"] == tuned["loss"]
    assert _weights(project_root, "ft-a") == _weights(project_root, "ft-b")
    assert _weights(project_root, "ft-a") != _weights(project_root, "ft-c")  # the seed draws the tuples
    a = np.asarray(current_vectors(project, "efflite0-gem+adapt:ft-a").vectors)
    b = np.asarray(current_vectors(project, "efflite0-gem+adapt:ft-b").vectors)
    base = np.asarray(current_vectors(project, "efflite0-gem").vectors, np.float32)
    assert a.tobytes() == b.tobytes() and a.shape == base.shape
    assert not np.allclose(a, base, atol=1e-4)  # the network did change
    assert np.all(np.sum(a * base, axis=1) > 0.9)  # but stays close to the pretrained one
    provenance = A.read_provenance(project, "ft-a")
    assert provenance["learn"] == "finetune" and provenance["epochs"] == 2 and provenance["fine_tuning"]["gem_p"] > 1
    assert not (project_root / "adapt" / "ft-a" / A.ADAPTATION_FILE).exists()  # no whitening
    hits = search_any(project, "efflite0-gem+adapt:ft-a", image_path=project.catalog.image(4).abspath, k=1)
    assert hits[0].image_id == 4  # an outside file goes through the fine-tuned network
    capsys.readouterr()
    assert main(["methods", "--project", str(project_root), "--json"]) == 0
    listed = {m["spec"]: m for m in json.loads(capsys.readouterr().out)["methods"]}
    assert listed["efflite0-gem+adapt:ft-a"]["available"]
    assert "fine-tuned last stages and GeM p" in listed["efflite0-gem+adapt:ft-a"]["description"]


def test_finetuning_resumes_after_an_interruption_to_the_same_weights(project_root: Path) -> None:
    project = open_project(project_root)
    reference = _finetune(project, "ft-ref", seed=5)
    stages = []

    def interrupt(progress) -> None:
        if progress.stage.startswith("fine-tuning, epoch"):
            stages.append(progress.stage)
            if progress.stage.startswith("fine-tuning, epoch 2/"):
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _finetune(project, "ft-resumed", seed=5, progress=interrupt)
    assert stages[0] == "fine-tuning, epoch 1/2" and (project_root / "adapt" / "ft-resumed" / A.FINETUNE_CHECKPOINT).exists()
    assert not (project_root / "adapt" / "ft-resumed" / A.FINETUNE_FILE).exists()
    resumed = _finetune(project, "ft-resumed", seed=5)
    assert resumed.finetune["resumed_from_epoch"] == 1 and resumed.finetune["epochs"] == 2
    assert resumed.finetune["loss"] == reference.finetune["loss"]
    assert _weights(project_root, "ft-resumed") == _weights(project_root, "ft-ref")


def test_shuffled_labels_leave_the_finetuned_adaptation_bit_identical(
        project_root: Path, collection: Path) -> None:
    project = open_project(project_root)
    config = {"learn": "lw+finetune", "finetune_config": TINY, "k": 14, "seed": 3}
    A.adapt(project, "efflite0-gem", name="lwft-before", **config)
    with labels_shuffled(project, collection):
        A.adapt(project, "efflite0-gem", name="lwft-after", **config)
        assert _weights(project_root, "lwft-before") == _weights(project_root, "lwft-after")
        assert_same_adaptation(project, "lwft-before", "lwft-after")


def test_judgments_are_supervised_pairs_evaluated_on_folds_of_the_judged_groups(
        project_root: Path, tmp_path: Path) -> None:
    project = open_project(project_root)
    store = AnnotationStore(project.catalog)
    rows = project.catalog.images()
    scene = {row.id: row.path.split("/")[-1].split("_")[0] for row in rows}
    store.save_judgments({rows[0].id: {rows[1].id: "easy"}}, replace=True)
    with pytest.raises(HeritageError, match=r"has 1 relevance judgment\(s\); .* 1 relevant .* in 1 judged group.*"
                                            r"at least 10 relevant pairs in at least 2 groups"):
        A.adapt(project, "efflite0-gem", name="judged", k=14, supervision="judgments")
    views = {}
    for row in rows:
        views.setdefault(scene[row.id], []).append(row.id)
    judged: dict[int, dict[int, str]] = {}
    for ids in views.values():  # a chain of two relevant judgments per scene: 10 in 5 judged groups
        judged.setdefault(ids[0], {})[ids[1]] = "easy"
        judged.setdefault(ids[1], {})[ids[2]] = "hard"
    first, second = list(views.values())[:2]
    judged[first[0]][first[2]] = "wrong"  # the archivist overrides a verified pair
    judged[first[0]][second[0]] = "wrong"
    judged[second[1]][first[1]] = "junk"
    store.save_judgments(judged, replace=True)
    try:
        result = A.adapt(project, "efflite0-gem", name="judged", k=14, supervision="judgments", seed=2)
        assert result.judgment_pairs == 10 and result.label_pairs == 0
        provenance = A.read_provenance(project, "judged")
        assert provenance["positive_pairs"] == 14  # 15 mined positives, one judged not relevant
        assert provenance["judged_not_relevant"] == 2
        assert sorted(len(f) for f in provenance["folds"]) == [3] * 5
        protocol = A.evaluation_protocol(project, "efflite0-gem+adapt:judged")
        assert protocol == "class-disjoint-5-fold (judged groups)"
        rankings = A.fold_rankings(project, "efflite0-gem+adapt:judged", [row.id for row in rows])
        assert rankings is not None and len(rankings) == 15
        assert main(["evaluate", "--project", str(project_root), "--method", "efflite0-gem+adapt:judged",
                     "--json", str(tmp_path / "e.json")]) == 0
        assert json.loads((tmp_path / "e.json").read_text())["protocol"] == {"efflite0-gem+adapt:judged": protocol}
    finally:
        store.save_judgments({}, replace=True)


def test_finetuning_refuses_what_it_cannot_learn(project_root: Path, capsys) -> None:
    project = open_project(project_root)
    with pytest.raises(HeritageError, match="trains on the mined pairs only"):
        A.adapt(project, "efflite0-gem", name="x", learn="finetune", supervision="labels")
    with pytest.raises(HeritageError, match="EfficientNet-Lite GeM methods at one scale"):
        A.adapt(project, "efflite0-rmac", name="x", learn="finetune")
    with pytest.raises(HeritageError, match="use it with --learn lw"):
        A.adapt(project, "efflite0-gem", name="x", learn="lw+finetune", augment=1)
    assert main(["adapt", "--project", str(project_root), "--method", "efflite0-gem", "--learn", "finetune",
                 "--epochs", "0"]) == 2
    assert "--epochs, --tuples and --stages must be at least 1" in capsys.readouterr().err
