"""Fine-tuning the last stages of an EfficientNet-Lite trunk and the GeM ``p`` (issue #19).

Radenović, Tolias & Chum, "Fine-tuning CNN image retrieval with no human annotation" (TPAMI
2019): a contrastive loss on tuples (query, one positive, a few hard negatives),

    L = ½ ‖f(q) − f(p)‖²  +  Σ_n ½ max(0, τ − ‖f(q) − f(n)‖)²,

with ``f`` the L2-normalised GeM descriptor whose ``p`` is learned (10× the learning rate of the
network, as cnnimageretrieval-pytorch does), Adam, batch-norm statistics frozen, hard negatives
re-mined at each epoch with the current network. Which pairs are positives and which images may
serve as negatives is decided by the caller (``pipeline/adapt_finetune.py``); this module only
learns, deterministically for a given seed.

Only the last ``stages`` blocks, the 1×1 head convolution and its batch norm are trained: the
earlier blocks are frozen, so their output map is computed once per image (:meth:`FineTuned.frozen_map`)
and each step runs the trained part alone. The trained part is a copy: the shared backbone is never
modified. Checkpoints and weights are written atomically with ``torch.save`` and read with
``torch.load(..., weights_only=True)``.
"""

from __future__ import annotations

import copy
import io
import math
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from heritage_explorer.core.atomic import atomic_write_bytes
from heritage_explorer.core.errors import CorruptArtefactError, HeritageError
from heritage_explorer.core.jobs import CancelToken, Progress

if TYPE_CHECKING:
    import torch

    from heritage_explorer.descriptors.backbones import Backbone

SCHEMA = "heritage-explorer/finetune"
SCHEMA_VERSION = 1
GEM_P = 3.0


@dataclass(frozen=True)
class FineTuneConfig:
    """What the training does; every field is part of the checkpoint key (a resumed run must match)."""

    stages: int = 1  # trained blocks at the end of the trunk (plus the head convolution and batch norm)
    epochs: int = 5
    tuples: int = 128  # (query, positive) tuples per epoch, drawn from the positive pairs
    batch: int = 8  # tuples per optimiser step
    negatives: int = 3  # hard negatives per tuple
    margin: float = 0.85  # τ of the contrastive loss (Radenović et al. use 0.85 for ResNet-101 GeM)
    lr: float = 1e-4  # few steps on a CPU budget (Radenović et al. take 1e-6 over thousands)
    p_lr_factor: float = 10.0
    weight_decay: float = 1e-6


@dataclass
class TrainResult:
    epochs: int  # epochs done in total (resumed ones included)
    losses: list[float] = field(default_factory=list)  # mean loss per epoch
    resumed_from: int = 0
    seconds: float = 0.0
    complete: bool = True  # False when the time ran out before the planned epochs


class FineTuneError(HeritageError):
    """A trunk or checkpoint that cannot be fine-tuned or read."""


def _head_class() -> type:
    import torch
    from torch import nn

    from heritage_explorer.descriptors import functional as F

    class Head(nn.Module):
        """The trained part: last blocks → head conv + BN → GeM(p) → L2n."""

        def __init__(self, tail: nn.Module, p: float) -> None:
            super().__init__()
            self.tail = tail
            self.p = nn.Parameter(torch.ones(1) * p)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return F.l2n(F.gem(self.tail(x), p=self.p))

    return Head


