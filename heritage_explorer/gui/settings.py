"""The application's persistent settings, in one typed place (QSettings underneath)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "heritage-explorer"
APPLICATION = "Heritage Explorer"

DEFAULT_K = 20
DEFAULT_THUMBNAIL_SIZE = 128
THUMBNAIL_SIZES = (64, 96, 128, 160, 192, 256)
DEFAULT_METHODS = ("efflite0-gem",)
DEFAULT_THREADS = 2
MAX_THREADS = 16


class AppSettings:
    """Typed accessors over a ``QSettings`` store (the user's, or a file given by tests/automation)."""

    def __init__(self, store: QSettings | None = None):
        self.store = store if store is not None else QSettings(ORGANIZATION, APPLICATION)

    @classmethod
    def from_file(cls, path: str) -> AppSettings:
        """Settings kept in an INI file (tests and screenshot runs must not touch the user's)."""
        return cls(QSettings(path, QSettings.Format.IniFormat))

    # -- project and methods -------------------------------------------------------------------
    @property
    def last_project(self) -> str | None:
        value = self.store.value("project/last", None)
        return str(value) if value else None

    @last_project.setter
    def last_project(self, path: str | None) -> None:
        self.store.setValue("project/last", path or "")

    @property
    def selected_methods(self) -> list[str]:
        """Methods ticked in the extraction panel."""
        return self._list("methods/selected", list(DEFAULT_METHODS))

    @selected_methods.setter
    def selected_methods(self, specs: list[str]) -> None:
        self.store.setValue("methods/selected", list(specs))

    @property
    def extraction_options(self) -> list[str]:
        return self._list("methods/options", [])

    @extraction_options.setter
    def extraction_options(self, flags: list[str]) -> None:
        self.store.setValue("methods/options", list(flags))

    @property
    def built_methods(self) -> list[str]:
        """Methods made with the extraction panel's method builder (re-rankings, query expansion): the
        Method box and the comparison offer each once its parts are extracted."""
        return self._list("methods/built", [])

    @built_methods.setter
    def built_methods(self, specs: list[str]) -> None:
        self.store.setValue("methods/built", list(dict.fromkeys(specs)))

    @property
    def compare_methods(self) -> list[str] | None:
        """Methods shown in the comparison view (None: never chosen, show the extracted ones)."""
        if self.store.value("compare/methods", None) is None:
            return None
        return self._list("compare/methods", [])

    @compare_methods.setter
    def compare_methods(self, specs: list[str]) -> None:
        self.store.setValue("compare/methods", list(specs))

    @property
    def search_method(self) -> str | None:
        value = self.store.value("search/method", None)
        return str(value) if value else None

    @search_method.setter
    def search_method(self, spec: str) -> None:
        self.store.setValue("search/method", spec)

    @property
    def k(self) -> int:
        return _int(self.store.value("search/k", DEFAULT_K), DEFAULT_K, 1, 1000)

    @k.setter
    def k(self, value: int) -> None:
        self.store.setValue("search/k", int(value))

    @property
    def thumbnail_size(self) -> int:
        size = _int(self.store.value("view/thumbnail_size", DEFAULT_THUMBNAIL_SIZE), DEFAULT_THUMBNAIL_SIZE, 32, 512)
        return min(THUMBNAIL_SIZES, key=lambda s: abs(s - size))

    @thumbnail_size.setter
    def thumbnail_size(self, value: int) -> None:
        self.store.setValue("view/thumbnail_size", int(value))

    @property
    def default_method(self) -> str | None:
        """The method chosen in Settings for searching a project where it is extracted (None: automatic,
        the best extracted global descriptor, see :func:`pipeline.comparison.default_method`)."""
        value = self.store.value("search/default_method", None)
        return str(value) if value else None

    @default_method.setter
    def default_method(self, spec: str | None) -> None:
        self.store.setValue("search/default_method", spec or "")

    @property
    def cache_location(self) -> str | None:
        """Folder for thumbnail caches (one sub-folder per project); None: each project's ``cache/``."""
        value = self.store.value("cache/location", None)
        return str(value) if value else None

    @cache_location.setter
    def cache_location(self, path: str | None) -> None:
        self.store.setValue("cache/location", path or "")

    def thumbnail_dir(self, project_root: Path, project_cache: Path) -> Path:
        """Where the thumbnails of the project at ``project_root`` are cached: its own ``cache/thumbnails``,
        or a folder of its own under :attr:`cache_location` (named after the project and its path)."""
        if self.cache_location is None:
            return project_cache / "thumbnails"
        key = hashlib.sha256(str(Path(project_root).resolve()).encode()).hexdigest()[:12]
        return Path(self.cache_location).expanduser() / f"{Path(project_root).name}-{key}" / "thumbnails"

    @property
    def threads(self) -> int:
        """Threads decoding thumbnails in the background."""
        return _int(self.store.value("performance/threads", DEFAULT_THREADS), DEFAULT_THREADS, 1, MAX_THREADS)

    @threads.setter
    def threads(self, value: int) -> None:
        self.store.setValue("performance/threads", int(value))

    @property
    def language(self) -> str | None:
        """Interface language, ``"fr"`` or ``"en"``; None: the system locale's (see :mod:`gui.i18n`)."""
        value = self.store.value("view/language", None)
        return str(value) if value in ("fr", "en") else None

    @language.setter
    def language(self, value: str | None) -> None:
        self.store.setValue("view/language", value if value in ("fr", "en") else "")

    # -- network -------------------------------------------------------------------------------
    @property
    def allowed_hosts(self) -> list[str]:
        """Hosts IIIF imports may connect to although they are loopback, private or link-local
        (names, addresses, networks; like ``import --allow-host``). Empty: public addresses only."""
        return self._list("network/allowed_hosts", [])

    @allowed_hosts.setter
    def allowed_hosts(self, hosts: list[str]) -> None:
        self.store.setValue("network/allowed_hosts", list(hosts))

    # -- window --------------------------------------------------------------------------------
    @property
    def geometry(self) -> QByteArray | None:
        value = self.store.value("window/geometry", None)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.store.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self.store.value("window/state", None)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.store.setValue("window/state", value)

    def sync(self) -> None:
        self.store.sync()

    def _list(self, key: str, default: list[str]) -> list[str]:
        value = self.store.value(key, None)
        if value is None:
            return default
        if isinstance(value, str):  # QSettings gives back a one-element list as a plain string
            return [value] if value else []
        return [str(v) for v in value]


def _int(value: object, default: int, low: int, high: int) -> int:
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return max(low, min(high, number))
