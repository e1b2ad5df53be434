"""Grab the main window and the editor in Korean, with the sample catalog, to docs/screenshots/*-ko.png.

Shows the Korean translation as a person with a Korean desktop sees it. Install Debian's fonts-noto-cjk first.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="starlight-shots-ko-"))
    os.environ["STARLIGHT_CACHE_DIR"] = str(tmp / "cache")
    from PySide6.QtCore import QLocale, QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    from catalog_app.gui.app_resources import install_translators
    from catalog_app.gui.main_window import MainWindow
    from catalog_app.gui.ui_settings import UiSettings
    from catalog_app.services.catalog import Catalog
    from catalog_app.services.sample import load_sample

    loaded = install_translators(app, QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea))
    if not any(p.endswith("starlight_ko.qm") for p in loaded):
        raise SystemExit("the Korean translation did not load: run scripts/build_translations.py")
    catalog = Catalog.open(str(tmp / "catalog.sqlite"))
    load_sample(catalog)
    window = MainWindow(catalog, UiSettings(QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat)))
    window.resize(1440, 900)
    window.show()

    def pump(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.01)

    pump(0.8)
    OUT.mkdir(parents=True, exist_ok=True)
    window.on_work_activated(catalog.resolve("Lost in Starlight"))
    pump(1.0)
    window.grab().save(str(OUT / "main-window-ko.png"))
    window.on_work_activated(catalog.resolve("Lost in Starlight"), edit=True)
    pump(1.0)
    window.grab().save(str(OUT / "editor-ko.png"))
    window.right.setCurrentWidget(window.detail)
    window.close()
    catalog.close()
    print(f"wrote {OUT / 'main-window-ko.png'} and {OUT / 'editor-ko.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
