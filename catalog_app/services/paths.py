"""Where Starlight keeps its files: the user's catalog and cache folders from QStandardPaths.

`STARLIGHT_DATA_DIR` and `STARLIGHT_CACHE_DIR` override them (tests, portable installs).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

from .. import APP_NAME

CATALOG_FILE = "catalog.sqlite"


def _identify() -> None:
    if QCoreApplication.applicationName() != APP_NAME:
        QCoreApplication.setApplicationName(APP_NAME)
        QCoreApplication.setOrganizationName(APP_NAME)


def data_dir() -> Path:
    if override := os.environ.get("STARLIGHT_DATA_DIR"):
        return Path(override)
    _identify()
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def cache_dir() -> Path:
    if override := os.environ.get("STARLIGHT_CACHE_DIR"):
        return Path(override)
    _identify()
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation))


def default_catalog() -> str:
    return str(data_dir() / CATALOG_FILE)
