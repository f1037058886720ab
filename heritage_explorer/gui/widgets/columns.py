"""Layout helper of the main window's panes."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget


def column(*widgets: QWidget, margin: int = 0) -> QWidget:
    """The widgets stacked vertically, the last one taking the spare height."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(margin, margin, margin, margin)
    for widget in widgets[:-1]:
        layout.addWidget(widget)
    layout.addWidget(widgets[-1], 1)
    return holder
