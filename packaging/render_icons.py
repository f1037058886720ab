"""Render resources/icons/heritage-explorer.svg to the PNG sizes of the freedesktop icon theme.

Usage: .venv/bin/python packaging/render_icons.py   (writes resources/icons/heritage-explorer-<N>.png)

Qt's own SVG renderer (QtSvg, part of PySide6-Essentials) draws them, so no other tool is needed;
the PNGs are committed, and the app and the installer use them as they are.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 32, 48, 64, 128, 256)
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "heritage-explorer.svg"


def png_path(size: int) -> Path:
    return ICONS / f"heritage-explorer-{size}.png"


def render(svg: Path = SVG, sizes: tuple[int, ...] = SIZES) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (QImage painting needs one)
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG for Qt's renderer")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        out = png_path(size)
        if not image.save(str(out), "PNG"):
            raise SystemExit(f"{out}: could not write the PNG")
        written.append(out)
    return written


if __name__ == "__main__":
    for path in render():
        print(path, file=sys.stdout)
