"""About box: versions (torch only when already loaded) and where each method's weights come from."""

from __future__ import annotations

import html
import platform
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from heritage_explorer import __version__
from heritage_explorer.descriptors.registry import MethodInfo, list_methods
from heritage_explorer.gui.i18n import translate


def versions() -> list[tuple[str, str]]:
    """Component versions; torch is listed only if something already imported it (never imported here)."""
    items = [("Heritage Explorer", __version__), ("Qt", qVersion()), ("PySide6", pyside_version),
             ("Python", platform.python_version())]
    torch = sys.modules.get("torch")
    if torch is not None:
        items.append(("PyTorch", str(getattr(torch, "__version__", "?"))))
    return items


def weight_provenance(methods: list[MethodInfo]) -> list[tuple[str, str]]:
    """One line per distinct weight source (methods sharing a backbone share it)."""
    by_source: dict[str, list[str]] = {}
    for info in methods:
        by_source.setdefault(info.weights, []).append(info.spec)
    lines = []
    for source, specs in by_source.items():
        trunk = specs[0].split("-")[0] if "-" in specs[0] else specs[0]
        lines.append((trunk if len(specs) > 1 else specs[0], source))
    return lines


def about_html(methods: list[MethodInfo] | None = None) -> str:
    methods = list_methods() if methods is None else methods
    rows = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>" for k, v in versions())
    weights = "".join(f"<li><b>{html.escape(name)}</b>: {html.escape(source)}</li>"
                      for name, source in weight_provenance(methods))
    return (
        "<h2>Heritage Explorer</h2>"
        "<p>" + translate("About", "Explore iconographic collections (photographs, postcards, engravings, "
                                   "paintings) by visual similarity, and compare descriptor methods on the "
                                   "collection's own classes.") + "</p>"
        f"<table cellspacing='6'>{rows}</table>"
        "<h3>" + translate("About", "Weights") + f"</h3><ul>{weights}</ul>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, methods: list[MethodInfo] | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("About", "About Heritage Explorer"))
        self.resize(620, 480)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(about_html(methods))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
