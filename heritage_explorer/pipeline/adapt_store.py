"""Names, files and provenance of the adaptations of a project (issue #19).

Stored in ``P/adapt/NAME/``: ``adaptation.json`` (provenance), ``adaptation.npz`` (the learned
whitening, absent for ``--learn finetune``), ``finetune.pt`` and ``finetuned.npz`` (the fine-tuned
head and the fine-tuned vectors of the images, for ``finetune`` and ``lw+finetune``),
``folds/fold_<i>.npz`` for supervised adaptations, ``pairs.csv`` / ``pairs.json`` (the mined sample).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from heritage_explorer.core.errors import HeritageError, command_hint
from heritage_explorer.core.jobs import Progress
from heritage_explorer.descriptors.learned_whitening import LearnedWhitening
from heritage_explorer.descriptors.method import GlobalMethod, Method, MethodSpec, as_descriptor
from heritage_explorer.descriptors.registry import ADAPT_NAME, MethodInfo, list_methods
from heritage_explorer.pipeline.project import Project

ADAPT_DIR = "adapt"
VERIFIED_DIR = "_verified"
ADAPTATION_FILE = "adaptation.npz"  # also the name of its copy beside the adapted store
PROVENANCE_FILE = "adaptation.json"
FINETUNE_FILE = "finetune.pt"
FINETUNE_CHECKPOINT = "finetune.checkpoint.pt"
FINETUNED_VECTORS = "finetuned.npz"
LEARNINGS = ("lw", "finetune", "lw+finetune")
ProgressFn = Callable[[Progress], None] | None


def learns_whitening(provenance: dict) -> bool:
    return provenance.get("learn", "lw") in ("lw", "lw+finetune")


def fine_tuned(provenance: dict) -> bool:
    return provenance.get("learn", "lw") in ("finetune", "lw+finetune")


def check_name(name: str) -> str:
    if not isinstance(name, str) or not ADAPT_NAME.fullmatch(name):
        raise HeritageError(f"bad adaptation name {name!r}: use lower-case letters a-z, digits, '_' and '-', "
                            "starting with a letter or digit (e.g. paris, museum-2024)")
    return name


def default_name(project: Project) -> str:
    name = re.sub(r"[^a-z0-9_-]+", "-", project.root.name.lower()).strip("-_")
    return name if name and ADAPT_NAME.fullmatch(name) else "collection"


def adaptation_dir(project: Project, name: str) -> Path:
    return project.root / ADAPT_DIR / check_name(name)


def adapted_name(method: Method | MethodSpec) -> str | None:
    """NAME of a global method ``…+adapt:NAME`` (query expansion allowed), else None."""
    if isinstance(method, GlobalMethod):
        method = method.descriptor
    return method.adapt if isinstance(method, MethodSpec) else None


def read_provenance(project: Project, name: str) -> dict:
    path = adaptation_dir(project, name) / PROVENANCE_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HeritageError(f"no adaptation {name!r} in this project ({path} is missing); run: "
                            f"{command_hint('adapt', '--project', project.root, '--method', 'efflite0-gem', '--name', name)}"
                            ) from None
    except (OSError, ValueError) as exc:
        raise HeritageError(f"{path}: unreadable adaptation provenance ({exc})") from exc


def project_adaptations(project: Project) -> list[MethodInfo]:
    """The adapted methods learned in ``project`` (``BASE+adapt:NAME``), as :func:`list_methods` lists
    methods: ``available`` when the learned whitening is there and the base method's weights are.
    A folder whose provenance is unreadable is listed as unavailable, with the reason."""
    bases = {m.spec: m for m in list_methods()}
    infos = []
    root = project.root / ADAPT_DIR
    for directory in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else ():
        if directory.name == VERIFIED_DIR or not ADAPT_NAME.fullmatch(directory.name):
            continue
        if not (directory / PROVENANCE_FILE).exists():
            continue  # a dry run: mined pairs only, nothing learned
        try:
            provenance = read_provenance(project, directory.name)
            spec, base = str(provenance["spec"]), str(provenance["base"])
            base_info = bases.get(as_descriptor(base).method)
        except (HeritageError, KeyError) as exc:
            infos.append(MethodInfo(f"?+adapt:{directory.name}", "adapted", 0, f"unreadable adaptation: {exc}",
                                    "unknown", False))
            continue
        needed = ([ADAPTATION_FILE] if learns_whitening(provenance) else []) \
            + ([FINETUNE_FILE, FINETUNED_VECTORS] if fine_tuned(provenance) else [])
        missing = [f for f in needed if not (directory / f).is_file()]
        learned = not missing
        finetune = provenance.get("fine_tuning") if fine_tuned(provenance) else None
        how = {"lw": "learned whitening", "finetune": "fine-tuned last stages and GeM p",
               "lw+finetune": "fine-tuned last stages and GeM p, then learned whitening"}.get(
                   provenance.get("learn", "lw"), "?")
        description = (f"{base} with {how} (Radenović et al. TPAMI 2019) from "
                       f"{provenance.get('positive_pairs', 0)} verified pairs"
                       + (f" + {provenance['label_pairs']} label pairs" if provenance.get("label_pairs") else "")
                       + (f" + {provenance['judgment_pairs']} judged pairs" if provenance.get("judgment_pairs") else "")
                       + (f", {finetune.get('epochs', 0)} epochs" if isinstance(finetune, dict) else "")
                       + f", supervision {provenance.get('supervision', '?')}, seed {provenance.get('seed', '?')}, "
                       f"{provenance.get('images', '?')} images, {provenance.get('created', '')}")
        weights = base_info.weights if base_info is not None else f"unknown base {base}"
        if not learned:
            weights = f"{directory / missing[0]} is missing; run adapt again"
        infos.append(MethodInfo(spec, "adapted", base_info.dim if base_info is not None else 0, description,
                                weights, learned and base_info is not None and base_info.available))
    return infos


def check_adapted(project: Project, spec: MethodSpec) -> tuple[str, dict]:
    """(NAME, provenance) of ``…+adapt:NAME``, checked against the base method of ``spec``."""
    name = adapted_name(spec)
    if name is None:
        raise HeritageError(f"{spec} is not an adapted method (…+adapt:NAME)")
    provenance = read_provenance(project, name)
    base = as_descriptor(provenance["base"])  # read from the provenance file: an edge
    if spec.method != base.method:
        raise HeritageError(f"{spec}: adaptation {name!r} was learned on {provenance['base']}, not on {spec.method}")
    return name, provenance


def load_adaptation(project: Project, spec: MethodSpec) -> LearnedWhitening | None:
    """The whitening of ``…+adapt:NAME`` (None for ``--learn finetune``: no whitening)."""
    name, provenance = check_adapted(project, spec)
    if not learns_whitening(provenance):
        return None
    return LearnedWhitening.load(adaptation_dir(project, name) / ADAPTATION_FILE)
