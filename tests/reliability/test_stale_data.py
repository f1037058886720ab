"""Issue #9 §3: stale descriptors are recomputed, never served.

An image edited on disk (even without a re-import), an image deleted, the weights of a method
changed: the next extraction recomputes exactly what is stale and the index never returns a
vector made from old pixels or old weights.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
from PIL import Image

from heritage_explorer.core.imageio import load_rgb
from heritage_explorer.descriptors.registry import create_extractor
from tests.reliability.helpers import SAMPLE_COUNT, cli, vectors_by_path

EDITED = "images/astronaut_original.jpg"


def _search(project: Path, query: str, k: int = 5) -> list[dict]:
    result = cli("search", "--project", project, "--method", "colorhist", "--image", query, "-k", str(k), "--json")
    assert result.code == 0, result.err
    return result.json()["results"]


def _extract(project: Path) -> dict:
    result = cli("extract", "--project", project, "--method", "colorhist", "--json")
    assert result.code == 0, result.err
    return result.json()


def test_image_edited_on_disk_is_recomputed_without_a_reimport(sample_project: Path, sample_csv: Path) -> None:
    assert cli("index", "--project", sample_project, "--method", "colorhist").code == 0
    before = vectors_by_path(sample_project, "colorhist")
    path = sample_csv.parent / EDITED
    with Image.open(path) as image:  # a restorer's colour correction: same size, new pixels
        Image.fromarray(255 - np.asarray(image.convert("RGB"))).save(path, quality=90)
    summary = _extract(sample_project)
    assert summary["computed"] == {"colorhist": 1} and summary["reused"] == {"colorhist": SAMPLE_COUNT - 1}
    after = vectors_by_path(sample_project, "colorhist")
    extractor = create_extractor("colorhist")
    assert np.allclose(after[EDITED], extractor.describe(load_rgb(path, extractor.max_side)), atol=1e-6)
    assert not np.allclose(after[EDITED], before[EDITED], atol=1e-3)
    hits = _search(sample_project, EDITED)
    assert hits[0]["path"] == EDITED and abs(hits[0]["score"] - 1) < 1e-4  # the index holds the new vector
    external = _search(sample_project, str(path))  # the file itself, described afresh
    assert external[0]["path"] == EDITED and abs(external[0]["score"] - 1) < 1e-4
    # the catalog already knows the new content: a re-import has nothing to do
    reimport = cli("import", "--project", sample_project, sample_csv, "--json")
    assert reimport.json()["new_or_changed"] == 0

    os.utime(path, (1_000_000_000, 1_000_000_000))  # touched, same content: re-hashed, not recomputed
    assert _extract(sample_project)["computed"] == {}


def test_deleted_image_is_marked_missing_and_never_returned(sample_project: Path, sample_csv: Path) -> None:
    assert _search(sample_project, EDITED)[0]["path"] == EDITED
    (sample_csv.parent / EDITED).unlink()
    summary = _extract(sample_project)
    assert summary["errors"] == [{"path": EDITED, "error": "file not found"}]
    status = {i["path"]: i for i in cli("status", "--project", sample_project, "--json").json()["images"]}
    assert (status[EDITED]["status"], status[EDITED]["error"]) == ("missing", "file not found")
    assert EDITED not in vectors_by_path(sample_project, "colorhist")
    results = _search(sample_project, "images/astronaut_crop.jpg", k=SAMPLE_COUNT)
    assert len(results) == SAMPLE_COUNT - 1 and EDITED not in {hit["path"] for hit in results}


def test_changed_weights_recompute_everything_and_rebuild_the_index(sample_project: Path) -> None:
    """Simulated as the descriptors and index of another weight file: their recorded sha256 differs."""
    assert cli("index", "--project", sample_project, "--method", "colorhist").code == 0
    reference = _search(sample_project, "#3")
    old_weights = "0" * 64
    meta_path = sample_project / "descriptors" / "colorhist" / "meta.json"
    meta = json.loads(meta_path.read_text())
    current_weights = meta["weights_sha256"]
    meta_path.write_text(json.dumps({**meta, "weights_sha256": old_weights}))
    index_json = sample_project / "indexes" / "colorhist" / "index.json"
    record = json.loads(index_json.read_text())
    index_json.write_text(json.dumps({**record, "meta": {**record["meta"], "weights_sha256": old_weights}}))

    extracted = cli("extract", "--project", sample_project, "--method", "colorhist", "--json")
    assert extracted.code == 0
    summary = extracted.json()
    assert summary["computed"] == {"colorhist": SAMPLE_COUNT} and summary["reused"] == {"colorhist": 0}
    assert "other weights" in summary["discarded"]["colorhist"]
    assert "colorhist: stored descriptors discarded and recomputed: made with other weights" in extracted.err
    assert json.loads(meta_path.read_text())["weights_sha256"] == current_weights
    assert cli("index", "--project", sample_project, "--method", "colorhist").code == 0
    assert json.loads(index_json.read_text())["meta"]["weights_sha256"] == current_weights  # rebuilt
    assert _search(sample_project, "#3") == reference


def test_a_store_of_another_spec_is_never_mixed_in(sample_project: Path) -> None:
    """A store whose metadata names another method or dimension is discarded, not appended to."""
    meta_path = sample_project / "descriptors" / "colorhist" / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta_path.write_text(json.dumps({**meta, "spec": "colorhist+gray"}))
    summary = _extract(sample_project)
    assert summary["computed"] == {"colorhist": SAMPLE_COUNT} and "colorhist" in summary["discarded"]
    assert json.loads(meta_path.read_text())["spec"] == "colorhist"
