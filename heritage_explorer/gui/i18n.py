"""The interface language: French or English, through Qt's translation system.

Every user-visible string of the GUI goes through :func:`translate` (``QCoreApplication.translate``
under the name ``pyside6-lupdate`` looks for), with a literal context and source text, so
``scripts/update_translations.sh`` collects it into ``resources/translations/heritage_explorer_fr.ts``.
The set-up (``scripts/setup.sh``) and the packaging compile that file to a ``.qm`` beside it
(git-ignored). The language comes from the system locale unless the settings or ``open --lang``
name one; :func:`install_translators` loads it on the application before the window is built.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from heritage_explorer.core.resources import resources_dir

LANGUAGES = ("en", "fr")
CATALOG = "heritage_explorer"

translate = QCoreApplication.translate


def system_language() -> str:
    """``fr`` where the system locale is French, else ``en`` (the source language)."""
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


def resolve_language(requested: str | None) -> str:
    """The language to use: ``requested`` when it is one of :data:`LANGUAGES`, else the system's."""
    return requested if requested in LANGUAGES else system_language()


def catalog_path(language: str) -> Path:
    """The compiled catalog of ``language`` (``resources/translations/heritage_explorer_<lang>.qm``)."""
    return resources_dir() / "translations" / f"{CATALOG}_{language}.qm"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the app's catalog and Qt's own (``qtbase_<lang>``, standard dialogs) for ``language``.

    Returns the installed translators (kept alive by the caller: Qt does not own them). English,
    the source language, installs none. Raises :class:`FileNotFoundError` when the app's French
    catalog is missing (the set-up builds it: ``scripts/setup.sh``)."""
    remove_translators(app)
    if language == "en":
        return []
    path = catalog_path(language)
    ours = QTranslator(app)
    if not ours.load(str(path)):
        raise FileNotFoundError(f"{path}: translation catalog not found (run scripts/setup.sh)")
    installed = [ours]
    qt = QTranslator(app)
    if any(qt.load(QLocale(language), "qtbase", "_", folder) for folder in qt_translation_dirs()):
        installed.append(qt)
    for translator in installed:
        app.installTranslator(translator)
    app.setProperty("heritage_language", language)
    _INSTALLED[:] = installed
    return installed


def qt_translation_dirs() -> list[str]:
    """Where Qt's own catalogs may be: Qt's translations folder, and PySide6's (the frozen app's)."""
    import PySide6

    return [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
            str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")]


def remove_translators(app: QCoreApplication) -> None:
    """Uninstall the translators a previous :func:`install_translators` put on ``app``."""
    for translator in _INSTALLED:
        app.removeTranslator(translator)
    _INSTALLED.clear()
    app.setProperty("heritage_language", "en")


_INSTALLED: list[QTranslator] = []
