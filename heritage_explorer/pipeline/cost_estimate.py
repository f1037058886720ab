"""What extracting a method would cost a project: time and store size, as estimates (issue #18 part 1).

Qt-free: the extraction panel shows :func:`format_cost` of :func:`estimate_cost` beside each method
("~3 min, 12 MB"). Where the numbers come from:

* **time per image**, best source first:

  1. *measured in this project*: every extraction records a ``runs`` row of kind ``extract``
     (:func:`record_extraction`, called by ``methods.extract_any``) with its summary; the rate of a
     spec is the images it described divided by the seconds of the run it was part of. Methods
     extracted together share that time (a shared backbone pass, or several groups one after
     another), so the rate is a lower bound: the estimate errs on the long side;
  2. *measured by the benchmarks* on the development machine (2 shared cores, README
     "Performance" and "Local extraction", ``heritage-explorer bench extraction`` / ``bench local``):
     :data:`BENCH_RATES` — efflite0 through the whole pipeline (JPEG on disk → store, bf16) 31.6
     images/s; ORB 108, XFeat 6.9, DELF-style 4.4 images/s;
  3. other CNN backbones: efflite0's measured rate scaled by the published multiply-adds of each
     trunk at 224 px (:data:`BACKBONE_GMACS`; EfficientNet-Lite model cards, torchvision's model
     tables) — a rough guide, larger networks use the cores better than the ratio says;
     ``+ms`` multiplies the network's work by 1.75 (scales 1, 1/√2, 1/2: 1 + ½ + ¼ of the pixels);
     the colour histogram and NetVLAD's projection are cheap next to decoding / the backbone:
     the colour histogram takes ORB's rate (decoding at 1024 px dominates both), NetVLAD its
     backbone's (its k-means fit on the collection is not counted).

* **size on disk**: a global store is images × dimensions × 4 bytes (float32 ``vectors.npy``,
  ``pipeline/store.py``; the dimension after ``+pcaw``/``+pca``); a local store holds per keypoint
  its (x, y) as 2 float32, its score as 1 float32 and its descriptor (float16, or the packed bits
  of ORB: :class:`~..descriptors.local.features.LocalFeatures`): keypoints × (12 + descriptor
  bytes) per image — 137 KiB per image for ``xfeat-1000``, as ``bench local`` measured.
  Re-rankings and query expansion store nothing of their own: they use their parts' stores.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.descriptors.local.specs import LocalSpec
from heritage_explorer.descriptors.method import GlobalMethod, Method, RerankMethod, as_method
from heritage_explorer.descriptors.registry import MethodInfo
from heritage_explorer.pipeline.project import Project

#: images/s measured by ``heritage-explorer bench`` on the development machine (README "Performance").
BENCH_RATES: dict[str, float] = {"efflite0": 31.6, "orb": 108.0, "xfeat": 6.9, "delf": 4.4}
#: published multiply-adds (G) of each trunk at 224×224, to scale efflite0's measured rate.
BACKBONE_GMACS: dict[str, float] = {"efflite0": 0.41, "efflite2": 0.90, "resnet50": 4.1, "resnet101": 7.8,
                                    "vgg16": 15.5}
MULTISCALE_WORK = 1.75
FLOAT32, FLOAT16 = 4, 2
KEYPOINT_BYTES = 12  # (x, y) float32 + score float32
RUN_KIND = "extract"


@dataclass(frozen=True)
class CostEstimate:
    """The estimated extraction of one method for ``images`` images."""

    spec: str
    images: int
    seconds: float | None  # None: no figure to estimate from
    bytes: int
    source: str  # "measured in this project" | "benchmark" | "benchmark, scaled by multiply-adds" | ...


def _backbone_rate(backbone: str) -> tuple[float | None, str]:
    if backbone in BENCH_RATES:
        return BENCH_RATES[backbone], "benchmark"
    if backbone in BACKBONE_GMACS:
        return BENCH_RATES["efflite0"] * BACKBONE_GMACS["efflite0"] / BACKBONE_GMACS[backbone], \
            "benchmark, scaled by multiply-adds"
    return None, "no figure"


def _store_of(method: Method) -> GlobalMethod | LocalSpec:
    return method.first if isinstance(method, RerankMethod) else method


def _stored_spec(method: Method) -> str:
    """The spec an extraction summary counts ``method``'s images under (its store's)."""
    store = _store_of(method)
    return store.stored.spec if isinstance(store, LocalSpec) else store.descriptor.spec


def bench_rate(method: Method) -> tuple[float | None, str]:
    """Images/s of extracting ``method`` from the benchmark figures, and how it was derived."""
    method = _store_of(method)
    if isinstance(method, LocalSpec):
        if method.method == "delf" and method.backbone != "efflite0":  # measured on efflite0's stage
            rate, source = _backbone_rate(method.backbone or "")
            return (None if rate is None else BENCH_RATES["delf"] * rate / BENCH_RATES["efflite0"]), source
        return BENCH_RATES[method.method], "benchmark"
    descriptor = method.descriptor
    if descriptor.method == "colorhist":
        return BENCH_RATES["orb"], "benchmark (decoding-bound, as ORB)"
    name = descriptor.method  # efflite0-gem, netvlad-efflite0
    rate, source = _backbone_rate(name.removeprefix("netvlad-") if descriptor.netvlad else name.rpartition("-")[0])
    if rate is not None and descriptor.multiscale:
        rate /= MULTISCALE_WORK
    return rate, source


def store_bytes(method: Method, dim: int, images: int) -> int:
    """Bytes on disk of ``method``'s store for ``images`` images (``dim``: the listed dimension,
    bytes of a packed binary descriptor for ORB); 0 for what stores nothing of its own."""
    if isinstance(method, RerankMethod):
        return 0
    if isinstance(method, LocalSpec):
        descriptor = dim if method.method == "orb" else dim * FLOAT16
        return images * method.n_features * (KEYPOINT_BYTES + descriptor)
    whitened = method.descriptor.whitening_dim
    return images * (whitened or dim) * FLOAT32


def measured_rates(project: Project) -> dict[str, float]:
    """Images/s of each spec from this project's recorded extractions (the latest run that described
    images with it); see the module's docstring for why it is a lower bound."""
    rates: dict[str, float] = {}
    for run in project.catalog.runs(RUN_KIND):
        result = run.get("result") or {}
        seconds = float(result.get("seconds") or 0.0)
        for spec, computed in (result.get("computed") or {}).items():
            if seconds > 0 and computed:
                rates[spec] = computed / seconds
    return rates


