"""Grab a shared catalog's window to PNG files in docs/screenshots: another client's edit arriving, the conflict
view after two clients edited one work, and the "Connect to a shared catalog…" dialog after its test.

Needs PostgreSQL (a throw-away server is started, as the tests do: tests/pg_cluster.py). Run with the project's
Python: `.venv/bin/python scripts/shared_screenshots.py`. Install Debian's fonts-noto-cjk to see Hangul.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    import pg_cluster
    base, reason = pg_cluster.server_url()
    if base is None:
        print(f"no PostgreSQL: {reason}", file=sys.stderr)
        return 1
    url = pg_cluster.fresh_database(base)
    tmp = Path(tempfile.mkdtemp(prefix="starlight-shared-shots-"))
    os.environ["STARLIGHT_CACHE_DIR"] = str(tmp / "cache")
    os.environ["STARLIGHT_DATA_DIR"] = str(tmp / "data")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    from catalog_app.gui.connect_dialog import ConnectDialog
    from catalog_app.gui.main_window import MainWindow
    from catalog_app.gui.ui_settings import UiSettings
    from catalog_app.services.catalog import Catalog
    from catalog_app.services.sample import load_sample

    def pump(seconds: float = 0.8) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.01)

    def other_client(*args: str) -> None:
        subprocess.run([sys.executable, str(ROOT / "tests" / "shared_client.py"), url, *args], check=True,
                       capture_output=True)

    catalog = Catalog.open(url)
    try:
        load_sample(catalog)
        settings = UiSettings(QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
        window = MainWindow(catalog, settings)
        window.resize(1440, 900)
        window.show()
        pump()
        OUT.mkdir(parents=True, exist_ok=True)
        work_id = catalog.resolve("Lost in Starlight")
        window.show_work(work_id)
        pump()
        window.open_editor(work_id)
        pump()
        window.editor.tagline_edit.setText("Seoul to Mars, one message at a time.")
        other_client("set", str(work_id), "tagline", "A long-distance love across 225 million kilometres.")
        other_client("rename", str(catalog.resolve("Parasite")), "Parasite (Black & White)")
        pump(1.2)
        window.grab().save(str(OUT / "shared-live.png"))
        window.editor.save()
        pump()
        dialog = window.editor.conflict_view
        dialog.grab().save(str(OUT / "shared-conflict.png"))
        dialog.reject()
        pump()

        connect = ConnectDialog(settings)
        parts = url.split("@", 1)[1]
        host_port, database = parts.split("/", 1)
        host, port = host_port.split(":")
        connect.host.setText(host)
        connect.port.setValue(int(port))
        connect.database.setText(database)
        connect.user.setText("postgres")
        connect.show()
        connect.test_button.click()
        pump(1.5)
        connect.grab().save(str(OUT / "connect.png"))
        connect.close()
        window.editor.edit(work_id)  # drop the unsaved edit, so closing asks nothing
        window.close()
        pump(0.3)
    finally:
        catalog.close()
        pg_cluster.drop_database(url)
    print(f"wrote shared-live.png, shared-conflict.png and connect.png to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