class FineTuned:
    """A backbone split at ``stages`` blocks from its end; the trained part can be loaded and saved."""

    def __init__(self, backbone: Backbone, stages: int = 1, precision: str = "fp32") -> None:
        import torch
        from torch import nn

        if backbone.info.family != "efficientnet-lite":
            raise FineTuneError(f"fine-tuning supports the EfficientNet-Lite trunks, not {backbone.key}")
        trunk = backbone.module
        blocks = len(trunk.blocks)
        if not 1 <= stages < blocks:
            raise FineTuneError(f"stages must be in 1..{blocks - 1}, got {stages}")
        self.backbone, self.stages, self.precision = backbone, stages, precision
        self._trunk = trunk
        tail = nn.Sequential(*(copy.deepcopy(trunk.blocks[i]) for i in range(blocks - stages, blocks)),
                             copy.deepcopy(trunk.conv_head), copy.deepcopy(trunk.bn2))
        self.head = _head_class()(tail, GEM_P).float().eval()
        self.head.requires_grad_(False)
        self._frozen_blocks = blocks - stages
        torch.manual_seed(0)  # nothing random is drawn; kept for safety of future layers

    def frozen_map(self, prepared: torch.Tensor) -> torch.Tensor:
        """1×3×H×W prepared image → 1×C×h×w float32 output of the frozen blocks (inference)."""
        import torch

        from heritage_explorer.descriptors.engines import torch_memory_format

        trunk = self._trunk
        x = prepared.float().contiguous(memory_format=torch_memory_format())
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.precision == "bf16"):
            x = trunk.bn1(trunk.conv_stem(x))
            for i in range(self._frozen_blocks):
                x = trunk.blocks[i](x)
        return x.float().contiguous().clone()

    def frozen_maps(self, prepared: Sequence[torch.Tensor]) -> list[torch.Tensor]:
        """:meth:`frozen_map` of 1×3×H×W images of one shape, in one batch."""
        import torch

        batch = self.frozen_map(torch.cat(list(prepared)))
        return [row[None].clone() for row in batch]

    def describe_maps(self, maps: Sequence[torch.Tensor]) -> np.ndarray:
        """The descriptors (N×D float32) of frozen maps through the trained part."""
        import torch

        if not len(maps):
            return np.zeros((0, 0), np.float32)
        with torch.inference_mode():
            out = forward_grouped(self.head, maps, range(len(maps)))
            return torch.stack([out[i] for i in range(len(maps))]).numpy().astype(np.float32)

    def describe(self, prepared: torch.Tensor) -> np.ndarray:
        return self.describe_maps([self.frozen_map(prepared)])[0]

    @property
    def gem_p(self) -> float:
        return float(self.head.p.detach()[0])

    # -- storage ------------------------------------------------------------------------------
    def header(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "schema_version": SCHEMA_VERSION, "backbone": self.backbone.key,
                "backbone_sha256": self.backbone.weights_sha256, "stages": self.stages, "precision": self.precision}

    def save(self, path: str | os.PathLike[str], metadata: dict | None = None) -> None:
        state = {"header": self.header(), "metadata": dict(metadata or {}),
                 "state": {k: v.detach().clone() for k, v in self.head.state_dict().items()}}
        _save(path, state)

    def load_state(self, state: dict[str, Any], source: object) -> None:
        try:
            self.head.load_state_dict(state, strict=True)
        except (RuntimeError, KeyError) as exc:
            raise CorruptArtefactError(f"{source}: does not fit {self.backbone.key} with {self.stages} "
                                       f"trained stage(s): {str(exc)[:300]}") from exc

    @classmethod
    def load(cls, path: str | os.PathLike[str], backbone: Backbone) -> FineTuned:
        data = _load(path)
        header = data.get("header") if isinstance(data, dict) else None
        if not isinstance(header, dict) or header.get("schema") != SCHEMA \
                or int(header.get("schema_version", 0)) > SCHEMA_VERSION:
            raise CorruptArtefactError(f"{path}: not a fine-tuned head of this version")
        if header.get("backbone") != backbone.key or header.get("backbone_sha256") != backbone.weights_sha256:
            raise CorruptArtefactError(f"{path}: fine-tuned from {header.get('backbone')} "
                                       f"({str(header.get('backbone_sha256'))[:12]}), not from {backbone!r}")
        model = cls(backbone, int(header["stages"]), str(header.get("precision", "fp32")))
        model.load_state(data["state"], path)
        return model


def _save(path: str | os.PathLike[str], obj: Any) -> None:
    import torch

    buffer = io.BytesIO()
    torch.save(obj, buffer)
    atomic_write_bytes(path, buffer.getvalue())


