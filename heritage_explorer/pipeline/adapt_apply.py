"""Adapted descriptors, from a learned adaptation (issue #19): the hooks of extraction and search.

``…+adapt:NAME`` is the base descriptor through the adaptation stored in ``P/adapt/NAME/``. These two
functions apply it; they import neither the extraction nor the search that call them, nor the
learning (:mod:`.adapt`), which extracts and searches.
"""

from __future__ import annotations

import hashlib

import numpy as np

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.descriptors.method import MethodSpec
from heritage_explorer.descriptors.registry import create_extractor
from heritage_explorer.pipeline.adapt_store import (
    ADAPTATION_FILE,
    FINETUNE_FILE,
    adaptation_dir,
    check_adapted,
    fine_tuned,
    load_adaptation,
)
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.store import DescriptorStore, write_derived_store


def apply_adaptation(project: Project, spec: MethodSpec, current: dict[int, str], *, storage: str | None = None
                     ) -> DescriptorStore:
    """Write the store of ``…+adapt:NAME``: the base store's vectors (fine-tuned for ``finetune`` and
    ``lw+finetune``: kept ones reused, new images described) through the whitening, when there is one."""
    extractor = create_extractor(spec)
    name, provenance = check_adapted(project, spec)
    whitening = load_adaptation(project, spec)
    base = DescriptorStore(project.descriptor_dir(spec.base)).load(verify=True, mmap=False)
    weights_sha256 = extractor.weights_sha256
    ids, vectors, hashes = [int(i) for i in base.ids], np.asarray(base.vectors, np.float32), [str(h) for h in base.hashes]
    if fine_tuned(provenance):
        from heritage_explorer.pipeline.adapt_finetune import current_finetuned_vectors, file_sha256

        _, vectors, hashes = current_finetuned_vectors(project, name, spec.base, base)
        tuned = file_sha256(adaptation_dir(project, name) / FINETUNE_FILE)
        weights_sha256 = hashlib.sha256(f"{extractor.weights_sha256}+{tuned}".encode()).hexdigest()
    return write_derived_store(
        DescriptorStore(project.descriptor_dir(spec)), spec=extractor.spec, weights_sha256=weights_sha256,
        storage=storage, engine=DescriptorStore(project.descriptor_dir(spec.base)).engine,
        extra={"adaptation": name, "learn": provenance.get("learn", "lw")},
        ids=ids, vectors=whitening.transform(vectors) if whitening is not None else vectors, hashes=hashes,
        current=current, artefact=(ADAPTATION_FILE, whitening))


def transform_external(project: Project, spec: MethodSpec, vector: np.ndarray, rgb: np.ndarray | None = None
                       ) -> np.ndarray:
    """The adapted descriptor of an image outside the catalog, from its base descriptor (``lw``), or
    from the image itself, loaded as the base loads it (``finetune``, ``lw+finetune``)."""
    name, provenance = check_adapted(project, spec)
    if fine_tuned(provenance):
        if rgb is None:
            raise HeritageError(f"{spec}: a fine-tuned adaptation describes the image itself, not a base vector")
        from heritage_explorer.pipeline.adapt_finetune import describe_external

        vector = describe_external(project, name, spec.base, rgb)
    whitening = load_adaptation(project, spec)
    return whitening.transform(vector) if whitening is not None else np.asarray(vector, np.float32)
