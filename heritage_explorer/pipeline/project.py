"""A project directory: the catalog plus the artefacts derived from it (see docs/ARCHITECTURE.md)."""

from __future__ import annotations

import hashlib
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from heritage_explorer.core.atomic import writable
from heritage_explorer.core.catalog import CATALOG_NAME, Catalog
from heritage_explorer.core.errors import ProjectError, command_hint
from heritage_explorer.descriptors.method import MethodSpec, as_descriptor


def spec_slug(spec: str) -> str:
    """A file-system-safe directory name for a canonical spelling (``resnet50-rmac+pcaw512`` → ``resnet50-rmac_pcaw512``)."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", spec).strip("_")
    if not slug:
        raise ValueError(f"empty spec string {spec!r}")
    return slug


DESCRIPTORS_DIR = "descriptors"  # P/descriptors/<slug>/: the global descriptor stores
LOCAL_DIR = "local"  # P/local/<slug>/: the local feature stores


@dataclass
class Project:
    """An open project: ``root`` directory and its ``catalog``."""

    root: Path
    catalog: Catalog

    def descriptor_dir(self, descriptor: MethodSpec | str) -> Path:
        """Where the vectors of ``descriptor`` are stored (named by its canonical spelling)."""
        return self.root / DESCRIPTORS_DIR / spec_slug(as_descriptor(descriptor).spec)

    def index_dir(self, descriptor: MethodSpec | str) -> Path:
        """Where the search index of ``descriptor`` is stored."""
        return self.root / "indexes" / spec_slug(as_descriptor(descriptor).spec)

    @property
    def read_only(self) -> bool:
        """Whether the project is open read-only (browse, search, export; no import, extraction,
        indexing to disk, annotation or judging)."""
        return self.catalog.read_only

    def require_writable(self, action: str) -> None:
        """Raise :class:`ReadOnlyProjectError` saying that ``action`` needs write access (the project
        was opened read-only, or made read-only since), :class:`ProjectGoneError` when its folder
        was moved or deleted since it was opened."""
        self.catalog.require_writable(action)

    def require_in_place(self, action: str) -> None:
        """Raise :class:`ProjectGoneError` when the project's folder was moved or deleted since it was opened."""
        self.catalog.require_in_place(action)

    @property
    def writable_now(self) -> bool:
        """Whether artefacts may be written now (not read-only, not made read-only, not moved away)."""
        try:
            self.require_writable("writing")
        except ProjectError:
            return False
        return True

    @property
    def cache_dir(self) -> Path:
        """``P/cache`` (thumbnails, pasted images, IIIF downloads); for a read-only project a folder
        of the system's temporary directory, one per project, so that nothing is written into it."""
        if self.read_only:
            tag = hashlib.sha256(str(self.root).encode()).hexdigest()[:16]
            return Path(tempfile.gettempdir()) / "heritage-explorer-cache" / f"{self.root.name}-{tag}"
        return self.root / "cache"

    def image_set_sha256(self, ids: list[int] | None = None) -> str:
        """A hash of the (id, content hash) pairs of the images: what a descriptor matrix was made from."""
        digest = hashlib.sha256()
        for row in self.catalog.images():
            if ids is None or row.id in ids:
                digest.update(f"{row.id}:{row.sha256}\n".encode())
        return digest.hexdigest()


def open_project(path: str | Path, *, create: bool = False, read_only: bool | None = None) -> Project:
    """Open the project at ``path``; with ``create``, make the directory and an empty catalog.

    ``read_only`` None decides from the files: a catalog or project folder that cannot be written
    (a read-only drive, ``chmod -R a-w``) is opened read-only; True forces it.
    """
    root = Path(path).expanduser()
    catalog_path = root / CATALOG_NAME
    if not catalog_path.exists():
        if not create:
            raise ProjectError(f"{root}: no project here; to create one from a folder, CSV listing or IIIF manifest "
                               f"SOURCE, run: {command_hint('import', '--project', root)} SOURCE")
        if root.exists() and not root.is_dir():
            raise ProjectError(f"{root}: exists and is not a directory")
        _make_project_folder(root)
    return Project(root=root.resolve(), catalog=Catalog(catalog_path, read_only=read_only))


def _make_project_folder(root: Path) -> None:
    """Create ``root`` (and its missing parents), or say in one sentence why it cannot be."""
    existing = root
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    target = root if root.exists() else existing
    if not writable(target):
        raise ProjectError(f"{root}: cannot create a project here: the folder {target} is read-only; "
                           "choose a writable folder")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProjectError(f"{root}: cannot create the project folder: {exc.strerror or exc}") from exc
