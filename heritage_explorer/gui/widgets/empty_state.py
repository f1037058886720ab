"""What the collection area shows when there is nothing to show: how to get a project, or images.

With no project open it offers the app's own New project and Open project actions (and says
that a folder can be dropped on the window); with an empty project, the Import actions. Never
a blank grid, and never a command line to type.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from heritage_explorer.gui.i18n import translate

#: heading, guidance (translated where shown)
NO_PROJECT = (QT_TRANSLATE_NOOP("EmptyState", "No project is open."),
              QT_TRANSLATE_NOOP("EmptyState", "Create a project for a collection, or open one you made before.\n"
                                "You can also drag a project folder onto the window to open it."))
NO_IMAGES = (QT_TRANSLATE_NOOP("EmptyState", "This project has no images yet."),
             QT_TRANSLATE_NOOP("EmptyState", "Import a folder of images, a CSV listing or a IIIF manifest (File menu),\n"
                               "or drag a folder of images onto the window to import it."))


class EmptyState(QWidget):
    """A heading, a line of guidance and buttons that trigger the window's own actions."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.guidance = QLabel()
        self.guidance.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.buttons_row = QHBoxLayout()
        self.buttons_row.addStretch(1)
        self.buttons_row.addStretch(1)  # the buttons go between the two stretches
        self.buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.guidance, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addLayout(self.buttons_row)
        layout.addStretch(2)

    def show_state(self, texts: tuple[str, str], actions: list[QAction]) -> None:
        """Say ``texts`` (heading, guidance) and offer ``actions`` as buttons."""
        self.heading.setText(translate("EmptyState", texts[0]))
        self.guidance.setText(translate("EmptyState", texts[1]))
        for button in self.buttons:
            self.buttons_row.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for action in actions:
            button = QPushButton(action.text().replace("&", ""), self)
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            self.buttons_row.insertWidget(self.buttons_row.count() - 1, button)
            self.buttons.append(button)
