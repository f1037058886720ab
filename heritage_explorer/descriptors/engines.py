"""Inference engines for a backbone's feature-map forward pass (issue #20 part 3).

An *engine* runs the trunk (image → C×h×w feature map); the pooling, whitening and everything
after stay in torch as they are, so the engines differ only in how the convolutions are computed:

* ``torch-fp32``: torch eager, float32, channels-last (the reference all others are compared to);
* ``torch-bf16``: torch eager under CPU autocast to bfloat16, channels-last (the pipeline's
  engine before engines were selectable; ``--precision bf16``);
* ``onnxruntime``: the trunk exported once to ONNX (dynamic batch, height and width) and run by
  ONNX Runtime's CPU provider in float32;
* ``openvino``: the same ONNX file compiled by OpenVINO for the CPU with the ``bf16`` inference
  precision hint (used on CPUs with AVX-512-bf16/AMX, float32 elsewhere);
* ``openvino-fp32``: the same, float32 inference precision.

The engine that made a descriptor store is part of its provenance (``meta.json["engine"]``,
``pipeline/store.py``). The default engine is torch's, in bfloat16 where the CPU computes it
natively and in float32 elsewhere (:func:`default_engine`). ONNX Runtime and OpenVINO are optional
packages: an engine named explicitly that is not installed is an error (:class:`EngineUnavailableError`).

The ONNX export is cached on disk (``$HERITAGE_EXPLORER_ENGINE_CACHE``, else
``$XDG_CACHE_HOME/heritage_explorer/engines``), one file per trunk keyed by the weights' sha256,
the input-shape policy (``dyn``: any N×3×H×W), the opset and the torch version; each export is
checked against torch fp32 (with ONNX Runtime or OpenVINO, whichever is installed) on an input
of another shape than the one it was traced with before it is kept, and re-hashed on load.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from heritage_explorer.core.atomic import atomic_write, atomic_write_json, sha256_file
from heritage_explorer.core.errors import CorruptArtefactError, HeritageError

if TYPE_CHECKING:
    import torch

CACHE_ENV = "HERITAGE_EXPLORER_ENGINE_CACHE"
OPSET = 17
SHAPE_POLICY = "dyn"  # one export for every input shape (dynamic N, H, W)
EXPORT_MIN_COSINE = 0.9999  # an export that disagrees more with torch fp32 on the probe is refused


class Backbone(Protocol):
    """What an engine needs of a trunk (``descriptors.backbones.Backbone`` is one; declared here so
    that the engines do not import the backbones that call them)."""

    key: str
    weights_sha256: str

    @property
    def module(self) -> torch.nn.Module: ...

    def trunk_forward(self, x: torch.Tensor) -> torch.Tensor: ...

    def feature_maps(self, batch: torch.Tensor, precision: str | None = None) -> torch.Tensor: ...


class EngineUnavailableError(HeritageError):
    """An inference engine that was asked for by name but cannot run here (package missing)."""


@dataclass(frozen=True)
class EngineInfo:
    """One engine: its name (the ``--engine`` value), the package it needs, what it does."""

    name: str
    package: str | None  # importable module; None: torch itself
    pip: str | None  # pinned requirement to install it
    description: str

    @property
    def available(self) -> bool:
        return self.package is None or importlib.util.find_spec(self.package) is not None


ENGINES: dict[str, EngineInfo] = {
    info.name: info
    for info in (
        EngineInfo("torch-fp32", None, None, "torch eager, float32, channels-last (the reference)"),
        EngineInfo("torch-bf16", None, None, "torch eager, bfloat16 autocast, channels-last"),
        EngineInfo("onnxruntime", "onnxruntime", "onnxruntime==1.30.0",
                   "ONNX Runtime CPU provider, float32, trunk exported to ONNX"),
        EngineInfo("openvino", "openvino", "openvino==2026.4.1",
                   "OpenVINO CPU, bf16 inference precision hint, trunk exported to ONNX"),
        EngineInfo("openvino-fp32", "openvino", "openvino==2026.4.1",
                   "OpenVINO CPU, float32 inference precision, trunk exported to ONNX"),
    )
}
#: The engine a new descriptor store is extracted with when none is named: :func:`default_engine`.
#: Another engine is adopted only where ``bench engines`` measures it >= 1.2x the torch default in
#: the same run with descriptors within cosine 0.999 of ``torch-fp32`` (and mAP within 0.005).


def native_bf16() -> bool:
    """Whether this CPU computes bfloat16 convolutions natively (AVX-512 or AMX, oneDNN's bf16 path).

    Without it, CPU autocast to bfloat16 falls back to torch's reference convolution (``slow_conv2d``):
    on an AVX2-only AMD EPYC a 3×3 convolution of 8×32×112×112 took 1.04 s in bf16 (channels-last;
    4.4 s contiguous) against 0.106 s in float32, and one extraction in the app's test workflow went
    from seconds to beyond 400 s. Where the CPU has it, bf16 is the faster engine (README, Performance).
    """
    return _native_bf16()


@functools.lru_cache(maxsize=1)
def _native_bf16() -> bool:
    flags = _cpu_flags()
    if flags is not None:  # read without importing torch (the window decides defaults too)
        return NATIVE_BF16_FLAGS <= flags or "amx_bf16" in flags
    import torch

    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):  # an older torch: oneDNN's bf16 needs AVX-512 at least
        return torch.backends.cpu.get_cpu_capability().startswith("AVX512")


#: The AVX-512 subsets oneDNN needs for its bfloat16 kernels (as torch's ``_is_mkldnn_bf16_supported``).
NATIVE_BF16_FLAGS = frozenset({"avx512bw", "avx512vl", "avx512dq"})


def _cpu_flags() -> frozenset[str] | None:
    """The x86 CPU's feature flags from /proc/cpuinfo, or None where there is none to read."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("flags"):
                    return frozenset(line.split(":", 1)[1].split())
    except OSError:
        return None
    return None


def default_engine() -> str:
    """The engine a new store is made with: ``torch-bf16`` on a CPU with native bfloat16
    (:func:`native_bf16`); elsewhere ``onnxruntime`` (float32, descriptors within cosine 0.9999 of
    ``torch-fp32``; 4.4x ``torch-fp32`` on the AVX2 EPYC, same run: ``bench engines``), or
    ``torch-fp32`` where ONNX Runtime is not installed."""
    if native_bf16():
        return "torch-bf16"
    return "onnxruntime" if ENGINES["onnxruntime"].available else "torch-fp32"


def native_precision() -> str:
    """The torch precision for what runs on torch only (NetVLAD, DELF-style): ``bf16`` where the
    CPU computes it natively, else ``fp32``."""
    return "bf16" if native_bf16() else "fp32"


def torch_memory_format() -> Any:
    """channels-last where bf16 is native (the fastest configuration there, README Performance);
    contiguous elsewhere: on the AVX2 EPYC channels-last float32 ran EfficientNet-Lite0 at 0.54
    images/s against 1.26 contiguous (same run)."""
    import torch

    return torch.channels_last if native_bf16() else torch.contiguous_format


#: What a store made before engines were recorded was made with (the pipeline's only engine then).
LEGACY_ENGINE = "torch-bf16"
_PRECISION_ALIASES = {"bf16": "torch-bf16", "fp32": "torch-fp32"}


def canonical_engine(name: str) -> str:
    """The engine name for ``name``, which may also be a torch precision (``bf16``, ``fp32``)."""
    name = _PRECISION_ALIASES.get(name, name)
    if name not in ENGINES:
        raise ValueError(f"unknown engine or precision {name!r}; choose from {', '.join(ENGINES)} "
                         f"(or the torch precisions {', '.join(_PRECISION_ALIASES)})")
    return name


def is_engine_name(name: str) -> bool:
    return _PRECISION_ALIASES.get(name, name) in ENGINES


@dataclass(frozen=True)
class EngineChoice:
    """The engine that will run, and why it is not the one asked for (``note``, else empty)."""

    name: str
    note: str = ""


def resolve_engine(requested: str | None) -> EngineChoice:
    """The engine to use for ``requested`` (None: the project default).

    The default is :func:`default_engine` (a torch engine: nothing to install); a missing engine
    asked for by name raises :class:`EngineUnavailableError` naming the package.
    """
    if requested is None:
        return EngineChoice(default_engine())
    info = ENGINES[canonical_engine(requested)]
    if not info.available:
        raise EngineUnavailableError(
            f"engine {info.name} needs the {info.package} package, which is not installed; "
            f"install it (pip install {info.pip}) or choose another engine ({', '.join(available_engines())})")
    return EngineChoice(info.name)


def available_engines() -> list[str]:
    return [name for name, info in ENGINES.items() if info.available]


# -- the ONNX export ------------------------------------------------------------------------------
def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "heritage_explorer" / "engines"


def onnx_path(backbone: Backbone) -> Path:
    """Where the ONNX export of ``backbone`` lives: keyed by weights, shape policy, opset, torch."""
    import torch

    version = torch.__version__.split("+")[0]
    name = f"{backbone.key}-{backbone.weights_sha256[:16]}-{SHAPE_POLICY}-opset{OPSET}-torch{version}.onnx"
    return cache_dir() / name


class _Trunk:
    """``backbone``'s feature-map function as a module, for the exporter."""

    @staticmethod
    def wrap(backbone: Backbone) -> torch.nn.Module:
        import torch

        class Trunk(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.body = backbone.module

            def forward(self, x: torch.Tensor) -> torch.Tensor:
                return backbone.trunk_forward(x)

        return Trunk().eval()


_EXPORT_LOCK = threading.Lock()


def ensure_onnx(backbone: Backbone) -> Path:
    """The checked ONNX export of ``backbone``'s trunk, exporting it the first time (atomic)."""
    path = onnx_path(backbone)
    sidecar = path.with_suffix(".json")
    with _EXPORT_LOCK:
        if path.exists() and sidecar.exists():
            import json

            try:
                recorded = json.loads(sidecar.read_text())
            except (OSError, ValueError) as exc:
                raise CorruptArtefactError(f"{sidecar}: unreadable ({exc}); delete it to export again") from exc
            if recorded.get("sha256") == sha256_file(path) and recorded.get("weights_sha256") == backbone.weights_sha256:
                return path
            path.unlink(missing_ok=True)  # damaged or from other weights: export again
        try:
            _export(backbone, path)
            atomic_write_json(sidecar, {"backbone": backbone.key, "weights_sha256": backbone.weights_sha256,
                                        "shape_policy": SHAPE_POLICY, "opset": OPSET, "sha256": sha256_file(path)})
        except OSError as exc:
            raise HeritageError(f"{path.parent}: cannot write the ONNX export of {backbone.key} there ({exc}); "
                                f"set ${CACHE_ENV} to a writable folder") from exc
    return path


def _export(backbone: Backbone, path: Path) -> None:
    import io
    import warnings

    import torch

    probe = torch.from_numpy(np.random.default_rng(0).standard_normal((1, 3, 224, 288), dtype=np.float32))
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notice
        torch.onnx.export(
            _Trunk.wrap(backbone), (probe,), buffer, input_names=["images"], output_names=["maps"],
            dynamic_axes={"images": {0: "n", 2: "h", 3: "w"}, "maps": {0: "n", 2: "fh", 3: "fw"}},
            opset_version=OPSET, dynamo=False,
        )
    unchecked = path.with_name(path.stem + ".unchecked.onnx")
    atomic_write(unchecked, lambda fh: fh.write(buffer.getvalue()))
    try:  # the export must compute what torch computes, at a shape it was not traced at
        checker = next(name for name in ("onnxruntime", "openvino-fp32") if ENGINES[name].available)
        other = torch.from_numpy(np.random.default_rng(1).standard_normal((1, 3, 256, 200), dtype=np.float32))
        want = backbone.feature_maps(other, "fp32").numpy()
        got = _RUNNERS[checker](unchecked, 1)(other.numpy())
        cosine = -1.0 if got.shape != want.shape else float(
            want.ravel() @ got.ravel() / (np.linalg.norm(want) * np.linalg.norm(got)))
        if cosine < EXPORT_MIN_COSINE:
            raise CorruptArtefactError(f"ONNX export of {backbone.key} disagrees with torch fp32 "
                                       f"(shape {got.shape} vs {want.shape}, cosine {cosine:.6f}); not kept")
        os.replace(unchecked, path)
    finally:
        unchecked.unlink(missing_ok=True)


# -- runners --------------------------------------------------------------------------------------
def _onnxruntime_runner(path: Path, threads: int) -> Callable[[np.ndarray], np.ndarray]:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    return lambda x: session.run(None, {"images": x})[0]


def _import_openvino() -> Any:
    """``openvino`` without its telemetry.

    ``import openvino`` sends a usage event to Google Analytics from a forked child process
    (``openvino.tools.ovc`` → ``openvino_telemetry``), unless a consent file in the user's home
    says no. A collection tool must not report its use, and forking a process that already runs
    torch and Qt threads can deadlock the child. OpenVINO falls back to its own telemetry stub
    when ``openvino_telemetry`` cannot be imported: marking that module absent before the first
    import of openvino makes it do so (inference is unaffected).
    """
    if "openvino" not in sys.modules:
        sys.modules.setdefault("openvino_telemetry", None)  # type: ignore[assignment]
    import openvino as ov

    return ov


def _openvino_runner(path: Path, threads: int, *, bf16: bool = True) -> Callable[[np.ndarray], np.ndarray]:
    ov = _import_openvino()
    core = ov.Core()
    hints: dict[str, Any] = {"INFERENCE_NUM_THREADS": threads, "PERFORMANCE_HINT": "LATENCY",
                             "INFERENCE_PRECISION_HINT": "f32"}
    if bf16 and "BF16" in core.get_property("CPU", "OPTIMIZATION_CAPABILITIES"):
        hints["INFERENCE_PRECISION_HINT"] = "bf16"
    compiled = core.compile_model(core.read_model(str(path)), "CPU", hints)
    request = compiled.create_infer_request()
    lock = threading.Lock()  # one infer request: one forward at a time

    def run(x: np.ndarray) -> np.ndarray:
        with lock:
            return np.array(request.infer({0: x})[0], dtype=np.float32, copy=True)

    return run


_RUNNERS: dict[str, Callable[[Path, int], Callable[[np.ndarray], np.ndarray]]] = {
    "onnxruntime": _onnxruntime_runner,
    "openvino": _openvino_runner,
    "openvino-fp32": lambda path, threads: _openvino_runner(path, threads, bf16=False),
}
_LOADED: dict[tuple[str, str, int], Callable[[np.ndarray], np.ndarray]] = {}
_LOADED_LOCK = threading.Lock()


def runner(backbone: Backbone, engine: str) -> Callable[[np.ndarray], np.ndarray]:
    """``f(N×3×H×W float32) -> N×C×h×w float32`` on ``engine`` (loaded once per process and thread count)."""
    import torch

    info = ENGINES[engine]
    if info.package is None:
        raise ValueError(f"{engine} runs in torch, not through an exported model")
    if not info.available:
        raise EngineUnavailableError(f"engine {engine} needs the {info.package} package (pip install {info.pip})")
    threads = torch.get_num_threads()
    key = (engine, backbone.weights_sha256, threads)
    with _LOADED_LOCK:
        if key not in _LOADED:
            _LOADED[key] = _RUNNERS[engine](ensure_onnx(backbone), threads)
        return _LOADED[key]


def engine_feature_maps(backbone: Backbone, batch: torch.Tensor, engine: str) -> torch.Tensor:
    """N×3×H×W prepared images → N×C×h×w float32 maps computed by ``engine`` (ONNX Runtime, OpenVINO)."""
    import torch

    x = np.ascontiguousarray(batch.detach().float().numpy())
    return torch.from_numpy(np.ascontiguousarray(runner(backbone, engine)(x), dtype=np.float32))
