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
from heritage_explorer.pipeline.store import DescriptorStore

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
    store = DescriptorStore(project.descriptor_dir(extractor.descriptor))
    dim = int(whitening.projection_.shape[0])
    engine = DescriptorStore(project.descriptor_dir(extractor.descriptor.base)).engine
    if store.engine not in (None, engine):
        store.clear()  # every row is rewritten from the base below: nothing of the other engine to keep
    store.prepare(
        spec=extractor.spec, dim=dim, weights_sha256=extractor.weights_sha256,
        extra={"whitening_fit_set": project.image_set_sha256(), "whitening_fit_count": int(len(base))},
        storage=storage, engine=engine,
    )
    # The previous whitened rows stay readable until the new ones replace them in one atomic
    # consolidation (a later row for the same id wins); rows of images the base no longer has
    # are dropped there, so no row of the old fit survives.
    whitening.save(store.dir / WHITENING_FILE)
    store.append_chunk([int(i) for i in base.ids], whitening.transform(vectors), [str(h) for h in base.hashes])
    store.consolidate({int(i): str(h) for i, h in zip(base.ids, base.hashes, strict=True) if current.get(int(i)) == h})
    return store


def load_whitening(project: Project, descriptor: MethodSpec) -> PCAWhitening:
    spec = descriptor.spec
    path = project.descriptor_dir(descriptor) / WHITENING_FILE
    if not path.exists():
        raise HeritageError(f"{spec}: no fitted whitening in {path.parent}; run: "
                            f"{command_hint('extract', '--project', project.root, '--method', spec)}")
    return PCAWhitening.load(path)