def _load(path: str | os.PathLike[str]) -> Any:
    import pickle

    import torch

    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        raise
    except (OSError, RuntimeError, ValueError, EOFError, pickle.UnpicklingError) as exc:
        raise CorruptArtefactError(f"{path}: unreadable fine-tuning file ({str(exc)[:300]})") from exc


# -- training ---------------------------------------------------------------------------------------
def forward_grouped(head: Any, maps: Sequence[torch.Tensor], indices: Any, group: int = 32) -> dict[int, torch.Tensor]:
    """``head`` on the maps of ``indices``, batched by map shape (up to ``group`` at once: on CPU a
    batch of 8 costs about a sixth per image of one at a time); index -> descriptor."""
    import torch

    by_shape: dict[tuple, list[int]] = {}
    for i in sorted(set(int(i) for i in indices)):
        by_shape.setdefault(tuple(maps[i].shape), []).append(i)
    out: dict[int, torch.Tensor] = {}
    for shape in sorted(by_shape):
        members = by_shape[shape]
        for begin in range(0, len(members), group):
            chunk = members[begin:begin + group]
            rows = head(torch.cat([maps[i] for i in chunk]))
            out.update(zip(chunk, rows, strict=True))
    return out


def contrastive_loss(query: torch.Tensor, positive: torch.Tensor, negatives: torch.Tensor, margin: float,
                     positive_weight: float = 1.0) -> torch.Tensor:
    """Radenović et al.'s contrastive loss of one tuple (D, D, K×D → scalar)."""
    import torch

    loss = 0.5 * positive_weight * (query - positive).pow(2).sum()
    if len(negatives):
        distance = (negatives - query[None]).pow(2).sum(dim=1).clamp(min=1e-12).sqrt()
        loss = loss + 0.5 * torch.clamp(margin - distance, min=0).pow(2).sum()
    return loss


def train(model: FineTuned, maps: Sequence[torch.Tensor], positives: np.ndarray, allowed_negatives: np.ndarray,
          config: FineTuneConfig, *, seed: int, key: str, checkpoint: str | os.PathLike[str] | None = None,
          deadline: float | None = None, weights: np.ndarray | None = None,
          progress: Callable[[Progress], None] | None = None, cancel: CancelToken | None = None) -> TrainResult:
    """Train ``model.head`` on tuples of ``positives`` (P×2 row pairs of ``maps``).

    ``allowed_negatives`` (N×N bool) says which images may be the negatives of each query; at each
    epoch the ``config.negatives`` most similar allowed ones under the current network are taken.
    ``weights`` (P) scale the positive term of each pair. The tuples of epoch ``e`` are drawn from
    ``(seed, e)``, and the checkpoint (written atomically after each epoch, with the optimiser
    state, under ``key``) lets an interrupted run resume to the same weights. Stops before an
    epoch that would end after ``deadline`` (``time.perf_counter()``), the result then incomplete.
    """
    import torch

    positives = np.asarray(positives, np.int64).reshape(-1, 2)
    if not len(positives):
        raise FineTuneError("fine-tuning needs at least one positive pair")
    weights = np.ones(len(positives)) if weights is None else np.asarray(weights, np.float64)
    torch.manual_seed(seed)
    head = model.head
    head.requires_grad_(True)
    head.eval()  # batch norm keeps its statistics (tuples of one image cannot estimate them)
    body = [p for name, p in head.named_parameters() if name != "p"]
    optimiser = torch.optim.Adam([{"params": body, "lr": config.lr},
                                  {"params": [head.p], "lr": config.lr * config.p_lr_factor}],
                                 weight_decay=config.weight_decay)
    result = TrainResult(epochs=0)
    start = time.perf_counter()
    previous_seconds = 0.0
    if checkpoint is not None:
        try:
            saved = _load(checkpoint)
        except (FileNotFoundError, CorruptArtefactError):
            saved = None  # none, or not ours: start afresh (the file is replaced after the first epoch)
        if isinstance(saved, dict) and saved.get("key") == key and saved.get("config") == asdict(config):
            model.load_state(saved["state"], checkpoint)
            optimiser.load_state_dict(saved["optimizer"])
            result.epochs = result.resumed_from = int(saved["epoch"])
            result.losses = [float(x) for x in saved["losses"]]
            previous_seconds = float(saved.get("seconds", 0.0))
    epoch_seconds: list[float] = []
    total_steps = config.epochs * math.ceil(min(config.tuples, len(positives)) / config.batch)
    try:
        while result.epochs < config.epochs:
            if deadline is not None and epoch_seconds and time.perf_counter() + epoch_seconds[-1] > deadline:
                result.complete = False
                break
            epoch_start = time.perf_counter()
            loss = _epoch(model, optimiser, maps, positives, weights, allowed_negatives, config,
                          np.random.default_rng([seed, result.epochs]), result, total_steps, start, progress, cancel)
            result.losses.append(loss)
            result.epochs += 1
            epoch_seconds.append(time.perf_counter() - epoch_start)
            if checkpoint is not None:
                _save(checkpoint, {"key": key, "config": asdict(config), "epoch": result.epochs,
                                   "losses": list(result.losses), "optimizer": optimiser.state_dict(),
                                   "seconds": previous_seconds + time.perf_counter() - start,
                                   "state": {k: v.detach().clone() for k, v in head.state_dict().items()}})
    finally:
        head.requires_grad_(False)
    result.seconds = previous_seconds + time.perf_counter() - start
    return result


