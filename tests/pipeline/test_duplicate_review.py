"""The archivist's review of near-duplicate groups (issue #21 part 2): edits, files, re-runs."""

from __future__ import annotations

import csv
import json

import pytest

from heritage_explorer.core.errors import CorruptArtefactError, HeritageError
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.duplicate_review import (
    DuplicateReview,
    ReviewedGroup,
    load_review,
    review_path,
    save_review,
)


def review() -> DuplicateReview:
    return DuplicateReview("efflite0-gem", [ReviewedGroup(["a", "b", "c", "d"], "a"), ReviewedGroup(["e", "f"], "f"),
                                            ReviewedGroup(["g", "h"], "g")])


def test_split_keeps_groups_of_two_or_more_and_their_representatives() -> None:
    r = review()
    r.split(0, ["a", "c"])  # the representative leaves with its copy
    assert [(g.images, g.representative) for g in r.groups[:2]] == [(["b", "d"], "b"), (["a", "c"], "a")]
    r.split(0, ["d"])  # b alone is no group any more
    assert [g.images for g in r.groups] == [["a", "c"], ["e", "f"], ["g", "h"]]
    with pytest.raises(HeritageError, match="not all"):
        r.split(0, ["a", "c"])
    with pytest.raises(HeritageError, match="not none"):
        r.split(0, ["zz"])


def test_merge_confirm_and_representative() -> None:
    r = review()
    r.confirm(1)
    assert r.merge([2, 1]) == 1
    assert [(g.images, g.representative, g.confirmed) for g in r.groups] == [
        (["a", "b", "c", "d"], "a", False), (["e", "f", "g", "h"], "f", False)]
    r.set_representative(1, "h")
    assert r.groups[1].representative == "h"
    with pytest.raises(HeritageError, match="not in group 1"):
        r.set_representative(0, "h")
    with pytest.raises(HeritageError, match="two groups"):
        r.merge([0])


def test_adding_a_selection_to_a_group_moves_it_out_of_the_others() -> None:
    r = review()
    r.confirm(0)
    assert r.add_images(0, ["x", "e", "a"]) == 0  # a is there already; e leaves f alone: dissolved
    assert [(g.images, g.representative, g.confirmed) for g in r.groups] == [
        (["a", "b", "c", "d", "x", "e"], "a", False), (["g", "h"], "g", False)]
    assert r.add_images(1, ["a", "b", "c"]) == 1, "the representative a leaves group 1"
    assert [(g.images, g.representative) for g in r.groups] == [(["d", "x", "e"], "d"), (["g", "h", "a", "b", "c"], "g")]
    with pytest.raises(HeritageError, match="already in group 2"):
        r.add_images(1, ["g", "a"])


def test_a_selection_makes_a_new_group() -> None:
    r = review()
    assert r.add_group(["e", "y", "e"]) == 2  # group 2 (e, f) is dissolved: the new one is third, not fourth
    assert [(g.images, g.representative, g.confirmed) for g in r.groups] == [
        (["a", "b", "c", "d"], "a", False), (["g", "h"], "g", False), (["e", "y"], "e", False)]
    with pytest.raises(HeritageError, match="two images or more"):
        r.add_group(["z"])
    assert len(r.groups) == 3


def test_saved_atomically_read_back_and_exported_as_csv(tmp_path) -> None:
    project = open_project(tmp_path / "P", create=True)
    assert load_review(project) is None
    r = review()
    r.confirm(0)
    save_review(project, r)
    again = load_review(project)
    assert again == r and json.loads(review_path(project).read_text())["groups"][0]["representative"] == "a"
    r.write_csv(tmp_path / "groups.csv")
    with open(tmp_path / "groups.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 8 and rows[0] == {"group": "1", "path": "a", "representative": "1", "confirmed": "1"}
    assert rows[4] == {"group": "2", "path": "e", "representative": "0", "confirmed": "0"}
    review_path(project).write_text('{"method": "x", "groups": [{"images": ["a"], "representative": "a"}]}')
    with pytest.raises(CorruptArtefactError, match="near_duplicates.json.*two images or more"):
        load_review(project)
