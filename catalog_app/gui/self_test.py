"""`starlight --self-test`: proves an installed Starlight works, without touching the person's own files.

It opens the main window offscreen on a temporary catalog holding the sample, searches, shows a work and its
poster, and checks what a frozen build most often loses: Qt's plugins, translations, the TLS certificates, the
search index's tokenizer and the PostgreSQL driver. Each check prints one line; the exit code is 0 only if all
passed.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TextIO

if TYPE_CHECKING:
    from ..services.catalog import Catalog

#: The search the self-test types, and the one work of the sample it must find.
SEARCH = "starl"
FOUND_TITLE = "Lost in Starlight"
#: Its original title, which the detail panel must show (Hangul text survives the catalog and the widgets).
FOUND_ORIGINAL = "이 별에 필요한"
SAMPLE_WORKS = 8
#: How long each step may take, generous for a cold start from a slow disk.
STEP_SECONDS = 30.0


class SelfTest:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.failures: list[str] = []

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        self.out.write(f"{'ok  ' if ok else 'FAIL'}  {name}{f': {detail}' if detail else ''}\n")
        self.out.flush()
        if not ok:
            self.failures.append(name)
        return ok


def _wait(condition: Callable[[], bool], seconds: float = STEP_SECONDS) -> bool:
    from PySide6.QtCore import QCoreApplication, QEventLoop
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.005)
    return True


def _private_places(root: Path) -> None:
    """Point every folder Starlight writes to into `root`, before Qt or the catalog is touched."""
    os.environ["STARLIGHT_DATA_DIR"] = str(root / "data")
    os.environ["STARLIGHT_CACHE_DIR"] = str(root / "cache")
    # No network from a self-test: the providers' addresses lead nowhere.
    os.environ["STARLIGHT_OFFLINE"] = "1"
    from PySide6.QtCore import QSettings
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(root / "config"))


def run_self_test(out: TextIO | None = None) -> int:
    # A windowed Windows program has no stdout: the exit code still tells (starlight-cli.exe prints the lines).
    out = out or sys.stdout or io.StringIO()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # never on the person's screen; read when the QApplication is made
    test = SelfTest(out)
    with tempfile.TemporaryDirectory(prefix="starlight-self-test-") as folder:
        _private_places(Path(folder))
        try:
            return _run(test, Path(folder))
        except Exception as e:  # a broken installation fails in ways no check foresaw: say so, in one line
            test.check("self-test ran to the end", False, f"{type(e).__name__}: {e}")
            out.write(f"FAILED: {', '.join(test.failures)}\n")
            return 1


def _run(test: SelfTest, root: Path) -> int:
    started = time.monotonic()
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QTranslator, qVersion
    from PySide6.QtGui import QImageReader
    from PySide6.QtWidgets import QApplication

    from .. import APP_NAME, __version__
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    test.out.write(f"{APP_NAME} {__version__} self-test: Python {sys.version.split()[0]}, Qt {qVersion()}, "
                   f"PySide6 {pyside_version}, {'frozen build' if getattr(sys, 'frozen', False) else 'source'}\n")

    from .app_resources import app_icon, identify, install_translators, shipped_languages, translations_dir
    identify(app)
    icon = app_icon()
    test.check("application icon", not icon.isNull() and not icon.pixmap(64, 64).isNull())
    formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    needed = {"png", "jpeg", "webp", "gif", "svg"}
    test.check("image formats", needed <= formats, ", ".join(sorted(needed - formats)) or ", ".join(sorted(needed)))
    languages = shipped_languages()
    test.check("translations", bool(languages), ", ".join(languages) or "no .qm files")
    korean = QTranslator()
    menu = korean.translate("MainWindow", "&File") if korean.load(str(translations_dir() / "starlight_ko.qm")) else ""
    test.check("Korean translation", bool(menu) and menu != "&File", menu or "did not load")
    install_translators(app)

    from ..providers.http import certificate_bundle
    from ..store.db import postgres_driver
    ca_bundle = certificate_bundle()
    test.check("TLS certificates", ca_bundle.is_file() and ca_bundle.stat().st_size > 10_000, str(ca_bundle))
    driver = postgres_driver()
    # Only the packaged app promises shared catalogs; a source install may leave the driver out.
    test.check("PostgreSQL driver", driver is not None or not getattr(sys, "frozen", False),
               driver or "not installed")

    from ..services.catalog import Catalog
    from ..services.paths import default_catalog
    from ..services.sample import load_sample
    catalog = Catalog.open(default_catalog())
    try:
        load_sample(catalog)
        test.check("sample catalog", catalog.count() == SAMPLE_WORKS, f"{catalog.count()} works")
        _drive_window(test, catalog)
    finally:
        catalog.close()
    test.out.write(f"{'passed' if not test.failures else 'FAILED: ' + ', '.join(test.failures)} "
                   f"in {time.monotonic() - started:.1f} s\n")
    return 0 if not test.failures else 1


def _drive_window(test: SelfTest, catalog: "Catalog") -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QLabel

    from .main_window import MainWindow
    window = MainWindow(catalog)
    window.show()
    try:
        listed = _wait(lambda: window.model.rowCount() == SAMPLE_WORKS and not window.model.is_loading())
        test.check("main window lists the catalog", listed, window.count_label.text())
        window.search.setText(SEARCH)
        found = _wait(lambda: not window.model.is_loading() and window.model.rowCount() == 1
                      and window.model.index(0, 0).data() == FOUND_TITLE)
        if not test.check(f"search “{SEARCH}”", found, "; ".join(
                str(window.model.index(r, 0).data()) for r in range(window.model.rowCount())) or "nothing found"):
            return  # what follows looks at the work found
        shown = _wait(lambda: FOUND_ORIGINAL in "\n".join(label.text() for label in window.detail.findChildren(QLabel)))
        test.check("detail panel shows the work", shown)

        image = catalog.document([window.model.work_id(0)]).works[0]["images"][0]
        failures: dict[str, str] = {}
        window.posters.poster_failed.connect(lambda digest, why: failures.setdefault(digest, why))
        size = QSize(200, 300)
        # The detail panel asks for its own size first: wait for this one, or for a failure.
        _wait(lambda: window.posters.pixmap(image["hash"], image["mime"], size) is not None
              or image["hash"] in failures)
        pixmap = window.posters.pixmap(image["hash"], image["mime"], size)
        drawn = image["hash"] not in failures and pixmap is not None and pixmap.size() == size
        test.check("poster decoded", drawn, failures.get(image["hash"]) or f"{image['mime']} at 200×300")
    finally:
        window.close()
