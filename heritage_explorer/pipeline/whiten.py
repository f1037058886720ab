"""PCA-whitened stores (``…+pcaw<D>`` specs): fitted on the base descriptors of a project's images.

Chen et al. §4.2 (PCA and whitening after aggregation). The whitening is fitted on the images of
the project itself unless another fit set is given; fitting on the collection that is then
evaluated is optimistic (the published methods fit on a separate set such as SfM-120k), which
the README states.
"""

from __future__ import annotations

from heritage_explorer.core.errors import HeritageError, command_hint
from heritage_explorer.descriptors.descriptor_spec import MethodSpec
from heritage_explorer.descriptors.whitening import PCAWhitening
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.store import DescriptorStore, write_derived_store

WHITENING_FILE = "whitening.npz"


def fit_whitened_store(project: Project, extractor, current: dict[int, str], *,
                       storage: str | None = None) -> DescriptorStore:
    """Fit PCA-whitening on the base store of ``extractor`` and write the whitened store
    (stored as ``storage``, or as the whitened store already was)."""
    base = DescriptorStore(project.descriptor_dir(extractor.descriptor.base)).load(verify=True, mmap=False)
    if len(base) < 2:
        raise HeritageError(f"{extractor.spec}: PCA-whitening needs at least 2 described images, got {len(base)}")
    vectors = base.vectors
    whitening = PCAWhitening(n_components=extractor.whitening_dim, whiten=extractor.whiten).fit(vectors)
    engine = DescriptorStore(project.descriptor_dir(extractor.descriptor.base)).engine
    return write_derived_store(
        DescriptorStore(project.descriptor_dir(extractor.descriptor)), spec=extractor.spec,
        weights_sha256=extractor.weights_sha256, storage=storage, engine=engine,
        extra={"whitening_fit_set": project.image_set_sha256(), "whitening_fit_count": int(len(base))},
        ids=base.ids, vectors=whitening.transform(vectors), hashes=base.hashes, current=current,
        artefact=(WHITENING_FILE, whitening))


def load_whitening(project: Project, descriptor: MethodSpec) -> PCAWhitening:
    spec = descriptor.spec
    path = project.descriptor_dir(descriptor) / WHITENING_FILE
    if not path.exists():
        raise HeritageError(f"{spec}: no fitted whitening in {path.parent}; run: "
                            f"{command_hint('extract', '--project', project.root, '--method', spec)}")
    return PCAWhitening.load(path)
