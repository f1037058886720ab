"""Every method a project can extract, grouped by kind, with what each fits on the collection (issue #18 part 1).

What the app's extraction panel lists (and could list without Qt): the registry's global methods
(CNN poolings, NetVLAD, the colour histogram), the local methods of
:func:`~..descriptors.local.specs.local_method_infos` and the project's adaptations
(:func:`.adapt.project_adaptations`). Spellings are read through
:func:`~..descriptors.method.parse_method` only. Fast: looks for weight files and store folders,
loads no network.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from heritage_explorer.core.errors import HeritageError, UnknownMethodError
from heritage_explorer.descriptors.local.specs import LocalSpec, local_method_infos
from heritage_explorer.descriptors.method import GlobalMethod, Method, parse_method
from heritage_explorer.descriptors.registry import MethodInfo, list_methods
from heritage_explorer.pipeline.project import Project

#: (group key, title) in the order the panel shows them.
GROUPS: tuple[tuple[str, str], ...] = (
    ("global", "Global CNN poolings"),
    ("netvlad", "NetVLAD"),
    ("colour", "Colour histogram"),
    ("local", "Local features"),
    ("adapted", "Adaptations of this project"),
)
GROUP_TITLES = dict(GROUPS)


def available_methods(project: Project | None = None) -> list[MethodInfo]:
    """The registry's methods, the local methods, then (with ``project``) its adaptations."""
    methods = list_methods() + local_method_infos()
    if project is not None:
        from heritage_explorer.pipeline.adapt import project_adaptations

        methods += project_adaptations(project)
    return methods


def _parsed(spec: str) -> Method | None:
    try:
        return parse_method(spec)
    except HeritageError:
        return None


def compose_spec(method: str, options: list[str]) -> tuple[str, list[str]]:
    """The canonical spec of ``method`` with the ``options`` (``+gray``, ``+ms``, ``+pcaw512``...) it
    accepts, and those it ignored (the extraction panel's options apply to global methods only)."""
    spec, ignored = method, []
    for option in options:
        try:
            spec = str(parse_method(spec + option))
        except UnknownMethodError:
            ignored.append(option)
    return spec, ignored


def method_group(info: MethodInfo) -> str:
    """The :data:`GROUPS` key of ``info``: ``global``, ``netvlad``, ``colour``, ``local`` or ``adapted``."""
    if info.kind == "adapted":
        return "adapted"
    method = _parsed(info.spec)
    if isinstance(method, LocalSpec):
        return "local"
    if isinstance(method, GlobalMethod):
        if method.netvlad:
            return "netvlad"
        if method.descriptor.method == "colorhist":
            return "colour"
    return "global"


def fitted_on_collection(spec: str) -> list[str] | None:
    """What extracting ``spec`` fits on the collection first, as its kind says (:data:`.methods.KINDS`);
    None for a listing that names no method (an unreadable adaptation)."""
    from heritage_explorer.pipeline.methods import kind_of

    method = _parsed(spec)
    return None if method is None else list(kind_of(method).fitted(method))


def fitting(spec: str) -> str:
    """:func:`fitted_on_collection` in short (``"none"`` for nothing, ``"?"`` for no method)."""
    fitted = fitted_on_collection(spec)
    return "?" if fitted is None else " + ".join(fitted) or "none"


def _row_key(spec: str) -> str | None:
    """The listed method an extracted ``spec`` is a variant of: the registry name of a global
    descriptor (``efflite0-gem`` for ``efflite0-gem+gray+pcaw512``), a local method's default
    feature spec (``delf-efflite0-1000`` for ``delf-efflite0-1000+pca64``)."""
    method = _parsed(spec)
    if isinstance(method, GlobalMethod):
        return method.descriptor.method
    if isinstance(method, LocalSpec):
        return str(LocalSpec(method.method, method.n_features, method.backbone))
    return None


def extracted_variants(listed: Sequence[str], extracted: Iterable[str]) -> dict[str, list[str]]:
    """For each listed method spec, the extracted specs that are it or its variants (an exact
    match, e.g. an adaptation ``efflite0-gem+adapt:x``, goes to its own row only)."""
    rows: dict[str, list[str]] = {spec: [] for spec in listed}
    for spec in extracted:
        key = spec if spec in rows else _row_key(spec)
        if key in rows:
            rows[key].append(spec)
    return rows


def extracted_all(project: Project) -> list[str]:
    """Every spec with a store in ``project``: the global descriptor stores, then the local feature stores."""
    from heritage_explorer.pipeline.searchable import extracted_global_specs, extracted_local_specs

    return [*extracted_global_specs(project), *extracted_local_specs(project)]
