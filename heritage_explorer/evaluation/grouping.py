"""Pairwise and per-group scores of a grouping against ground-truth groups (near-duplicates, issue #21 part 2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class GroupingScores:
    """``pair_precision``/``pair_recall``: over the unordered image pairs that share a group;
    ``group_recall``: share of true groups found exactly (same members); ``group_precision``: share
    of found groups that are exactly a true group."""

    pair_precision: float
    pair_recall: float
    group_precision: float
    group_recall: float
    true_pairs: int
    found_pairs: int
    correct_pairs: int

    def to_json(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def same_group_pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    """Every unordered pair (sorted) of members that share a group."""
    return {tuple(sorted(p)) for g in groups for p in combinations(set(g), 2)}


def grouping_scores(found: list[list[str]], truth: list[list[str]]) -> GroupingScores:
    """Scores of ``found`` groups against ``truth`` groups (empty sets score 1.0)."""
    found_pairs, true_pairs = same_group_pairs(found), same_group_pairs(truth)
    correct = found_pairs & true_pairs
    found_sets = {frozenset(g) for g in found if len(set(g)) >= 2}
    true_sets = {frozenset(g) for g in truth if len(set(g)) >= 2}
    exact = found_sets & true_sets
    return GroupingScores(
        pair_precision=len(correct) / len(found_pairs) if found_pairs else 1.0,
        pair_recall=len(correct) / len(true_pairs) if true_pairs else 1.0,
        group_precision=len(exact) / len(found_sets) if found_sets else 1.0,
        group_recall=len(exact) / len(true_sets) if true_sets else 1.0,
        true_pairs=len(true_pairs), found_pairs=len(found_pairs), correct_pairs=len(correct))


def connected_components(edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the graph of ``edges`` (union-find over the nodes they name), each
    sorted, ordered by their smallest member. The one union-find of near-duplicate groups and of
    judged groups."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = {}
    for x in sorted(parent):
        members.setdefault(root(x), []).append(x)
    return sorted(members.values(), key=lambda m: m[0])
