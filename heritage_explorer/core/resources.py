"""Files shipped in ``resources/`` (icons, sample collection, examples), from source or frozen.

From a source checkout ``resources/`` sits beside the package; in the PyInstaller build it is
bundled under ``sys._MEIPASS`` (packaging/heritage_explorer.spec puts it there), so code asks
:func:`resource_path` rather than building paths from ``__file__``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from heritage_explorer.core.errors import HeritageError

ICON_NAME = "heritage-explorer"
ICON_SIZES = (16, 32, 48, 64, 128, 256)


class MissingResourceError(HeritageError):
    """A file of ``resources/`` that the installation lacks."""


def is_frozen() -> bool:
    """Whether this process runs from the PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def resources_dir() -> Path:
    """``resources/`` of the bundle when frozen, else of the source tree."""
    if is_frozen():
        return Path(sys._MEIPASS) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """The path of ``resources/<parts>``; raises :class:`MissingResourceError` naming it if absent."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise MissingResourceError(f"{path}: not found (resources/ missing from this installation?)")
    return path


def icon_files() -> list[Path]:
    """The application icon's PNGs, smallest first (rendered by packaging/render_icons.py)."""
    return [resource_path("icons", f"{ICON_NAME}-{size}.png") for size in ICON_SIZES]
