"""A slim message area above the views: errors and notices, dismissed with a button, never modal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

_STYLES = {
    "error": "background:#fbe3e3; color:#7a1f1f; border:1px solid #e0a5a5; border-radius:3px;",
    "info": "background:#e6f0fb; color:#1d3f66; border:1px solid #a9c4e6; border-radius:3px;",
}


class MessageBar(QWidget):
    """Shows one message at a time (the latest); hidden when empty."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Dismiss")
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.level = ""
        self.hide()

    def show_message(self, text: str, level: str = "error") -> None:
        self.level = level
        self.label.setText(text)
        self.setStyleSheet(f"MessageBar {{{_STYLES.get(level, _STYLES['info'])}}}")
        self.show()

    def dismiss(self) -> None:
        self.label.clear()
        self.level = ""
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() or self.label.text() else ""
