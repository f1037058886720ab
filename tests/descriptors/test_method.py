"""The typed method (issue #17 part 1): one parse, one canonical spelling, clear errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from heritage_explorer.core.errors import UnknownMethodError
from heritage_explorer.descriptors.descriptor_spec import MethodSpec
from heritage_explorer.descriptors.local.specs import LOCAL_NAME, LocalSpec
from heritage_explorer.descriptors.method import (
    GlobalMethod,
    RerankMethod,
    as_descriptor,
    as_local,
    parse_method,
)
from heritage_explorer.descriptors.query_expansion import ExpansionSpec
from heritage_explorer.descriptors.registry import method_modifiers, method_names

README = Path(__file__).resolve().parents[2] / "README.md"


def _descriptors() -> st.SearchStrategy[MethodSpec]:
    @st.composite
    def build(draw: st.DrawFn) -> MethodSpec:
        name = draw(st.sampled_from(method_names()))
        parsed = parse_method(name).descriptor
        mods = method_modifiers(name)
        fields: dict = {}
        if "ms" in mods:
            fields["multiscale"] = draw(st.booleans())
        if "gray" in mods:
            fields["grayscale"] = draw(st.booleans())
        projection = draw(st.sampled_from(sorted({"none"} | ({"pcaw", "pca", "adapt"} & mods))))
        if projection in ("pcaw", "pca"):
            fields["whitening_dim"] = draw(st.integers(1, dim_of(name)))
            fields["whiten"] = projection == "pcaw"
        elif projection == "adapt":
            fields["adapt"] = draw(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,11}", fullmatch=True))
        return MethodSpec(parsed.method, parsed.kind, **fields)

    return build()


def dim_of(name: str) -> int:
    from heritage_explorer.descriptors.registry import list_methods

    return {m.spec: m.dim for m in list_methods()}[name]


_ALPHA = st.integers(0, 20_000).map(lambda n: n / 1000)
_EXPANSIONS = st.builds(lambda qk, qa, dk, da: ExpansionSpec(qk, qa if qk else 0.0, dk, da if dk else 0.0),
                        st.integers(0, 50), _ALPHA, st.integers(0, 50), _ALPHA)
GLOBALS = st.builds(GlobalMethod, _descriptors(), _EXPANSIONS)


@st.composite
def _locals(draw: st.DrawFn) -> LocalSpec:
    method = draw(st.sampled_from(("orb", "xfeat", "delf")))
    fields: dict = {"method": method, "n_features": draw(st.integers(1, 20_000)),
                    "model": draw(st.sampled_from(("homography", "fundamental", "affine"))),
                    "min_inliers": draw(st.integers(0, 200))}
    if method == "xfeat":
        fields["lighterglue"] = draw(st.booleans())
    if method == "delf":
        fields.update(backbone=draw(st.sampled_from(("efflite0", "efflite2", "resnet50", "resnet101"))),
                      pca_dim=draw(st.integers(1, 512)), attention=draw(st.booleans()))
    return LocalSpec(**fields)


LOCALS = _locals()
RERANKS = st.builds(RerankMethod, GLOBALS, LOCALS, st.integers(1, 5000))
METHODS = st.one_of(GLOBALS, LOCALS, RERANKS)


@settings(max_examples=400, deadline=None)
@given(METHODS)
def test_the_canonical_spelling_parses_back_to_the_same_method(method) -> None:
    text = str(method)
    assert parse_method(text) == method
    assert parse_method(text.upper()) == method  # case-insensitive
    assert str(parse_method(text)) == text  # one canonical spelling
    assert type(method) in (GlobalMethod, LocalSpec, RerankMethod)


@settings(max_examples=100, deadline=None)
@given(GLOBALS)
def test_modifier_order_does_not_change_the_method(method) -> None:
    assume(method.descriptor.adapt is None)  # +adapt:NAME is always the last modifier
    head, *tokens = str(method).split("+")
    assert parse_method("+".join([head, *reversed(tokens)])) == method


def _documented_spellings() -> list[str]:
    text = README.read_text(encoding="utf-8")
    found = set(re.findall(r"`([^`\s]+)`", text)) | set(re.findall(r'--method "([^"]+)"', text)) \
        | set(re.findall(r"--method ([^\s`|)\]]+)", text)) | set(re.findall(r"^\| *([^|\s]+) *\|", text, re.M))
    names = set(method_names())

    def is_method(candidate: str) -> bool:
        head = candidate.split(">>")[0].split("+")[0].lower()
        return head in names or LOCAL_NAME.fullmatch(head) is not None

    return sorted(c.strip("'\"") for c in found if is_method(c.strip("'\"")))


def test_every_spelling_the_readme_documents_parses() -> None:
    spellings = _documented_spellings()
    assert len(spellings) >= 10 and "efflite0-gem" in spellings and "xfeat-1000" in spellings, spellings
    assert any(">>" in s for s in spellings), "the README documents a re-ranking spelling"
    for spelling in spellings:
        method = parse_method(spelling)
        assert parse_method(str(method)) == method, spelling


@pytest.mark.parametrize(("text", "named", "listed"), [
    ("nosuch-gem", "'nosuch-gem'", "efflite0-gem"),
    ("efflite0-gem+zz", "'+zz'", "+pcaw<D>"),
    ("efflite0-gem+pcaw99999", "+pcaw99999", "1280 dimensions"),
    ("xfeat-1000+attn", "'+attn'", None),
    ("efflite0-gem>>orb-1000@0", "'0'", None),
    ("efflite0-gem>>efflite0-mac", "'efflite0-mac'", "orb-<N>"),
    ("efflite0-gem+aqe5+aqe3", "+aqe given twice", None),
    ("", "empty method name", "xfeat-<N>"),
])
def test_a_bad_spelling_names_the_bad_part_and_the_valid_choices(text: str, named: str, listed: str | None) -> None:
    with pytest.raises(UnknownMethodError) as error:
        parse_method(text)
    assert named in str(error.value)
    if listed is not None:
        assert listed in str(error.value)


def test_kind_checks_at_the_boundaries() -> None:
    assert as_descriptor("efflite0-gem+gray") == parse_method("efflite0-gem+gray").descriptor
    assert as_local("efflite0-gem>>xfeat-1000+lg@20") == parse_method("xfeat-1000+lg")
    with pytest.raises(UnknownMethodError, match="is a local method"):
        as_descriptor("orb-1000")
    with pytest.raises(UnknownMethodError, match="expands queries"):
        as_descriptor("efflite0-gem+aqe5")
    with pytest.raises(UnknownMethodError, match="is a global method"):
        as_local("efflite0-gem")
    assert parse_method("efflite0-gem+ms+pcaw64").descriptor.base == parse_method("efflite0-gem+ms").descriptor
    assert parse_method("netvlad-efflite0+pcaw64").netvlad and not parse_method("efflite0-gem").netvlad
