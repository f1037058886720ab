"""Which inference engine describes a store, and what the project's stores were made with.

The engine is part of a method's provenance (``meta.json["engine"]``, ``pipeline/store.py``):
a store keeps the engine that made its first vectors. Asked for no engine, an extraction extends
each store with its own engine and starts a new store with the project's default; asked for an
engine by name, it refuses to extend vectors another engine made (:class:`~.store.EngineMismatchError`).
"""

from __future__ import annotations

from heritage_explorer.core.errors import CorruptArtefactError
from heritage_explorer.descriptors.engines import native_bf16, resolve_engine
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.store import DescriptorStore, EngineMismatchError


def engine_for_store(store: DescriptorStore, spec: str, requested: str | None, notes: list[str]) -> str:
    """The engine to extend ``store`` (of ``spec``) with; a fallback of the default is noted in ``notes``.

    Raises :class:`EngineMismatchError` before any work when ``requested`` is not the store's engine,
    and :class:`~heritage_explorer.descriptors.engines.EngineUnavailableError` when it is not installed.
    """
    recorded = store.engine
    if requested is None and recorded is not None:
        if recorded == "torch-bf16" and not native_bf16():
            note = (f"{spec}: its store was made with torch-bf16, which this CPU has no native bfloat16 for "
                    "(10-40x slower than torch-fp32 here); extraction goes on with torch-bf16 so that its "
                    "vectors stay comparable (re-extract into a new project to use torch-fp32)")
            if note not in notes:
                notes.append(note)
        return recorded
    choice = resolve_engine(requested)
    if recorded is not None and recorded != choice.name:
        raise EngineMismatchError(spec, store.dir, recorded, choice.name)
    if choice.note and choice.note not in notes:
        notes.append(choice.note)
    return choice.name


def describe_stores(project: Project) -> list[dict]:
    """``{spec, count, dim, engine, storage}`` of each global descriptor store (what ``status`` prints)."""
    root = project.root / "descriptors"
    rows = []
    for directory in sorted(root.iterdir()) if root.is_dir() else []:
        store = DescriptorStore(directory)
        try:
            meta = store.meta() if directory.is_dir() else None
        except CorruptArtefactError as exc:
            rows.append({"spec": directory.name, "error": str(exc)})
            continue
        if not meta:
            continue
        rows.append({"spec": meta.get("spec"), "count": int(meta.get("count", 0)), "dim": meta.get("dim"),
                     "engine": store.engine, "storage": meta.get("storage", "float32")})
    return rows
