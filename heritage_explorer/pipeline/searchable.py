"""What a project can be searched with, and what kind of method each spec is (for the app's method choice).

The one place outside :mod:`.methods` where a spec string is looked at: the GUI asks
:func:`method_kind` (how to route a search and what its score means) and :func:`searchable_specs`
(what to offer), never the string itself. Global methods have a descriptor store
(``P/descriptors/<slug>/``); local ones a local feature store (``P/local/<slug>/``); a re-ranking
``GLOBAL>>LOCAL@K`` is searchable once both of its parts are.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.descriptors.method import (
    DEFAULT_SHORTLIST,
    GlobalMethod,
    Method,
    RerankMethod,
    as_global,
    as_local,
    as_method,
)
from heritage_explorer.pipeline.project import Project

GLOBAL, LOCAL, RERANK = "global", "local", "rerank"


def method_kind(spec: Method | str) -> str:
    """``"rerank"`` (``GLOBAL>>LOCAL@K``), ``"local"`` (standalone local retrieval) or ``"global"``
    (any descriptor with one vector per image: CNN poolings, NetVLAD, colour, query expansion)."""
    from heritage_explorer.pipeline.methods import kind_of

    return kind_of(as_method(spec)).name


def scores_are_inliers(spec: Method | str) -> bool:
    """Whether a search with ``spec`` scores its results by RANSAC inlier count (local and
    re-ranking methods: ``methods.search_any``) rather than by similarity."""
    return method_kind(spec) != GLOBAL


def extracted_global_specs(project: Project) -> list[str]:
    """Global specs that have a descriptor store in the project (read from each store's metadata)."""
    specs = []
    for meta in sorted((project.root / "descriptors").glob("*/meta.json")):
        try:
            spec = json.loads(meta.read_text()).get("spec")
        except (OSError, json.JSONDecodeError):
            continue
        if spec and (meta.parent / "vectors.npy").exists():
            specs.append(spec)
    return specs


def extracted_local_specs(project: Project) -> list[str]:
    """Local feature specs with features in the project (``xfeat-1000``, ``orb-1000``)."""
    from heritage_explorer.pipeline.local_retrieval import described_local_specs

    return described_local_specs(project)


def rerank_ready(spec: str, global_specs: Iterable[str], local_specs: Iterable[str]) -> bool:
    """Whether both parts of the re-ranking ``spec`` are extracted (False for a spec that does not parse)."""
    try:
        parsed = as_method(spec)
    except HeritageError:
        return False
    return isinstance(parsed, RerankMethod) and parsed.first.descriptor.spec in set(global_specs) and \
        parsed.local.feature_spec in set(local_specs)


def composed_ready(spec: str, global_specs: Iterable[str], local_specs: Iterable[str]) -> bool:
    """Whether ``spec`` is a method made of extracted stores without being one: a re-ranking
    (:func:`rerank_ready`), a global method with query expansion / DBA on an extracted descriptor,
    or a local method with verification modifiers on extracted features (False for a bad spelling)."""
    try:
        parsed = as_method(spec)
    except HeritageError:
        return False
    if isinstance(parsed, RerankMethod):
        return rerank_ready(spec, global_specs, local_specs)
    if isinstance(parsed, GlobalMethod):
        return parsed.expansion.active and parsed.descriptor.spec in set(global_specs)
    return str(parsed) != parsed.stored.spec and parsed.stored.spec in set(local_specs)


def searchable_specs(project: Project, wanted: Iterable[str | None] = (), *, rerank_base: str | None = None,
                     global_specs: list[str] | None = None) -> list[str]:
    """Every method the project can be searched with: the global stores, the local stores, then
    composed methods — each of ``wanted`` (the user's choices, ``open --method``, the method builder's:
    re-rankings, query expansion) whose parts are extracted (:func:`composed_ready`),
    and, with ``rerank_base`` (a global spec), ``rerank_base>>LOCAL@100`` for each local store."""
    if global_specs is None:  # a caller that has just read them passes them
        global_specs = extracted_global_specs(project)
    local_specs = extracted_local_specs(project)
    reranks = [spec for spec in wanted if spec and composed_ready(spec, global_specs, local_specs)]
    if rerank_base is not None and rerank_base in global_specs:
        reranks += [str(RerankMethod(as_global(rerank_base), as_local(local), DEFAULT_SHORTLIST))
                    for local in local_specs]
    return [*global_specs, *local_specs, *dict.fromkeys(reranks)]
