"""Undoing an edit of the near-duplicate review (pipeline/review_history.py, issue #21 part 3): the
map's "add to a group" and a new group, undone, leave the review file byte for byte as it was (or
absent again); redone, as the edit left it; a file changed since is not overwritten."""

from __future__ import annotations

import pytest

from heritage_explorer.core.errors import HeritageError, ProjectError
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.duplicate_review import (
    DuplicateReview,
    ReviewedGroup,
    load_review,
    review_path,
    save_review,
)
from heritage_explorer.pipeline.review_history import ReviewChangedError, plan_add_to_group, plan_review_edit


def _project(tmp_path):
    project = open_project(tmp_path / "P", create=True)
    save_review(project, DuplicateReview("efflite0-gem", [ReviewedGroup(["a", "b", "c"], "b", confirmed=True),
                                                          ReviewedGroup(["d", "e"], "e")]))
    return project


def test_adding_to_a_group_is_undone_byte_for_byte_and_redone(tmp_path) -> None:
    project = _project(tmp_path)
    path = review_path(project)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))  # a file written elsewhere: kept as it is
    original = path.read_bytes()

    edit = plan_add_to_group(project, ["d", "x"], 0)
    assert path.read_bytes() == original, "planned, not written"
    assert edit.group == 0 and edit.before == original
    after = edit.redo(project)
    assert [(g.images, g.representative, g.confirmed) for g in after.groups] == [
        (["a", "b", "c", "d", "x"], "b", False)], "d left group 2 (dissolved: e alone), the group is unconfirmed"
    assert load_review(project) == after and path.read_bytes() == edit.after

    restored = edit.undo(project)
    assert path.read_bytes() == original
    assert [(g.images, g.representative, g.confirmed) for g in restored.groups] == [
        (["a", "b", "c"], "b", True), (["d", "e"], "e", False)]
    assert edit.redo(project) == after and path.read_bytes() == edit.after


def test_a_new_group_in_a_project_without_review_is_undone_to_no_file(tmp_path) -> None:
    project = open_project(tmp_path / "P", create=True)
    edit = plan_add_to_group(project, ["p", "q", "r"], None)
    assert edit.before is None and edit.group == 0
    review = edit.redo(project)
    assert [(g.images, g.representative) for g in review.groups] == [(["p", "q", "r"], "p")]
    assert review.method == "efflite0-gem"
    assert edit.undo(project) is None
    assert not review_path(project).exists() and load_review(project) is None
    edit.redo(project)
    assert load_review(project) == review


def test_a_review_changed_since_is_not_overwritten(tmp_path) -> None:
    project = _project(tmp_path)
    edit = plan_add_to_group(project, ["x", "y"], None)
    edit.redo(project)
    found_again = DuplicateReview("efflite0-gem", [ReviewedGroup(["k", "l"], "k")])
    save_review(project, found_again)  # "Find groups" ran meanwhile
    with pytest.raises(ReviewChangedError, match="cannot undo.*changed since"):
        edit.undo(project)
    assert load_review(project) == found_again
    stale = plan_review_edit(project, lambda review: review.confirm(0))
    save_review(project, DuplicateReview("efflite0-gem"))
    with pytest.raises(ReviewChangedError, match="cannot redo"):
        stale.redo(project)
    assert load_review(project) == DuplicateReview("efflite0-gem")


def test_an_edit_the_review_refuses_writes_nothing(tmp_path) -> None:
    project = _project(tmp_path)
    original = review_path(project).read_bytes()
    with pytest.raises(HeritageError, match="already in group 1"):
        plan_add_to_group(project, ["a", "c"], 0)
    with pytest.raises(HeritageError, match="two images or more"):
        plan_add_to_group(project, ["solo"], None)
    assert review_path(project).read_bytes() == original


def test_a_read_only_project_refuses_the_edit_and_its_undo(tmp_path) -> None:
    project = _project(tmp_path)
    edit = plan_add_to_group(project, ["x", "y"], None)
    edit.redo(project)
    written = review_path(project).read_bytes()
    project.catalog.close()
    read_only = open_project(project.root, read_only=True)
    with pytest.raises(ProjectError):
        edit.undo(read_only)
    with pytest.raises(ProjectError):
        plan_add_to_group(read_only, ["z", "w"], None)
    assert review_path(project).read_bytes() == written
