"""The one table of method kinds (issue #17 part 2): each typed method has exactly one kind, which
says what it stores, how it ranks and searches, its grey variant and what it fits on the collection."""

from __future__ import annotations

import pytest

from heritage_explorer.descriptors.method import GlobalMethod, LocalSpec, RerankMethod, parse_method
from heritage_explorer.pipeline.methods import KINDS, kind_of


@pytest.mark.parametrize(("spelling", "kind", "stores", "fitted"), [
    ("efflite0-gem+aqe5", "global", ["efflite0-gem"], []),
    ("efflite0-gem+ms+pcaw64", "global", ["efflite0-gem+ms+pcaw64"], ["PCA-whitening to 64"]),
    ("netvlad-efflite0", "global", ["netvlad-efflite0"], ["k-means (64 centres)"]),
    ("xfeat-1000+lg+min8", "local", ["xfeat-1000"], []),
    ("delf-efflite0-500+pca64", "local", ["delf-efflite0-500+pca64"], ["PCA to 64 (local features)"]),
    ("efflite0-gem+pca32>>orb-1000+affine@20", "rerank", ["efflite0-gem+pca32", "orb-1000"], ["PCA to 32"]),
])
def test_each_method_has_one_kind_that_says_what_it_stores_and_fits(spelling: str, kind: str, stores: list[str],
                                                                   fitted: list[str]) -> None:
    method = parse_method(spelling)
    assert kind_of(method).name == kind
    assert [str(s) for s in kind_of(method).stores(method)] == stores
    assert list(kind_of(method).fitted(method)) == fitted


def test_the_table_covers_every_typed_method_and_grey_variants_stay_in_their_kind() -> None:
    assert set(KINDS) == {GlobalMethod, LocalSpec, RerankMethod}
    for spelling, grey in [("efflite0-gem+aqe5", "efflite0-gem+gray+aqe5"), ("orb-1000", "orb-1000"),
                           ("efflite0-gem>>xfeat-1000@50", "efflite0-gem+gray>>xfeat-1000@50")]:
        method = parse_method(spelling)
        assert str(kind_of(method).grayscale(method)) == grey
