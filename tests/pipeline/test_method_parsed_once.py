"""A method spelling is parsed once, at the edge (issue #17 part 1): the calls below it pass the typed value.

The issue counted 8 parses of the spec and 5 slug/canonical re-parses for one search of an external
image; here the library entry point parses the spelling it is given once, and nothing below parses
it again, for a global, an expanded, a local and a re-ranked method.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from heritage_explorer.descriptors import method as method_module
from heritage_explorer.descriptors import registry
from heritage_explorer.descriptors.local import specs as local_specs
from heritage_explorer.pipeline import extract_any, import_source, open_project, search_any

SAMPLE_CSV = Path(__file__).resolve().parents[2] / "resources" / "sample" / "collection.csv"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("parsed-once")
    project = open_project(root / "P", create=True)
    import_source(project, str(SAMPLE_CSV))
    extract_any(project, ["colorhist", "orb-300"])
    return project


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> Counter:
    counts: Counter = Counter()

    def counting(module, name: str) -> None:
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            counts[name] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    counting(method_module, "parse_method")
    counting(method_module, "parse_spec")  # the registry's parser, as the typed parser calls it
    counting(method_module, "parse_local_spec")
    counting(registry, "parse_spec")  # anything else reaching the registry's parser with a string
    counting(local_specs, "parse_local_spec")
    return counts


@pytest.mark.parametrize(("spelling", "expected"), [
    ("colorhist", {"parse_method": 1, "parse_spec": 1}),
    ("colorhist+aqe2", {"parse_method": 1, "parse_spec": 1}),
    ("orb-300", {"parse_method": 1, "parse_local_spec": 1}),
    ("colorhist>>orb-300@5", {"parse_method": 1, "parse_spec": 1, "parse_local_spec": 1}),
])
def test_one_search_of_an_external_image_parses_its_method_once(project, tmp_path: Path, monkeypatch, spelling: str,
                                                                 expected: dict) -> None:
    image = tmp_path / "query.jpg"
    shutil.copy(project.catalog.image(1).abspath, image)
    counts = _count_parses(monkeypatch)
    hits = search_any(project, spelling, image_path=image, k=3)
    assert len(hits) == 3
    assert dict(counts) == expected
