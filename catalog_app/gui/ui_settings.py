"""What the window remembers between runs (QSettings): geometry, splitters, columns, view mode, preferences."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings

#: Declared keys with their defaults; everything the app stores in QSettings is listed here.
DEFAULTS: dict[str, Any] = {
    "window/geometry": QByteArray(),
    "window/state": QByteArray(),
    "window/splitter": QByteArray(),
    "list/header": QByteArray(),
    "list/view": "table",
    "titles/preference": "localized",  # localized, original or romanized
    "cache/poster_ram_mb": 64,
    "cache/poster_disk_mb": 256,
    # The catalog opened at start: a file's path or a server's address without its password (gui.connect_dialog
    # keeps that in the system keyring); empty: the default local catalog.
    "catalog/target": "",
    # Online sources (services.online.load_settings reads them; API keys live in the system keyring instead).
    "online/languages": "en",
    "online/region": "US",
    "online/offline": False,
    "online/anilist/enabled": False,
    "online/tmdb/image_url": "",
    **{f"online/{provider}/url": "" for provider in ("tmdb", "wikidata", "jikan", "tvmaze", "anilist", "omdb")},
}


class UiSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()

    def get(self, key: str) -> Any:
        default = DEFAULTS[key]
        value = self._settings.value(key, default)
        if isinstance(default, int) and not isinstance(value, int):
            try:
                return int(value)
            except (TypeError, ValueError):
                return default
        return value if value is not None else default

    def set(self, key: str, value: Any) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self._settings.setValue(key, value)

    @property
    def store(self) -> QSettings:
        """The QSettings underneath (for readers that take one, such as services.online.load_settings)."""
        return self._settings

    def flag(self, key: str) -> bool:
        value = self.get(key)
        return value is True or (isinstance(value, str) and value.lower() in ("1", "true", "yes", "on"))

    def sync(self) -> None:
        self._settings.sync()
