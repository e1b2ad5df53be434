"""The settings dialog (Ctrl+,): where the catalog is, which title to show first, how much to cache."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from .ui_settings import UiSettings


class SettingsDialog(QDialog):
    def __init__(self, settings: UiSettings, catalog_location: str, cache_usage: int | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._settings = settings
        form = QFormLayout()
        location = QLabel(catalog_location)
        location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        location.setWordWrap(True)
        form.addRow(self.tr("Catalog:"), location)
        hint = QLabel(self.tr("To use another catalog, start Starlight with --db PATH_OR_URL."))
        hint.setWordWrap(True)
        form.addRow("", hint)
        self.title_preference = QComboBox()
        for key, label in (("localized", self.tr("Title in your language")),
                           ("original", self.tr("Original title (its own script)")),
                           ("romanized", self.tr("Romanized title"))):
            self.title_preference.addItem(label, key)
        self.title_preference.setCurrentIndex(max(0, self.title_preference.findData(settings.get("titles/preference"))))
        form.addRow(self.tr("Show titles as:"), self.title_preference)
        self.ram = QSpinBox()
        self.ram.setRange(16, 4096)
        self.ram.setSuffix(" MB")
        self.ram.setValue(settings.get("cache/poster_ram_mb"))
        form.addRow(self.tr("Posters in memory:"), self.ram)
        self.disk = QSpinBox()
        self.disk.setRange(32, 65536)
        self.disk.setSuffix(" MB")
        self.disk.setValue(settings.get("cache/poster_disk_mb"))
        form.addRow(self.tr("Poster thumbnails on disk:"), self.disk)
        if cache_usage is not None:
            form.addRow("", QLabel(self.tr("In use now: {mb:.1f} MB").format(mb=cache_usage / 2**20)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self._settings.set("titles/preference", self.title_preference.currentData())
        self._settings.set("cache/poster_ram_mb", self.ram.value())
        self._settings.set("cache/poster_disk_mb", self.disk.value())
        self._settings.sync()
        super().accept()
