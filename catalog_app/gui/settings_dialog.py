"""The settings dialog (Ctrl+,): where the catalog is, which title to show first, how much to cache, and the
online sources (addresses, API keys kept in the system keyring, AniList's opt-in, working offline)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import StarlightError
from .ui_settings import UiSettings


class SettingsDialog(QDialog):
    def __init__(self, settings: UiSettings, catalog_location: str, cache_usage: int | None = None,
                 parent: Any = None, online: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._settings = settings
        self._online = online
        general = QWidget()
        form = QFormLayout(general)
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
        self.tabs = QTabWidget()
        self.tabs.addTab(general, self.tr("General"))
        self.tabs.addTab(self._online_page(), self.tr("Online sources"))
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _online_page(self) -> QWidget:
        from ..services import online as online_sources
        page = QWidget()
        form = QFormLayout(page)
        s = self._settings
        self.keys: dict[str, QLineEdit] = {}
        for provider in sorted(online_sources.NEEDS_KEY):
            field = QLineEdit()
            field.setEchoMode(QLineEdit.EchoMode.Password)
            stored = online_sources.api_key(provider)
            field.setPlaceholderText(self.tr("kept in the system keyring") if stored else self.tr("none"))
            self.keys[provider] = field
            form.addRow(self.tr("{source} API key:").format(source=online_sources.LABELS[provider]), field)
        self.anilist = QCheckBox(self.tr("Use AniList (its terms limit use in list and tracker apps; "
                                         "MyAnimeList through Jikan is used otherwise)"))
        self.anilist.setChecked(s.flag("online/anilist/enabled"))
        form.addRow("", self.anilist)
        self.offline = QCheckBox(self.tr("Work offline (use only what was fetched before)"))
        self.offline.setChecked(s.flag("online/offline"))
        form.addRow("", self.offline)
        self.languages = QLineEdit(str(s.get("online/languages")))
        self.languages.setToolTip(self.tr("Language codes, best first, e.g. en, ko, ja"))
        form.addRow(self.tr("Languages:"), self.languages)
        self.region = QLineEdit(str(s.get("online/region")))
        self.region.setToolTip(self.tr("Country code for release dates and where to watch, e.g. US, KR"))
        form.addRow(self.tr("Region:"), self.region)
        self.urls: dict[str, QLineEdit] = {}
        for provider in online_sources.PROVIDERS:
            field = QLineEdit(str(s.get(f"online/{provider}/url")))
            field.setPlaceholderText(online_sources.DEFAULT_URLS[provider])
            self.urls[provider] = field
            form.addRow(self.tr("{source} address:").format(source=online_sources.LABELS[provider]), field)
        self.clear_cache = QPushButton(self.tr("Clear cache"))
        self.cache_label = QLabel()
        self.clear_cache.clicked.connect(self.on_clear_cache)
        form.addRow(self.clear_cache, self.cache_label)
        return page

    @Slot()
    def on_clear_cache(self) -> None:
        if self._online is not None:
            self._online.client.clear_cache()
            self._online.images.clear()
        self.cache_label.setText(self.tr("Cleared: answers and images will be fetched again."))

    def accept(self) -> None:
        from ..services import online as online_sources
        for provider, field in self.urls.items():
            # An address pasted with its key in the query (as OMDb's examples show it): the key goes to the keyring
            # with the others, the settings file gets the address without it.
            address, key = online_sources.address_without_key(field.text().strip())
            if key and provider in self.keys and not self.keys[provider].text().strip():
                self.keys[provider].setText(key)
            field.setText(address)
        for provider, field in self.keys.items():
            if field.text().strip():
                try:
                    online_sources.store_api_key(provider, field.text().strip())
                except StarlightError as e:
                    self.problem.setText(str(e))
                    self.tabs.setCurrentIndex(1)
                    return
        s = self._settings
        s.set("online/anilist/enabled", self.anilist.isChecked())
        s.set("online/offline", self.offline.isChecked())
        s.set("online/languages", self.languages.text().strip() or "en")
        s.set("online/region", self.region.text().strip().upper() or "US")
        for provider, field in self.urls.items():
            s.set(f"online/{provider}/url", field.text().strip())
        self._settings.set("titles/preference", self.title_preference.currentData())
        self._settings.set("cache/poster_ram_mb", self.ram.value())
        self._settings.set("cache/poster_disk_mb", self.disk.value())
        self._settings.sync()
        super().accept()
