"""AQE, αQE and DBA on a toy set of unit vectors in the plane, with rankings computed by hand.

Database (angles): d0 = 0° (the query), d1 = 30°, d2 = −60°, d3 = 70°. The query ranks the
others d1 (cos 30° = .866), d2 (cos 60° = .5), d3 (cos 70° = .342).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from heritage_explorer.core.errors import UnknownMethodError
from heritage_explorer.descriptors.method import as_global, parse_method
from heritage_explorer.descriptors.query_expansion import (
    ExpansionSpec,
    database_augmentation,
    expand,
    query_expansion,
)

ANGLES = (0.0, 30.0, -60.0, 70.0)
DATABASE = np.array([[math.cos(math.radians(a)), math.sin(math.radians(a))] for a in ANGLES], np.float32)


def _ranking(query: np.ndarray, database: np.ndarray) -> list[int]:
    scores = database[1:] @ query
    return [int(i) + 1 for i in np.argsort(-scores, kind="stable")]


def _unit(angle: float) -> np.ndarray:
    return np.array([math.cos(math.radians(angle)), math.sin(math.radians(angle))])


def test_aqe_with_one_neighbour_moves_the_query_to_the_bisector() -> None:
    assert _ranking(DATABASE[0], DATABASE) == [1, 2, 3]
    expanded = query_expansion(DATABASE[:1], DATABASE, k=1, exclude=np.array([0]))[0]
    np.testing.assert_allclose(expanded, _unit(15.0), atol=1e-6)  # normalise(d0 + d1)
    # cos 75° = .259 for d2 and cos 55° = .574 for d3: the order of d2 and d3 flips.
    assert _ranking(expanded, DATABASE) == [1, 3, 2]


def test_alpha_qe_weights_neighbours_by_similarity_power() -> None:
    # AQE k=2: d0 + d1 + d2 = (2.366, -0.366), at -8.8°: d2 (cos 51.2°) still before d3 (cos 78.8°).
    plain = query_expansion(DATABASE[:1], DATABASE, k=2, exclude=np.array([0]))[0]
    np.testing.assert_allclose(plain, np.array([2.366025, -0.366025]) / np.hypot(2.366025, 0.366025), atol=1e-5)
    assert _ranking(plain, DATABASE) == [1, 2, 3]
    # αQE, α=3: d0 + .866³·d1 + .5³·d2 = (1.625, 0.216506), at 7.6°: d3 (cos 62.4°) overtakes d2 (cos 67.6°).
    alpha = query_expansion(DATABASE[:1], DATABASE, k=2, alpha=3.0, exclude=np.array([0]))[0]
    np.testing.assert_allclose(alpha, np.array([1.625, 0.216506]) / np.hypot(1.625, 0.216506), atol=1e-5)
    assert _ranking(alpha, DATABASE) == [1, 3, 2]


def test_the_query_is_not_its_own_expansion_neighbour() -> None:
    with_self = query_expansion(DATABASE[:1], DATABASE, k=1)[0]  # neighbour 1 is d0 itself
    np.testing.assert_allclose(with_self, DATABASE[0], atol=1e-6)
    without = query_expansion(DATABASE[:1], DATABASE, k=1, exclude=np.array([0]))[0]
    assert not np.allclose(without, DATABASE[0])


def test_dba_replaces_each_vector_by_the_mean_of_its_neighbourhood() -> None:
    # top-2 including itself: d0→{d0,d1} 15°, d1→{d1,d0} 15°, d2→{d2,d0} −30°, d3→{d3,d1} 50°.
    augmented = database_augmentation(DATABASE, k=2)
    for row, angle in zip(augmented, (15.0, 15.0, -30.0, 50.0), strict=True):
        np.testing.assert_allclose(row, _unit(angle), atol=1e-6)
    # The query d0' = 15° then ranks d1' (1.0), d3' (cos 35°), d2' (cos 45°).
    assert _ranking(augmented[0], augmented) == [1, 3, 2]


def test_expand_applies_dba_then_qe() -> None:
    queries, database = expand(DATABASE, np.array([0]), ExpansionSpec(dba_k=2, qe_k=1))
    np.testing.assert_allclose(database, database_augmentation(DATABASE, 2), atol=1e-6)
    # after DBA, d0' and d1' coincide: the expanded query stays at 15°.
    np.testing.assert_allclose(queries[0], _unit(15.0), atol=1e-6)


@pytest.mark.parametrize(("spec", "base", "expansion", "suffix"), [
    ("efflite0-gem", "efflite0-gem", ExpansionSpec(), ""),
    ("efflite0-gem+aqe5", "efflite0-gem", ExpansionSpec(qe_k=5), "+aqe5"),
    ("efflite0-gem+aqe5a3", "efflite0-gem", ExpansionSpec(qe_k=5, qe_alpha=3.0), "+aqe5a3"),
    ("resnet101-gem+aqe2+gray+dba10+pcaw512", "resnet101-gem+gray+pcaw512", ExpansionSpec(qe_k=2, dba_k=10),
     "+dba10+aqe2"),
])
def test_spec_suffixes(spec: str, base: str, expansion: ExpansionSpec, suffix: str) -> None:
    method = as_global(spec)
    assert (str(method.descriptor), method.expansion, method.expansion.suffix) == (base, expansion, suffix)
    assert str(method) == base + suffix


def test_a_suffix_given_twice_is_an_error() -> None:
    with pytest.raises(UnknownMethodError, match="twice"):
        parse_method("efflite0-gem+aqe5+aqe3")