def _epoch(model: FineTuned, optimiser: Any, maps: Sequence[torch.Tensor], positives: np.ndarray,
           weights: np.ndarray, allowed: np.ndarray, config: FineTuneConfig, rng: np.random.Generator,
           result: TrainResult, total_steps: int, start: float, progress: Callable[[Progress], None] | None,
           cancel: CancelToken | None) -> float:
    import torch

    head = model.head
    current = model.describe_maps(maps)  # hard negatives re-mined with the network of this epoch
    similarity = current @ current.T
    similarity[~allowed] = -np.inf
    chosen = rng.permutation(len(positives))[: min(config.tuples, len(positives))]
    swap = rng.random(len(chosen)) < 0.5  # either member of a pair may be the query
    losses = []
    steps_per_epoch = math.ceil(len(chosen) / config.batch)
    for step, begin in enumerate(range(0, len(chosen), config.batch)):
        if cancel is not None:
            cancel.raise_if_cancelled()
        tuples = []
        for index, flip in zip(chosen[begin:begin + config.batch], swap[begin:begin + config.batch], strict=True):
            q, p = positives[index][::-1] if flip else positives[index]
            order = np.argsort(-similarity[q], kind="stable")[: config.negatives]
            negatives = [int(n) for n in order if np.isfinite(similarity[q, n])]
            tuples.append((int(q), int(p), negatives, float(weights[index])))
        needed = sorted({i for q, p, negs, _ in tuples for i in (q, p, *negs)})
        optimiser.zero_grad(set_to_none=True)
        out = forward_grouped(head, maps, needed)
        loss = sum(contrastive_loss(out[q], out[p], torch.stack([out[n] for n in negs]) if negs
                                    else out[q].new_zeros((0, out[q].shape[0])), config.margin, w)
                   for q, p, negs, w in tuples) / len(tuples)
        loss.backward()
        optimiser.step()
        with torch.no_grad():
            head.p.clamp_(min=1.0)
        losses.append(float(loss.detach()))
        if progress is not None:
            done = result.epochs * steps_per_epoch + step + 1
            elapsed = time.perf_counter() - start
            rate = (done - result.resumed_from * steps_per_epoch) / max(elapsed, 1e-9)
            eta = (total_steps - done) / rate if rate > 0 else None
            progress(Progress(f"fine-tuning, epoch {result.epochs + 1}/{config.epochs}", done, total_steps, rate,
                              eta, f"loss {np.mean(losses):.4f}, p {model.gem_p:.3f}"))
    return float(np.mean(losses))
