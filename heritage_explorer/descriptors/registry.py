"""The one registry of descriptor methods: spec string → extractor (timm / FAISS-factory style).

Grammar: ``<backbone>-<pooling>[+ms][+gray][+pcaw<D>|+pca<D>|+adapt:<NAME>]`` or ``colorhist``.

* backbone: ``efflite0``, ``efflite2`` (offline, pip packages), ``resnet50``, ``resnet101``,
  ``vgg16`` (torchvision or cnnimageretrieval-pytorch weights, see :mod:`.weights`);
* pooling: ``mac``, ``spoc``, ``gem``, ``rmac``, ``crow`` (survey §4.2.1, Fig. 5);
* ``+ms``: scales 1, 1/√2, 1/2 combined as in cnnimageretrieval's ``extract_ms``;
* ``+gray``: the image is turned to grey before description (Alegoria paper, Table 2);
* ``+pcaw<D>``: PCA-whitening to D dimensions, fitted on the collection by the pipeline
  (survey §4.2);
* ``+pca<D>``: PCA to D dimensions without whitening (the principal axes keep their variance),
  fitted the same way: whitening estimated on a small collection amplifies its noisiest axes;
* ``+adapt:<NAME>``: the adaptation ``NAME`` learned on the project by ``heritage-explorer adapt``
  (``pipeline/adapt.py``); always the last modifier, NAME matching ``[a-z0-9][a-z0-9_-]*``.

Modifiers may be given in any order; :attr:`MethodSpec.spec` is the canonical string (the
order above), the one to store. Importing this module does not import torch.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heritage_explorer.core.errors import UnknownMethodError
from heritage_explorer.descriptors.backbones import PRECISIONS, TRUNKS, Backbone, prepare_scales
from heritage_explorer.descriptors.colorhist import COLORHIST_DIM
from heritage_explorer.descriptors.descriptor_spec import MethodSpec
from heritage_explorer.descriptors.engines import ENGINES, default_engine, is_engine_name, native_precision
from heritage_explorer.descriptors.extractors import (
    DEFAULT_MAX_SIDE,
    MULTI_SCALES,
    SINGLE_SCALE,
    CnnExtractor,
    ColorHistExtractor,
    Extractor,
)
from heritage_explorer.descriptors.pooling import POOLINGS
from heritage_explorer.descriptors.weights import (
    find_weights,
    missing_weights_message,
    require_weights,
    verified_sha256,
)

__all__ = [
    "Backbone",
    "Extractor",
    "MethodInfo",
    "MethodSpec",
    "create_extractor",
    "list_methods",
    "method_modifiers",
    "method_names",
    "parse_spec",
    "prepare_scales",
    "register_method",
]


@dataclass(frozen=True)
class MethodInfo:
    """A method as the GUI lists it."""

    spec: str
    kind: str  # "global" | "local" | "baseline"
    dim: int
    description: str
    weights: str  # provenance and licence, or what is missing
    available: bool  # weights present


Factory = Callable[[MethodSpec, str, "Path | None"], Extractor]


@dataclass(frozen=True)
class _Method:
    name: str
    kind: str
    dim: int
    description: str
    modifiers: frozenset[str]
    factory: Factory
    backbone: str | None = None


_METHODS: dict[str, _Method] = {}

# (modifier name, pattern of its token, the MethodSpec fields it sets)
_MODIFIERS: tuple[tuple[str, re.Pattern[str], Callable[[re.Match[str]], dict[str, Any]]], ...] = (
    ("ms", re.compile(r"ms"), lambda m: {"multiscale": True}),
    ("gray", re.compile(r"gray"), lambda m: {"grayscale": True}),
    ("pcaw", re.compile(r"pcaw([1-9][0-9]*)"), lambda m: {"whitening_dim": int(m.group(1))}),
    ("pca", re.compile(r"pca([1-9][0-9]*)"), lambda m: {"whitening_dim": int(m.group(1)), "whiten": False}),
    ("adapt", re.compile(r"adapt:(.*)"), lambda m: {"adapt": m.group(1)}),
)
_MODIFIER_HELP = "+ms, +gray, +pcaw<D>, +pca<D> or +adapt:<NAME>"
ADAPT_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


def register_method(
    name: str,
    *,
    kind: str,
    dim: int,
    description: str,
    factory: Factory,
    modifiers: frozenset[str] = frozenset(),
    backbone: str | None = None,
) -> None:
    """Add a method to the registry (names are unique)."""
    if name in _METHODS:
        raise ValueError(f"method {name!r} is already registered")
    _METHODS[name] = _Method(name, kind, dim, description, modifiers, factory, backbone)


def _unknown(spec: str, reason: str) -> UnknownMethodError:
    return UnknownMethodError(
        f"{reason} in {spec!r}. Valid methods: {', '.join(_METHODS)}; "
        f"modifiers for CNN methods: {_MODIFIER_HELP}"
    )


def method_names() -> tuple[str, ...]:
    """The registered method names (``efflite0-gem``, ``colorhist``, ``netvlad-efflite0``, …)."""
    return tuple(_METHODS)


def method_modifiers(name: str) -> frozenset[str]:
    """The modifiers (``ms``, ``gray``, ``pcaw``, ``pca``, ``adapt``) that the method ``name`` takes."""
    return _METHODS[name].modifiers


def parse_spec(spec: str) -> MethodSpec:
    """Parse a global descriptor's spelling (the part :func:`~.method.parse_method` hands over);
    raises :class:`UnknownMethodError` listing the valid choices."""
    name, *tokens = spec.strip().lower().split("+")
    if name not in _METHODS:
        raise _unknown(spec, f"unknown method {name!r}")
    method = _METHODS[name]
    fields: dict[str, Any] = {}
    seen: set[str] = set()
    for token in tokens:
        found = [(mod, rule(m)) for mod, pattern, rule in _MODIFIERS if (m := pattern.fullmatch(token))]
        if not found:
            raise _unknown(spec, f"unknown modifier '+{token}'")
        mod, values = found[0]
        if mod not in method.modifiers:
            raise _unknown(spec, f"{name} takes no '+{mod}' modifier")
        if mod in seen or (mod in ("pca", "pcaw") and seen & {"pca", "pcaw"}):
            raise _unknown(spec, f"modifier '+{mod}' given twice" if mod in seen else "give one of +pcaw<D> and +pca<D>")
        if "adapt" in seen:
            raise _unknown(spec, "+adapt:<NAME> must be the last modifier")
        if mod == "adapt" and not ADAPT_NAME.fullmatch(values["adapt"]):
            raise _unknown(spec, f"bad adaptation name {values['adapt']!r} (letters a-z, digits, '_' and '-', "
                                 "starting with a letter or digit)")
        if {mod} | seen >= {"adapt", "pca"} or {mod} | seen >= {"adapt", "pcaw"}:
            raise _unknown(spec, "an adaptation learns its own whitening: give +adapt:<NAME> without +pca/+pcaw")
        seen.add(mod)
        fields.update(values)
    parsed = MethodSpec(name, method.kind, **fields)
    if parsed.whitening_dim is not None and parsed.whitening_dim > method.dim:
        raise _unknown(spec, f"{parsed.spec[len(parsed.base_spec):]} exceeds the {method.dim} dimensions of {name}")
    return parsed


def create_extractor(
    spec: MethodSpec | str, *, precision: str | None = None, weights_path: str | Path | None = None
) -> Extractor:
    """An extractor for ``spec``. The network itself loads on first use (``backbone()``).

    ``precision`` (a torch precision or an engine): None is the CPU's default engine
    (:func:`~heritage_explorer.descriptors.engines.default_engine`).

    ``weights_path`` names a weight file explicitly (otherwise see :mod:`.weights` for the
    search order). Raises :class:`UnknownMethodError`, or :class:`WeightsUnavailableError`
    when the weights are missing (never a randomly initialised network).
    """
    parsed = spec if isinstance(spec, MethodSpec) else parse_spec(spec)
    if precision is None:
        precision = _default_precision(parsed)
    if precision not in PRECISIONS and not is_engine_name(precision):
        raise ValueError(f"precision must be one of {PRECISIONS} or an engine ({', '.join(ENGINES)}), "
                         f"got {precision!r}")
    path = Path(weights_path) if weights_path is not None else None
    return _METHODS[parsed.method].factory(parsed, precision, path)


def _common(parsed: MethodSpec, dim: int) -> dict[str, Any]:
    return {
        "descriptor": parsed,
        "kind": parsed.kind,
        "dim": parsed.whitening_dim or dim,
        "raw_dim": dim,
        "grayscale": parsed.grayscale,
        "max_side": DEFAULT_MAX_SIDE,
        "whitening_dim": parsed.whitening_dim,
        "whiten": parsed.whiten,
        "scales": MULTI_SCALES if parsed.multiscale else SINGLE_SCALE,
    }


def _cnn_factory(
    backbone: str, pooling: str, parsed: MethodSpec, precision: str, weights_path: Path | None
) -> Extractor:
    location = require_weights(backbone, weights_path)
    return CnnExtractor(
        **_common(parsed, TRUNKS[backbone].out_channels),
        backbone_key=backbone,
        weights_sha256=verified_sha256(location),
        weights_source=location.describe(),
        precision=precision,
        pooling=pooling,
        weights_path=location.path,
    )


def _colorhist_factory(parsed: MethodSpec, precision: str, weights_path: Path | None) -> Extractor:
    return ColorHistExtractor(
        **_common(parsed, COLORHIST_DIM), weights_source="none (hand-crafted)", precision=precision
    )


def list_methods() -> list[MethodInfo]:
    """The canonical methods (each backbone × pooling, then the baselines), with availability.

    Fast: looks for weight files, loads nothing.
    """
    found = {key: find_weights(key) for key in TRUNKS}
    infos = []
    for method in _METHODS.values():
        location = found.get(method.backbone) if method.backbone else None
        if method.backbone is None:
            weights, available = "none needed (hand-crafted)", True
        elif location is None:
            weights, available = missing_weights_message(method.backbone), False
        else:
            weights, available = location.describe(), True
        infos.append(MethodInfo(method.name, method.kind, method.dim, method.description, weights, available))
    return infos


def _register_builtin() -> None:
    cnn_modifiers = frozenset(mod for mod, _, _ in _MODIFIERS)
    for key, trunk in TRUNKS.items():
        for name, pooling in POOLINGS.items():
            register_method(
                f"{key}-{name}",
                kind="global",
                dim=trunk.out_channels,
                backbone=key,
                modifiers=cnn_modifiers,
                description=f"{trunk.title} last conv map, {pooling.title}: {pooling.description} "
                f"({pooling.reference})",
                factory=functools.partial(_cnn_factory, key, name),
            )
    register_method(
        "colorhist",
        kind="baseline",
        dim=COLORHIST_DIM,
        factory=_colorhist_factory,
        description="HSV colour histogram 8×4×4, Hellinger-normalised (hand-crafted baseline)",
    )
    # -- NetVLAD (issue #5): fitted on the collection, so extracted by pipeline.netvlad.extract_netvlad --
    from heritage_explorer.descriptors.netvlad import NETVLAD_DIM, netvlad_description

    for key in TRUNKS:
        register_method(f"netvlad-{key}", kind="global", dim=NETVLAD_DIM, backbone=key,
                        modifiers=frozenset({"pcaw"}), description=netvlad_description(key),
                        factory=functools.partial(_netvlad_factory, key))


def _netvlad_factory(backbone: str, parsed: MethodSpec, precision: str, weights_path: Path | None) -> Extractor:
    from heritage_explorer.descriptors.netvlad import create_netvlad_extractor

    return create_netvlad_extractor(backbone, parsed, precision=precision, weights_path=weights_path)


def _default_precision(parsed: MethodSpec) -> str:
    """What None means for ``parsed``: the CPU's default engine; NetVLAD runs on torch only."""
    return f"torch-{native_precision()}" if parsed.netvlad else default_engine()


_register_builtin()
