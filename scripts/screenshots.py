"""Grab the main window with the sample catalog to PNG files in docs/screenshots (`make screenshots`).

Shows: the list with Lost in Starlight's detail, the poster grid, the editor, and a person's page.
Install Debian's fonts-noto-cjk first to see Hangul and Kana.
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
    tmp = Path(tempfile.mkdtemp(prefix="starlight-shots-"))
    os.environ["STARLIGHT_CACHE_DIR"] = str(tmp / "cache")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    from catalog_app.gui.main_window import MainWindow
    from catalog_app.gui.ui_settings import UiSettings
    from catalog_app.services.catalog import Catalog
    from catalog_app.services.sample import load_sample
    from catalog_app.store.tables import Person

    catalog = Catalog.open(str(tmp / "catalog.sqlite"))
    load_sample(catalog)
    window = MainWindow(catalog, UiSettings(QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat)))
    window.resize(1440, 900)
    window.show()

    def pump(seconds: float = 0.6) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.01)

    pump()
    OUT.mkdir(parents=True, exist_ok=True)
    window.on_work_activated(catalog.resolve("Lost in Starlight"))
    pump(1.0)
    window.grab().save(str(OUT / "main-window.png"))
    window.set_view("grid")
    pump(1.5)
    window.grab().save(str(OUT / "poster-grid.png"))
    window.set_view("table")
    window.on_work_activated(catalog.resolve("Lost in Starlight"), edit=True)
    pump(1.0)
    window.grab().save(str(OUT / "editor.png"))
    window.right.setCurrentWidget(window.detail)
    window.on_person_activated(Person.get(Person.name == "Han Ji-won").id)
    pump(1.0)
    window.grab().save(str(OUT / "person.png"))
    window.close()
    catalog.close()
    print(f"wrote {', '.join(sorted(p.name for p in OUT.glob('*.png')))} to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
