"""Reading back the mined sample of an adaptation (issue #19 part 1), Qt-free: what ``adapt`` writes
is read as written, a malformed file names itself and the reason, the pairs are joined with the
catalog's images."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.adapt_pairs import (
    PairsFileError,
    adaptation_of,
    adaptations_with_pairs,
    mined_pairs,
    read_pairs_file,
)
from heritage_explorer.pipeline.adapt_sample import MinedPair, MinedSample
from heritage_explorer.pipeline.adapt_store import adaptation_dir
from tests.pipeline.test_local import scene_project


def _sample() -> MinedSample:
    sample = MinedSample("efflite0-gem", "orb-1000", 10, 15, 0.02, 9, candidates=4)
    sample.pairs += [MinedPair(1, 2, 0.91, 120, 0.4), MinedPair(1, 4, 0.70, 3, 0.0),
                     MinedPair(2, 3, 0.88, 40, 0.01), MinedPair(5, 9, 0.52, 0, 0.0)]
    return sample


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    return scene_project(tmp_path_factory)  # 9 images, ids 1..9


def test_both_files_adapt_writes_read_back_with_their_kinds(tmp_path: Path) -> None:
    sample = _sample()
    sample.write(tmp_path, {1: "images/a.png", 2: "images/b.png"})
    for name in ("pairs.json", "pairs.csv"):
        read = read_pairs_file(tmp_path / name)
        assert [(p.a, p.b, p.inliers, p.kind) for p in read.pairs] == [
            (1, 2, 120, "positive"), (1, 4, 3, "negative"), (2, 3, 40, "unspread"), (5, 9, 0, "negative")]
        assert read.pairs[0].path_a == "images/a.png" and read.pairs[0].similarity == pytest.approx(0.91)
        assert read.counts() == {"positive": 1, "unspread": 1, "negative": 2}
    assert read_pairs_file(tmp_path / "pairs.json").sample["local"] == "orb-1000"
    assert read_pairs_file(tmp_path / "pairs.csv").sample == {}


@pytest.mark.parametrize(("name", "text", "reason"), [
    ("pairs.json", "{not json", "invalid JSON"),
    ("pairs.json", json.dumps({"sample": {}}), 'no list of "pairs"'),
    ("pairs.json", json.dumps({"pairs": [7]}), "pair 0: not an object"),
    ("pairs.json", json.dumps({"pairs": [{"a": 1, "b": 2, "similarity": 0.5, "inliers": "many", "spread": 0.1,
                                          "kind": "positive"}]}), "pair 0: 'inliers' is 'many', not a whole number"),
    ("pairs.json", json.dumps({"pairs": [{"a": 1, "b": 2, "similarity": 0.5, "inliers": -3, "spread": 0.1,
                                          "kind": "positive"}]}), "cannot be negative"),
    ("pairs.json", json.dumps({"pairs": [{"a": 1, "b": 2, "similarity": 0.5, "inliers": 3, "spread": 0.1,
                                          "kind": "maybe"}]}), "'kind' is 'maybe', not one of positive, unspread"),
    ("pairs.csv", "a,b,inliers\n1,2,3\n", "the header lacks the column(s) path_a, path_b, similarity, spread, kind"),
    ("pairs.csv", "a,b,path_a,path_b,similarity,inliers,spread,kind\n1,2,x,y,0.5,3,0.1,negative\n1,,x,y,0.5,3,0.1,"
                  "negative\n", "line 3: no 'b'"),
])
def test_a_malformed_file_names_itself_and_the_reason(tmp_path: Path, name: str, text: str, reason: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PairsFileError) as caught:
        read_pairs_file(path)
    assert str(path) in str(caught.value) and reason in str(caught.value), str(caught.value)
    assert caught.value.path == path


def test_a_missing_file_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(PairsFileError, match="no such file") as caught:
        read_pairs_file(tmp_path / "pairs.json")
    assert str(tmp_path / "pairs.json") in str(caught.value)


def test_mined_pairs_joins_the_catalog_and_lists_dry_runs(project) -> None:
    assert adaptations_with_pairs(project) == []
    with pytest.raises(HeritageError, match="adaptation 'dry' has no mined pairs .*--dry-run"):
        mined_pairs(project, "dry")
    rows = {row.id: row for row in project.catalog.images()}
    paths = {i: row.path for i, row in rows.items()}
    paths[9] = "images/replaced_since.png"  # the id is another image's now: not shown as this one
    directory = adaptation_dir(project, "dry")
    directory.mkdir(parents=True)
    _sample().write(directory, paths)
    (project.root / "adapt" / "_verified").mkdir()
    assert adaptations_with_pairs(open_project(project.root)) == ["dry"]
    pairs = mined_pairs(project, "dry")
    assert pairs.local == "orb-1000" and pairs.base == "efflite0-gem" and len(pairs.file.pairs) == 4
    assert set(pairs.images) == {1, 2, 3, 4, 5, 9}
    first = pairs.images[1]
    assert first.abspath == rows[1].abspath and first.sha256 == rows[1].sha256 and first.group == rows[1].group
    assert first.name == rows[1].abspath.name
    assert pairs.images[9].abspath is None and pairs.images[9].name == "replaced_since.png"
    (directory / "pairs.json").unlink()  # the CSV alone: same pairs, no summary (the default local method)
    assert [p.inliers for p in mined_pairs(project, "dry").file.pairs] == [120, 3, 40, 0]


def test_adaptation_of_a_spec() -> None:
    assert adaptation_of("efflite0-gem+adapt:paris") == "paris"
    assert adaptation_of("efflite0-gem") is None
    assert adaptation_of("not a method") is None
