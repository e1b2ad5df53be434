"""The app's own files (icon, translations) in a source tree and in a frozen build, and putting them to use.

A frozen build (PyInstaller) unpacks `resources/` beside the program (`sys._MEIPASS`); from a source tree it is
the project's top-level `resources/`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QGuiApplication, QIcon

from .. import APP_ID

#: The icon's theme name: the .deb installs it under this name in the hicolor theme, as the .desktop file says.
ICON_NAME = APP_ID


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) / "resources" if frozen else Path(__file__).resolve().parents[2] / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def app_icon() -> QIcon:
    """The installed theme's icon when there is one (it follows the desktop's sizes), else the bundled SVG."""
    return QIcon.fromTheme(ICON_NAME, QIcon(str(resources_dir() / "icons" / f"{ICON_NAME}.svg")))


def identify(app: QGuiApplication) -> None:
    """Give the application its icon and its desktop entry's name, which Wayland uses to match windows to it."""
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(APP_ID)


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[str]:
    """Load Starlight's translation for the user's languages, and Qt's own for the same language (its standard
    buttons and dialogs); returns the files loaded.

    English needs none. Qt's alone is never loaded: an English window with, say, German buttons would be worse.
    """
    locale = locale or QLocale()
    ours = QTranslator(app)
    if not ours.load(locale, "starlight", "_", str(translations_dir())):
        return []
    loaded = [ours.filePath()]
    app.installTranslator(ours)
    language = QLocale(ours.language()) if ours.language() else locale
    qt = QTranslator(app)
    if qt.load(language, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        loaded.append(qt.filePath())
    return loaded


def shipped_languages() -> list[str]:
    """The languages Starlight's interface is translated into, besides English (from the .qm files present)."""
    return sorted(p.stem.removeprefix("starlight_") for p in translations_dir().glob("starlight_*.qm"))