def record_extraction(project: Project, summary_json: dict) -> None:
    """Log one extraction (a summary's ``to_json``) in the project's run log, for :func:`measured_rates`."""
    if project.read_only or not summary_json.get("computed"):
        return
    run = project.catalog.start_run(RUN_KIND, ",".join(summary_json.get("specs", [])), {})
    project.catalog.finish_run(run, summary_json)


def images_to_extract(project: Project) -> int:
    """The images an extraction reads: every catalog image that is not unusable (the counts table)."""
    counts = project.catalog.count_images()
    return sum(n for status, n in counts.items() if status not in ("error", "missing"))


def estimate_cost(spec: str, dim: int, images: int, measured: Mapping[str, float] | None = None) -> CostEstimate:
    """The estimate for extracting ``spec`` (listed with dimension ``dim``) on ``images`` images."""
    method = as_method(spec)
    rate, source = bench_rate(method)
    if measured and measured.get(_stored_spec(method)):
        rate, source = measured[_stored_spec(method)], "measured in this project"
    seconds = images / rate if rate else None
    return CostEstimate(str(method), images, seconds, store_bytes(method, dim, images), source)


def project_costs(project: Project | None, methods: Iterable[MethodInfo],
                  options: Mapping[str, str] | None = None) -> dict[str, CostEstimate]:
    """:func:`estimate_cost` of each listed method (by its spec) for ``project`` (no project: 0 images);
    ``options`` maps a listed spec to the spec it would be extracted as (with the ticked options)."""
    images = images_to_extract(project) if project is not None else 0
    measured = measured_rates(project) if project is not None else {}
    costs = {}
    for info in methods:
        try:
            costs[info.spec] = estimate_cost((options or {}).get(info.spec, info.spec), info.dim, images, measured)
        except HeritageError:
            continue  # an adaptation whose spec no longer parses: no estimate
    return costs


def _duration(seconds: float, units: Mapping[str, str]) -> str:
    if seconds < 60:
        return f"~{max(1, round(seconds))} {units.get('s', 's')}"
    if seconds < 3600:
        return f"~{round(seconds / 60)} {units.get('min', 'min')}"
    return f"~{seconds / 3600:.1f} {units.get('h', 'h')}"


def _size(n: int, units: Mapping[str, str]) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            value = n / scale
            return f"{value:.0f} {units.get(unit, unit)}" if value >= 10 else f"{value:.1f} {units.get(unit, unit)}"
    return f"{n} {units.get('B', 'B')}"


def format_cost(cost: CostEstimate, units: Mapping[str, str] | None = None) -> str:
    """``~3 min, 12 MB`` (``?`` for a time with no figure to estimate it from); ``units`` spells the
    units of another language (``{"MB": "Mo"}``)."""
    units = units or {}
    return f"{_duration(cost.seconds, units) if cost.seconds is not None else '?'}, {_size(cost.bytes, units)}"
