"""Settings (File ▸ Settings…): the default search method, thumbnail size, thumbnail cache location,
decoding threads and the hosts IIIF imports may reach on the user's network, kept in the
application's :class:`AppSettings` (QSettings) like the window's state.

Only settings the application reads: the default method and the size apply at once; the cache
location and the threads when a project is opened (the thumbnail loader of the open project keeps
its folder and pool until then); the allowed hosts at the next import.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.core.network_guard import NetworkGuard
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text
from heritage_explorer.gui.settings import MAX_THREADS, THUMBNAIL_SIZES, AppSettings
from heritage_explorer.pipeline.comparison import default_method

#: how the automatic default method's entry starts (in English; shown translated)
AUTOMATIC = "Automatic: the best extracted global descriptor"


class SettingsDialog(QDialog):
    """Edits ``settings``; ``apply()`` (OK) writes them and syncs the store."""

    def __init__(self, settings: AppSettings, methods: Sequence[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("SettingsDialog", "Settings"))
        self.setObjectName("SettingsDialog")
        self.settings = settings
        self.methods = list(methods)
        self.method_combo = QComboBox()
        best = default_method(methods)
        automatic = (translate("SettingsDialog", "Automatic: the best extracted global descriptor (now {method})")
                     .format(method=best) if best else
                     translate("SettingsDialog", "Automatic: the best extracted global descriptor (none "
                                                 "extracted yet)"))
        self.method_combo.addItem(automatic, None)
        for spec in methods:
            self.method_combo.addItem(spec, spec)
        chosen = settings.default_method
        if chosen is not None and self.method_combo.findData(chosen) < 0:
            self.method_combo.addItem(translate("SettingsDialog", "{method} (not extracted in this project)")
                                      .format(method=chosen), chosen)
        self.method_combo.setCurrentIndex(max(self.method_combo.findData(chosen), 0))
        self.method_combo.setToolTip(translate("SettingsDialog", "Method the Results tab searches with when a "
                                               "project is opened (when it is extracted there)"))
        self.size_combo = QComboBox()
        for size in THUMBNAIL_SIZES:
            self.size_combo.addItem(translate("SettingsDialog", "{size} px").format(size=size), size)
        self.size_combo.setCurrentIndex(self.size_combo.findData(settings.thumbnail_size))
        self.cache_edit = QLineEdit(settings.cache_location or "")
        self.cache_edit.setPlaceholderText(translate("SettingsDialog", "each project's cache/ folder"))
        self.cache_edit.setToolTip(translate("SettingsDialog", "Folder for the thumbnail caches (one sub-folder "
                                             "per project); empty: each project's cache/ folder"))
        browse = QPushButton(translate("SettingsDialog", "Browse…"))
        browse.clicked.connect(self._browse)
        cache_row = QHBoxLayout()
        cache_row.addWidget(self.cache_edit, 1)
        cache_row.addWidget(browse)
        self.threads_spin = QSpinBox()
        self.threads_spin.setRange(1, MAX_THREADS)
        self.threads_spin.setValue(settings.threads)
        self.threads_spin.setToolTip(translate("SettingsDialog", "Threads decoding thumbnails in the "
                                                                 "background"))
        self.hosts_edit = QLineEdit(", ".join(settings.allowed_hosts))
        self.hosts_edit.setPlaceholderText(translate("SettingsDialog", "none: public addresses only"))
        self.hosts_edit.setToolTip(translate(
            "SettingsDialog",
            "Hosts a IIIF import may download from although they are on this machine or your network "
            "(loopback, private, link-local), which is refused otherwise: names, addresses or networks "
            "like 10.1.0.0/16, separated by commas or spaces (as import --allow-host)"))
        self.hosts_error = QLabel()
        self.hosts_error.setObjectName("HostsError")
        self.hosts_error.setWordWrap(True)
        self.hosts_error.setStyleSheet("color: #a00;")
        self.hosts_error.hide()
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("LanguageCombo")
        self.language_combo.addItem(translate("SettingsDialog", "System (the locale's language)"), None)
        self.language_combo.addItem("English", "en")
        self.language_combo.addItem("Français", "fr")
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(settings.language), 0))
        self.language_combo.setToolTip(translate("SettingsDialog", "Language of the window, from the next start "
                                                 "(open --lang overrides it)"))
        form = QFormLayout()
        form.addRow(translate("SettingsDialog", "Default search method:"), self.method_combo)
        form.addRow(translate("SettingsDialog", "Thumbnail size:"), self.size_combo)
        form.addRow(translate("SettingsDialog", "Thumbnail cache:"), cache_row)
        form.addRow(translate("SettingsDialog", "Thumbnail threads:"), self.threads_spin)
        form.addRow(translate("SettingsDialog", "Allowed hosts:"), self.hosts_edit)
        form.addRow("", self.hosts_error)
        form.addRow(translate("SettingsDialog", "Language:"), self.language_combo)
        note = QLabel(translate("SettingsDialog", "The cache folder and the threads apply to the next project "
                                "opened, the language at the next start."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, translate("SettingsDialog", "Folder for thumbnail caches"), self.cache_edit.text())
        if path:
            self.cache_edit.setText(path)

    def allowed_hosts(self) -> list[str]:
        """The hosts typed, one entry per comma- or space-separated word."""
        return [entry for entry in self.hosts_edit.text().replace(",", " ").split() if entry]

    def accept(self) -> None:
        """Close only when the allowed hosts are valid; otherwise say which entry is not."""
        try:
            NetworkGuard.allowing(self.allowed_hosts())
        except ValueError as exc:
            self.hosts_error.setText(translate("SettingsDialog", "Allowed hosts: {error}").format(error=error_text(str(exc))))
            self.hosts_error.show()
            self.hosts_edit.setFocus()
            return
        self.hosts_error.hide()
        super().accept()

    def apply(self) -> None:
        """Write the values shown to the settings store."""
        settings = self.settings
        chosen = self.method_combo.currentData()
        if chosen != settings.default_method:  # chosen now: search with it now (automatic: the best one now)
            settings.search_method = chosen or default_method(self.methods) or ""
        settings.default_method = chosen
        settings.thumbnail_size = int(self.size_combo.currentData())
        settings.cache_location = self.cache_edit.text().strip() or None
        settings.threads = self.threads_spin.value()
        settings.allowed_hosts = self.allowed_hosts()
        settings.language = self.language_combo.currentData()
        settings.sync()
