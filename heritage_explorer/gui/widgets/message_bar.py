"""A slim message area above the views: errors and notices, dismissed with a button, never modal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text

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
        self.action_button = QPushButton()
        self.action_button.clicked.connect(self._act)
        self.action_button.hide()
        self._action: Callable[[], object] | None = None
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(translate("MessageBar", "Dismiss"))
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(close)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.level = ""
        self.hide()

    def show_message(self, text: str, level: str = "error",
                     action: tuple[str, Callable[[], object]] | None = None) -> None:
        """Show ``text`` (an English error of the layers below the gui in the interface language:
        :func:`error_text`); ``action`` (label, slot) adds a button that dismisses the message and acts."""
        self.level = level
        self._action = action[1] if action is not None else None
        self.action_button.setText(action[0] if action is not None else "")
        self.action_button.setVisible(action is not None)
        self.label.setText(error_text(text))
        self.setStyleSheet(f"MessageBar {{{_STYLES.get(level, _STYLES['info'])}}}")
        self.show()

    def _act(self) -> None:
        action = self._action
        self.dismiss()
        if action is not None:
            action()

    def dismiss(self) -> None:
        self._action = None
        self.action_button.hide()
        self.label.clear()
        self.level = ""
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() or self.label.text() else ""
