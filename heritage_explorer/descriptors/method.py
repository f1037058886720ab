"""The typed method: a method string is parsed once, at an edge, into one frozen value (issue #17 part 1).

Like FAISS's ``index_factory``, the string is only a spelling: :func:`parse_method` turns it into
one of three values, and ``str(method)`` gives back the one canonical spelling, so that
``parse_method(str(m)) == m`` for every method ``m``. Below the edges (CLI arguments, saved
settings, report and run files) code takes these values and never splits a string again.

* :class:`GlobalMethod`: one vector per image: a registry descriptor (:class:`~.registry.MethodSpec`:
  CNN pooling with ``+ms``/``+gray``/``+pcaw<D>``/``+pca<D>``/``+adapt:<NAME>``, NetVLAD, the colour
  histogram) and its query expansion / database-side augmentation (:class:`~.query_expansion.ExpansionSpec`:
  ``+aqe<k>[a<α>]``, ``+dba<k>[a<α>]``, Radenović et al. TPAMI 2019 §5);
* :class:`~.local.specs.LocalSpec`: a local method on its own (``orb-<N>``, ``xfeat-<N>``,
  ``delf-<backbone>-<N>`` with verification modifiers): standalone local retrieval, Alegoria §4.1;
* :class:`RerankMethod`: ``<global>>><local>@<K>``, a global shortlist of K re-ranked by inlier
  count (survey §4.2.2, "initial filtering and re-ranking").

Importing this module imports neither torch nor OpenCV.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Union

from heritage_explorer.core.errors import UnknownMethodError
from heritage_explorer.descriptors.local.specs import (
    DEFAULT_SHORTLIST,
    LOCAL_NAME,
    LocalSpec,
    parse_local_spec,
)
from heritage_explorer.descriptors.query_expansion import ExpansionSpec
from heritage_explorer.descriptors.registry import MethodSpec, method_names, parse_spec

__all__ = [
    "DEFAULT_SHORTLIST", "RERANK_SEPARATOR", "GlobalMethod", "LocalSpec", "Method", "MethodSpec", "RerankMethod", "as_descriptor",
    "as_global", "as_local", "as_method", "parse_method",
]

RERANK_SEPARATOR = ">>"
_EXPANSION = re.compile(r"(aqe|dba)([1-9][0-9]*)(?:a([0-9]+(?:\.[0-9]+)?))?")


@dataclass(frozen=True)
class GlobalMethod:
    """A global descriptor and the query expansion / DBA applied when ranking with it."""

    descriptor: MethodSpec
    expansion: ExpansionSpec = ExpansionSpec()

    def __str__(self) -> str:
        return self.descriptor.spec + self.expansion.suffix

    @property
    def spec(self) -> str:
        return str(self)

    @property
    def netvlad(self) -> bool:
        """Whether the descriptor is NetVLAD (fitted on the collection, extracted on torch)."""
        return self.descriptor.netvlad

    @property
    def grayscale(self) -> GlobalMethod:
        """The same method on grey images (Alegoria Table 2)."""
        return dataclasses.replace(self, descriptor=dataclasses.replace(self.descriptor, grayscale=True))


@dataclass(frozen=True)
class RerankMethod:
    """``first>>local@k``: the top ``k`` of the global method ``first``, re-ranked by inlier count."""

    first: GlobalMethod
    local: LocalSpec
    k: int = DEFAULT_SHORTLIST

    def __str__(self) -> str:
        return f"{self.first}{RERANK_SEPARATOR}{self.local}@{self.k}"

    @property
    def spec(self) -> str:
        return str(self)

    @property
    def grayscale(self) -> RerankMethod:
        """Grey images for the global stage (local features are extracted from grey images already)."""
        return dataclasses.replace(self, first=self.first.grayscale)


Method = Union[GlobalMethod, LocalSpec, RerankMethod]  # noqa: UP007 (a runtime alias, used with isinstance)
_METHOD_TYPES = (GlobalMethod, LocalSpec, RerankMethod)


def _valid_choices() -> str:
    return (f"global methods: {', '.join(method_names())} (CNN modifiers +ms, +gray, +pcaw<D>, +pca<D>, "
            "+adapt:<NAME>; expansion +aqe<k>[a<α>], +dba<k>[a<α>]); local methods: orb-<N>, xfeat-<N>, "
            f"delf-<backbone>-<N>; re-ranking: <global>{RERANK_SEPARATOR}<local>@<K>")


def _split_expansion(text: str) -> tuple[str, ExpansionSpec]:
    """``efflite0-gem+aqe5a3`` → (``efflite0-gem``, ExpansionSpec(qe_k=5, qe_alpha=3)); the expansion
    tokens may stand anywhere among the ``+`` modifiers, the others keep their order."""
    head, *tokens = text.split("+")
    kept, fields = [head], {}
    for token in tokens:
        match = _EXPANSION.fullmatch(token.lower())
        if match is None:
            kept.append(token)
            continue
        name, k, alpha = match.group(1), int(match.group(2)), float(match.group(3) or 0.0)
        key = "qe" if name == "aqe" else "dba"
        if f"{key}_k" in fields:
            raise UnknownMethodError(f"+{name} given twice in {text!r}")
        fields.update({f"{key}_k": k, f"{key}_alpha": alpha})
    return "+".join(kept), ExpansionSpec(**fields)


def _parse_global(text: str) -> GlobalMethod:
    base, expansion = _split_expansion(text)
    return GlobalMethod(parse_spec(base), expansion)


def _parse_rerank(text: str) -> RerankMethod:
    global_text, _, rest = text.partition(RERANK_SEPARATOR)
    if not global_text.strip() or not rest.strip():
        raise UnknownMethodError(f"{text!r} is not a re-ranking (<global>{RERANK_SEPARATOR}<local>@<K>)")
    local_text, at, k_text = rest.partition("@")
    if RERANK_SEPARATOR in rest:
        raise UnknownMethodError(f"only one re-ranking stage per method: {text!r}")
    k = DEFAULT_SHORTLIST
    if at:
        if not k_text.strip().isdigit() or int(k_text) < 1:
            raise UnknownMethodError(f"shortlist size must be a positive integer, got {k_text!r} in {text!r}")
        k = int(k_text)
    first = _parse_global(global_text.strip())
    return RerankMethod(first, parse_local_spec(local_text.strip()), k)


def parse_method(text: str) -> Method:
    """The typed method of a spelling; :class:`UnknownMethodError` names the bad part and lists
    what is valid. Parsing is case-insensitive; ``str()`` of the result is the canonical spelling."""
    if not isinstance(text, str):
        raise TypeError(f"parse_method takes a string, got {type(text).__name__}")
    text = text.strip()
    if not text:
        raise UnknownMethodError(f"empty method name; {_valid_choices()}")
    if RERANK_SEPARATOR in text:
        return _parse_rerank(text)
    head = text.split("+")[0].lower()
    if LOCAL_NAME.fullmatch(head):
        return parse_local_spec(text)
    if head not in method_names():
        raise UnknownMethodError(f"unknown method {head!r} in {text!r}; {_valid_choices()}")
    return _parse_global(text)


def as_method(value: str | Method) -> Method:
    """``value`` itself when typed, else its parse: what the library's entry points call on what
    they are given (a script or test may pass a spelling); internal code passes typed values."""
    if isinstance(value, _METHOD_TYPES):
        return value
    if isinstance(value, MethodSpec):
        return GlobalMethod(value)
    return parse_method(value)


def as_global(value: str | Method | MethodSpec, what: str = "this") -> GlobalMethod:
    """A global method, or an error saying that ``value`` is local or a re-ranking."""
    method = as_method(value)
    if not isinstance(method, GlobalMethod):
        kind = "a local method" if isinstance(method, LocalSpec) else "a re-ranking"
        raise UnknownMethodError(f"{method} is {kind}; {what} needs a global method (e.g. efflite0-gem)")
    return method


def as_descriptor(value: str | Method | MethodSpec, what: str = "this") -> MethodSpec:
    """The stored global descriptor that ``value`` names (no query expansion)."""
    if isinstance(value, MethodSpec):
        return value
    method = as_global(value, what)
    if method.expansion.active:
        raise UnknownMethodError(f"{method} expands queries ({method.expansion.suffix}); {what} takes the stored "
                                 f"descriptor {method.descriptor}")
    return method.descriptor


def as_local(value: str | Method, what: str = "this") -> LocalSpec:
    """The local method of ``value``: itself, or the local stage of a re-ranking."""
    method = as_method(value)
    if isinstance(method, RerankMethod):
        return method.local
    if not isinstance(method, LocalSpec):
        raise UnknownMethodError(f"{method} is a global method; {what} needs local features (e.g. xfeat-1000)")
    return method
